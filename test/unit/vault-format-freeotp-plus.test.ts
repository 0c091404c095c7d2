import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { parseFreeOtpPlusJson } from '../../shared/vault/formats/freeotp-plus';
import type { ImportedAccount } from '../../shared/vault/formats/types';
import { detectImportFile, readImportFile } from '../../shared/vault/import-file';
import { IMPORT_LIMITS } from '../../shared/vault/import-limits';

/** A FreeOTP+ export as its `ImportExportUtil.exportJsonFile` writes it (Gson of `SavedTokens`), written from that source. */
const SAMPLE = readFileSync(new URL('../fixtures/formats/freeotp-plus/freeotp-backup.json', import.meta.url), 'utf8');
const sample = () => JSON.parse(SAMPLE) as { tokens: Record<string, unknown>[]; tokenOrder: string[] };

/** The sample's accounts in `tokenOrder`'s order; the token it does not name comes last. Secrets are Python's `base64.b32encode` of the bytes. */
const EXPECTED: ImportedAccount[] = [
  {
    type: 'totp',
    issuer: '東京',
    label: '🦊 fox',
    secret: 'MVYLRGAKX6EKM4BM7DSGWLDSMXYYG5D6NEA6SIM7WWBW2FF4QA63UAOW4N6DXGSJQYDJOACKXHKQB6RUEUHHFXLC65GKQD4755TPWPY',
    algorithm: 'SHA512',
    digits: 8,
    period: 60,
    counter: 0,
    groupNames: ['Work'],
  },
  { type: 'hotp', issuer: 'Zürich Bank', label: 'konto@example.ch', secret: 'RZWCCG4MFXBM724TOMC4KWW5D6PMJ6QS', algorithm: 'SHA256', digits: 8, period: 30, counter: 41 },
  // Signed bytes [72, 101, 108, 108, 111, 33, -34, -83, -66, -17]: "Hello!" and DE AD BE EF.
  { type: 'totp', issuer: 'GitHub', label: 'octocat', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, groupNames: ['Work'] },
  // Issuer "Steam": both FreeOTP apps show Steam Guard codes for it.
  { type: 'steam', issuer: 'Steam', label: 'gaben', secret: 'ORRB3XDZU4JIO7ZH3CAH4V7LOOD2M5IG', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 },
  { type: 'totp', issuer: 'Renamed Orphan', label: 'not-in-order', secret: 'OQ556OOTMBUWJEI3DRVPQRHGXI', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
];

describe('parseFreeOtpPlusJson', () => {
  it('reads every field of the sample, in tokenOrder, by content', async () => {
    expect(detectImportFile(SAMPLE)).toEqual({ format: 'freeotp-plus', encrypted: false });
    const parsed = await readImportFile(new TextEncoder().encode(SAMPLE));
    expect(parsed).toMatchObject({ format: 'freeotp-plus', encrypted: false, groupNames: ['Work'] });
    expect(parsed.accounts).toEqual(EXPECTED);
  });

  it('reads a Steam entry as type steam', () => {
    const { accounts, unreadable } = parseFreeOtpPlusJson(sample());
    expect(accounts[3]).toEqual(EXPECTED[3]);
    expect(unreadable.map((entry) => entry.name)).not.toContain('Steam: gaben');
  });

  it('lists an entry with an algorithm this app lacks (SHA224) as unreadable, and imports the rest', () => {
    const { accounts, unreadable } = parseFreeOtpPlusJson(sample());
    expect(unreadable).toContainEqual(expect.objectContaining({ index: 4, name: 'Legacy: old-hash', code: 'unsupported_algorithm' }));
    expect(accounts).toHaveLength(5);
  });

  it.each<[string, unknown, string]>([
    ['a missing secret', undefined, 'missing_secret'],
    ['a secret that is not a byte array', 'JBSWY3DPEHPK3PXP', 'entry_field_invalid'],
    ['a byte out of range', [1, 2, 300], 'entry_field_invalid'],
    ['an empty secret', [], 'missing_secret'],
    ['a secret over the cap (641 bytes)', Array.from({ length: 641 }, () => 1), 'input_too_long'],
  ])('lists a token with %s as unreadable, never quoting the secret', (_, secret, code) => {
    const file = sample();
    file.tokens[0]!.secret = secret;
    const { unreadable } = parseFreeOtpPlusJson(file);
    expect(unreadable).toContainEqual(expect.objectContaining({ name: 'GitHub: octocat', code }));
    expect(JSON.stringify(unreadable)).not.toContain('72,101');
  });

  it('reads a token without issuerInt or digits with the app defaults (6 digits, SHA1)', () => {
    const file = { tokenOrder: [], tokens: [{ type: 'TOTP', issuerExt: 'Acme', label: 'me', secret: [1, 2, 3, 4, 5] }] };
    expect(parseFreeOtpPlusJson(file).accounts).toEqual([
      { type: 'totp', issuer: 'Acme', label: 'me', secret: 'AEBAGBAF', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    ]);
  });

  it.each([
    ['tokens', () => ({ tokenOrder: [], tokens: Array.from({ length: IMPORT_LIMITS.entries + 1 }, () => ({})) })],
    ['tokenOrder ids', () => ({ tokenOrder: Array.from({ length: IMPORT_LIMITS.entries + 1 }, () => 'x'), tokens: [] })],
  ])('refuses more %s than the entry cap before reading any', (_, make) => {
    expect(() => parseFreeOtpPlusJson(make())).toThrow(expect.objectContaining({ code: 'import_limit_exceeded', details: expect.objectContaining({ format: 'freeotp-plus', limit: 'entries' }) }));
  });

  it('calls a cut-short export a damaged FreeOTP+ file', async () => {
    await expect(readImportFile(SAMPLE.slice(0, 200))).rejects.toMatchObject({ code: 'import_corrupt', details: { format: 'freeotp-plus' } });
  });

  it('also takes the otpauth:// list FreeOTP+ exports (the list reader)', async () => {
    const list = 'otpauth://totp/GitHub:octocat?secret=JBSWY3DPEHPK3PXP&issuer=GitHub&algorithm=SHA1&digits=6&period=30\n';
    expect(detectImportFile(list)).toEqual({ format: 'otpauth-list', encrypted: false });
  });

  it('never throws anything but an AppError, whatever the tokens hold (property)', () => {
    const token = fc.dictionary(
      fc.constantFrom('algo', 'counter', 'digits', 'issuerExt', 'issuerInt', 'issuerAlt', 'label', 'labelAlt', 'period', 'secret', 'type', 'category'),
      fc.oneof(fc.jsonValue(), fc.array(fc.integer({ min: -200, max: 300 }), { maxLength: 12 })),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(token, fc.jsonValue()), { maxLength: 4 }), fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.jsonValue()), (tokens, tokenOrder) => {
        try {
          parseFreeOtpPlusJson({ tokens, tokenOrder });
        } catch (error) {
          if (!isAppError(error)) throw error;
        }
      }),
    );
  });
});
