import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { parseAuthenticatorPro, parseAuthenticatorProHtml } from '../../shared/vault/formats/authenticator-pro';
import type { ImportedAccount } from '../../shared/vault/formats/types';
import { detectImportFile, readImportFile } from '../../shared/vault/import-file';
import { IMPORT_LIMITS } from '../../shared/vault/import-limits';
import { AUTHPRO_BACKUP, AUTHPRO_HTML, encryptLegacy, encryptStrong, PNG_ICON, SECRETS } from '../fixtures/formats/authenticator-pro/samples';

const PASSWORD = 'Stratum-Passwort ü';
const bytesOf = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));

const GITHUB: ImportedAccount = { type: 'totp', issuer: 'GitHub', label: 'octocat', secret: SECRETS.github, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
const BANK: ImportedAccount = { type: 'totp', issuer: 'Zürich Bank', label: 'anna@example.ch', secret: SECRETS.bank, algorithm: 'SHA256', digits: 8, period: 60, counter: 0 };
const TOKYO: ImportedAccount = { type: 'hotp', issuer: '東京', label: '🔑 key', secret: SECRETS.tokyo, algorithm: 'SHA512', digits: 6, period: 30, counter: 7 };
const STEAM: ImportedAccount = { type: 'steam', issuer: 'Steam', label: 'gaben', secret: SECRETS.steam, algorithm: 'SHA1', digits: 5, period: 30, counter: 0 };

/** The sample's readable entries in `Ranking` order, with their categories and icons. */
const EXPECTED: ImportedAccount[] = [
  { ...BANK, groupNames: ['Bank 🏦', 'Work'], icon: { kind: 'image', mime: 'image/png', data: PNG_ICON } },
  // Its custom icon is an SVG: automatic.
  TOKYO,
  { ...GITHUB, groupNames: ['Work'] },
  STEAM,
  // Its custom icon is over the cap: automatic.
  { type: 'totp', issuer: 'Big', label: 'icon', secret: SECRETS.big, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
];

describe('parseAuthenticatorPro', () => {
  it('reads every field of a plain backup: types, algorithms, digits, period, counter, Unicode names, categories, custom icons, ranking', async () => {
    const parsed = await readImportFile(bytesOf(AUTHPRO_BACKUP));
    expect(parsed).toMatchObject({ format: 'authenticator-pro', encrypted: false });
    expect(parsed.accounts).toEqual(EXPECTED);
    expect(parsed.groupNames).toEqual(['Bank 🏦', 'Work', 'Empty']);
  });

  it.each([
    [4, 'Mobile: m', 'mOTP'],
    [5, 'Yandex: y', 'Yandex'],
  ])('lists entry %i (%s) unreadable, naming its type %s, and imports the rest', async (index, name, type) => {
    const { unreadable, accounts } = await parseAuthenticatorPro({ bytes: bytesOf(AUTHPRO_BACKUP), json: AUTHPRO_BACKUP });
    const entry = unreadable.find((item) => item.index === index);
    expect(entry).toMatchObject({ name, code: 'entry_type_unsupported' });
    expect(entry!.reason).toContain(`"${type}"`);
    expect(accounts).toHaveLength(5);
  });

  it('reads a Steam entry (Type 4) as a Steam Guard account: 5 characters, SHA-1, 30 s', async () => {
    const { unreadable, accounts } = await parseAuthenticatorPro({ bytes: bytesOf(AUTHPRO_BACKUP), json: AUTHPRO_BACKUP });
    expect(unreadable.find((entry) => entry.index === 3)).toBeUndefined();
    expect(accounts.filter((account) => account.type === 'steam')).toEqual([STEAM]);
  });

  it('reads a backup whose lists other than Authenticators are null, as Authenticator Pro writes them when empty', async () => {
    const backup = { Authenticators: [AUTHPRO_BACKUP.Authenticators[0]], Categories: null, AuthenticatorCategories: null, CustomIcons: null };
    const parsed = await readImportFile(bytesOf(backup));
    expect(parsed.accounts).toEqual([GITHUB]);
    expect(parsed.groupNames).toEqual([]);
  });

  it('reports an entry with an unknown algorithm or a bad secret by name, without its secret', async () => {
    const backup = {
      Authenticators: [
        { ...AUTHPRO_BACKUP.Authenticators[0], Algorithm: 7 },
        { ...AUTHPRO_BACKUP.Authenticators[1], Secret: 'not base32 1!' },
        AUTHPRO_BACKUP.Authenticators[2],
      ],
    };
    const { accounts, unreadable } = await readImportFile(bytesOf(backup));
    expect(accounts).toEqual([TOKYO]);
    expect(unreadable).toEqual([
      expect.objectContaining({ index: 0, name: 'GitHub: octocat', code: 'unsupported_algorithm' }),
      expect.objectContaining({ index: 1, name: 'Zürich Bank: anna@example.ch', code: 'secret_not_base32' }),
    ]);
    expect(JSON.stringify(unreadable)).not.toContain('not base32');
  });

  it.each(['Authenticators', 'Categories', 'AuthenticatorCategories', 'CustomIcons'])(
    `refuses more than ${IMPORT_LIMITS.entries} %s before reading them`,
    async (list) => {
      const backup = { ...AUTHPRO_BACKUP, [list]: Array.from({ length: IMPORT_LIMITS.entries + 1 }, () => ({})) };
      await expect(readImportFile(bytesOf(backup))).rejects.toMatchObject({
        code: 'import_limit_exceeded',
        details: { format: 'authenticator-pro', limit: 'entries' },
      });
    },
  );

  it('refuses a list that is not a list, and a cut-short file, as a damaged Authenticator Pro file', async () => {
    await expect(readImportFile(bytesOf({ ...AUTHPRO_BACKUP, Categories: 'x' }))).rejects.toMatchObject({ code: 'import_corrupt', details: { format: 'authenticator-pro' } });
    const text = JSON.stringify(AUTHPRO_BACKUP);
    await expect(readImportFile(text.slice(0, text.length / 2))).rejects.toMatchObject({ code: 'import_corrupt', details: { format: 'authenticator-pro' } });
  });
});

describe('parseAuthenticatorPro (encrypted)', () => {
  // The current format's Argon2id cost is fixed by the app (64 MiB × 3 passes × 4 lanes), so these two tests
  // pay it, twice each (building the file, reading it): a few seconds on a busy two-core machine.
  const STRONG_KDF_TIMEOUT = 30_000;
  it('opens a backup of the current format (Argon2id, AES-256-GCM) and reads every field', async () => {
    const file = await encryptStrong(AUTHPRO_BACKUP, PASSWORD);
    expect(detectImportFile(file)).toEqual({ format: 'authenticator-pro', encrypted: true });
    const parsed = await readImportFile(file, PASSWORD);
    expect(parsed).toMatchObject({ format: 'authenticator-pro', encrypted: true, accounts: EXPECTED, groupNames: ['Bank 🏦', 'Work', 'Empty'] });
  }, STRONG_KDF_TIMEOUT);

  it('refuses a wrong password in the current format, naming Authenticator Pro', async () => {
    const file = await encryptStrong({ Authenticators: [] }, PASSWORD);
    const error = await readImportFile(file, 'wrong password').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'backup_wrong_password', details: { format: 'authenticator-pro' } });
    expect((error as Error).message).toContain('Authenticator Pro (Stratum) file');
  }, STRONG_KDF_TIMEOUT);

  it('opens a legacy backup (PBKDF2-SHA1, AES-256-CBC)', async () => {
    const file = encryptLegacy(AUTHPRO_BACKUP, PASSWORD);
    expect(detectImportFile(file)).toEqual({ format: 'authenticator-pro', encrypted: true });
    const parsed = await readImportFile(file, PASSWORD);
    expect(parsed).toMatchObject({ format: 'authenticator-pro', encrypted: true, accounts: EXPECTED });
  });

  it('refuses a wrong password and a flipped last byte in a legacy backup', async () => {
    const file = encryptLegacy(AUTHPRO_BACKUP, PASSWORD);
    await expect(readImportFile(file, 'wrong password')).rejects.toMatchObject({ code: 'backup_wrong_password', details: { format: 'authenticator-pro' } });
    const flipped = file.slice();
    flipped[flipped.length - 1] = flipped[flipped.length - 1]! ^ 0x55;
    await expect(readImportFile(flipped, PASSWORD)).rejects.toMatchObject({ code: 'backup_wrong_password' });
  });

  it('asks for the password of either format first', async () => {
    await expect(readImportFile(encryptLegacy(AUTHPRO_BACKUP, PASSWORD))).rejects.toMatchObject({ code: 'import_password_required', details: { format: 'authenticator-pro' } });
  });

  it.each([
    ['a legacy file cut inside its header', (file: Uint8Array) => file.slice(0, 30)],
    ['a legacy file cut inside a block', (file: Uint8Array) => file.slice(0, file.length - 5)],
    ['a current-format file cut before its tag', () => new Uint8Array([...new TextEncoder().encode('AUTHENTICATORPRO'), ...new Uint8Array(16 + 12 + 10)])],
  ])('refuses %s as damaged, before deriving any key', async (_, cut) => {
    await expect(readImportFile(cut(encryptLegacy({ Authenticators: [] }, PASSWORD)), PASSWORD)).rejects.toMatchObject({
      code: 'import_corrupt',
      details: { format: 'authenticator-pro' },
    });
  });

  it('never throws anything but an AppError, whatever the backup holds (property)', async () => {
    const entry = fc.dictionary(fc.constantFrom('Type', 'Icon', 'Issuer', 'Username', 'Secret', 'Algorithm', 'Digits', 'Period', 'Counter', 'Ranking'), fc.oneof(fc.jsonValue(), fc.integer({ min: -1, max: 6 })));
    const backup = fc.record({
      Authenticators: fc.array(fc.oneof(entry, fc.jsonValue()), { maxLength: 3 }),
      Categories: fc.oneof(fc.constant(null), fc.jsonValue(), fc.array(fc.record({ Id: fc.jsonValue(), Name: fc.jsonValue(), Ranking: fc.jsonValue() }), { maxLength: 2 })),
      AuthenticatorCategories: fc.oneof(fc.constant(null), fc.array(fc.record({ CategoryId: fc.jsonValue(), AuthenticatorSecret: fc.constantFrom(SECRETS.github, 1) }), { maxLength: 2 })),
      CustomIcons: fc.oneof(fc.constant(null), fc.array(fc.record({ Id: fc.jsonValue(), Data: fc.oneof(fc.base64String(), fc.constant(PNG_ICON), fc.jsonValue()) }), { maxLength: 2 })),
    });
    const legacyHeaderThenBytes = fc.uint8Array({ maxLength: 80 }).map((rest) => new Uint8Array([...new TextEncoder().encode('AuthenticatorPro'), ...rest]));
    await fc.assert(
      fc.asyncProperty(fc.oneof(backup.map(bytesOf), legacyHeaderThenBytes), async (file) => {
        try {
          await readImportFile(file, PASSWORD);
        } catch (error) {
          if (!isAppError(error)) throw error;
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('parseAuthenticatorProHtml', () => {
  it('reads the links of the HTML export, a Steam link (totp with issuer Steam) as Steam Guard, and lists the mOTP entry unreadable', async () => {
    expect(detectImportFile(AUTHPRO_HTML)).toEqual({ format: 'authenticator-pro', encrypted: false });
    const parsed = await readImportFile(AUTHPRO_HTML);
    expect(parsed.accounts).toEqual([GITHUB, BANK, TOKYO, STEAM]);
    expect(parsed.unreadable).toEqual([
      expect.objectContaining({ index: 4, name: '', code: 'entry_type_unsupported', reason: expect.stringContaining('"mOTP"') }),
    ]);
  });

  it('refuses a page without links as a damaged Authenticator Pro file', () => {
    expect(() => parseAuthenticatorProHtml('<html><table></table></html>')).toThrow(expect.objectContaining({ code: 'import_corrupt', details: expect.objectContaining({ format: 'authenticator-pro' }) }));
  });
});
