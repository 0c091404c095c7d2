/**
 * Recovery codes: 10 single-use codes shown once when MFA is confirmed, for
 * signing in without the authenticator (NIST SP 800-63B §5.1.2, look-up
 * secrets). Each is 24 characters of Crockford's Base32 alphabet (120 bits,
 * no I, L, O or U to misread), shown in six groups of four:
 * `xxxx-xxxx-xxxx-xxxx-xxxx-xxxx`.
 *
 * Why a fast hash is enough: §5.1.2.2 asks for a salted hash with a work
 * factor only when a secret has fewer than 112 bits. At 120 bits, even a copy
 * of the database leaves nothing to guess: at 10^12 HMACs a second, finding
 * one code takes about 10^16 years. So each code is stored as HMAC-SHA256
 * under its own random 16-byte salt (`hmac-sha256:<salt hex>:<mac hex>`), and
 * checking a typed code costs 10 HMACs (microseconds), where PBKDF2 at
 * 600,000 iterations would cost 10 x ~0.3 s per attempt (a per-code lookup id
 * would avoid that, but leaks which code was used and adds a format).
 *
 * Sets made before this format are 10-character codes (`xxxxx-xxxxx`, 50 bits)
 * stored as bare SHA-256 of `<user id>:<code>`: they keep working until used
 * or regenerated (so nobody who saved them is locked out), and Profile asks
 * their owner to regenerate them.
 */
import { compareConstantTime } from '../otp/verify';
import { encodeHex, generateRandomBytes } from './encoding';
import type { UserId } from './model';

/** How many codes one set holds. */
export const RECOVERY_CODE_COUNT = 10;

/** Characters per code, without the dashes: 24 x 5 bits = 120 bits. */
export const RECOVERY_CODE_LENGTH = 24;

/** Characters per group as shown. */
const GROUP_LENGTH = 4;

/** Characters of a code of the old format (50 bits), still accepted while stored. */
export const LEGACY_RECOVERY_CODE_LENGTH = 10;

/** Random salt per stored code, in bytes. */
const SALT_BYTES = 16;

/** The prefix of the current stored form. */
const HMAC_PREFIX = 'hmac-sha256';

/** Crockford's Base32 alphabet in lower case: 32 symbols, so a random byte masked to 5 bits picks one without bias. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Letters people type for the digits they resemble (Crockford's decoding rules). */
const LOOK_ALIKES: Readonly<Record<string, string>> = { o: '0', i: '1', l: '1' };

/** Returns a new set of {@link RECOVERY_CODE_COUNT} distinct codes, formatted `xxxx-xxxx-xxxx-xxxx-xxxx-xxxx`. */
export function generateRecoveryCodes(): string[] {
  const codes = new Set<string>();
  while (codes.size < RECOVERY_CODE_COUNT) {
    const bytes = generateRandomBytes(RECOVERY_CODE_LENGTH);
    let code = '';
    for (let i = 0; i < bytes.length; i++) code += ALPHABET[(bytes[i] as number) & 31];
    codes.add(code.match(new RegExp(`.{${GROUP_LENGTH}}`, 'g'))!.join('-'));
  }
  return [...codes];
}

/**
 * Returns the canonical form of a recovery code as typed (no spaces or
 * dashes, lower case, O read as 0 and I or L as 1), or null when it is not
 * shaped like one (24 characters, or 10 for the old format).
 */
export function normalizeRecoveryCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 100) return null;
  let code = '';
  for (const ch of input.replace(/[\s-]+/g, '').toLowerCase()) {
    const mapped = LOOK_ALIKES[ch] ?? ch;
    if (!ALPHABET.includes(mapped)) return null;
    code += mapped;
  }
  return code.length === RECOVERY_CODE_LENGTH || code.length === LEGACY_RECOVERY_CODE_LENGTH ? code : null;
}

/** HMAC-SHA256 (hex) of `<user id>:<canonical code>` under `salt`. */
async function macOf(userId: UserId, canonical: string, salt: Uint8Array<ArrayBuffer>): Promise<string> {
  const key = await crypto.subtle.importKey('raw', salt, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${userId}:${canonical}`));
  return encodeHex(new Uint8Array(mac));
}

/** The old stored form: SHA-256 (hex) of `<user id>:<canonical code>`. */
async function legacyHashOf(userId: UserId, canonical: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${userId}:${canonical}`));
  return encodeHex(new Uint8Array(digest));
}

/** Returns whether a stored entry is of the old format (a bare SHA-256 hex digest). */
export function isLegacyRecoveryCodeHash(stored: string): boolean {
  return /^[0-9a-f]{64}$/.test(stored);
}

/** Reads the hex salt out of a stored entry of the current format, or null. */
function saltOf(stored: string): Uint8Array<ArrayBuffer> | null {
  const [prefix, saltHex, mac] = stored.split(':');
  if (prefix !== HMAC_PREFIX || !saltHex || !mac || !/^(?:[0-9a-f]{2})+$/.test(saltHex)) return null;
  return new Uint8Array(saltHex.match(/../g)!.map((byte) => parseInt(byte, 16)));
}

/**
 * Returns the stored form of one recovery code: `hmac-sha256:<salt>:<mac>`
 * with a fresh random salt.
 *
 * @param code A code as generated or as typed; it is normalised first.
 * @throws TypeError when `code` is not shaped like a (current) recovery code.
 */
export async function hashRecoveryCode(userId: UserId, code: string): Promise<string> {
  const canonical = normalizeRecoveryCode(code);
  if (canonical === null || canonical.length !== RECOVERY_CODE_LENGTH) throw new TypeError('not a recovery code');
  const salt = generateRandomBytes(SALT_BYTES);
  return `${HMAC_PREFIX}:${encodeHex(salt)}:${await macOf(userId, canonical, salt)}`;
}

/** Hashes a whole set for storage, in order. */
export function hashRecoveryCodes(userId: UserId, codes: readonly string[]): Promise<string[]> {
  return Promise.all(codes.map((code) => hashRecoveryCode(userId, code)));
}

/**
 * Returns the stored entry that `code` matches among `stored`, or null. Every
 * entry of the code's format is computed and compared in constant time, so
 * the time taken does not reveal which one (if any) matched. The caller
 * removes the entry it returns, in a transaction that checks it is still
 * stored, which is what keeps each code single-use.
 */
export async function findRecoveryCode(userId: UserId, code: string, stored: readonly string[]): Promise<string | null> {
  const canonical = normalizeRecoveryCode(code);
  if (canonical === null) return null;
  const legacy = canonical.length === LEGACY_RECOVERY_CODE_LENGTH ? await legacyHashOf(userId, canonical) : null;
  let found: string | null = null;
  for (const entry of stored) {
    let expected: string | null = null;
    if (legacy !== null) {
      if (isLegacyRecoveryCodeHash(entry)) expected = legacy;
    } else {
      const salt = saltOf(entry);
      if (salt) expected = `${HMAC_PREFIX}:${encodeHex(salt)}:${await macOf(userId, canonical, salt)}`;
    }
    if (expected !== null && compareConstantTime(entry, expected) && found === null) found = entry;
  }
  return found;
}
