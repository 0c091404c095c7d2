/**
 * Locks the app after the chosen idle time, and when it comes back after
 * being hidden for that long (issue 6). The decision is the vault's pure rule
 * (`shouldLock`, `msUntilAutoLock`); this hook only feeds it the last
 * activity, since when the page is hidden, and the time, and runs one timer.
 */
import { useEffect, useRef } from 'preact/hooks';
import { msUntilAutoLock, shouldLock, type AutoLockMinutes } from '../../../shared/vault/lock-policy';

/** What counts as the person using the app. */
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/** Options of {@link useAutoLock}. */
export interface AutoLockOptions {
  /** Whether there is anything to lock (the lock is on and the vault is open). */
  active: boolean;
  /** The chosen idle time. */
  idleMinutes: AutoLockMinutes;
  /** Locks the app. */
  onLock(): void;
}

/** Runs the auto-lock while `active`. */
export function useAutoLock({ active, idleMinutes, onLock }: AutoLockOptions): void {
  const onLockRef = useRef(onLock);
  onLockRef.current = onLock;

  useEffect(() => {
    if (!active || idleMinutes === 'never') return;
    let lastActivity = Date.now();
    let hiddenSince: number | null = document.visibilityState === 'hidden' ? Date.now() : null;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const input = () => ({ lastActivity, hiddenSince, now: Date.now(), idleMinutes });
    /** Locks if it is time; otherwise sets the timer for when it will be (activity meanwhile only moves the deadline on). */
    const check = (): boolean => {
      clearTimeout(timer);
      if (shouldLock(input())) {
        onLockRef.current();
        return true;
      }
      const wait = msUntilAutoLock(input());
      if (wait !== null) timer = setTimeout(check, wait);
      return false;
    };
    const onActivity = () => {
      if (hiddenSince === null) lastActivity = Date.now();
    };
    const onVisibilityChange = () => {
      if (document.visibilityState === 'hidden') {
        hiddenSince ??= Date.now();
        check();
        return;
      }
      // Back in view: judge the time spent hidden first (timers are throttled in the background).
      if (check()) return;
      hiddenSince = null;
      check();
    };

    for (const type of ACTIVITY_EVENTS) document.addEventListener(type, onActivity, { capture: true, passive: true });
    document.addEventListener('visibilitychange', onVisibilityChange);
    check();
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) document.removeEventListener(type, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [active, idleMinutes]);
}
