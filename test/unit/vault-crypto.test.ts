import { createCipheriv, createDecipheriv, hkdfSync, randomBytes as nodeRandomBytes, scryptSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { decryptAesGcm, encryptAesGcm, importAesKey, joinTag, splitTag } from '../../shared/vault/aes-gcm';
import { fromBase64, fromHex, toBase64, toBase64Url, toHex, utf8Decode } from '../../shared/vault/bytes';
import {
  AEGIS_SCRYPT_PARAMS,
  ARGON2ID_DEFAULTS,
  deriveArgon2idKey,
  deriveHkdfAesKey,
  deriveScryptKey,
  isArgon2idParams,
  isScryptParams,
  type Argon2idParams,
} from '../../shared/vault/kdf';
import {
  assertPassphraseStrength,
  createPasskeyPrfSalt,
  createPassphraseSlot,
  createPasskeySlot,
  openPasskeySlot,
  openPassphraseSlot,
} from '../../shared/vault/key-slots';

/** Small Argon2id parameters so tests run fast; production defaults are asserted separately. */
const TEST_KDF: Argon2idParams = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };
const NOW = 1_750_000_000_000;
const bytes = (...values: number[]) => new Uint8Array(values);

describe('toBase64 / fromBase64', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('encodes %j as %s (RFC 4648 §10) and back', (text, base64) => {
    const data = new TextEncoder().encode(text);
    expect(toBase64(data)).toBe(base64);
    expect(utf8Decode(fromBase64(base64)!)).toBe(text);
  });

  it('writes + and / and reads them, and the url-safe alphabet, with or without padding', () => {
    expect(toBase64(bytes(0xfb, 0xff))).toBe('+/8=');
    expect(fromBase64('+/8=')).toEqual(bytes(0xfb, 0xff));
    expect(fromBase64('-_8')).toEqual(bytes(0xfb, 0xff));
    expect(toBase64Url(bytes(0xfb, 0xff))).toBe('-_8');
  });

  it.each(['Zg=', 'Z', 'Zm9v!', 'Zm9v====', 'Z==='])('returns undefined for malformed %j', (text) => {
    expect(fromBase64(text)).toBeUndefined();
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (data) => {
        expect(fromBase64(toBase64(data))).toEqual(data);
      }),
    );
  });
});

describe('toHex / fromHex', () => {
  it('round-trips and rejects odd or non-hex input', () => {
    expect(toHex(bytes(0, 15, 255))).toBe('000fff');
    expect(fromHex('000FfF')).toEqual(bytes(0, 15, 255));
    expect(fromHex('abc')).toBeUndefined();
    expect(fromHex('zz')).toBeUndefined();
    expect(fromHex(12)).toBeUndefined();
  });
});

describe('encryptAesGcm / decryptAesGcm', () => {
  it('interoperates with Node crypto aes-256-gcm in both directions', async () => {
    const raw = nodeRandomBytes(32);
    const key = await importAesKey(raw);
    const aad = new TextEncoder().encode('context');
    const sealed = await encryptAesGcm(key, new TextEncoder().encode('hello vault'), aad);

    const { ciphertext, tag } = splitTag(sealed.ciphertext);
    const decipher = createDecipheriv('aes-256-gcm', raw, sealed.iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    expect(Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString()).toBe('hello vault');

    const iv = nodeRandomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', raw, iv);
    const nodeCiphertext = Buffer.concat([cipher.update('from node'), cipher.final()]);
    const opened = await decryptAesGcm(key, { iv, ciphertext: joinTag(nodeCiphertext, cipher.getAuthTag()) });
    expect(utf8Decode(opened!)).toBe('from node');
  });

  it('returns undefined, and no plaintext, for a flipped bit, another key, other additional data or a short nonce', async () => {
    const key = await importAesKey(nodeRandomBytes(32));
    const sealed = await encryptAesGcm(key, bytes(1, 2, 3), bytes(9));
    const flipped = new Uint8Array(sealed.ciphertext);
    flipped[0] = (flipped[0] as number) ^ 1;

    expect(await decryptAesGcm(key, sealed, bytes(9))).toEqual(bytes(1, 2, 3));
    expect(await decryptAesGcm(key, { iv: sealed.iv, ciphertext: flipped }, bytes(9))).toBeUndefined();
    expect(await decryptAesGcm(await importAesKey(nodeRandomBytes(32)), sealed, bytes(9))).toBeUndefined();
    expect(await decryptAesGcm(key, sealed, bytes(8))).toBeUndefined();
    expect(await decryptAesGcm(key, { iv: sealed.iv.subarray(0, 8), ciphertext: sealed.ciphertext }, bytes(9))).toBeUndefined();
  });

  it('draws a fresh nonce for every message', async () => {
    const key = await importAesKey(nodeRandomBytes(32));
    const a = await encryptAesGcm(key, bytes(1));
    const b = await encryptAesGcm(key, bytes(1));
    expect(toHex(a.iv)).not.toBe(toHex(b.iv));
  });
});

describe('ARGON2ID_DEFAULTS', () => {
  it('are the production parameters: 64 MiB, 3 passes, 1 lane', () => {
    expect(ARGON2ID_DEFAULTS).toEqual({ algorithm: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 1 });
    expect(Object.isFrozen(ARGON2ID_DEFAULTS)).toBe(true);
    expect(isArgon2idParams(ARGON2ID_DEFAULTS)).toBe(true);
  });
});

describe('isArgon2idParams', () => {
  it.each([
    ['the defaults', { ...ARGON2ID_DEFAULTS }, true],
    ['small test parameters', TEST_KDF, true],
    ['another algorithm', { ...TEST_KDF, algorithm: 'argon2i' }, false],
    ['more than 256 MiB', { ...TEST_KDF, memoryKiB: 262_145 }, false],
    ['too much work', { ...TEST_KDF, memoryKiB: 262_144, iterations: 17 }, false],
    ['zero passes', { ...TEST_KDF, iterations: 0 }, false],
    ['less than 8 KiB per lane', { ...TEST_KDF, memoryKiB: 8, parallelism: 2 }, false],
    ['fractions', { ...TEST_KDF, memoryKiB: 64.5 }, false],
    ['a string', 'argon2id', false],
  ])('returns %s -> %s', (_name, value, expected) => {
    expect(isArgon2idParams(value)).toBe(expected);
  });
});

describe('deriveArgon2idKey', () => {
  it('derives 32 bytes that depend on passphrase, salt and parameters, with NFC normalisation', async () => {
    const salt = bytes(...Array.from({ length: 16 }, (_, i) => i));
    const a = await deriveArgon2idKey('correct horse', salt, TEST_KDF);
    expect(a).toHaveLength(32);
    expect(await deriveArgon2idKey('correct horse', salt, TEST_KDF)).toEqual(a);
    expect(await deriveArgon2idKey('correct horsf', salt, TEST_KDF)).not.toEqual(a);
    expect(await deriveArgon2idKey('correct horse', salt.map((x) => x ^ 1), TEST_KDF)).not.toEqual(a);
    expect(await deriveArgon2idKey('correct horse', salt, { ...TEST_KDF, iterations: 2 })).not.toEqual(a);
    // "é" as one code point and as e + combining acute accent.
    expect(await deriveArgon2idKey('caf\u00e9 au lait', salt, TEST_KDF)).toEqual(await deriveArgon2idKey('cafe\u0301 au lait', salt, TEST_KDF));
  });

  it("matches the reference implementation's Argon2id test vector (m=64 MiB, t=2, p=1)", async () => {
    // phc-winner-argon2 src/test.c: argon2id, "password", "somesalt", t=2, m=2^16 KiB, p=1.
    const key = await deriveArgon2idKey('password', new TextEncoder().encode('somesalt'), {
      algorithm: 'argon2id',
      memoryKiB: 65536,
      iterations: 2,
      parallelism: 1,
    });
    expect(toHex(key)).toBe('09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7');
  });
});

describe('deriveScryptKey', () => {
  it("equals Node's scryptSync with Aegis's parameters", async () => {
    const salt = nodeRandomBytes(32);
    const ours = await deriveScryptKey('test pässword', salt, AEGIS_SCRYPT_PARAMS);
    const node = scryptSync('test pässword', salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    expect(toHex(ours)).toBe(node.toString('hex'));
  });

  it.each([
    [{ n: 32768, r: 8, p: 1 }, true],
    [{ n: 1000, r: 8, p: 1 }, false],
    [{ n: 2 ** 19, r: 8, p: 1 }, false],
    [{ n: 1024, r: 8, p: 17 }, false],
    [{ n: 1024, r: 0, p: 1 }, false],
  ])('isScryptParams(%j) is %s', (params, expected) => {
    expect(isScryptParams(params)).toBe(expected);
  });
});

describe('deriveHkdfAesKey', () => {
  it("derives the key Node's hkdfSync derives (HKDF-SHA256)", async () => {
    const ikm = nodeRandomBytes(32);
    const salt = nodeRandomBytes(32);
    const key = await deriveHkdfAesKey(ikm, salt, 'info string');
    const expected = Buffer.from(hkdfSync('sha256', ikm, salt, 'info string', 32));
    const sealed = await encryptAesGcm(key, bytes(42));
    const decipher = createDecipheriv('aes-256-gcm', expected, sealed.iv);
    const { ciphertext, tag } = splitTag(sealed.ciphertext);
    decipher.setAuthTag(tag);
    expect([...Buffer.concat([decipher.update(ciphertext), decipher.final()])]).toEqual([42]);
  });
});

describe('assertPassphraseStrength', () => {
  it.each([
    ['seven chars', 'abcdefg', false],
    ['eight chars', 'abcdefgh', true],
    ['eight emoji', '🔐🔐🔐🔐🔐🔐🔐🔐', true],
    ['a number', 12345678, false],
  ])('%s -> %s', (_name, value, ok) => {
    if (ok) expect(() => assertPassphraseStrength(value)).not.toThrow();
    else expect(() => assertPassphraseStrength(value)).toThrow(expect.objectContaining({ code: 'passphrase_too_short' }));
  });

  it('names the field for a backup password', () => {
    const error = (() => {
      try {
        assertPassphraseStrength('short', 'password');
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error?.message).toMatch(/password of at least 8/);
  });
});

describe('createPassphraseSlot / openPassphraseSlot', () => {
  it('wraps the master key so only the passphrase opens it, and records its parameters', async () => {
    const master = nodeRandomBytes(32);
    const slot = await createPassphraseSlot(master, 'correct horse battery', { kdf: TEST_KDF, now: NOW });

    expect(slot).toMatchObject({ kind: 'passphrase', createdAt: NOW, kdf: TEST_KDF });
    expect(slot.salt).toHaveLength(16);
    expect(toHex(slot.wrappedKey.ciphertext)).not.toContain(master.toString('hex'));
    expect(await openPassphraseSlot(slot, 'correct horse battery')).toEqual(new Uint8Array(master));
    expect(await openPassphraseSlot(slot, 'correct horse batterY')).toBeUndefined();
  });

  it('does not open a wrapped key copied into another slot', async () => {
    const master = nodeRandomBytes(32);
    const a = await createPassphraseSlot(master, 'correct horse battery', { kdf: TEST_KDF, now: NOW });
    const b = await createPassphraseSlot(master, 'correct horse battery', { kdf: TEST_KDF, now: NOW });
    expect(await openPassphraseSlot({ ...b, salt: a.salt, wrappedKey: a.wrappedKey }, 'correct horse battery')).toBeUndefined();
  });

  it('reports unusable recorded parameters as vault_corrupt', async () => {
    const slot = await createPassphraseSlot(nodeRandomBytes(32), 'correct horse battery', { kdf: TEST_KDF, now: NOW });
    await expect(openPassphraseSlot({ ...slot, kdf: { ...TEST_KDF, memoryKiB: 1e9 } }, 'x')).rejects.toMatchObject({ code: 'vault_corrupt' });
  });
});

describe('createPasskeySlot / openPasskeySlot', () => {
  it('wraps the master key under the PRF output and opens only with it', async () => {
    const master = nodeRandomBytes(32);
    const prfOutput = nodeRandomBytes(32);
    const prfSalt = createPasskeyPrfSalt();
    const slot = await createPasskeySlot(master, { credentialId: 'cred-1', prfSalt, prfOutput, label: ' Phone ', now: NOW });

    expect(slot).toMatchObject({ kind: 'passkey', credentialId: 'cred-1', label: 'Phone', createdAt: NOW });
    expect(slot.prfSalt).toEqual(prfSalt);
    expect(await openPasskeySlot(slot, prfOutput)).toEqual(new Uint8Array(master));
    expect(await openPasskeySlot(slot, nodeRandomBytes(32))).toBeUndefined();
    expect(await openPasskeySlot(slot, prfOutput.subarray(0, 16))).toBeUndefined();
  });

  it('refuses a PRF output shorter than 32 bytes', async () => {
    await expect(
      createPasskeySlot(nodeRandomBytes(32), { credentialId: 'c', prfSalt: createPasskeyPrfSalt(), prfOutput: new Uint8Array(16), label: '', now: NOW }),
    ).rejects.toMatchObject({ code: 'passkey_not_recognized' });
  });
});
