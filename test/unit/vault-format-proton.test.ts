import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { parseProtonJson } from '../../shared/vault/formats/proton';
import type { ImportedAccount } from '../../shared/vault/formats/types';
import { detectImportFile, readImportFile } from '../../shared/vault/import-file';
import { IMPORT_LIMITS } from '../../shared/vault/import-limits';
import { encryptProtonExport } from '../fixtures/formats/proton/encrypt-export';

/** A plain export as Proton's `export_entries` writes it (serde: `version`, `entries` of `id`, `content` { `uri`, `entry_type`, `name` }, `note`). */
const SAMPLE = readFileSync(new URL('../fixtures/formats/proton/proton-authenticator-export.json', import.meta.url), 'utf8');
const sample = () => JSON.parse(SAMPLE) as { version: number; entries: Array<Record<string, unknown>> };
const PASSWORD = 'Proton pässwörd 🔐';
/** The sample with a password, made once (Argon2id at Proton's cost takes a while). */
const ENCRYPTED = encryptProtonExport(SAMPLE, PASSWORD);

/** The shown name is the account name; the URI gives the rest. */
const EXPECTED: ImportedAccount[] = [
  { type: 'totp', issuer: 'GitHub', label: 'octocat', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, note: 'Recovery codes are in the safe' },
  { type: 'totp', issuer: 'Zürich Bank', label: 'Zürich Bank konto', secret: 'RZWCCG4MFXBM724TOMC4KWW5D6PMJ6QS', algorithm: 'SHA256', digits: 8, period: 60, counter: 0 },
  {
    type: 'totp',
    issuer: '東京',
    label: '🦊 fox',
    secret: 'MVYLRGAKX6EKM4BM7DSGWLDSMXYYG5D6NEA6SIM7WWBW2FF4QA63UAOW4N6DXGSJQYDJOACKXHKQB6RUEUHHFXLC65GKQD4755TPWPY',
    algorithm: 'SHA512',
    digits: 8,
    period: 30,
    counter: 0,
    note: '東京の口座',
  },
  // A steam:// link: its shown name is the account name.
  { type: 'steam', issuer: 'Steam', label: 'gaben', secret: 'ORRB3XDZU4JIO7ZH3CAH4V7LOOD2M5IG', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 },
  // An older export without `name`: the URI's label is the name.
  { type: 'totp', issuer: 'Example', label: 'alice@example.com', secret: 'AEBAGBAFAYDQQCIQ', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
];

describe('parseProtonJson', () => {
  it('reads every field of a plain export, by content', async () => {
    expect(detectImportFile(SAMPLE)).toEqual({ format: 'proton', encrypted: false });
    const parsed = await readImportFile(SAMPLE);
    expect(parsed).toMatchObject({ format: 'proton', encrypted: false });
    expect(parsed.accounts).toEqual(EXPECTED);
  });

  it('reads a Steam entry as type steam', async () => {
    const { accounts, unreadable } = await readImportFile(SAMPLE);
    expect(accounts[3]).toEqual(EXPECTED[3]);
    expect(unreadable.map((entry) => entry.name)).toEqual(['Broken']);
  });

  it('lists an entry whose link is broken as unreadable, naming it but never quoting the link', async () => {
    const { unreadable } = await readImportFile(SAMPLE);
    expect(unreadable).toContainEqual(expect.objectContaining({ index: 5, name: 'Broken', code: 'secret_not_base32' }));
    expect(JSON.stringify(unreadable)).not.toContain('ORRB3XDZ');
  });

  it('reads a counter-based link too (Proton makes none, other apps may)', async () => {
    const file = { version: 1, entries: [{ id: 'x', content: { uri: 'otpauth://hotp/Acme:me?secret=JBSWY3DPEHPK3PXP&counter=7&digits=8', entry_type: 'Totp', name: 'me' }, note: null }] };
    expect((await parseProtonJson(file)).accounts).toEqual([
      { type: 'hotp', issuer: 'Acme', label: 'me', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 8, period: 30, counter: 7 },
    ]);
  });

  it('decrypts a password-protected export made by independent code, after asking for its password', async () => {
    const text = await ENCRYPTED;
    expect(detectImportFile(text)).toEqual({ format: 'proton', encrypted: true });
    await expect(readImportFile(text)).rejects.toMatchObject({ code: 'import_password_required', details: { format: 'proton' } });
    const parsed = await readImportFile(text, PASSWORD);
    expect(parsed).toMatchObject({ format: 'proton', encrypted: true });
    expect(parsed.accounts).toEqual(EXPECTED);
  });

  it('refuses a wrong password, naming the Proton Authenticator file', async () => {
    const text = await ENCRYPTED;
    const error = await readImportFile(text, 'wrong').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'backup_wrong_password', details: { format: 'proton' } });
    expect((error as Error).message).toContain('Proton Authenticator file');
  });

  it.each([
    ['a short salt', (file: Record<string, unknown>) => ({ ...file, salt: 'AAAA' })],
    ['content cut short', (file: Record<string, unknown>) => ({ ...file, content: 'AAAAAAAA' })],
    ['content that is not Base64', (file: Record<string, unknown>) => ({ ...file, content: '%%%' })],
  ])('calls an encrypted export with %s damaged', async (_, damage) => {
    const file = JSON.parse(await ENCRYPTED) as Record<string, unknown>;
    await expect(parseProtonJson(damage(file), PASSWORD)).rejects.toMatchObject({ code: 'import_corrupt', details: { format: 'proton' } });
  });

  it('refuses a newer export version, plain or encrypted, as unsupported', async () => {
    await expect(parseProtonJson({ ...sample(), version: 2 })).rejects.toMatchObject({ code: 'import_unsupported', details: { format: 'proton', reason: 'version' } });
    await expect(readImportFile(await encryptProtonExport(SAMPLE, PASSWORD, 2), PASSWORD)).rejects.toMatchObject({ code: 'import_unsupported', details: { reason: 'version' } });
  });

  it('calls a cut-short plain export a damaged Proton Authenticator file', async () => {
    await expect(readImportFile(SAMPLE.slice(0, 300))).rejects.toMatchObject({ code: 'import_corrupt', details: { format: 'proton' } });
  });

  it('reads an export without entries as an empty Proton file, not an unknown one', async () => {
    await expect(readImportFile('{"version":1,"entries":[]}')).resolves.toMatchObject({ format: 'proton', accounts: [], unreadable: [] });
  });

  it('calls a cut-short password export a damaged Proton Authenticator file', async () => {
    const text = await ENCRYPTED;
    await expect(readImportFile(text.slice(0, 60))).rejects.toMatchObject({ code: 'import_corrupt', details: { format: 'proton' } });
  });

  it('refuses more entries than the cap before reading any', async () => {
    const entry = sample().entries[0];
    const file = { version: 1, entries: Array.from({ length: IMPORT_LIMITS.entries + 1 }, () => entry) };
    await expect(parseProtonJson(file)).rejects.toMatchObject({ code: 'import_limit_exceeded', details: { format: 'proton', limit: 'entries' } });
  });

  it('never throws anything but an AppError, whatever the entries hold (property)', async () => {
    const content = fc.dictionary(fc.constantFrom('uri', 'entry_type', 'name'), fc.oneof(fc.jsonValue(), fc.constantFrom('steam://', 'steam://AAAA', 'otpauth://totp/x?secret=JBSWY3DP', 'otpauth://')));
    const entry = fc.record({ id: fc.string(), content: fc.oneof(content, fc.jsonValue()), note: fc.jsonValue() });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 4 }), fc.oneof(fc.constant(1), fc.jsonValue()), async (entries, version) => {
        try {
          await parseProtonJson({ version, entries: [{ content: { uri: 'otpauth://totp/a?secret=JBSWY3DP' } }, ...entries] });
        } catch (error) {
          if (!isAppError(error)) throw error;
        }
      }),
    );
  });
});
