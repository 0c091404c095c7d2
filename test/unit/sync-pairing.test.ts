import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { createPairingCode, formatPairingCode, normalizePairingCode, PAIRING_CODE_BITS } from '../../shared/sync/pairing-code';
import {
  createPairingPayload,
  openPairingPayload,
  PAIRING_FIELD_LIMITS,
  PAIRING_MAX_CHARS,
  PAIRING_PREFIX,
  PAIRING_TTL_MS,
  type PairingSecrets,
} from '../../shared/sync/pairing';
import { decodeBase32, encodeBase32 } from '../../shared/otp/base32';
import type { Argon2idParams } from '../../shared/vault/kdf';
import { T0 } from './sync-helpers';

/** Small Argon2id parameters so tests run fast; the default (the vault's) is checked below. */
const TEST_KDF: Argon2idParams = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };

const secrets = (): PairingSecrets => ({
  serverUrl: 'https://sync.example.com/acme-alice',
  username: 'alice',
  password: 'p4ss-w0rd-from-couch',
  keyId: '0b5e7f4c-3b1d-4c1e-9b0a-6a3c2f1e0d9c',
  masterKey: crypto.getRandomValues(new Uint8Array(32)),
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

/** The payload's bytes with one changed, re-encoded. */
function tamper(text: string, index: number): string {
  const bytes = decodeBase32(text.slice(PAIRING_PREFIX.length));
  bytes[index]! ^= 1;
  return PAIRING_PREFIX + encodeBase32(bytes);
}

describe('pairing code', () => {
  it('is 10 Crockford Base32 characters, 50 bits, shown in two groups', () => {
    const code = createPairingCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}$/);
    expect(PAIRING_CODE_BITS).toBe(50);
    expect(formatPairingCode(code)).toMatch(/^.{5}-.{5}$/);
  });

  it('reads what people type: lower case, spaces, dashes, O for 0, I and L for 1', () => {
    expect(normalizePairingCode(' 7kq2m-xw9da ')).toBe('7KQ2MXW9DA');
    expect(normalizePairingCode('O1ILO-ABCDE')).toBe('01110ABCDE');
    expect(normalizePairingCode('7KQ2MXW9D')).toBeUndefined();
    expect(normalizePairingCode('7KQ2MXW9DU')).toBeUndefined();
    expect(normalizePairingCode('7KQ2MXW9Dß')).toBeUndefined();
  });
});

describe('createPairingPayload / openPairingPayload', () => {
  it('round-trips the server, the credentials and the key with the code typed loosely', async () => {
    const code = createPairingCode();
    const given = secrets();
    const text = await createPairingPayload(given, code, { now: T0, kdf: TEST_KDF });
    expect(text.startsWith(PAIRING_PREFIX)).toBe(true);
    expect(text).toMatch(/^[0-9A-Z $%*+\-./:]+$/); // the QR alphanumeric set only
    for (const secret of ['alice', 'p4ss', 'example']) expect(text.toLowerCase()).not.toContain(secret);
    const opened = await openPairingPayload(text, formatPairingCode(code).toLowerCase(), T0 + 1000);
    expect(opened).toEqual(given);
  });

  it('is not yet expired at 5 minutes - 1 ms, and expired at 5 minutes + 1 ms', async () => {
    const code = createPairingCode();
    const text = await createPairingPayload(secrets(), code, { now: T0, kdf: TEST_KDF });
    await expect(openPairingPayload(text, code, T0 + PAIRING_TTL_MS - 1)).resolves.toBeTruthy();
    const error = await rejection(openPairingPayload(text, code, T0 + PAIRING_TTL_MS + 1));
    expect(isAppError(error, 'pairing_expired')).toBe(true);
    expect((error as { details: { reason: string } }).details.reason).toBe('expired');
    expect(PAIRING_TTL_MS).toBe(300_000);
  });

  it('refuses a code dated more than a minute ahead of this device', async () => {
    const code = createPairingCode();
    const text = await createPairingPayload(secrets(), code, { now: T0, kdf: TEST_KDF });
    await expect(openPairingPayload(text, code, T0 - 59_000)).resolves.toBeTruthy();
    const error = await rejection(openPairingPayload(text, code, T0 - 61_000));
    expect((error as { details: { reason: string } }).details.reason).toBe('clock');
  });

  it('gives a typed error for a wrong code, without the code in it', async () => {
    const text = await createPairingPayload(secrets(), '7KQ2MXW9DA', { now: T0, kdf: TEST_KDF });
    for (const wrong of ['7KQ2MXW9DB', 'nonsense']) {
      const error = await rejection(openPairingPayload(text, wrong, T0));
      expect(isAppError(error, 'pairing_code_wrong')).toBe(true);
      expect((error as Error).message).not.toMatch(/7KQ2M|W9D/);
    }
  });

  it('detects tampering with the date, the nonce or the ciphertext', async () => {
    const code = createPairingCode();
    const text = await createPairingPayload(secrets(), code, { now: T0, kdf: TEST_KDF });
    // Byte 6 is the lowest of createdAt (a later date to stretch the expiry), 30 the nonce, the last the tag.
    const length = decodeBase32(text.slice(PAIRING_PREFIX.length)).length;
    for (const index of [6, 30, 50, length - 1]) {
      expect(isAppError(await rejection(openPairingPayload(tamper(text, index), code, T0)), 'pairing_code_wrong')).toBe(true);
    }
  });

  it('refuses Argon2id parameters over the caps before deriving', async () => {
    const code = createPairingCode();
    const text = await createPairingPayload(secrets(), code, { now: T0, kdf: TEST_KDF });
    const bytes = decodeBase32(text.slice(PAIRING_PREFIX.length));
    new DataView(bytes.buffer).setUint32(7, 4 * 1024 * 1024); // 4 GiB
    const error = await rejection(openPairingPayload(PAIRING_PREFIX + encodeBase32(bytes), code, T0));
    expect(isAppError(error, 'sync_limit_exceeded')).toBe(true);
  });

  it('refuses an oversized text before decoding it, and texts that are not pairing codes', async () => {
    const huge = PAIRING_PREFIX + 'A'.repeat(PAIRING_MAX_CHARS);
    expect(isAppError(await rejection(openPairingPayload(huge, '7KQ2MXW9DA', T0)), 'sync_limit_exceeded')).toBe(true);
    for (const text of ['otpauth://totp/x?secret=JBSWY3DP', `${PAIRING_PREFIX}!!`, `${PAIRING_PREFIX}AAAA`]) {
      expect(isAppError(await rejection(openPairingPayload(text, '7KQ2MXW9DA', T0)), 'pairing_invalid')).toBe(true);
    }
  });

  it('fits the largest settings in the size cap, and the cap in a QR code of version 21 (level M)', async () => {
    const code = createPairingCode();
    const largest: PairingSecrets = {
      serverUrl: `https://${'s'.repeat(PAIRING_FIELD_LIMITS.serverUrl - 8)}`,
      username: 'u'.repeat(PAIRING_FIELD_LIMITS.username),
      password: 'p'.repeat(PAIRING_FIELD_LIMITS.password),
      keyId: 'k'.repeat(PAIRING_FIELD_LIMITS.keyId),
      masterKey: new Uint8Array(32),
    };
    const text = await createPairingPayload(largest, code, { now: T0, kdf: TEST_KDF });
    expect(text.length).toBeLessThanOrEqual(PAIRING_MAX_CHARS);
    expect(encode(text, { ecc: 'M' }).version).toBeLessThanOrEqual(20);
    expect(encode(PAIRING_PREFIX + 'A'.repeat(PAIRING_MAX_CHARS - PAIRING_PREFIX.length), { ecc: 'M' }).version).toBeLessThanOrEqual(21);
    expect(await openPairingPayload(text, code, T0)).toEqual(largest);
    const typical = await createPairingPayload(secrets(), code, { now: T0, kdf: TEST_KDF });
    expect(encode(typical, { ecc: 'M' }).version).toBeLessThanOrEqual(12);
  });

  it('refuses to make a code of settings over the caps, or with a plain-http remote server', async () => {
    const code = createPairingCode();
    for (const bad of [
      { ...secrets(), password: 'p'.repeat(PAIRING_FIELD_LIMITS.password + 1) },
      { ...secrets(), serverUrl: 'http://sync.example.com/db' },
      { ...secrets(), masterKey: new Uint8Array(16) },
    ]) {
      await expect(createPairingPayload(bad, code, { now: T0, kdf: TEST_KDF })).rejects.toThrow(TypeError);
    }
    await expect(createPairingPayload({ ...secrets(), serverUrl: 'http://127.0.0.1:5984/db' }, code, { now: T0, kdf: TEST_KDF })).resolves.toBeTruthy();
  });

  it('derives with the vault defaults (64 MiB, 3 passes) unless told otherwise', async () => {
    const code = createPairingCode();
    // The header records the parameters: bytes 7-10 memory, 11 passes, 12 lanes. One real derivation (about half a second).
    const text = await createPairingPayload(secrets(), code, { now: T0 });
    const bytes = decodeBase32(text.slice(PAIRING_PREFIX.length));
    expect(new DataView(bytes.buffer).getUint32(7)).toBe(65536);
    expect([bytes[11], bytes[12]]).toEqual([3, 1]);
  }, 20_000);
});
