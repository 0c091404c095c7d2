/**
 * The countdown ring of a TOTP card: a circle that empties over one period and
 * fills again at each boundary. It is one endless CSS animation, one period per
 * iteration, started at the right point of the current step (a negative delay
 * set once, when the ring appears), so it stays on the clock's boundaries with
 * no JavaScript per frame, per second, or even per step.
 */
import { useMemo } from 'preact/hooks';

/** Props of {@link CountdownRing}. */
export interface CountdownRingProps {
  /** The step length in seconds. */
  period: number;
  /** The current time in milliseconds since the epoch (read once, when the ring appears). */
  now: number;
  /** Whether the code is about to change (the ring turns the warning colour). */
  soon: boolean;
}

/** A ring that drains over each period; decorative (the seconds are not read out). */
export function CountdownRing({ period, now, soon }: CountdownRingProps) {
  const periodMs = period * 1000;
  // Only the first `now` matters: later renders must not restart the animation.
  const style = useMemo(
    () => ({ animationDuration: `${period}s`, animationDelay: `${-(now % periodMs) / 1000}s` }),
    [period],
  );
  return (
    <svg class={soon ? 'ring ring--soon' : 'ring'} viewBox="0 0 36 36" aria-hidden="true" focusable="false">
      <circle class="ring__track" cx="18" cy="18" r="15" pathLength={100} />
      <circle class="ring__bar" cx="18" cy="18" r="15" pathLength={100} style={style} />
    </svg>
  );
}
