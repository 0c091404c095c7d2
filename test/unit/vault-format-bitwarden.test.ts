import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { parseBitwardenCsv, parseBitwardenJson } from '../../shared/vault/formats/bitwarden';
import { detectImportFile, readImportFile } from '../../shared/vault/import-file';
import { IMPORT_LIMITS } from '../../shared/vault/import-limits';
import { previewImport } from '../../shared/vault/import-preview';
import { BITWARDEN_EXPECTED, BITWARDEN_JSON, BITWARDEN_UNREADABLE, bitwardenCsv, CSV_HEADER } from '../fixtures/formats/bitwarden/samples';

const json = (file: unknown = BITWARDEN_JSON) => JSON.stringify(file, null, 2);
const login = (name: string, totp: string | null, extra: Record<string, unknown> = {}) => ({
  id: name, folderId: null, type: 1, name, notes: null, favorite: false, login: { username: 'user', password: 'secret password', totp }, ...extra,
});

describe('parseBitwardenJson', () => {
  it('reads every login with a TOTP: links, bare secrets, algorithms, digits, period, counter, Unicode names, folders, favourites, notes', async () => {
    expect(detectImportFile(json())).toEqual({ format: 'bitwarden', encrypted: false });
    const parsed = await readImportFile(json());
    expect(parsed).toMatchObject({ format: 'bitwarden', encrypted: false });
    expect(parsed.accounts).toEqual(BITWARDEN_EXPECTED);
    // Only the folders of the accounts read: a password manager's other folders are not made.
    expect(parsed.groupNames).toEqual(['Work', 'Banking']);
  });

  it('skips items without a TOTP silently, lists unreadable ones by their place among all items, and never quotes a secret or password', async () => {
    const parsed = await readImportFile(json());
    expect(parsed.unreadable.map(({ index, name, code }) => [index, name, code])).toEqual(BITWARDEN_UNREADABLE);
    expect(JSON.stringify(parsed)).not.toMatch(/NOT-BASE32|hunter2|secret password/);
  });

  it('reads a steam:// TOTP as a Steam Guard account: 5 characters, SHA-1, 30 s', async () => {
    const parsed = await readImportFile(json({ encrypted: false, folders: [], items: [login('Steam', 'steam://JRZCL47CMXVOQMNPZR2F7J4RGI')] }));
    expect(parsed.unreadable).toEqual([]);
    expect(parsed.accounts).toEqual([{ type: 'steam', issuer: 'Steam', label: 'user', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 }]);
  });

  it("maps an organisation export's collections to groups", async () => {
    const file = {
      encrypted: false,
      collections: [{ id: 'c1', organizationId: 'o', name: 'Ops' }, { id: 'c2', organizationId: 'o', name: 'On call' }],
      items: [login('PagerDuty', 'JBSWY3DPEHPK3PXP', { collectionIds: ['c1', 'c2', 'unknown'] })],
    };
    const parsed = await readImportFile(json(file));
    expect(parsed.accounts[0]!.groupNames).toEqual(['Ops', 'On call']);
  });

  it('keeps the folder, favourite and note, and says it drops last use and icon', async () => {
    expect(previewImport(await readImportFile(json()), []).cannotCarry).toEqual(['lastUsed', 'icon']);
  });

  it.each([
    ['account restricted', { encrypted: true, encKeyValidation_DO_NOT_EDIT: '2.abc|def|ghi', folders: [], items: [] }],
    ['password protected', { encrypted: true, passwordProtected: true, salt: 'c2FsdA==', kdfType: 0, kdfIterations: 600000, encKeyValidation_DO_NOT_EDIT: '2.a|b|c', data: '2.x|y|z' }],
  ])('refuses an encrypted export (%s) without asking a password, saying to export as .json or .csv and delete it after', async (_case, file) => {
    expect(detectImportFile(json(file))).toEqual({ format: 'bitwarden', encrypted: false });
    const error = await readImportFile(json(file), 'any password').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'import_unsupported', details: { format: 'bitwarden', reason: 'encrypted_export' } });
    expect((error as Error).message).toMatch(/Bitwarden.*\.json or \.csv.*delete it/s);
  });

  it('refuses more than 10,000 TOTP entries before reading them', async () => {
    const items = Array.from({ length: IMPORT_LIMITS.entries + 1 }, (_, i) => login(`S${i}`, 'JBSWY3DPEHPK3PXP'));
    await expect(readImportFile(json({ encrypted: false, folders: [], items }))).rejects.toMatchObject({
      code: 'import_limit_exceeded',
      details: { format: 'bitwarden', limit: 'entries', max: 10_000 },
    });
    expect((await readImportFile(json({ encrypted: false, folders: [], items: items.slice(1) }))).accounts).toHaveLength(10_000);
  });

  it('refuses more than 10,000 folders', async () => {
    const folders = Array.from({ length: IMPORT_LIMITS.entries + 1 }, (_, i) => ({ id: `f${i}`, name: `F${i}` }));
    await expect(readImportFile(json({ encrypted: false, folders, items: [] }))).rejects.toMatchObject({ code: 'import_limit_exceeded', details: { limit: 'entries' } });
  });

  it('reports a cut-short JSON export, and one without items, as a damaged Bitwarden export', async () => {
    const text = json();
    await expect(readImportFile(text.slice(0, text.length / 2))).rejects.toMatchObject({ code: 'import_corrupt', details: { format: 'bitwarden' } });
    expect(() => parseBitwardenJson({ encrypted: false, data: 'y' })).toThrow(expect.objectContaining({ code: 'import_corrupt', details: expect.objectContaining({ format: 'bitwarden' }) }));
  });

  it('reports a note over 2,000 characters as unreadable, naming the note', async () => {
    const parsed = await readImportFile(json({ encrypted: false, items: [login('Long', 'JBSWY3DPEHPK3PXP', { notes: 'n'.repeat(2_001) })] }));
    expect(parsed.unreadable).toEqual([expect.objectContaining({ name: 'Long: user', code: 'input_too_long' })]);
    expect(parsed.unreadable[0]!.reason).toContain('note');
  });
});

describe('parseBitwardenCsv', () => {
  it('reads the CSV export like the JSON one, field by field', async () => {
    const csv = bitwardenCsv();
    expect(detectImportFile(csv)).toEqual({ format: 'bitwarden', encrypted: false });
    const parsed = await readImportFile(csv);
    expect(parsed).toMatchObject({ format: 'bitwarden', encrypted: false });
    expect(parsed.accounts).toEqual(BITWARDEN_EXPECTED);
    expect(parsed.unreadable.map(({ index, name, code }) => [index, name, code])).toEqual(BITWARDEN_UNREADABLE);
    expect(parsed.groupNames).toEqual(['Work', 'Banking']);
  });

  it('keeps a note with a comma, a quote and a line break whole', async () => {
    const note = 'Codes, "blue" folder\nsecond line';
    const csv = `${CSV_HEADER}\r\nWork,1,login,GitHub,"Codes, ""blue"" folder\nsecond line",,0,https://github.com,octocat,pw,JBSWY3DPEHPK3PXP\r\n`;
    const parsed = await readImportFile(csv);
    expect(parsed.accounts).toEqual([expect.objectContaining({ issuer: 'GitHub', label: 'octocat', note, favourite: true, groupNames: ['Work'] })]);
  });

  it('reads a steam:// login_totp as a Steam Guard account', async () => {
    const parsed = await readImportFile(`${CSV_HEADER}\n,,login,Steam,,,0,,gaben,pw,steam://JRZCL47CMXVOQMNPZR2F7J4RGI\n`);
    expect(parsed.unreadable).toEqual([]);
    expect(parsed.accounts).toEqual(BITWARDEN_EXPECTED.filter((account) => account.type === 'steam'));
  });

  it("reads an organisation's CSV, its collections as groups", async () => {
    const header = 'collections,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';
    const parsed = await readImportFile(`${header}\n"Ops,On call",login,PagerDuty,,,0,,alice,pw,JBSWY3DPEHPK3PXP\n`);
    expect(parsed.accounts).toEqual([expect.objectContaining({ issuer: 'PagerDuty', label: 'alice', groupNames: ['Ops', 'On call'] })]);
  });

  it('reports a cut-short CSV (a quote left open) as damaged', async () => {
    const csv = `${CSV_HEADER}\nWork,,login,GitHub,"a note cut sh`;
    await expect(readImportFile(csv)).rejects.toMatchObject({ code: 'import_corrupt', details: { format: 'bitwarden' } });
  });

  it('lists a row with missing cells as unreadable instead of guessing which cell is which', async () => {
    const parsed = await readImportFile(`${CSV_HEADER}\nWork,,login,GitHub,,,0,,octocat\n,,login,GitLab,,,0,,tanuki,pw,JBSWY3DPEHPK3PXP\n`);
    expect(parsed.unreadable).toEqual([expect.objectContaining({ index: 0, name: 'GitHub: octocat', code: 'entry_field_invalid' })]);
    expect(parsed.accounts).toEqual([expect.objectContaining({ issuer: 'GitLab' })]);
  });

  it('refuses more than 10,000 TOTP rows', async () => {
    const rows = Array.from({ length: IMPORT_LIMITS.entries + 1 }, (_, i) => `,,login,S${i},,,0,,u,pw,JBSWY3DPEHPK3PXP`).join('\n');
    await expect(readImportFile(`${CSV_HEADER}\n${rows}\n`)).rejects.toMatchObject({ code: 'import_limit_exceeded', details: { format: 'bitwarden', limit: 'entries' } });
  });

  it.each([
    ['another CSV', 'name,url,username,password\nGitHub,https://github.com,octocat,pw\n'],
    ['a text mentioning the columns later', `hello\n${CSV_HEADER}\n`],
  ])('does not take %s for a Bitwarden export', async (_case, text) => {
    await expect(readImportFile(text)).rejects.toMatchObject({ code: 'import_unrecognized_format' });
  });

  it('reads the same through parseBitwardenCsv as through the import', async () => {
    expect(await parseBitwardenCsv(bitwardenCsv())).toEqual(await readImportFile(bitwardenCsv()));
  });
});

describe('Bitwarden import (property)', () => {
  it('never throws anything but an AppError, whatever the items and cells', async () => {
    const item = fc.record({
      type: fc.oneof(fc.constant(1), fc.jsonValue()),
      name: fc.oneof(fc.string(), fc.jsonValue()),
      notes: fc.oneof(fc.string(), fc.jsonValue()),
      favorite: fc.jsonValue(),
      folderId: fc.jsonValue(),
      collectionIds: fc.jsonValue(),
      login: fc.oneof(
        fc.record({ username: fc.jsonValue(), totp: fc.oneof(fc.constantFrom('JBSWY3DPEHPK3PXP', 'steam://JBSWY3DP', 'otpauth://totp/a?secret=JBSWY3DP'), fc.string(), fc.jsonValue()) }),
        fc.jsonValue(),
      ),
    });
    const content = fc.oneof(
      fc.record({ encrypted: fc.boolean(), folders: fc.jsonValue(), collections: fc.jsonValue(), items: fc.array(fc.oneof(item, fc.jsonValue()), { maxLength: 4 }) }).map((file) => JSON.stringify(file)),
      fc.array(fc.array(fc.oneof(fc.string(), fc.constantFrom('"', ',', '\n', '1', 'JBSWY3DPEHPK3PXP')), { maxLength: 12 }), { maxLength: 4 }).map(
        (rows) => `${CSV_HEADER}\n${rows.map((row) => row.join(',')).join('\n')}`,
      ),
      fc.tuple(fc.constant(bitwardenCsv()), fc.nat(), fc.string({ maxLength: 3 })).map(([text, at, insert]) => text.slice(0, at % text.length) + insert + text.slice(at % text.length)),
    );
    await fc.assert(
      fc.asyncProperty(content, async (text) => {
        try {
          const parsed = await readImportFile(text);
          expect(Array.isArray(parsed.accounts)).toBe(true);
        } catch (error) {
          if (!isAppError(error)) throw error;
        }
      }),
      { numRuns: 200 },
    );
  });
});
