import { describe, expect, it } from 'vitest';
import { EMPTY_KEY_FORM, readKeyForm, readLinkText, readScannedText } from '../../pwa/app/add/add-input';
import { formatAppErrorMessage, isAppError } from '../../shared/errors';
import { normalizeAccountFields, readAccountName } from '../../shared/otp/account-fields';
import { sanitizeAccountText } from '../../shared/otp/account-text';
import { parseOtpauthUri } from '../../shared/otp/otpauth-uri';
import type { OtpAccount } from '../../shared/otp/types';
import { createVaultAccount, renameVaultAccount } from '../../shared/vault/account';
import { exportAcmeBackup } from '../../shared/vault/formats/acme-backup';
import { exportAegisJson } from '../../shared/vault/formats/aegis';
import { describeEntryName } from '../../shared/vault/formats/entry';
import { exportMigrationUris } from '../../shared/vault/formats/google-migration';
import { exportOtpauthList } from '../../shared/vault/formats/otpauth-list';
import { readImportFile } from '../../shared/vault/import-file';
import type { Argon2idParams } from '../../shared/vault/kdf';

/** One character of each class that can hide or reorder text, with a visible name around it. */
const HIDDEN: ReadonlyArray<readonly [string, string]> = [
  ['U+202A left-to-right embedding', '\u202A'],
  ['U+202B right-to-left embedding', '\u202B'],
  ['U+202C pop directional formatting', '\u202C'],
  ['U+202D left-to-right override', '\u202D'],
  ['U+202E right-to-left override', '\u202E'],
  ['U+2066 left-to-right isolate', '\u2066'],
  ['U+2067 right-to-left isolate', '\u2067'],
  ['U+2068 first strong isolate', '\u2068'],
  ['U+2069 pop directional isolate', '\u2069'],
  ['U+200E left-to-right mark', '\u200E'],
  ['U+200F right-to-left mark', '\u200F'],
  ['U+061C Arabic letter mark', '\u061C'],
  ['U+200B zero-width space', '\u200B'],
  ['U+200C zero-width non-joiner', '\u200C'],
  ['U+200D zero-width joiner', '\u200D'],
  ['U+2060 word joiner', '\u2060'],
  ['U+2061 function application (invisible operator)', '\u2061'],
  ['U+FEFF byte order mark', '\uFEFF'],
  ['U+00AD soft hyphen', '\u00AD'],
  ['U+180E Mongolian vowel separator (format)', '\u180E'],
  ['U+FFF9 interlinear annotation anchor (format)', '\uFFF9'],
  ['U+E0041 tag latin capital A (format)', '\u{E0041}'],
  ['U+0000 null (control)', '\u0000'],
  ['U+0007 bell (control)', '\u0007'],
  ['U+001B escape (control)', '\u001B'],
  ['U+007F delete (control)', '\u007F'],
  ['U+0080 C1 control', '\u0080'],
  ['U+009B control sequence introducer (C1)', '\u009B'],
  ['U+115F Hangul choseong filler (blank letter)', '\u115F'],
  ['U+3164 Hangul filler (blank letter)', '\u3164'],
  ['U+FFA0 halfwidth Hangul filler (blank letter)', '\uFFA0'],
];

describe('sanitizeAccountText', () => {
  it.each(HIDDEN)('removes %s', (_name, character) => {
    expect(sanitizeAccountText(`pay${character}pal.com`)).toBe('paypal.com');
    expect(sanitizeAccountText(`${character}paypal.com${character}`)).toBe('paypal.com');
  });

  it('shows a right-to-left override spoof as the text it really is', () => {
    // Displayed as "paypal.com" when the override is honoured; the letters are "lapyap".
    expect(sanitizeAccountText('\u202Elapyap\u202C.com')).toBe('lapyap.com');
  });

  it.each([
    ['a line feed', 'Big\nBank'],
    ['a carriage return and line feed', 'Big\r\nBank'],
    ['a tab', 'Big\tBank'],
    ['a vertical tab', 'Big\u000BBank'],
    ['a next line (U+0085)', 'Big\u0085Bank'],
    ['a line separator (U+2028)', 'Big\u2028Bank'],
    ['a paragraph separator (U+2029)', 'Big\u2029Bank'],
  ])('turns %s into one space', (_name, text) => {
    expect(sanitizeAccountText(text)).toBe('Big Bank');
  });

  it('composes to Unicode Normalization Form C', () => {
    expect(sanitizeAccountText('Cafe\u0301')).toBe('Caf\u00E9');
    // A joiner between a letter and its accent no longer keeps them apart.
    expect(sanitizeAccountText('Cafe\u200B\u0301')).toBe('Caf\u00E9');
  });

  it('trims surrounding whitespace, including what is left once invisible characters go', () => {
    expect(sanitizeAccountText('  \u200B GitHub \uFEFF ')).toBe('GitHub');
  });

  it.each([
    ['Latin with accents', 'Überbank Zürich'],
    ['Hebrew', 'בנק הפועלים'],
    ['Arabic', 'بنك مصر'],
    ['Chinese', '中国银行'],
    ['an emoji', 'Bank 🏦'],
    ['an emoji with a variation selector', 'Love ❤️'],
    ['a no-break space', 'Big\u00A0Bank'],
    ['an email', 'alice+2fa@example.com'],
  ])('keeps %s as it is', (_name, text) => {
    expect(sanitizeAccountText(text)).toBe(text);
  });

  it('splits an emoji joined with U+200D into its emoji (the accepted cost of stripping)', () => {
    expect(sanitizeAccountText('👩\u200D💻')).toBe('👩💻');
  });

  it('is idempotent', () => {
    for (const [, character] of HIDDEN) {
      const once = sanitizeAccountText(` a${character}\n\u0301b `);
      expect(sanitizeAccountText(once)).toBe(once);
    }
  });
});

describe('readAccountName', () => {
  it('returns the sanitised name', () => {
    expect(readAccountName(' pay\u200Bpal.com ', 'issuer')).toBe('paypal.com');
  });

  it('returns an empty string for a name of invisible characters only', () => {
    expect(readAccountName('\u200B\u202E\u2066', 'label')).toBe('');
  });

  it('refuses a lone surrogate, which no link can carry', () => {
    try {
      readAccountName('a\uD800b', 'label');
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'label_invalid')).toBe(true);
      expect((error as { details: object }).details).toEqual({ field: 'label', reason: 'encoding' });
    }
  });
});

describe('normalizeAccountFields', () => {
  const account: OtpAccount = {
    type: 'totp',
    issuer: 'GitHub',
    label: 'alice',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  };

  it('sanitises both names and normalises the secret', () => {
    expect(normalizeAccountFields({ ...account, issuer: '\u202Elapyap\u202C.com', label: 'al\u200Dice\n', secret: 'jbsw y3dp-ehpk 3pxp' })).toEqual({
      ...account,
      issuer: 'lapyap.com',
      label: 'alice',
    });
  });

  it('copies only the OTP fields', () => {
    expect(Object.keys(normalizeAccountFields({ ...account, extra: 'x' } as OtpAccount)).sort()).toEqual(
      ['algorithm', 'counter', 'digits', 'issuer', 'label', 'period', 'secret', 'type'],
    );
  });

  it('refuses an account whose names are both invisible', () => {
    try {
      normalizeAccountFields({ ...account, issuer: '\u200B', label: '\u2066\u2069' });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'label_invalid')).toBe(true);
      expect((error as { details: object }).details).toEqual({ field: 'label', reason: 'empty' });
    }
  });

  it('returns the same account when given its own result', () => {
    const once = normalizeAccountFields({ ...account, issuer: ' Gi\u00ADtHub ' });
    expect(normalizeAccountFields(once)).toEqual(once);
  });
});

describe('every way in sanitises names', () => {
  const SECRET = 'JBSWY3DPEHPK3PXP';
  const spoofed = { issuer: '\u202Elapyap\u202C.com', label: 'pay\u200Bpal.com' };
  const shown = { issuer: 'lapyap.com', label: 'paypal.com' };
  const link = `otpauth://totp/${encodeURIComponent(spoofed.issuer)}:${encodeURIComponent(spoofed.label)}?secret=${SECRET}&issuer=${encodeURIComponent(spoofed.issuer)}`;
  const account: OtpAccount = { type: 'totp', ...spoofed, secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
  const TEST_KDF: Argon2idParams = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };

  it.each([
    ['a pasted link', () => readLinkText(link)],
    ['a scanned or imaged QR code', () => readScannedText(link)],
    ['parseOtpauthUri', () => ({ account: parseOtpauthUri(link) })],
    ['the key form', () => readKeyForm({ ...EMPTY_KEY_FORM, ...spoofed, secret: SECRET })],
    ['createVaultAccount', () => ({ account: createVaultAccount(account, 0) })],
    ['an edit', () => ({ account: renameVaultAccount(createVaultAccount({ ...account, ...shown }, 0), spoofed, 1) })],
  ])('%s', (_name, read) => {
    expect(read()).toMatchObject({ account: shown });
  });

  it.each([
    ['a list of otpauth:// links', async () => exportOtpauthList([account])],
    ['an Aegis file', async () => exportAegisJson([account])],
    ['our backup', async () => exportAcmeBackup([account], 'password', { now: 0, kdf: TEST_KDF })],
    ['a Google transfer code', async () => exportMigrationUris([account]).uris[0]!],
  ])('an import of %s', async (_name, make) => {
    expect((await readImportFile(await make(), 'password')).accounts).toMatchObject([shown]);
  });

  it('an import of a 2FAS file', async () => {
    const file = JSON.stringify({ schemaVersion: 4, services: [{ name: spoofed.issuer, secret: SECRET, otp: { account: spoofed.label, tokenType: 'TOTP' } }] });
    expect((await readImportFile(file)).accounts).toMatchObject([shown]);
  });

  it('the name of an entry that could not be read', () => {
    expect(describeEntryName(spoofed.issuer, spoofed.label)).toBe('lapyap.com: paypal.com');
  });

  it('a value quoted back in an error message', () => {
    expect(formatAppErrorMessage('unsupported_algorithm', { value: 'SHA\u202E1' })).toContain('"SHA1"');
    // A QR code that is not an authenticator code is named by its kind, never quoted (qr-content-kind.test.ts).
    expect(formatAppErrorMessage('qr_not_otpauth', { kind: 'web-address', content: 'https://evil.example/\u202Emoc.lapyap' })).not.toContain('evil');
  });

  it('an edit to invisible characters only is refused as a missing name', () => {
    const stored = createVaultAccount({ ...account, ...shown }, 0);
    try {
      renameVaultAccount(stored, { issuer: '\u200B', label: ' \u2066 ' }, 1);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'account_name_missing')).toBe(true);
    }
  });
});
