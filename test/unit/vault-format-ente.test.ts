import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatAppErrorMessage, isAppError } from '../../shared/errors';
import { parseEnteEncrypted, parseEnteText } from '../../shared/vault/formats/ente';
import type { ImportedAccount } from '../../shared/vault/formats/types';
import { assertImportEnteKdfCost, IMPORT_LIMITS } from '../../shared/vault/import-limits';
import { detectImportFile, readImportFile } from '../../shared/vault/import-file';
import { ENTE_PLAIN_EXPORT, encryptLikeEnte, enteLine, SECRETS } from '../fixtures/formats/ente/samples';

const PASSWORD = 'Ente-Passwort ü';

/** The sample's readable entries, in Ente's order (`position`; the line without one counts as 0). */
const EXPECTED: ImportedAccount[] = [
  { type: 'totp', issuer: 'Zürich Bank', label: 'anna@example.ch', secret: SECRETS.bank, algorithm: 'SHA256', digits: 8, period: 60, counter: 0, groupNames: ['Bank', 'Work'] },
  { type: 'totp', issuer: 'Plain', label: 'x', secret: SECRETS.plain, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
  { type: 'hotp', issuer: '東京', label: '🔑 key', secret: SECRETS.tokyo, algorithm: 'SHA512', digits: 6, period: 30, counter: 7 },
  {
    type: 'totp',
    issuer: 'GitHub',
    label: 'octocat',
    secret: SECRETS.github,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    groupNames: ['Work'],
    favourite: true,
    note: 'Recovery codes are in the safe',
  },
  { type: 'steam', issuer: 'Steam', label: 'gaben', secret: SECRETS.steam, algorithm: 'SHA1', digits: 5, period: 30, counter: 0 },
];

const line = (n: number) => enteLine(`otpauth://totp/Svc${n}:u?secret=${SECRETS.github}&issuer=Svc${n}`, {});

describe('parseEnteText', () => {
  it('reads every field of the plain export: type, algorithm, digits, period, counter, Unicode names, tags, pin, note, order', () => {
    const parsed = parseEnteText(ENTE_PLAIN_EXPORT);
    expect(parsed.format).toBe('ente');
    expect(parsed.encrypted).toBe(false);
    expect(parsed.accounts).toEqual(EXPECTED);
    expect(parsed.groupNames).toEqual(['Bank', 'Work']);
  });

  it('lists an entry in Ente\'s trash as unreadable, with its name and why, and imports the rest', () => {
    const { unreadable, accounts } = parseEnteText(ENTE_PLAIN_EXPORT);
    const trashed = unreadable.find((entry) => entry.code === 'entry_in_trash');
    expect(trashed).toMatchObject({ index: 4, name: 'Old Service: me' });
    expect(trashed!.reason).toContain("Ente Auth's trash");
    expect(accounts.some((account) => account.secret === SECRETS.trashed)).toBe(false);
  });

  it('reads an otpauth://steam/ line as a Steam Guard account: 5 characters, SHA-1, 30 s', () => {
    const { unreadable, accounts } = parseEnteText(ENTE_PLAIN_EXPORT);
    expect(unreadable.find((entry) => entry.index === 3)).toBeUndefined();
    expect(accounts.filter((account) => account.type === 'steam')).toEqual([EXPECTED.at(-1)]);
  });

  it('reads a line as a bare link or as Ente\'s JSON string alike', () => {
    const quoted = line(1);
    const bare = JSON.parse(quoted) as string;
    expect(parseEnteText(bare).accounts).toEqual(parseEnteText(quoted).accounts);
    expect(parseEnteText(bare).accounts).toHaveLength(1);
  });

  it('reports a line whose codeDisplay is not JSON, naming the entry and the field but never the secret', () => {
    const broken = `otpauth://totp/Acme:bob?secret=${SECRETS.github}&issuer=Acme&codeDisplay=%7Bpinned`;
    const { accounts, unreadable } = parseEnteText(`${broken}\n${line(2)}`);
    expect(accounts.map((account) => account.issuer)).toEqual(['Svc2']);
    expect(unreadable).toEqual([expect.objectContaining({ index: 0, name: 'Acme: bob', code: 'entry_field_invalid' })]);
    expect(JSON.stringify(unreadable)).not.toContain(SECRETS.github);
  });

  it('reports a line that is not a link without quoting it', () => {
    const { unreadable } = parseEnteText(`${line(1)}\n${SECRETS.bank}`);
    expect(unreadable).toEqual([expect.objectContaining({ index: 1, name: '', code: 'not_otpauth_uri' })]);
  });

  it(`refuses more than ${IMPORT_LIMITS.entries} lines before reading them`, () => {
    const text = Array.from({ length: IMPORT_LIMITS.entries + 1 }, () => line(1)).join('\n');
    expect(() => parseEnteText(text)).toThrow(expect.objectContaining({ code: 'import_limit_exceeded', details: expect.objectContaining({ format: 'ente', limit: 'entries' }) }));
  });
});

describe('detectImportFile', () => {
  it('recognises Ente\'s plain export by its codeDisplay parameter, whatever the file is called', () => {
    expect(detectImportFile(ENTE_PLAIN_EXPORT)).toEqual({ format: 'ente', encrypted: false });
  });

  it('leaves a list of links without codeDisplay to the otpauth list', () => {
    expect(detectImportFile(`otpauth://totp/Plain:x?secret=${SECRETS.plain}&issuer=Plain\n`)).toEqual({ format: 'otpauth-list', encrypted: false });
  });

  it('recognises the encrypted export by its fields', async () => {
    expect(detectImportFile(await encryptLikeEnte(ENTE_PLAIN_EXPORT, PASSWORD))).toEqual({ format: 'ente', encrypted: true });
  });
});

describe('parseEnteEncrypted', () => {
  it('opens an export made with libsodium (crypto_pwhash, secretstream) and reads the same accounts', async () => {
    const parsed = await readImportFile(await encryptLikeEnte(ENTE_PLAIN_EXPORT, PASSWORD), PASSWORD);
    expect(parsed).toMatchObject({ format: 'ente', encrypted: true, accounts: EXPECTED, groupNames: ['Bank', 'Work'] });
    expect(parsed.unreadable.map((entry) => entry.code)).toEqual(['entry_in_trash']);
  });

  it('asks for the password first', async () => {
    const file = JSON.parse(await encryptLikeEnte(ENTE_PLAIN_EXPORT, PASSWORD));
    await expect(parseEnteEncrypted(file)).rejects.toMatchObject({ code: 'import_password_required', details: { format: 'ente' } });
  });

  it('refuses a wrong password, naming Ente Auth', async () => {
    const file = JSON.parse(await encryptLikeEnte(ENTE_PLAIN_EXPORT, PASSWORD));
    const error = await parseEnteEncrypted(file, 'wrong password').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'backup_wrong_password', details: { format: 'ente' } });
    expect((error as Error).message).toContain('Ente Auth file');
  });

  it('uses the password exactly as typed (no Unicode normalisation), as libsodium does', async () => {
    const file = JSON.parse(await encryptLikeEnte(ENTE_PLAIN_EXPORT, 'cafe\u0301'));
    await expect(parseEnteEncrypted(file, 'caf\u00e9')).rejects.toMatchObject({ code: 'backup_wrong_password' });
    await expect(parseEnteEncrypted(file, 'cafe\u0301')).resolves.toMatchObject({ encrypted: true });
  });

  it('refuses a flipped byte or a cut-short stream without importing anything', async () => {
    const file = JSON.parse(await encryptLikeEnte(ENTE_PLAIN_EXPORT, PASSWORD));
    const data = Buffer.from(file.encryptedData, 'base64');
    data[20] = data[20]! ^ 1;
    await expect(parseEnteEncrypted({ ...file, encryptedData: data.toString('base64') }, PASSWORD)).rejects.toMatchObject({ code: 'backup_wrong_password' });
    const cut = Buffer.from(file.encryptedData, 'base64').subarray(0, 40);
    await expect(parseEnteEncrypted({ ...file, encryptedData: cut.toString('base64') }, PASSWORD)).rejects.toMatchObject({ code: 'backup_wrong_password' });
  });

  it('refuses a stream whose message is not tagged final as damaged', async () => {
    const file = JSON.parse(await encryptLikeEnte(ENTE_PLAIN_EXPORT, PASSWORD, { tag: 'message' }));
    await expect(parseEnteEncrypted(file, PASSWORD)).rejects.toMatchObject({ code: 'import_corrupt', details: { format: 'ente' } });
  });

  it.each<[string, (file: Record<string, any>) => Record<string, unknown>]>([
    ['a salt of the wrong length', (f) => ({ ...f, kdfParams: { ...f.kdfParams, salt: 'AAAA' } })],
    ['a nonce of the wrong length', (f) => ({ ...f, encryptionNonce: 'AAAA' })],
    ['data that is not Base64', (f) => ({ ...f, encryptedData: '%%%' })],
    ['a memLimit below libsodium\'s minimum', (f) => ({ ...f, kdfParams: { ...f.kdfParams, memLimit: 1024 } })],
    ['an opsLimit of 0', (f) => ({ ...f, kdfParams: { ...f.kdfParams, opsLimit: 0 } })],
    ['an opsLimit that is not a number', (f) => ({ ...f, kdfParams: { ...f.kdfParams, opsLimit: '3' } })],
    ['no version', (f) => ({ ...f, version: undefined })],
  ])('refuses %s as a damaged Ente Auth file', async (_, alter) => {
    const file = JSON.parse(await encryptLikeEnte(ENTE_PLAIN_EXPORT, PASSWORD));
    await expect(parseEnteEncrypted(alter(file), PASSWORD)).rejects.toMatchObject({ code: 'import_corrupt', details: { format: 'ente' } });
  });

  it('refuses a newer version as unsupported', async () => {
    const file = JSON.parse(await encryptLikeEnte(ENTE_PLAIN_EXPORT, PASSWORD));
    await expect(parseEnteEncrypted({ ...file, version: 2 }, PASSWORD)).rejects.toMatchObject({ code: 'import_unsupported', details: { format: 'ente', reason: 'version' } });
  });

  it('reports a damaged JSON file as a damaged Ente Auth file', async () => {
    const text = await encryptLikeEnte(ENTE_PLAIN_EXPORT, PASSWORD);
    await expect(readImportFile(text.slice(0, -10), PASSWORD)).rejects.toMatchObject({ code: 'import_corrupt', details: { format: 'ente' } });
  });

  const GiB = 1024 * 1024 * 1024;
  const MiB = 1024 * 1024;
  it.each([
    ['a memLimit over 1 GiB', { memLimit: 2 * GiB, opsLimit: 1 }],
    ['an opsLimit over 256', { memLimit: 8192, opsLimit: 257 }],
    ['memory × passes over Ente\'s 4 GiB', { memLimit: 512 * MiB, opsLimit: 16 }],
  ])('refuses %s before deriving any key', async (_, kdf) => {
    const file = JSON.parse(await encryptLikeEnte(ENTE_PLAIN_EXPORT, PASSWORD));
    // Deriving at these costs would take minutes: the refusal comes first, so this returns at once.
    const error = await parseEnteEncrypted({ ...file, kdfParams: { ...file.kdfParams, ...kdf } }, PASSWORD).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'import_limit_exceeded', details: { format: 'ente', limit: 'kdf' } });
    expect((error as Error).message).toContain('more than 1,024 MB of memory, or more than the work Ente Auth writes');
  });

  it('says when the browser cannot give the memory an export asks for', () => {
    expect(formatAppErrorMessage('import_unsupported', { format: 'ente', reason: 'memory' })).toMatch(/^Opening this Ente Auth file needs more memory than this browser gives/);
  });

  it.each([
    ['sensitive (1 GiB × 4)', { memLimit: GiB, opsLimit: 4 }],
    ['low-spec (256 MiB × 16)', { memLimit: 256 * MiB, opsLimit: 16 }],
    ['fallbacks (64 MiB × 64, 16 MiB × 256)', { memLimit: 64 * MiB, opsLimit: 64 }],
    ['the smallest fallback kept (16 MiB × 256)', { memLimit: 16 * MiB, opsLimit: 256 }],
  ])('accepts Ente\'s own costs: %s', (_, kdf) => {
    expect(() => assertImportEnteKdfCost(kdf)).not.toThrow();
  });

  it('never throws anything but an AppError, whatever the fields and password (property)', async () => {
    const valid = JSON.parse(await encryptLikeEnte(line(1), PASSWORD));
    const small = fc.oneof(fc.integer({ min: -5, max: 70_000 }), fc.constantFrom(8192, 65_536), fc.string({ maxLength: 8 }), fc.constant(null));
    const file = fc.record({
      version: fc.oneof(fc.constant(1), small),
      kdfParams: fc.oneof(fc.record({ memLimit: fc.oneof(fc.constant(valid.kdfParams.memLimit), small), opsLimit: fc.oneof(fc.constant(2), small), salt: fc.oneof(fc.constant(valid.kdfParams.salt), fc.base64String()) }), fc.jsonValue()),
      encryptedData: fc.oneof(fc.constant(valid.encryptedData), fc.base64String(), small),
      encryptionNonce: fc.oneof(fc.constant(valid.encryptionNonce), fc.base64String({ minLength: 32, maxLength: 32 }), small),
    });
    await fc.assert(
      fc.asyncProperty(file, fc.option(fc.constantFrom(PASSWORD, 'x', ''), { nil: undefined }), async (json, password) => {
        try {
          await parseEnteEncrypted(json, password);
        } catch (error) {
          if (!isAppError(error)) throw error;
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('readImportFile (Ente plain text)', () => {
  it('never throws anything but an AppError on altered text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.string({ maxLength: 4 }), async (at, insert) => {
        const text = ENTE_PLAIN_EXPORT.slice(0, at % ENTE_PLAIN_EXPORT.length) + insert + ENTE_PLAIN_EXPORT.slice((at % ENTE_PLAIN_EXPORT.length) + 1);
        try {
          await readImportFile(text);
        } catch (error) {
          if (!isAppError(error)) throw error;
        }
      }),
      { numRuns: 300 },
    );
  });
});
