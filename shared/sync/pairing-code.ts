/**
 * The one-time pairing code the person types on the new device: 10
 * characters of Crockford's Base32 (digits and upper-case letters without
 * I, L, O and U), 50 random bits. Shown as two groups of five ("7KQ2M-XW9DA").
 * Reading it forgives what people mistype or mishear: lower case, spaces and
 * dashes, O for 0, I or L for 1 (Crockford, "Base 32", 2002).
 */

/** Crockford's Base32 alphabet: no I, L, O, U, so no two characters look alike. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Characters in a pairing code. */
export const PAIRING_CODE_LENGTH = 10;

/** Random bits in a pairing code: 5 a character. */
export const PAIRING_CODE_BITS = PAIRING_CODE_LENGTH * 5;

/** A fresh random pairing code, canonical (upper case, no dash). Each character takes 5 bits of a random byte, so all 2^50 codes are equally likely. */
export function createPairingCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(PAIRING_CODE_LENGTH));
  let code = '';
  for (const byte of bytes) code += ALPHABET[byte & 31];
  return code;
}

/** The code as shown: two groups of five, "7KQ2M-XW9DA". */
export function formatPairingCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * The canonical code from what the person typed: upper case, without spaces
 * and dashes, O read as 0 and I or L as 1. Undefined when it is not 10
 * characters of the alphabet (U included: Crockford keeps it out).
 */
export function normalizePairingCode(input: string): string | undefined {
  // ASCII only: String#toUpperCase would turn 'ß' into 'SS' and change the length.
  if (typeof input !== 'string' || input.length > 64 || !/^[\x20-\x7e]*$/.test(input)) return undefined;
  const clean = input
    .replace(/[\s-]/g, '')
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (clean.length !== PAIRING_CODE_LENGTH) return undefined;
  for (const ch of clean) if (!ALPHABET.includes(ch)) return undefined;
  return clean;
}
