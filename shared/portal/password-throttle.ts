/**
 * Throttling of the password step, pure (NIST SP 800-63B §5.2.2, rate
 * limiting): the first 4 wrong passwords in a row cost nothing; from the 5th
 * on, each one makes the account wait before the next try, 5 seconds doubling
 * up to 15 minutes. A successful sign-in resets the count.
 *
 * The attempt is counted BEFORE the password is hashed (it is "reserved" as a
 * failure in the transaction that checks the wait), so tabs trying passwords
 * in parallel cannot all pass the check while the first is still hashing.
 * A success then resets the count.
 */
import type { PasswordThrottle } from './model';

/** Failures in a row that are free of any wait; the next one starts the delays. */
export const FREE_PASSWORD_FAILURES = 4;

/** The first wait (ms), after the 5th failure in a row. */
export const FIRST_PASSWORD_DELAY_MS = 5_000;

/** The longest wait (ms). */
export const MAX_PASSWORD_DELAY_MS = 15 * 60 * 1000;

/** No failures. */
export const INITIAL_PASSWORD_THROTTLE: PasswordThrottle = Object.freeze({ failures: 0, retryAt: null, lastFailureAt: null });

/** The wait (ms) after `failures` wrong passwords in a row: 0 up to 4, then 5 s doubling, at most 15 minutes. */
export function passwordDelay(failures: number): number {
  if (failures <= FREE_PASSWORD_FAILURES) return 0;
  return Math.min(FIRST_PASSWORD_DELAY_MS * 2 ** (failures - FREE_PASSWORD_FAILURES - 1), MAX_PASSWORD_DELAY_MS);
}

/** What the check before a password attempt decided. */
export type PasswordGate =
  /** Go ahead: the attempt is counted as a failure in `throttle` until it succeeds. */
  | { allowed: true; throttle: PasswordThrottle }
  /** Too soon: try again at `retryAt` (ms). */
  | { allowed: false; retryAt: number };

/**
 * Decides whether a password may be checked at `now` and, if so, counts the
 * attempt as a failure (a success resets it afterwards).
 */
export function reservePasswordAttempt(throttle: PasswordThrottle, now: number): PasswordGate {
  if (throttle.retryAt !== null && now < throttle.retryAt) return { allowed: false, retryAt: throttle.retryAt };
  const failures = throttle.failures + 1;
  const delay = passwordDelay(failures);
  return { allowed: true, throttle: { failures, retryAt: delay > 0 ? now + delay : null, lastFailureAt: now } };
}
