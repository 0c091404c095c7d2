/**
 * Passwords, stored only as salted PBKDF2-SHA256 hashes (WebCrypto), as NIST
 * SP 800-63B §5.1.1.2 asks and with OWASP's current work factor for
 * PBKDF2-HMAC-SHA256 (600,000 iterations).
 */
import type { PasswordHash } from './model';
import { decodeBase64, encodeBase64, generateRandomBytes } from './encoding';

/** The iteration count production uses for new hashes; never lower (OWASP Password Storage Cheat Sheet, 2023). */
export const PBKDF2_ITERATIONS = 600_000;

/** Salt length in bytes (NIST SP 800-63B §5.1.1.2 asks for at least 32 bits; 128 is customary). */
export const PASSWORD_SALT_BYTES = 16;

/** Length of the derived key in bytes: one SHA-256 output. */
const DERIVED_BYTES = 32;

/** Longest password accepted, in characters; longer input is refused before any hashing. */
export const MAX_PASSWORD_LENGTH = 1024;

/** Derives PBKDF2-HMAC-SHA256 bits of `password` with `salt` and `iterations`. */
async function derive(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    DERIVED_BYTES * 8,
  );
  return new Uint8Array(bits);
}

/**
 * Hashes a password with a fresh random 16-byte salt.
 *
 * @param iterations The work factor; production always uses {@link PBKDF2_ITERATIONS}
 *   (tests of other rules pass fewer to stay fast).
 * @throws RangeError unless `iterations` is a positive whole number.
 */
export async function hashPassword(password: string, iterations: number = PBKDF2_ITERATIONS): Promise<PasswordHash> {
  if (!Number.isSafeInteger(iterations) || iterations < 1) throw new RangeError('iterations must be a positive integer');
  const salt = generateRandomBytes(PASSWORD_SALT_BYTES);
  const hash = await derive(password, salt, iterations);
  return { algorithm: 'PBKDF2-SHA256', iterations, salt: encodeBase64(salt), hash: encodeBase64(hash) };
}

/**
 * Returns whether `password` matches the stored hash, comparing the derived
 * bytes in constant time. A malformed record (unknown algorithm, bad base64,
 * wrong length) never matches; an over-long or non-string password never
 * matches and is not hashed.
 */
export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  if (typeof password !== 'string' || password.length > MAX_PASSWORD_LENGTH) return false;
  if (stored.algorithm !== 'PBKDF2-SHA256' || !Number.isSafeInteger(stored.iterations) || stored.iterations < 1) {
    return false;
  }
  const salt = decodeBase64(stored.salt);
  const expected = decodeBase64(stored.hash);
  if (!salt || !expected || expected.length !== DERIVED_BYTES) return false;
  const actual = await derive(password, salt, stored.iterations);
  return equalBytesConstantTime(actual, expected);
}

/** The fewest characters a new password may have (NIST SP 800-63B §5.1.1.2). */
export const MIN_PASSWORD_LENGTH = 8;

/** What is wrong with a new password, for `password_invalid`'s `reason`. */
export type NewPasswordProblem = 'too_short' | 'too_long' | 'mismatch';

/**
 * Returns what is wrong with a new password, or null: at least 8 characters
 * (counted as code points) and at most {@link MAX_PASSWORD_LENGTH}, any
 * characters, no composition rules (NIST SP 800-63B §5.1.1.2); when `repeat`
 * is given, it must be the same.
 */
export function findNewPasswordProblem(password: unknown, repeat?: string): NewPasswordProblem | null {
  if (typeof password !== 'string') return 'too_short';
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'too_long';
  if (repeat !== undefined && repeat !== password) return 'mismatch';
  return null;
}

/** Returns whether two byte arrays are equal, in time that depends only on their lengths. */
export function equalBytesConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}
