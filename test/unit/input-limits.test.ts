import { describe, expect, it } from 'vitest';
import { readKeyForm, readLinkText, readQrText, readScannedText, EMPTY_KEY_FORM, checkSecretWhileTyping } from '../../pwa/app/add/add-input';
import { AppError, formatAppErrorMessage, isAppError } from '../../shared/errors';
import { INPUT_LIMITS } from '../../shared/otp/input-limits';
import { normalizeBase32Secret } from '../../shared/otp/base32';
import { formatOtpauthUri, parseOtpauthUri } from '../../shared/otp/otpauth-uri';
import type { OtpAccount } from '../../shared/otp/types';
import { createVaultAccount, renameVaultAccount } from '../../shared/vault/account';
import { exportAcmeBackup } from '../../shared/vault/formats/acme-backup';
import { exportAegisJson } from '../../shared/vault/formats/aegis';
import { exportMigrationUris } from '../../shared/vault/formats/google-migration';
import { exportOtpauthList } from '../../shared/vault/formats/otpauth-list';
import { readImportFile } from '../../shared/vault/import-file';
import type { Argon2idParams } from '../../shared/vault/kdf';

const SECRET = 'JBSWY3DPEHPK3PXP';
const ACCOUNT: OtpAccount = { type: 'totp', issuer: 'GitHub', label: 'alice', secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 };
const TEST_KDF: Argon2idParams = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };

/** Runs `read` and returns the AppError it throws, failing the test if it throws none. */
function refusal(read: () => unknown): AppError {
  try {
    read();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  return expect.unreachable('expected an AppError');
}

/** A link to ACME's account with the given (unencoded) issuer and label. */
const linkWith = (issuer: string, label: string, secret = SECRET) =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(label)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;

describe('INPUT_LIMITS', () => {
  it('caps the secret at 1,024, the names at 256, a link at 16,384, a note at 2,000 and a group name at 64 characters', () => {
    expect(INPUT_LIMITS).toEqual({ secret: 1024, issuer: 256, label: 256, uri: 16384, note: 2000, groupName: 64 });
  });

  it('lets the longest account within the caps be written as a link and read back', () => {
    // Each name 256 code points of 4 UTF-8 bytes, 12 characters each once percent-encoded.
    const longest: OtpAccount = {
      type: 'hotp',
      issuer: '😀'.repeat(INPUT_LIMITS.issuer),
      label: '🏦'.repeat(INPUT_LIMITS.label),
      secret: 'A'.repeat(INPUT_LIMITS.secret),
      algorithm: 'SHA512',
      digits: 10,
      period: 30,
      counter: Number.MAX_SAFE_INTEGER,
    };
    const uri = formatOtpauthUri(longest);
    expect(uri.length).toBeLessThanOrEqual(INPUT_LIMITS.uri);
    expect(parseOtpauthUri(uri)).toEqual(longest);
  });
});

describe('input_too_long', () => {
  it.each([
    ['uri', 'The link is too long: it may have at most 16,384 characters.'],
    ['secret', 'The secret key is too long: it may have at most 1,024 characters.'],
    ['issuer', 'The issuer (service name) is too long: it may have at most 256 characters.'],
    ['label', 'The account name is too long: it may have at most 256 characters.'],
  ] as const)('names the %s and its limit, and says what to do', (field, start) => {
    const message = formatAppErrorMessage('input_too_long', { field, limit: INPUT_LIMITS[field] });
    expect(message.startsWith(start)).toBe(true);
    expect(message.length).toBeGreaterThan(start.length + 20);
  });
});

describe('the secret cap', () => {
  it.each([
    ['exactly 1,024 characters', 'A'.repeat(1024)],
    ['1,024 characters grouped by spaces (1,280 typed)', 'AAAA '.repeat(256)],
    ['1,024 characters and padding', `${'A'.repeat(1024)}======`],
  ])('accepts %s', (_name, secret) => {
    expect(normalizeBase32Secret(secret)).toBe('A'.repeat(1024));
  });

  it.each([
    ['1,025 characters', 'A'.repeat(1025)],
    ['1,032 characters (a whole number of bytes)', 'A'.repeat(1032)],
    ['ten million characters', 'A'.repeat(10_000_000)],
  ])('refuses %s, naming the field and the limit', (_name, secret) => {
    const error = refusal(() => normalizeBase32Secret(secret));
    expect(error.code).toBe('input_too_long');
    expect(error.details).toEqual({ field: 'secret', limit: 1024 });
    expect(error.message).not.toContain('AAAA');
  });

  it('counts before it checks the length for whole bytes', () => {
    // 1,025 is also an impossible Base32 length; the cap is what the user must hear about.
    expect(refusal(() => normalizeBase32Secret('A'.repeat(1025))).code).toBe('input_too_long');
  });
});

describe('the name caps', () => {
  it.each(['issuer', 'label'] as const)('accepts an %s of exactly 256 characters, counted after sanitising', (field) => {
    for (const name of ['a'.repeat(256), '🏦'.repeat(256), `${'a'.repeat(256)}${'\u200B'.repeat(40)}`, ` ${'a'.repeat(256)}\n`]) {
      expect(parseOtpauthUri(linkWith(field === 'issuer' ? name : 'X', field === 'label' ? name : 'x'))[field]).toBe(name.replace(/[\u200B\s]/g, ''));
    }
  });

  it.each(['issuer', 'label'] as const)('refuses an %s of 257 characters, naming the field and the limit', (field) => {
    const name = 'a'.repeat(257);
    const error = refusal(() => parseOtpauthUri(linkWith(field === 'issuer' ? name : 'X', field === 'label' ? name : 'x')));
    expect(error.code).toBe('input_too_long');
    expect(error.details).toEqual({ field, limit: 256 });
  });

  it('refuses at once a name too long to be within the cap once sanitised (over four times the cap)', () => {
    const mostlyInvisible = `${'\u200B'.repeat(1024)}a`;
    expect(refusal(() => createVaultAccount({ ...ACCOUNT, label: mostlyInvisible }, 0)).details).toEqual({ field: 'label', limit: 256 });
    expect(createVaultAccount({ ...ACCOUNT, label: mostlyInvisible.slice(1) }, 0).label).toBe('a');
  });
});

describe('the link cap', () => {
  /** ACME's link, padded with an ignored parameter to exactly `length` characters. */
  const linkOfLength = (length: number) => {
    const base = `${linkWith('GitHub', 'alice')}&pad=`;
    return base + 'x'.repeat(length - base.length);
  };

  it('accepts a link of exactly 16,384 characters', () => {
    expect(parseOtpauthUri(linkOfLength(16384))).toEqual(ACCOUNT);
    expect(readQrText(linkOfLength(16384))).toEqual(ACCOUNT);
  });

  it.each([
    ['parseOtpauthUri (a link, a line of an imported list)', (text: string) => parseOtpauthUri(text)],
    ['readQrText (a scanned or imaged QR code)', (text: string) => readQrText(text)],
    ['readScannedText (a scanned or imaged QR code)', (text: string) => readScannedText(text)],
    ['readLinkText (a pasted link)', (text: string) => readLinkText(text)],
  ])('%s refuses 16,385 characters before reading them', (_name, read) => {
    expect(refusal(() => read(linkOfLength(16385))).details).toEqual({ field: 'uri', limit: 16384 });
    // Before anything else: text that is not a link at all gets the same answer.
    expect(refusal(() => read('x'.repeat(16385))).code).toBe('input_too_long');
    expect(refusal(() => read(`otpauth-migration://offline?data=${'A'.repeat(16385)}`)).code).toBe('input_too_long');
  });
});

describe('every way in', () => {
  const tooLong = 'a'.repeat(257);

  it('the key form marks the field over its cap', () => {
    const result = readKeyForm({ ...EMPTY_KEY_FORM, issuer: tooLong, label: tooLong, secret: 'A'.repeat(1025) });
    expect(result.errors?.issuer?.details).toEqual({ field: 'issuer', limit: 256 });
    expect(result.errors?.label?.details).toEqual({ field: 'label', limit: 256 });
    expect(result.errors?.secret?.details).toEqual({ field: 'secret', limit: 1024 });
  });

  it('the key form reports a secret over its cap while it is typed', () => {
    expect(checkSecretWhileTyping('A'.repeat(1025))?.code).toBe('input_too_long');
    expect(checkSecretWhileTyping('A'.repeat(1024))).toBeNull();
  });

  it('an edit refuses a name over its cap, naming it', () => {
    const stored = createVaultAccount(ACCOUNT, 0);
    expect(refusal(() => renameVaultAccount(stored, { issuer: tooLong, label: 'alice' }, 1)).details).toEqual({ field: 'issuer', limit: 256 });
    expect(refusal(() => renameVaultAccount(stored, { issuer: 'GitHub', label: tooLong }, 1)).details).toEqual({ field: 'label', limit: 256 });
    expect(renameVaultAccount(stored, { issuer: 'a'.repeat(256), label: 'alice' }, 1).issuer).toBe('a'.repeat(256));
  });

  it('createVaultAccount refuses a secret or a name over its cap, whatever built the account', () => {
    expect(refusal(() => createVaultAccount({ ...ACCOUNT, secret: 'A'.repeat(1025) }, 0)).details).toEqual({ field: 'secret', limit: 1024 });
    expect(refusal(() => createVaultAccount({ ...ACCOUNT, issuer: tooLong }, 0)).details).toEqual({ field: 'issuer', limit: 256 });
  });

  it.each([
    ['a list of otpauth:// links', async (accounts: OtpAccount[]) => exportOtpauthList(accounts)],
    ['an Aegis file', async (accounts: OtpAccount[]) => exportAegisJson(accounts)],
    ['our backup', async (accounts: OtpAccount[]) => exportAcmeBackup(accounts, 'password', { now: 0, kdf: TEST_KDF })],
    ['a Google transfer code', async (accounts: OtpAccount[]) => exportMigrationUris(accounts).uris[0]!],
  ])('an import of %s reports an entry over a cap as unreadable, and keeps the others', async (_name, make) => {
    const file = await make([ACCOUNT, { ...ACCOUNT, label: tooLong, secret: 'KRSXG5CTMVRXEZLU' }]);
    const parsed = await readImportFile(file, 'password');
    expect(parsed.accounts).toEqual([ACCOUNT]);
    expect(parsed.unreadable.map((entry) => [entry.index, entry.code])).toEqual([[1, 'input_too_long']]);
  });
});
