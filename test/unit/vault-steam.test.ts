import { describe, expect, it } from 'vitest';
import type { OtpAccount } from '../../shared/otp/types';
import { changedCodeFields, createVaultAccount, editVaultAccount, type AccountId } from '../../shared/vault/account';
import { importAesKey } from '../../shared/vault/aes-gcm';
import { exportAcmeBackup } from '../../shared/vault/formats/acme-backup';
import { exportAegisJson } from '../../shared/vault/formats/aegis';
import { readEntry } from '../../shared/vault/formats/entry';
import { exportMigrationUris, findMigrationSkips, parseMigrationUri } from '../../shared/vault/formats/google-migration';
import { exportOtpauthList } from '../../shared/vault/formats/otpauth-list';
import { readImportFile } from '../../shared/vault/import-file';
import { openSealedAccount, sealAccount } from '../../shared/vault/sealed-account';

/** A Steam account as every way in stores it: Steam's fixed parameters. */
const STEAM: OtpAccount = { type: 'steam', issuer: 'Steam', label: 'gaben', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 };
const TOTP: OtpAccount = { type: 'totp', issuer: 'GitHub', label: 'octocat', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };

describe('readEntry', () => {
  it.each(['steam', 'STEAM', ' Steam '])('reads type %j as a Steam account', (type) => {
    expect(readEntry({ type, secret: STEAM.secret, issuer: 'Steam', label: 'gaben' })).toEqual(STEAM);
  });

  it('reads Steam\'s parameters however a file spells them', () => {
    expect(readEntry({ type: 'steam', secret: STEAM.secret, issuer: 'Steam', label: 'gaben', algorithm: 'sha-1', digits: '5', period: 30 })).toEqual(STEAM);
  });

  it.each([
    [{ digits: 6 }, 'digits'],
    [{ algorithm: 'SHA256' }, 'algorithm'],
    [{ algorithm: 'MD5' }, 'algorithm'],
    [{ period: 60 }, 'period'],
  ])('refuses a Steam entry with %o with steam_params_fixed naming the field', (params, field) => {
    expect(() => readEntry({ type: 'steam', secret: STEAM.secret, issuer: 'Steam', label: 'gaben', ...params })).toThrow(
      expect.objectContaining({ code: 'steam_params_fixed', details: expect.objectContaining({ field }) }),
    );
  });

  it('caps a Steam entry\'s names as any other entry\'s', () => {
    expect(() => readEntry({ type: 'steam', secret: STEAM.secret, issuer: 'S'.repeat(10_000), label: 'gaben' })).toThrow(expect.objectContaining({ code: 'input_too_long' }));
  });
});

describe('sealAccount', () => {
  const masterKey = async () => ({ id: 'k1', key: await importAesKey(crypto.getRandomValues(new Uint8Array(32))) });
  const id = '00000000-0000-4000-8000-000000000001' as AccountId;

  it('round-trips a Steam account through the sealed payload', async () => {
    const key = await masterKey();
    const account = createVaultAccount(STEAM, 1_000, id);
    expect(await openSealedAccount(await sealAccount(account, key), key)).toEqual(account);
  });

  it.each([
    ['6 digits', { digits: 6 }],
    ['SHA256', { algorithm: 'SHA256' as const }],
    ['a 60-second period', { period: 60 }],
  ])('does not open a stored Steam account with %s (it would show codes Steam refuses)', async (_name, override) => {
    const key = await masterKey();
    const account = { ...createVaultAccount(STEAM, 1_000, id), ...override };
    expect(await openSealedAccount(await sealAccount(account, key), key)).toBeUndefined();
  });
});

describe('editVaultAccount', () => {
  const stored = createVaultAccount(TOTP, 1_000, 'a' as AccountId);

  it('turns a TOTP account into a Steam account with Steam\'s parameters', () => {
    const edited = editVaultAccount(stored, { ...STEAM, issuer: 'Steam', label: 'gaben' }, 2_000);
    expect(edited).toMatchObject({ type: 'steam', digits: 5, algorithm: 'SHA1', period: 30, updatedAt: 2_000 });
  });

  it.each([
    ['6 digits', { digits: 6 }, 'digits'],
    ['SHA512', { algorithm: 'SHA512' as const }, 'algorithm'],
    ['a 60-second period', { period: 60 }, 'period'],
  ])('refuses a Steam account with %s with steam_params_fixed', (_name, override, field) => {
    expect(() => editVaultAccount(stored, { ...STEAM, ...override }, 2_000)).toThrow(
      expect.objectContaining({ code: 'steam_params_fixed', details: expect.objectContaining({ field }) }),
    );
  });

  it('counts the period of a Steam account as a code field, as a TOTP account\'s', () => {
    expect(changedCodeFields({ ...STEAM, period: 60 }, STEAM)).toEqual(['period']);
    expect(changedCodeFields(TOTP, { ...TOTP, type: 'steam', digits: 5 })).toEqual(['type', 'digits']);
  });
});

describe('exportAegisJson (Steam)', () => {
  it('writes a Steam account as type steam with SHA1, 5 digits and 30 s, and reads it back', async () => {
    const text = await exportAegisJson([STEAM]);
    const entry = JSON.parse(text).db.entries[0];
    expect(entry).toMatchObject({ type: 'steam', name: 'gaben', issuer: 'Steam', info: { secret: STEAM.secret, algo: 'SHA1', digits: 5, period: 30 } });
    expect((await readImportFile(text)).accounts).toEqual([STEAM]);
  });
});

describe('exportOtpauthList (Steam)', () => {
  it('writes otpauth://steam/ and reads it back as the same account', async () => {
    const text = exportOtpauthList([TOTP, STEAM]);
    expect(text.split('\n')[1]).toBe(`otpauth://steam/Steam:gaben?secret=${STEAM.secret}&issuer=Steam&algorithm=SHA1&digits=5&period=30`);
    expect((await readImportFile(text)).accounts).toEqual([TOTP, STEAM]);
  });

  it('reads a list with the three Steam link forms', async () => {
    const text = [`otpauth://steam/Steam:gaben?secret=${STEAM.secret}`, `otpauth://totp/Steam:gaben?secret=${STEAM.secret}&encoder=steam`, `steam://${STEAM.secret}`].join('\n');
    const parsed = await readImportFile(text);
    expect(parsed.accounts).toEqual([STEAM, STEAM, { ...STEAM, label: '' }]);
  });
});

describe('exportAcmeBackup (Steam)', () => {
  it('keeps a Steam account', async () => {
    const text = await exportAcmeBackup([STEAM, TOTP], 'correct horse battery', { now: 0, kdf: { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 } });
    expect((await readImportFile(text, 'correct horse battery')).accounts).toEqual([
      expect.objectContaining(STEAM),
      expect.objectContaining(TOTP),
    ]);
  });
});

describe('exportMigrationUris (Steam)', () => {
  it('leaves each Steam account out with export_not_representable (field type), exporting the rest', () => {
    const { uris, skipped } = exportMigrationUris([STEAM, TOTP, { ...STEAM, label: 'alt' }]);
    expect(skipped).toEqual([
      { index: 0, name: 'Steam: gaben', code: 'export_not_representable', reason: expect.stringContaining('Steam Guard') as string },
      { index: 2, name: 'Steam: alt', code: 'export_not_representable', reason: expect.stringContaining('Steam Guard') as string },
    ]);
    expect(uris).toHaveLength(1);
    expect(parseMigrationUri(uris[0]!).accounts).toEqual([TOTP]);
  });

  it('names the same accounts up front (findMigrationSkips), before any code is made', () => {
    const accounts = [STEAM, TOTP, { ...TOTP, digits: 7 }];
    expect(findMigrationSkips(accounts)).toEqual(exportMigrationUris(accounts).skipped);
    expect(findMigrationSkips(accounts).map((entry) => [entry.index, entry.code])).toEqual([
      [0, 'export_not_representable'],
      [2, 'export_not_representable'],
    ]);
  });
});
