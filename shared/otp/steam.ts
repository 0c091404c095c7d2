/**
 * Steam Guard codes: what Valve's Steam app shows. The HMAC and its dynamic
 * truncation are HOTP's (RFC 4226 §5.3) over TOTP's time step (RFC 6238
 * §4.2, 30 s), but the 31-bit number is written as 5 characters of Steam's
 * alphabet instead of decimal digits. Valve never published this; the
 * alphabet and the order are those of Steam Desktop Authenticator and every
 * Steam authenticator after it (KeePassXC, Aegis, steam-totp).
 *
 * A Steam account is stored with its fixed parameters (`STEAM_PARAMS`):
 * SHA1, 5 characters, 30 seconds. Nothing about a Steam account can be
 * chosen, so every way in refuses a Steam account that claims otherwise
 * (`assertSteamParams`) rather than show codes Steam will not accept.
 */
import { AppError } from '../errors';
import type { OtpAlgorithm } from './types';

/** The 26 characters of a Steam code, in value order (no vowels, no 0/1/A/E/I/L/O/S/U/Z). */
export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/** The fixed parameters of every Steam account. */
export const STEAM_PARAMS: { readonly algorithm: OtpAlgorithm; readonly digits: number; readonly period: number } = Object.freeze({
  algorithm: 'SHA1',
  digits: 5,
  period: 30,
});

/**
 * Writes the 31-bit number of HOTP's dynamic truncation as a Steam code: 5
 * base-26 digits of {@link STEAM_ALPHABET}, least significant first (the
 * number is larger than 26^5, so its top part is dropped, as Steam does).
 */
export function formatSteamCode(binary: number): string {
  let rest = binary;
  let code = '';
  for (let i = 0; i < STEAM_PARAMS.digits; i++) {
    code += STEAM_ALPHABET[rest % STEAM_ALPHABET.length];
    rest = Math.floor(rest / STEAM_ALPHABET.length);
  }
  return code;
}

/**
 * Throws AppError `steam_params_fixed` (naming the field and its value)
 * unless the parameters that are given are Steam's: SHA1, 5 characters, 30
 * seconds. A parameter left out (undefined) is fine: it is Steam's.
 */
export function assertSteamParams(params: { algorithm?: unknown; digits?: unknown; period?: unknown }): void {
  for (const field of ['algorithm', 'digits', 'period'] as const) {
    const value = params[field];
    if (value !== undefined && value !== STEAM_PARAMS[field]) {
      throw new AppError('steam_params_fixed', { field, value: typeof value === 'number' || typeof value === 'string' ? value : typeof value });
    }
  }
}
