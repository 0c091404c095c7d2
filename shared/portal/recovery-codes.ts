/**
 * Recovery codes: 10 single-use codes shown once when MFA is confirmed, for
 * signing in without the authenticator (NIST SP 800-63B §5.1.2, look-up
 * secrets). Each is 10 characters of Crockford's Base32 alphabet (50 bits,
 * no I, L, O or U to misread), shown as `xxxxx-xxxxx`. Only SHA-256 hashes
 * are stored; each hash covers the user's id too, so one table of hashes
 * cannot serve every user at once.
 */
import { compareConstantTime } from '../otp/verify';
import { encodeHex, generateRandomBytes } from './encoding';
import type { UserId } from './model';

/** How many codes one set holds. */
export const RECOVERY_CODE_COUNT = 10;

/** Characters per code, without the dash. */
export const RECOVERY_CODE_LENGTH = 10;

/** Crockford's Base32 alphabet in lower case: 32 symbols, so a random byte masked to 5 bits picks one without bias. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Letters people type for the digits they resemble (Crockford's decoding rules). */
const LOOK_ALIKES: Readonly<Record<string, string>> = { o: '0', i: '1', l: '1' };

/** Returns a new set of {@link RECOVERY_CODE_COUNT} distinct codes, formatted `xxxxx-xxxxx`. */
export function generateRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) {
    const bytes = generateRandomBytes(RECOVERY_CODE_LENGTH);
    let code = '';
    for (let i = 0; i < bytes.length; i++) code += ALPHABET[(bytes[i] as number) & 31];
    codes.add(`${code.slice(0, 5)}-${code.slice(5)}`);
  }
  return [...codes];
}

/**
 * Returns the canonical form of a recovery code as typed (no spaces or
 * dashes, lower case, O read as 0 and I or L as 1), or null when it is not
 * shaped like one.
 */
export function normalizeRecoveryCode(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  let code = '';
  for (const ch of input.replace(/[\s-]+/g, '').toLowerCase()) {
    const mapped = LOOK_ALIKES[ch] ?? ch;
    if (!ALPHABET.includes(mapped)) return null;
    code += mapped;
  }
  return code.length === RECOVERY_CODE_LENGTH ? code : null;
}

/**
 * Returns the stored form of one recovery code: SHA-256 (hex) of the user's id
 * and the canonical code.
 *
 * @param code A code as generated or as typed; it is normalised first.
 * @throws TypeError when `code` is not shaped like a recovery code.
 */
export async function hashRecoveryCode(userId: UserId, code: string): Promise<string> {
  const canonical = normalizeRecoveryCode(code);
  if (canonical === null) throw new TypeError('not a recovery code');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${userId}:${canonical}`));
  return encodeHex(new Uint8Array(digest));
}

/** Hashes a whole set for storage, in order. */
export function hashRecoveryCodes(userId: UserId, codes: readonly string[]): Promise<string[]> {
  return Promise.all(codes.map((code) => hashRecoveryCode(userId, code)));
}

/**
 * Returns the index of `hash` among the stored hashes, or -1. Every stored
 * hash is compared in constant time, so the time taken does not reveal which
 * one (if any) matched.
 */
export function findRecoveryCodeHash(hashes: readonly string[], hash: string): number {
  let found = -1;
  for (let i = 0; i < hashes.length; i++) {
    if (compareConstantTime(hashes[i] as string, hash) && found === -1) found = i;
  }
  return found;
}
