/**
 * TOTP code generation (RFC 6238) over HOTP. The time is always a parameter
 * (`now`, ms since the Unix epoch), so callers and tests need no clock.
 *
 * The time step is computed here rather than by otpauth's `TOTP.counter`
 * so that generation and verification share one definition of the step.
 * Times past 2^32 seconds (RFC 6238 §4.2, e.g. T = 20000000000) are fine:
 * the step is a JS number and HOTP encodes it as 8 bytes.
 */
import { createHotpGenerator } from './hotp';
import { assertOtpPeriod, assertOtpTime } from './params';
import type { OtpParams } from './types';

/** What TOTP generation needs from an account; `type: 'steam'` gives Steam Guard codes (steam.ts). */
export type TotpParams = Pick<OtpParams, 'secret' | 'algorithm' | 'digits' | 'period'> & Partial<Pick<OtpParams, 'type'>>;

/**
 * Returns the time step T = floor((now - T0) / X) with T0 = 0 (RFC 6238 §4.2).
 *
 * @param now Milliseconds since the Unix epoch, 0 or more.
 * @param period Step length X in seconds, positive.
 * @throws AppError `time_invalid` or `period_invalid`.
 */
export function totpStep(now: number, period: number): number {
  assertOtpTime(now);
  assertOtpPeriod(period);
  // One division of the exact ms values avoids the double rounding of now / 1000 / period.
  return Math.floor(now / (period * 1000));
}

/**
 * Returns the whole seconds left before the code changes, rounded up, as a
 * countdown shows it: `period` at the start of a step, 1 in its last second.
 *
 * @throws AppError `time_invalid` or `period_invalid`.
 */
export function secondsRemaining(now: number, period: number): number {
  assertOtpTime(now);
  assertOtpPeriod(period);
  const periodMs = period * 1000;
  return Math.ceil((periodMs - (now % periodMs)) / 1000);
}

/**
 * Returns the TOTP code for the step containing `now` (RFC 6238 §4.2).
 *
 * @throws AppError for bad params (see `createHotpGenerator`; a steam
 *   account's period must be 30), `period_invalid` or `time_invalid`.
 */
export function generateTotp(params: TotpParams, now: number): string {
  const step = totpStep(now, params.period);
  return createHotpGenerator(params)(step);
}
