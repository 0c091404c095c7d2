/**
 * The clock the code list runs on. Codes change on period boundaries, and the
 * next code appears a few seconds before one, so nothing needs to re-render in
 * between: the clock keeps one timer per distinct period, aimed at that
 * period's next event (the "next code soon" mark or the boundary), and wakes
 * only the cards with that period. The countdown ring is a CSS animation keyed
 * to the step, so no JavaScript runs per frame or per second.
 */
import { useLayoutEffect, useState } from 'preact/hooks';
import { whenIdle } from './idle-queue';
import { isInViewport, type RenderingSkip } from './rendering-skip';

/** How long before a step ends its next code is shown, in milliseconds. */
export const NEXT_CODE_LEAD_MS = 5_000;

/** Where the clock is within one period. */
export interface ClockPhase {
  /** The TOTP time step: `floor(now / period)` (RFC 6238 §4.2, T0 = 0). */
  step: number;
  /** When the step started, in milliseconds since the epoch. */
  stepStart: number;
  /** Whether fewer than {@link NEXT_CODE_LEAD_MS} remain in the step, so the next code is worth showing. */
  soon: boolean;
}

/** A source of time that tells subscribers when their period's phase changes. */
export interface Clock {
  /** The current time in milliseconds since the epoch. */
  now(): number;
  /** The phase of `period` (seconds) at the current time. */
  phase(period: number): ClockPhase;
  /**
   * Calls `listener` whenever the phase of `period` may have changed (a step
   * boundary, the "soon" mark, or the page coming back into view); returns the
   * unsubscribe function. Listeners of one period share one timer.
   */
  subscribe(period: number, listener: () => void): () => void;
}

/**
 * Returns the phase of a period at a time.
 *
 * @param now Milliseconds since the epoch.
 * @param period Step length in seconds, positive.
 */
export function phaseAt(now: number, period: number): ClockPhase {
  const periodMs = period * 1000;
  const step = Math.floor(now / periodMs);
  const stepStart = step * periodMs;
  return { step, stepStart, soon: hasLead(period) && stepStart + periodMs - now <= NEXT_CODE_LEAD_MS };
}

/** Very short periods would show the next code half of the time; they don't get one. */
function hasLead(period: number): boolean {
  return period * 1000 >= NEXT_CODE_LEAD_MS * 3;
}

/** Milliseconds from `now` to the next phase change of `period`. */
function msToNextEvent(now: number, period: number): number {
  const periodMs = period * 1000;
  const into = now - Math.floor(now / periodMs) * periodMs;
  const soonMark = periodMs - NEXT_CODE_LEAD_MS;
  return hasLead(period) && into < soonMark ? soonMark - into : periodMs - into;
}

interface PeriodTimer {
  listeners: Set<() => void>;
  timer: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Makes a clock over `Date.now` (tests of the model may pass another source).
 * Timers are re-aimed when the page becomes visible again, since browsers
 * throttle timers in hidden pages and the device may have slept.
 */
export function createClock(now: () => number = () => Date.now()): Clock {
  const periods = new Map<number, PeriodTimer>();

  function arm(period: number, entry: PeriodTimer): void {
    clearTimeout(entry.timer);
    // +1 ms lands just past the boundary rather than on it, whatever the timer's rounding.
    entry.timer = setTimeout(() => fire(period), msToNextEvent(now(), period) + 1);
  }

  function fire(period: number): void {
    const entry = periods.get(period);
    if (!entry) return;
    arm(period, entry);
    for (const listener of [...entry.listeners]) listener();
  }

  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') for (const period of periods.keys()) fire(period);
    });
  }

  return {
    now,
    phase: (period) => phaseAt(now(), period),
    subscribe(period, listener) {
      let entry = periods.get(period);
      if (!entry) {
        entry = { listeners: new Set(), timer: undefined };
        periods.set(period, entry);
        arm(period, entry);
      }
      entry.listeners.add(listener);
      return () => {
        const current = periods.get(period);
        if (!current) return;
        current.listeners.delete(listener);
        if (current.listeners.size === 0) {
          clearTimeout(current.timer);
          periods.delete(period);
        }
      };
    },
  };
}

/**
 * The phase of `period` on `clock`, re-rendering the caller only when the step
 * or the "soon" flag changes. Pass `period` undefined (HOTP) to subscribe to nothing.
 *
 * With `rendering` and `element`, updates wait while the caller is off screen:
 * while the browser skips rendering it (its group of cards is off screen under
 * `content-visibility: auto`), or while `element` is outside the viewport at
 * the tick. They run in idle time, as many at a time as the idle period has
 * room for (see idle-queue.ts), and at once when the group comes back into
 * view, before it is painted. So at a boundary only the cards on screen
 * re-render in that frame, and a list of 1,000 doesn't stutter.
 */
export function useClockPhase(
  clock: Clock,
  period: number | undefined,
  rendering?: RenderingSkip,
  element?: { readonly current: Element | null },
): ClockPhase | undefined {
  const [phase, setPhase] = useState(() => (period === undefined ? undefined : clock.phase(period)));
  // Subscribed at commit rather than after paint: a card that appears mid-step must not miss its boundary.
  useLayoutEffect(() => {
    if (period === undefined) {
      setPhase(undefined);
      return undefined;
    }
    let pending = false;
    let active = true;
    const update = () => {
      pending = false;
      if (!active) return;
      setPhase((previous) => {
        const next = clock.phase(period);
        return previous && previous.step === next.step && previous.soon === next.soon ? previous : next;
      });
    };
    const onScreen = () => !rendering?.skipped && (!element?.current || isInViewport(element.current));
    const onTick = () => {
      if (onScreen()) update();
      else if (!pending) {
        pending = true;
        whenIdle('card-update', () => {
          if (pending) update();
        });
      }
    };
    const stopWatching = rendering?.subscribe((skipped) => {
      if (!skipped && pending) update();
    });
    update();
    const unsubscribe = clock.subscribe(period, onTick);
    return () => {
      active = false;
      unsubscribe();
      stopWatching?.();
    };
  }, [clock, period, rendering]);
  return phase;
}
