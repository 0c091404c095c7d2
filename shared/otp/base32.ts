/**
 * Base32 (RFC 4648 §6) for OTP secrets. Input is forgiving in the ways people
 * and issuers write secrets (lower case, groups separated by spaces or dashes,
 * `=` padding); output is canonical: upper case, no padding, no separators.
 */
import { AppError } from '../errors';
import { INPUT_LIMITS } from './input-limits';

/** The RFC 4648 Base32 alphabet. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Alphabet index per char code; -1 for characters outside the alphabet. Lower-case ASCII maps like upper case. */
const INDEX: Int8Array = (() => {
  const index = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) {
    index[ALPHABET.charCodeAt(i)] = i;
    // Only ASCII letters fold: String#toUpperCase would turn 'ı' into 'I' and 'ß' into 'SS'.
    if (i < 26) index[ALPHABET.charCodeAt(i) + 32] = i;
  }
  return index;
})();

/** Separators people use to group a secret for reading: whitespace and dashes. */
const SEPARATOR = /[\s-]/;

/**
 * Lengths (mod 8) that no whole number of bytes encodes to (RFC 4648 §6:
 * 8, 16, 24, 32 or 40 bits give 2, 4, 5, 7 or 8 characters). Such a secret
 * has a character too many or too few, usually a typing slip.
 */
const IMPOSSIBLE_LENGTHS_MOD_8 = new Set([1, 3, 6]);

/**
 * Returns the Base32 characters of `input`, upper-cased, without separators
 * or padding. Throws AppError `secret_not_base32` (with the 1-based
 * `position` of the first bad character, never the character itself) when
 * a character is outside the alphabet or follows padding, or when the
 * length cannot encode whole bytes; `input_too_long` as soon as more than
 * `maxLength` Base32 characters are seen, so a huge input is never copied.
 */
function cleanBase32(input: string, maxLength: number): string {
  let clean = '';
  let padded = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i] as string;
    if (SEPARATOR.test(ch)) continue;
    if (ch === '=') {
      padded = true;
      continue;
    }
    const code = ch.charCodeAt(0);
    const value = code < 128 ? (INDEX[code] as number) : -1;
    if (value < 0 || padded) {
      throw new AppError('secret_not_base32', { field: 'secret', reason: 'character', position: i + 1 });
    }
    clean += ALPHABET[value];
    if (clean.length > maxLength) throw new AppError('input_too_long', { field: 'secret', limit: maxLength });
  }
  if (IMPOSSIBLE_LENGTHS_MOD_8.has(clean.length % 8)) {
    throw new AppError('secret_not_base32', { field: 'secret', reason: 'length' });
  }
  return clean;
}

/**
 * Decodes Base32 (RFC 4648) to bytes. Case-insensitive; spaces, dashes and
 * trailing `=` padding are ignored. Leftover bits of the last character are
 * dropped, as most authenticators do.
 *
 * @throws AppError `secret_not_base32` for any other character, or a length
 *   that cannot encode whole bytes.
 */
export function decodeBase32(input: string): Uint8Array<ArrayBuffer> {
  // Not capped: this decodes stored secrets too, and one stored before the cap must keep its codes.
  const clean = cleanBase32(input, Infinity);
  const bytes = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let offset = 0;
  for (let i = 0; i < clean.length; i++) {
    buffer = ((buffer << 5) | (INDEX[clean.charCodeAt(i)] as number)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[offset++] = (buffer >>> bits) & 0xff;
    }
  }
  return bytes;
}

/** Encodes bytes as Base32 (RFC 4648): upper case, without `=` padding. */
export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) {
    buffer = ((buffer << 8) | (bytes[i] as number)) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Normalises a secret as typed or scanned into the form `OtpParams.secret`
 * stores: upper case, no spaces, dashes or padding ("jbsw y3dp-ehpk 3pxp=="
 * becomes "JBSWY3DPEHPK3PXP"). The characters are kept as given, not
 * re-encoded, so the user sees the same key.
 *
 * @throws AppError `missing_secret` when nothing but separators is given;
 *   `secret_not_base32` when it is not Base32; `input_too_long` beyond
 *   `INPUT_LIMITS.secret` Base32 characters.
 */
export function normalizeBase32Secret(input: string): string {
  if (typeof input !== 'string') throw new AppError('missing_secret', { field: 'secret' });
  const clean = cleanBase32(input, INPUT_LIMITS.secret);
  if (clean.length === 0) throw new AppError('missing_secret', { field: 'secret' });
  return clean;
}
