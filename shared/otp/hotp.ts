/**
 * HOTP code generation (RFC 4226) over the `otpauth` package.
 *
 * otpauth's HOTP writes the counter as 8 big-endian bytes (RFC 4226 §5.1)
 * and is correct for any integer up to 2^53 - 1, but it does not check its
 * input: a negative or fractional counter silently yields a code for some
 * other counter. So every value is checked here before otpauth sees it.
 */
import { HOTP, Secret } from 'otpauth';
import { decodeBase32, normalizeBase32Secret } from './base32';
import { assertCodeParams, assertOtpCounter } from './params';
import { formatSteamCode } from './steam';
import type { OtpParams } from './types';

/**
 * What HOTP generation needs from an account; with `type: 'steam'`, codes
 * are Steam's 5 characters (steam.ts), any other type (or none) decimal digits.
 */
export type HotpParams = Pick<OtpParams, 'secret' | 'algorithm' | 'digits'> & Partial<Pick<OtpParams, 'type' | 'period'>>;

/** Computes the code for one counter value with already-checked parameters. */
export type HotpGenerator = (counter: number) => string;

/**
 * Checks `params` once and returns a function computing the code for any
 * counter, so verification can try several counters without decoding the
 * secret each time.
 *
 * @throws AppError `missing_secret`, `secret_not_base32`,
 *   `unsupported_algorithm`, `digits_out_of_range` or `steam_params_fixed`
 *   for bad params; the returned function throws `counter_invalid` for a bad counter.
 */
export function createHotpGenerator(params: HotpParams): HotpGenerator {
  const { algorithm, digits } = params;
  assertCodeParams(params);
  const bytes = decodeBase32(normalizeBase32Secret(params.secret));
  const secret = new Secret({ buffer: bytes.buffer });
  if (params.type === 'steam') {
    return (counter) => {
      assertOtpCounter(counter);
      // 10 digits keep the whole 31-bit truncated number (it is below 10^10), which Steam writes in its own alphabet.
      return formatSteamCode(Number(HOTP.generate({ secret, algorithm, digits: 10, counter })));
    };
  }
  return (counter) => {
    assertOtpCounter(counter);
    return HOTP.generate({ secret, algorithm, digits, counter });
  };
}

/**
 * Returns the HOTP code for `counter` (RFC 4226 §5.3), zero-padded to
 * `params.digits`.
 *
 * @throws AppError for bad params (see `createHotpGenerator`) or
 *   `counter_invalid` unless `counter` is a whole number from 0 to 2^53 - 1.
 */
export function generateHotp(params: HotpParams, counter: number): string {
  return createHotpGenerator(params)(counter);
}
