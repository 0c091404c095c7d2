import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { generateSecret } from '../../shared/otp/secret';
import { decodeBase64 } from '../../shared/portal/encoding';
import type { UserId } from '../../shared/portal/model';
import { hashPassword, PBKDF2_ITERATIONS, PASSWORD_SALT_BYTES, verifyPassword } from '../../shared/portal/password';
import { createSecretBox, generateSecretBoxKey, isSameSealedSecret } from '../../shared/portal/secret-box';
import { TEST_ITERATIONS } from './portal-helpers';

const ALICE = 'user-alice' as UserId;
const BOB = 'user-bob' as UserId;

describe('hashPassword', () => {
  it('uses PBKDF2-SHA256 with at least 600,000 iterations by default', () => {
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
  });

  it('stores the algorithm, iterations, a 16-byte salt and a 32-byte hash, not the password', async () => {
    const record = await hashPassword('correct horse', TEST_ITERATIONS);
    expect(record.algorithm).toBe('PBKDF2-SHA256');
    expect(record.iterations).toBe(TEST_ITERATIONS);
    expect(decodeBase64(record.salt)).toHaveLength(PASSWORD_SALT_BYTES);
    expect(decodeBase64(record.hash)).toHaveLength(32);
    expect(JSON.stringify(record)).not.toContain('correct horse');
  });

  it('salts each hash afresh', async () => {
    const [a, b] = await Promise.all([hashPassword('same', TEST_ITERATIONS), hashPassword('same', TEST_ITERATIONS)]);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
  });

  it('matches an independent PBKDF2-SHA256 computation', async () => {
    const record = await hashPassword('pw', TEST_ITERATIONS);
    const { pbkdf2Sync } = await import('node:crypto');
    const expected = pbkdf2Sync('pw', Buffer.from(record.salt, 'base64'), TEST_ITERATIONS, 32, 'sha256').toString('base64');
    expect(record.hash).toBe(expected);
  });

  it('refuses a non-positive iteration count', async () => {
    await expect(hashPassword('pw', 0)).rejects.toThrow(RangeError);
  });
});

describe('verifyPassword', () => {
  it('accepts the password and refuses any other', async () => {
    const record = await hashPassword('s3cret!', TEST_ITERATIONS);
    expect(await verifyPassword('s3cret!', record)).toBe(true);
    expect(await verifyPassword('s3cret', record)).toBe(false);
    expect(await verifyPassword('S3cret!', record)).toBe(false);
    expect(await verifyPassword('', record)).toBe(false);
  });

  it('uses the iteration count stored in the record', async () => {
    const record = await hashPassword('pw', 2_000);
    expect(await verifyPassword('pw', record)).toBe(true);
    expect(await verifyPassword('pw', { ...record, iterations: 1_000 })).toBe(false);
  });

  it.each([
    ['another algorithm', { algorithm: 'MD5' }],
    ['a zero iteration count', { iterations: 0 }],
    ['a truncated hash', { hash: 'AAAA' }],
    ['a salt that is not base64', { salt: '!!!' }],
  ])('refuses a record with %s', async (_name, change) => {
    const record = await hashPassword('pw', TEST_ITERATIONS);
    expect(await verifyPassword('pw', { ...record, ...change } as typeof record)).toBe(false);
  });

  it('refuses an over-long password without hashing it', async () => {
    const record = await hashPassword('x'.repeat(2000), TEST_ITERATIONS);
    expect(await verifyPassword('x'.repeat(2000), record)).toBe(false);
  });
});

describe('createSecretBox', () => {
  it('opens what it sealed, for the same user', async () => {
    const box = createSecretBox(generateSecretBoxKey);
    const secret = generateSecret();
    const sealed = await box.seal(secret, ALICE);
    expect(sealed.iv).toHaveLength(12);
    expect(sealed.data).toHaveLength(20 + 16);
    expect(await box.open(sealed, ALICE)).toBe(secret);
  });

  it('uses a fresh nonce each time', async () => {
    const box = createSecretBox(generateSecretBoxKey);
    const secret = generateSecret();
    const [a, b] = await Promise.all([box.seal(secret, ALICE), box.seal(secret, ALICE)]);
    expect(isSameSealedSecret(a, b)).toBe(false);
    expect(isSameSealedSecret(a, { iv: a.iv.slice(), data: a.data.slice() })).toBe(true);
  });

  it('refuses to open a secret moved to another user, or altered', async () => {
    const box = createSecretBox(generateSecretBoxKey);
    const sealed = await box.seal(generateSecret(), ALICE);
    const error = await box.open(sealed, BOB).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('mfa_secret_unreadable');
    const altered = { iv: sealed.iv, data: sealed.data.slice() };
    altered.data[0] = (altered.data[0]! + 1) % 256;
    await expect(box.open(altered, ALICE)).rejects.toMatchObject({ code: 'mfa_secret_unreadable' });
  });

  it('refuses to open with another key', async () => {
    const sealed = await createSecretBox(generateSecretBoxKey).seal(generateSecret(), ALICE);
    await expect(createSecretBox(generateSecretBoxKey).open(sealed, ALICE)).rejects.toMatchObject({
      code: 'mfa_secret_unreadable',
    });
  });

  it('loads its key once', async () => {
    let loads = 0;
    const box = createSecretBox(() => {
      loads++;
      return generateSecretBoxKey();
    });
    await Promise.all([box.seal(generateSecret(), ALICE), box.seal(generateSecret(), BOB)]);
    expect(loads).toBe(1);
  });
});

describe('generateSecretBoxKey', () => {
  it('makes a non-extractable AES-256-GCM key', async () => {
    const key = await generateSecretBoxKey();
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });

  it('survives a round trip through IndexedDB, still non-extractable and still working', async () => {
    const key = await generateSecretBoxKey();
    const db = await openDB(`keys-${crypto.randomUUID()}`, 1, { upgrade: (d) => void d.createObjectStore('keys') });
    await db.put('keys', key, 'k');
    const stored = (await db.get('keys', 'k')) as CryptoKey;
    db.close();
    expect(stored.extractable).toBe(false);
    const secret = generateSecret();
    const sealed = await createSecretBox(async () => key).seal(secret, ALICE);
    expect(await createSecretBox(async () => stored).open(sealed, ALICE)).toBe(secret);
  });
});
