import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../shared/otp/base32';
import type { OtpAccount } from '../../shared/otp/types';
import { createVaultAccount } from '../../shared/vault/account';
import { exportAcmeBackup } from '../../shared/vault/formats/acme-backup';
import { exportAegisJson } from '../../shared/vault/formats/aegis';
import { encodeMigrationPayload } from '../../shared/vault/formats/google-migration';
import { exportOtpauthList } from '../../shared/vault/formats/otpauth-list';
import { readImportFile } from '../../shared/vault/import-file';
import {
  IMPORT_LIMITS,
  assertImportArgon2idCost,
  assertImportFileSize,
  assertImportScryptCost,
} from '../../shared/vault/import-limits';
import { previewImport } from '../../shared/vault/import-preview';
import { AEGIS_SCRYPT_PARAMS, ARGON2ID_DEFAULTS, type Argon2idParams } from '../../shared/vault/kdf';

const NOW = 1_750_000_000_000;
const PASSWORD = 'import password';
const TEST_KDF: Argon2idParams = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };
/** Small scrypt for files built here (the caps are about what a file asks, not what a test spends). */
const TEST_SCRYPT = { n: 1024, r: 8, p: 1 };

/** The n-th of many distinct accounts: a 10-byte secret holding n. */
const nth = (n: number): OtpAccount => {
  const secret = new Uint8Array(10);
  new DataView(secret.buffer).setUint32(0, n);
  return { type: 'totp', issuer: 'Bulk', label: `user${n}`, secret: encodeBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
};
const many = (count: number, from = 0): OtpAccount[] => Array.from({ length: count }, (_, i) => nth(from + i));

const limitError = (limit: string, format?: string) =>
  expect.objectContaining({ code: 'import_limit_exceeded', details: expect.objectContaining({ limit, ...(format ? { format } : {}) }) });

describe('previewImport with 10,000 entries', () => {
  it('adds every new entry once and finds the duplicates of the vault and of the file', async () => {
    // 10,000 lines: 9,990 distinct accounts, then 10 repeats of earlier lines; 500 of them already stored.
    const file = exportOtpauthList([...many(9_990), ...many(10)]);
    const stored = many(500, 9_000).map((account) => createVaultAccount({ ...account, label: `stored ${account.label}` }, NOW));
    const parsed = await readImportFile(file);
    expect(parsed.accounts).toHaveLength(10_000);

    const preview = previewImport(parsed, stored);
    expect(preview.toAdd).toHaveLength(9_490);
    expect(preview.toAdd[0]).toEqual(nth(0));
    expect(preview.toAdd.at(-1)).toEqual(nth(9_989));
    expect(preview.duplicates.filter((entry) => entry.of === 'stored')).toHaveLength(500);
    expect(preview.duplicates.find((entry) => entry.of === 'stored')).toEqual({
      account: nth(9_000),
      of: 'stored',
      existing: { issuer: 'Bulk', label: 'stored user9000' },
    });
    expect(preview.duplicates.filter((entry) => entry.of === 'file').map((entry) => entry.account)).toEqual(many(10));
  });
});

describe('entry caps', () => {
  const tooMany = IMPORT_LIMITS.entries + 1;

  it.each([
    ['otpauth-list', async () => readImportFile('otpauth://totp/x?secret=A\n'.repeat(tooMany))],
    ['aegis', async () => readImportFile(JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 1, entries: Array(tooMany).fill({}) } }))],
    ['2fas', async () => readImportFile(JSON.stringify({ schemaVersion: 4, services: Array(tooMany).fill({}) }))],
    [
      'google-migration',
      async () => {
        const params = { secret: new Uint8Array([1]), name: 'a', issuer: '', algorithm: 1, digits: 1, type: 2, counter: 0n };
        const data = encodeMigrationPayload({ otpParameters: Array(tooMany).fill(params), version: 1, batchSize: 1, batchIndex: 0, batchId: 1 });
        return readImportFile(`otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(data).toString('base64'))}`);
      },
    ],
  ])('refuses a %s file of 10,001 entries, naming the format and the limit', async (format, read) => {
    const error = await read().catch((e: unknown) => e);
    expect(error).toEqual(limitError('entries', format));
    expect((error as Error).message).toContain('10,000 entries');
  });

  it('refuses a backup of 10,001 accounts once opened', async () => {
    const text = await exportAcmeBackup(Array(tooMany).fill(nth(1)), PASSWORD, { now: NOW, kdf: TEST_KDF });
    await expect(readImportFile(text, PASSWORD)).rejects.toEqual(limitError('entries', 'acme-backup'));
  });

  it('accepts exactly 10,000 entries', async () => {
    const parsed = await readImportFile('otpauth://totp/x?secret=A\n'.repeat(IMPORT_LIMITS.entries));
    expect(parsed.unreadable).toHaveLength(10_000);
  });

  it('refuses a preview of merged codes above 10,000 entries', () => {
    const parsed = { format: 'google-migration' as const, encrypted: false, accounts: many(tooMany), unreadable: [] };
    expect(() => previewImport(parsed, [])).toThrow(limitError('entries', 'google-migration'));
  });
});

describe('vault size cap', () => {
  const stored = many(9_998, 100_000).map((account) => createVaultAccount(account, NOW));
  const parsed = (accounts: OtpAccount[]) => ({ format: 'aegis' as const, encrypted: false, accounts, unreadable: [] });

  it('lets the vault reach 10,000 accounts', () => {
    expect(previewImport(parsed(many(2)), stored).toAdd).toHaveLength(2);
  });

  it('refuses an import that would take the vault past 10,000 accounts, saying so', () => {
    expect(() => previewImport(parsed(many(3)), stored)).toThrow(
      expect.objectContaining({ code: 'import_limit_exceeded', details: { format: 'aegis', limit: 'vault_accounts', max: 10_000 }, message: expect.stringContaining('past 10,000 accounts') }),
    );
  });

  it('does not count duplicates against the cap', () => {
    expect(previewImport(parsed([...many(2), ...many(5, 100_000)]), stored).duplicates).toHaveLength(5);
  });
});

describe('assertImportFileSize', () => {
  it('accepts 10 MB and refuses a byte more, naming the limit', () => {
    expect(() => assertImportFileSize(10 * 1024 * 1024)).not.toThrow();
    expect(() => assertImportFileSize(10 * 1024 * 1024 + 1)).toThrow(
      expect.objectContaining({ code: 'import_limit_exceeded', details: { limit: 'file_size', max: 10 * 1024 * 1024 }, message: expect.stringContaining('10 MB') }),
    );
  });

  it('is applied to text handed to readImportFile', async () => {
    const text = `${'#'.repeat(IMPORT_LIMITS.fileBytes)}\notpauth://totp/x?secret=JBSWY3DPEHPK3PXP`;
    await expect(readImportFile(text)).rejects.toEqual(limitError('file_size'));
  });
});

describe('assertImportScryptCost', () => {
  it.each([
    ['what Aegis writes (2^15, 8, 1)', AEGIS_SCRYPT_PARAMS, true],
    ['four times its memory and work (2^17, 8, 1)', { n: 2 ** 17, r: 8, p: 1 }, true],
    ['2^20 with r = 1', { n: 2 ** 20, r: 1, p: 1 }, true],
    ['more memory (2^18, 8, 1)', { n: 2 ** 18, r: 8, p: 1 }, false],
    ['more work through p (2^15, 8, 5)', { n: 2 ** 15, r: 8, p: 5 }, false],
    ['p = 16 at 256 MiB (2^18, 8, 16)', { n: 2 ** 18, r: 8, p: 16 }, false],
  ])('%s: accepted %s', (_name, params, accepted) => {
    if (accepted) expect(() => assertImportScryptCost(params)).not.toThrow();
    else expect(() => assertImportScryptCost(params)).toThrow(limitError('kdf', 'aegis'));
  });
});

describe('assertImportArgon2idCost', () => {
  it.each([
    ['what we write (64 MiB, 3 passes, 1 lane)', ARGON2ID_DEFAULTS, true],
    ['128 MiB, 6 passes, 4 lanes', { memoryKiB: 131_072, iterations: 6, parallelism: 4 }, true],
    ['256 MiB', { memoryKiB: 262_144, iterations: 1, parallelism: 1 }, false],
    ['64 MiB, 13 passes', { memoryKiB: 65_536, iterations: 13, parallelism: 1 }, false],
    ['5 lanes', { memoryKiB: 65_536, iterations: 3, parallelism: 5 }, false],
  ])('%s: accepted %s', (_name, params, accepted) => {
    if (accepted) expect(() => assertImportArgon2idCost(params)).not.toThrow();
    else expect(() => assertImportArgon2idCost(params)).toThrow(limitError('kdf', 'acme-backup'));
  });
});

describe('KDF caps on files', () => {
  type AegisFile = { header: { slots: Record<string, unknown>[] } };
  const aegisFile = async (): Promise<AegisFile> => JSON.parse(await exportAegisJson([nth(1)], { password: PASSWORD, scrypt: TEST_SCRYPT })) as AegisFile;

  it('refuses an Aegis slot asking for more scrypt work than the cap, before deriving, naming Aegis', async () => {
    const file = await aegisFile();
    Object.assign(file.header.slots[0]!, { n: 2 ** 15, r: 8, p: 5 });
    const error = await readImportFile(JSON.stringify(file), PASSWORD).catch((e: unknown) => e);
    expect(error).toEqual(limitError('kdf', 'aegis'));
    expect((error as Error).message).toMatch(/Aegis file .*128 MB/);
  });

  it('refuses an Aegis file with 5 password slots, and opens one with 4 and any number of biometric slots', async () => {
    const file = await aegisFile();
    const slot = file.header.slots[0]!;
    const biometric = Array.from({ length: 20 }, () => ({ ...slot, type: 2 }));
    file.header.slots = [...biometric, slot, slot, slot, slot, slot];
    const error = await readImportFile(JSON.stringify(file), PASSWORD).catch((e: unknown) => e);
    expect(error).toEqual(limitError('password_slots', 'aegis'));
    expect((error as Error).message).toContain('more than 4 password slots');

    file.header.slots = [...biometric, slot, slot, slot, slot];
    expect((await readImportFile(JSON.stringify(file), PASSWORD)).accounts).toEqual([nth(1)]);
  });

  it('refuses one of our backups whose Argon2id asks for 256 MiB, naming the backup', async () => {
    const file = JSON.parse(await exportAcmeBackup([nth(1)], PASSWORD, { now: NOW, kdf: TEST_KDF })) as { kdf: Record<string, unknown> };
    file.kdf.memoryKiB = 262_144;
    const error = await readImportFile(JSON.stringify(file), PASSWORD).catch((e: unknown) => e);
    expect(error).toEqual(limitError('kdf', 'acme-backup'));
    expect((error as Error).message).toContain('backup file');
  });
});
