import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { importSyncMasterKey, unwrapSyncKey, wrapSyncKey, type SyncKeyring } from '../../shared/sync/keyring';
import { SYNC_LIMITS } from '../../shared/sync/sync-limits';
import { decryptAesGcm, encryptAesGcm } from '../../shared/vault/aes-gcm';
import { fromBase64, toBase64 } from '../../shared/vault/bytes';
import { ARGON2ID_DEFAULTS, type Argon2idParams } from '../../shared/vault/kdf';
import { T0 } from './sync-helpers';

/** Small Argon2id parameters so tests run fast; the production defaults are asserted below. */
const TEST_KDF: Argon2idParams = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };
const PASSPHRASE = 'correct horse battery staple';
const masterKey = () => ({ id: 'key-1', raw: crypto.getRandomValues(new Uint8Array(32)) });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('wrapSyncKey / unwrapSyncKey', () => {
  it('round-trips the master key through JSON, and the key it gives seals what the original opens', async () => {
    const key = masterKey();
    const keyring = await wrapSyncKey(key, PASSPHRASE, { now: T0, kdf: TEST_KDF });
    const stored = JSON.parse(JSON.stringify(keyring)) as SyncKeyring;
    expect(stored).toMatchObject({ id: 'keyring', kind: 'keyring', v: 1, keyId: 'key-1', createdAt: T0, kdf: TEST_KDF });
    expect(JSON.stringify(stored)).not.toContain(toBase64(key.raw));
    const unwrapped = await unwrapSyncKey(stored, PASSPHRASE);
    expect(unwrapped.id).toBe('key-1');
    expect(unwrapped.raw).toEqual(key.raw);
    const imported = await importSyncMasterKey({ id: unwrapped.id, raw: new Uint8Array(unwrapped.raw) });
    const sealed = await encryptAesGcm(imported.key, new Uint8Array([1, 2, 3]));
    const { importAesKey } = await import('../../shared/vault/aes-gcm');
    expect(await decryptAesGcm(await importAesKey(key.raw), sealed)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('uses the vault defaults (64 MiB, 3 passes, 1 lane) unless told otherwise', async () => {
    expect(ARGON2ID_DEFAULTS).toEqual({ algorithm: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 1 });
    // One real derivation, about half a second.
    const keyring = await wrapSyncKey(masterKey(), PASSPHRASE, { now: T0 });
    expect(keyring.kdf).toEqual(ARGON2ID_DEFAULTS);
    expect(isAppError(await rejection(wrapSyncKey(masterKey(), 'short', { now: T0 })), 'passphrase_too_short')).toBe(true);
  }, 20_000);

  it('gives a typed error for a wrong passphrase, without the passphrase in it', async () => {
    const keyring = await wrapSyncKey(masterKey(), PASSPHRASE, { now: T0, kdf: TEST_KDF });
    for (const attempt of ['correct horse battery stapler', '']) {
      const error = await rejection(unwrapSyncKey(keyring, attempt));
      expect(isAppError(error, 'sync_wrong_passphrase')).toBe(true);
      expect((error as Error).message).not.toContain('correct horse');
      expect(JSON.stringify((error as { details: unknown }).details)).toBe('{}');
    }
  });

  it('refuses a tampered keyring: altered key, salt, or key id', async () => {
    const keyring = await wrapSyncKey(masterKey(), PASSPHRASE, { now: T0, kdf: TEST_KDF });
    const flip = (base64: string) => {
      const bytes = fromBase64(base64)!;
      bytes[0]! ^= 1;
      return toBase64(bytes);
    };
    for (const tampered of [
      { ...keyring, wrappedKey: flip(keyring.wrappedKey) },
      { ...keyring, salt: flip(keyring.salt) },
      { ...keyring, keyId: 'key-2' },
    ]) {
      expect(isAppError(await rejection(unwrapSyncKey(tampered, PASSPHRASE)), 'sync_wrong_passphrase')).toBe(true);
    }
    for (const broken of [{ ...keyring, iv: 'not base64!' }, { ...keyring, kind: 'account' }, null, 'keyring']) {
      expect(isAppError(await rejection(unwrapSyncKey(broken, PASSPHRASE)), 'sync_document_corrupt')).toBe(true);
    }
  });

  it.each([
    ['memory over the cap', { memoryKiB: SYNC_LIMITS.argon2id.maxMemoryKiB * 2 }],
    ['too many lanes', { parallelism: SYNC_LIMITS.argon2id.maxParallelism + 1 }],
    ['too much work', { memoryKiB: 131_072, iterations: 7 }],
    ['an unknown algorithm', { algorithm: 'scrypt' }],
  ])('refuses parameters with %s before deriving', async (_name, change) => {
    const keyring = await wrapSyncKey(masterKey(), PASSPHRASE, { now: T0, kdf: TEST_KDF });
    const started = performance.now();
    const error = await rejection(unwrapSyncKey({ ...keyring, kdf: { ...keyring.kdf, ...change } }, PASSPHRASE));
    expect(isAppError(error, 'sync_limit_exceeded')).toBe(true);
    // 4 GiB of Argon2id would take many seconds; a refusal before deriving takes nothing.
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('refuses a keyring of a newer format', async () => {
    const keyring = await wrapSyncKey(masterKey(), PASSPHRASE, { now: T0, kdf: TEST_KDF });
    const error = await rejection(unwrapSyncKey({ ...keyring, v: 2 }, PASSPHRASE));
    expect((error as { details: { reason: string } }).details.reason).toBe('version');
  });
});
