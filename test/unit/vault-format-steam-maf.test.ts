import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { INPUT_LIMITS } from '../../shared/otp/input-limits';
import { generateTotp } from '../../shared/otp/totp';
import { FORMAT_CARRIES } from '../../shared/vault/formats/types';
import { detectImportFile, readImportFile } from '../../shared/vault/import-file';
import { encryptLikeSda, maFile, STEAM_TEST_SECRET, STEAM_TEST_SHARED_SECRET } from '../fixtures/formats/steam-maf/ma-file';

const read = (file: Record<string, unknown>) => readImportFile(JSON.stringify(file, null, 2));

/** The AppError a read rejects with. */
async function readError(text: string): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    await readImportFile(text);
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('parseSteamMaFile', () => {
  it('recognises a .maFile by its content, needing no password', () => {
    expect(detectImportFile(JSON.stringify(maFile()))).toEqual({ format: 'steam-maf', encrypted: false });
  });

  it('reads the account as a Steam account named after account_name, its revocation code in the note', async () => {
    const parsed = await read(maFile());
    expect(parsed).toEqual({
      format: 'steam-maf',
      encrypted: false,
      accounts: [{ type: 'steam', issuer: 'Steam', label: 'gaben', secret: STEAM_TEST_SECRET, algorithm: 'SHA1', digits: 5, period: 30, counter: 0, note: 'Revocation code: R12345' }],
      unreadable: [],
    });
  });

  it('gives the code KeePassXC publishes for this key at a fixed time', async () => {
    const [account] = (await read(maFile())).accounts;
    expect(generateTotp(account!, 1511200518_000)).toBe('FR8RV');
  });

  it('says it carries the note (the revocation code) and nothing else', () => {
    expect(FORMAT_CARRIES['steam-maf']).toEqual(['note']);
  });

  it.each([
    ['a Unicode account name', { account_name: 'Zoë_ゲーマー' }, { label: 'Zoë_ゲーマー' }],
    ['no revocation code', { revocation_code: undefined }, { note: undefined }],
    ['a blank revocation code', { revocation_code: '  ' }, { note: undefined }],
    ['an older SDA file (session cookies, no tokens)', { Session: { SessionID: 'x', SteamLogin: 'y', SteamLoginSecure: 'z', WebCookie: 'w', OAuthToken: 'o', SteamID: 76561197960287930 } }, {}],
    ['a secret without padding and with a line break', { shared_secret: `${STEAM_TEST_SHARED_SECRET.slice(0, 10)}\n${STEAM_TEST_SHARED_SECRET.slice(10).replace(/=+$/, '')}` }, {}],
  ])('reads a file with %s', async (_name, fields, expected) => {
    const [account] = (await read(maFile(fields))).accounts;
    expect(account).toMatchObject({ type: 'steam', issuer: 'Steam', secret: STEAM_TEST_SECRET, ...Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined)) });
    if ('note' in expected) expect(account).not.toHaveProperty('note');
  });

  it.each([
    ['a shared_secret that is not Base64', { shared_secret: 'not base64!' }, 'entry_field_invalid'],
    ['an empty shared_secret', { shared_secret: '' }, 'entry_field_invalid'],
    ['a shared_secret over the secret cap', { shared_secret: 'A'.repeat(INPUT_LIMITS.secret + 4) }, 'input_too_long'],
    ['an account name over its cap', { account_name: 'g'.repeat(INPUT_LIMITS.label + 1) }, 'input_too_long'],
    ['a revocation code over the note cap', { revocation_code: 'R'.repeat(INPUT_LIMITS.note) }, 'input_too_long'],
  ])('lists the account as unreadable for %s, naming it and never the secret', async (_name, fields, code) => {
    const parsed = await read(maFile(fields));
    expect(parsed.accounts).toEqual([]);
    expect(parsed.unreadable).toEqual([expect.objectContaining({ index: 0, code })]);
    expect(parsed.unreadable[0]!.name).toMatch(/^Steam/);
    expect(JSON.stringify(parsed.unreadable)).not.toContain(STEAM_TEST_SHARED_SECRET);
  });

  it('refuses an encrypted .maFile with import_unsupported, saying to remove the encryption in SDA', async () => {
    const { text } = encryptLikeSda(maFile(), 'hunter22');
    expect(detectImportFile(text)).toEqual({ format: 'steam-maf', encrypted: false });
    const error = await readError(text);
    expect(error).toMatchObject({ code: 'import_unsupported', details: { format: 'steam-maf', reason: 'sda_encrypted' } });
    expect(error.message).toContain('Manage encryption');
    // With a password too: no password opens it here.
    await expect(readImportFile(text, 'hunter22')).rejects.toMatchObject({ code: 'import_unsupported' });
  });

  it.each([
    ['short Base64 text', 'SGVsbG8sIHdvcmxkIQ=='],
    ['Base64 text that is not whole AES blocks', Buffer.alloc(300).toString('base64')],
  ])('does not take %s for an encrypted .maFile', async (_name, text) => {
    expect((await readError(text)).code).toBe('import_unrecognized_format');
  });

  it('calls a .maFile cut short damaged, naming the format', async () => {
    const text = JSON.stringify(maFile());
    expect(await readError(text.slice(0, 120))).toMatchObject({ code: 'import_corrupt', details: { format: 'steam-maf' } });
  });

  it('never throws anything but an AppError, whatever the content (property)', async () => {
    const valid = [JSON.stringify(maFile()), encryptLikeSda(maFile(), 'x').text];
    const shaped = fc
      .record({
        shared_secret: fc.oneof(fc.base64String(), fc.string(), fc.jsonValue()),
        account_name: fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.jsonValue()),
        revocation_code: fc.oneof(fc.string(), fc.jsonValue()),
      })
      .map((v) => JSON.stringify(v));
    const content = fc.oneof(
      fc.constantFrom(...valid),
      shaped,
      fc.base64String({ minLength: 300, maxLength: 800 }),
      fc.tuple(fc.constantFrom(...valid), fc.nat(), fc.string({ maxLength: 3 })).map(([text, at, insert]) => text.slice(0, at % (text.length + 1)) + insert + text.slice((at % (text.length + 1)) + 1)),
    );
    await fc.assert(
      fc.asyncProperty(content, async (text) => {
        try {
          await readImportFile(text);
        } catch (e) {
          expect(isAppError(e)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
