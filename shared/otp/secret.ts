/**
 * Secret generation for new MFA enrolments.
 */
import { encodeBase32 } from './base32';

/** Secret length in bytes: 160 bits, the length RFC 4226 §4 (R6) recommends. */
export const SECRET_BYTES = 20;

/**
 * Returns a new random secret: 20 bytes from `crypto.getRandomValues` as
 * upper-case Base32 without padding (32 characters).
 */
export function generateSecret(): string {
  const bytes = new Uint8Array(SECRET_BYTES);
  globalThis.crypto.getRandomValues(bytes);
  return encodeBase32(bytes);
}
