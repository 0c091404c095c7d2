import { describe, expect, it } from 'vitest';
import type { OtpAccount } from '../../shared/otp/types';
import { fromBase64, toBase64 } from '../../shared/vault/bytes';
import { ACME_BACKUP_FORMAT, exportAcmeBackup, parseAcmeBackup } from '../../shared/vault/formats/acme-backup';
import { readImportFile } from '../../shared/vault/import-file';
import type { Argon2idParams } from '../../shared/vault/kdf';

const TEST_KDF: Argon2idParams = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };
const NOW = Date.UTC(2026, 10, 28, 16, 0, 0);
const PASSWORD = 'correct horse battery staple';
const ACCOUNTS: OtpAccount[] = [
  { type: 'totp', issuer: 'GitHub', label: 'octocat', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
  { type: 'hotp', issuer: 'Bänk', label: 'jürgen', secret: 'KRSXG5CTMVRXEZLU', algorithm: 'SHA512', digits: 8, period: 30, counter: 7 },
];

const make = async (accounts = ACCOUNTS) => JSON.parse(await exportAcmeBackup(accounts, PASSWORD, { now: NOW, kdf: TEST_KDF })) as Record<string, any>;

describe('exportAcmeBackup', () => {
  it('writes the documented format: version, KDF with its parameters and salt, wrapped key, nonce, ciphertext', async () => {
    const file = await make();
    expect(Object.keys(file)).toEqual(['format', 'version', 'createdAt', 'kdf', 'key', 'nonce', 'ciphertext']);
    expect(file).toMatchObject({ format: ACME_BACKUP_FORMAT, version: 1, createdAt: '2026-11-28T16:00:00.000Z', kdf: TEST_KDF });
    expect(fromBase64(file.kdf.salt)).toHaveLength(16);
    expect(fromBase64(file.key.nonce)).toHaveLength(12);
    expect(fromBase64(file.key.ciphertext)).toHaveLength(48);
    expect(fromBase64(file.nonce)).toHaveLength(12);
    const text = JSON.stringify(file);
    for (const account of ACCOUNTS) for (const needle of [account.secret, account.issuer, account.label]) expect(text).not.toContain(needle);
  });

  it('uses the production Argon2id parameters unless told otherwise', async () => {
    const file = JSON.parse(await exportAcmeBackup([], PASSWORD, { now: NOW }));
    expect(file.kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 1 });
  });

  it('refuses a short password', async () => {
    await expect(exportAcmeBackup(ACCOUNTS, 'short', { now: NOW })).rejects.toMatchObject({ code: 'passphrase_too_short' });
  });
});

describe('parseAcmeBackup', () => {
  it('restores the accounts with the password', async () => {
    expect((await parseAcmeBackup(await make(), PASSWORD)).accounts).toEqual(ACCOUNTS);
  });

  it('rejects a wrong password with backup_wrong_password, and asks for one when none is given', async () => {
    await expect(parseAcmeBackup(await make(), 'Correct horse battery staple')).rejects.toMatchObject({ code: 'backup_wrong_password' });
    await expect(parseAcmeBackup(await make())).rejects.toMatchObject({ code: 'import_password_required' });
    await expect(parseAcmeBackup(await make(), '')).rejects.toMatchObject({ code: 'backup_wrong_password' });
  });

  const flip = (base64: string, at: number): string => {
    const bytes = fromBase64(base64)!;
    bytes[at] = (bytes[at] as number) ^ 1;
    return toBase64(bytes);
  };

  it.each<[string, (file: Record<string, any>) => void, string]>([
    ['a flipped bit in the ciphertext', (f) => (f.ciphertext = flip(f.ciphertext, 3)), 'import_corrupt'],
    ['a cut-off ciphertext', (f) => (f.ciphertext = f.ciphertext.slice(0, 20)), 'import_corrupt'],
    ['a flipped bit in the data nonce', (f) => (f.nonce = flip(f.nonce, 0)), 'import_corrupt'],
    ['a flipped bit in the wrapped key', (f) => (f.key.ciphertext = flip(f.key.ciphertext, 0)), 'backup_wrong_password'],
    ['another salt', (f) => (f.kdf.salt = flip(f.kdf.salt, 0)), 'backup_wrong_password'],
    ['a missing salt', (f) => delete f.kdf.salt, 'import_corrupt'],
    ['absurd KDF parameters', (f) => (f.kdf.memoryKiB = 1e12), 'import_corrupt'],
    ['another KDF', (f) => (f.kdf.algorithm = 'pbkdf2'), 'import_corrupt'],
    ['a newer version', (f) => (f.version = 2), 'import_unsupported'],
    ['no version', (f) => delete f.version, 'import_corrupt'],
  ])('reports %s as %s', async (_name, mutate, code) => {
    const file = await make();
    mutate(file);
    await expect(parseAcmeBackup(file, PASSWORD)).rejects.toMatchObject({ code });
  });

  it('reports a truncated file as import_corrupt, naming the backup', async () => {
    const text = await exportAcmeBackup(ACCOUNTS, PASSWORD, { now: NOW, kdf: TEST_KDF });
    const error = await readImportFile(text.slice(0, text.length / 2), PASSWORD).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'import_corrupt', details: { format: 'acme-backup' } });
    expect((error as Error).message).toMatch(/backup file is damaged or incomplete/);
  });
});
