/**
 * Checks for OTP parameters, shared by generation, verification and the Key
 * URI parser/formatter so every path rejects the same values the same way.
 * Each check throws an AppError naming the field; none ever puts the secret
 * into the error.
 */
import { AppError } from '../errors';
import { assertSteamParams } from './steam';
import { OTP_ALGORITHMS, OTP_DIGITS_RANGE, type OtpAlgorithm, type OtpType } from './types';

/** Describes an unexpected value briefly for error details (never used for secrets). */
function describeValue(value: unknown): string | number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.slice(0, 40);
  return typeof value;
}

/** Returns whether `value` is a supported algorithm name exactly as stored ("SHA1", "SHA256", "SHA512"). */
export function isOtpAlgorithm(value: unknown): value is OtpAlgorithm {
  return typeof value === 'string' && (OTP_ALGORITHMS as readonly string[]).includes(value);
}

/** Throws AppError `unsupported_algorithm` unless `value` is SHA1, SHA256 or SHA512. */
export function assertOtpAlgorithm(value: unknown): asserts value is OtpAlgorithm {
  if (!isOtpAlgorithm(value)) {
    throw new AppError('unsupported_algorithm', { field: 'algorithm', value: describeValue(value) });
  }
}

/** Throws AppError `digits_out_of_range` unless `value` is an integer from 6 to 10. */
export function assertOtpDigits(value: unknown): asserts value is number {
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < OTP_DIGITS_RANGE.min ||
    value > OTP_DIGITS_RANGE.max
  ) {
    throw new AppError('digits_out_of_range', { field: 'digits', value: describeValue(value) });
  }
}

/**
 * Throws AppError `period_invalid` unless `value` is a positive finite number
 * of seconds. Generation accepts any positive period; the Key URI Format
 * further requires a whole number (see `assertUriPeriod` in otpauth-uri.ts).
 */
export function assertOtpPeriod(value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new AppError('period_invalid', { field: 'period', value: describeValue(value) });
  }
}

/**
 * Throws AppError `counter_invalid` unless `value` is a whole number from 0
 * to 2^53 - 1 (HOTP's counter is 8 bytes, RFC 4226 §5.1; a JS number holds
 * integers exactly only up to 2^53 - 1).
 */
export function assertOtpCounter(value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new AppError('counter_invalid', { field: 'counter', value: describeValue(value) });
  }
}

/** Throws AppError `time_invalid` unless `now` is a finite, non-negative ms epoch time. */
export function assertOtpTime(now: unknown): asserts now is number {
  if (typeof now !== 'number' || !Number.isFinite(now) || now < 0) {
    throw new AppError('time_invalid', { field: 'now' });
  }
}

/**
 * Checks what shapes a code: for `steam`, Steam's fixed parameters
 * (`assertSteamParams`: SHA1, 5, and 30 s when a period is given); for totp
 * and hotp (or no type), a supported algorithm and 6 to 10 digits.
 *
 * @throws AppError `steam_params_fixed`, `unsupported_algorithm` or `digits_out_of_range`.
 */
export function assertCodeParams(params: { type?: OtpType; algorithm: unknown; digits: unknown; period?: unknown }): void {
  if (params.type === 'steam') {
    assertSteamParams(params);
    return;
  }
  assertOtpAlgorithm(params.algorithm);
  assertOtpDigits(params.digits);
}
