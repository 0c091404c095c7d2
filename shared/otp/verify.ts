/**
 * The verification primitive: does a code match within a window of steps or
 * counters? Free of policy: replay protection, throttling and lockout belong
 * to the caller (shared/portal), which gets the matched step or counter back
 * for exactly that purpose.
 *
 * Hardening:
 * - The code is normalised and checked to be exactly `digits` ASCII digits
 *   before any parameter is used or any HMAC is computed, so malformed
 *   input costs nothing and reveals nothing.
 * - Every candidate in the window is computed and compared, with a
 *   constant-time string compare; a match does not end the loop early, so
 *   the time taken does not reveal which step matched.
 */
import { AppError } from '../errors';
import { createHotpGenerator, type HotpParams } from './hotp';
import { assertOtpCounter } from './params';
import { totpStep, type TotpParams } from './totp';

/**
 * Largest window accepted, in steps or counters. A guard against a caller
 * passing an unbounded number, not a policy: RFC 6238 §5.2 recommends at
 * most one step back, and look-ahead windows are typically 10 or so.
 */
export const MAX_VERIFY_WINDOW = 1000;

/** Input to `verifyTotp`. */
export interface VerifyTotpInput {
  /** The account's secret, algorithm, digits and period. */
  params: TotpParams;
  /** The code as typed; surrounding and inner whitespace is ignored ("287 082"). */
  code: string;
  /** Verification time in ms since the Unix epoch. */
  now: number;
  /** Steps accepted on each side of the current step (RFC 6238 §5.2); 0 means the current step only. */
  window: number;
}

/** Which time step a TOTP code matched. */
export interface TotpMatch {
  /** The absolute time step T the code belongs to (for replay protection). */
  matchedStep: number;
  /** `matchedStep` minus the current step: negative for a code from the past, positive for one from the future. */
  delta: number;
}

/** Input to `verifyHotp`. */
export interface VerifyHotpInput {
  /** The account's secret, algorithm and digits. */
  params: HotpParams;
  /** The code as typed; surrounding and inner whitespace is ignored. */
  code: string;
  /** The next counter value the verifier expects. */
  counter: number;
  /** How many counters past `counter` are also tried (look-ahead, RFC 4226 §7.4); 0 means `counter` only. */
  window: number;
}

/** Which counter an HOTP code matched. */
export interface HotpMatch {
  /** The counter the code was generated with; the verifier's next counter is this plus one. */
  matchedCounter: number;
  /** `matchedCounter` minus the expected counter, 0 or more. */
  delta: number;
}

/**
 * Returns the code with surrounding and inner whitespace removed if what is
 * left is exactly `digits` ASCII digits, else null.
 */
export function normalizeOtpCode(code: unknown, digits: number): string | null {
  if (typeof code !== 'string') return null;
  const compact = code.replace(/\s+/g, '');
  // [0-9], not \d with the u flag or Number(): no full-width or other digits, signs, dots or exponents.
  return compact.length === digits && /^[0-9]+$/.test(compact) ? compact : null;
}

/**
 * Returns whether two strings are equal, taking time that depends only on
 * their lengths, not on where they differ.
 */
export function compareConstantTime(a: string, b: string): boolean {
  const length = Math.max(a.length, b.length);
  let difference = a.length ^ b.length;
  for (let i = 0; i < length; i++) {
    // charCodeAt past the end is NaN, and NaN | 0 is 0; the length check above already differs.
    difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  }
  return difference === 0;
}

/** Throws AppError `window_invalid` unless `window` is a whole number from 0 to MAX_VERIFY_WINDOW. */
function assertWindow(window: unknown): asserts window is number {
  if (typeof window !== 'number' || !Number.isInteger(window) || window < 0 || window > MAX_VERIFY_WINDOW) {
    throw new AppError('window_invalid', {
      field: 'window',
      value: typeof window === 'number' ? window : typeof window,
    });
  }
}

/**
 * Verifies a TOTP code against the steps `current - window` to
 * `current + window` (steps before 0 are skipped). When several steps match
 * (a 1-in-10^digits coincidence), the one nearest the current step wins,
 * the earlier one on a tie.
 *
 * @returns The matched step, or null if the code is malformed or matches no step.
 * @throws AppError for bad params, time or window; never for a bad code.
 */
export function verifyTotp({ params, code, now, window }: VerifyTotpInput): TotpMatch | null {
  const normalized = normalizeOtpCode(code, params.digits);
  if (normalized === null) return null;
  assertWindow(window);
  const current = totpStep(now, params.period);
  const generate = createHotpGenerator(params);

  let match: TotpMatch | null = null;
  // Order 0, -1, +1, -2, +2, ... so the first match is the nearest; all are computed regardless.
  for (let distance = 0; distance <= window; distance++) {
    for (const delta of distance === 0 ? [0] : [-distance, distance]) {
      const step = current + delta;
      if (step < 0 || !Number.isSafeInteger(step)) continue;
      const equal = compareConstantTime(generate(step), normalized);
      if (equal && match === null) match = { matchedStep: step, delta };
    }
  }
  return match;
}

/**
 * Verifies an HOTP code against the counters `counter` to
 * `counter + window` (look-ahead, RFC 4226 §7.4). When several match, the
 * lowest counter wins.
 *
 * @returns The matched counter, or null if the code is malformed or matches no counter.
 * @throws AppError for bad params, counter or window; never for a bad code.
 */
export function verifyHotp({ params, code, counter, window }: VerifyHotpInput): HotpMatch | null {
  const normalized = normalizeOtpCode(code, params.digits);
  if (normalized === null) return null;
  assertWindow(window);
  assertOtpCounter(counter);
  const generate = createHotpGenerator(params);

  let match: HotpMatch | null = null;
  for (let delta = 0; delta <= window; delta++) {
    const candidate = counter + delta;
    if (!Number.isSafeInteger(candidate)) continue;
    const equal = compareConstantTime(generate(candidate), normalized);
    if (equal && match === null) match = { matchedCounter: candidate, delta };
  }
  return match;
}
