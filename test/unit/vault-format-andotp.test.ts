import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { parseAndOtpEncrypted, parseAndOtpJson } from '../../shared/vault/formats/andotp';
import { detectImportFile, readImportFile } from '../../shared/vault/import-file';
import { IMPORT_LIMITS } from '../../shared/vault/import-limits';
import { previewImport } from '../../shared/vault/import-preview';
import { ANDOTP_ENTRIES, ANDOTP_EXPECTED, ANDOTP_OPENPGP, encryptAndOtp, encryptAndOtpOld, plainAndOtp } from '../fixtures/formats/andotp/samples';

const PASSWORD = 'pässwörd 🔑';
/** Small enough to keep the tests quick; andOTP itself writes 140,000 to 160,000. */
const FEW_ITERATIONS = 1_000;

describe('parseAndOtpJson', () => {
  it('reads every field of a plain backup: types, algorithms, digits, period, counter, Unicode names, tags, last use', async () => {
    const parsed = await readImportFile(plainAndOtp());
    expect(parsed).toMatchObject({ format: 'andotp', encrypted: false });
    expect(parsed.accounts).toEqual(ANDOTP_EXPECTED);
    expect(parsed.groupNames).toEqual(['Work', 'Finance']);
  });

  it('lists each unreadable entry with its name and why, never its secret, and imports the rest', async () => {
    const parsed = await readImportFile(plainAndOtp());
    expect(parsed.unreadable.map(({ index, name, code }) => [index, name, code])).toEqual([
      [6, 'Broken: bob', 'secret_not_base32'],
    ]);
    expect(JSON.stringify(parsed.unreadable)).not.toContain('NOT-BASE32');
  });

  it('reads a Steam entry as a Steam Guard account: 5 characters, SHA-1, 30 s', async () => {
    const steam = ANDOTP_ENTRIES.filter((entry) => entry.type === 'STEAM');
    const parsed = await readImportFile(plainAndOtp(steam));
    expect(parsed.unreadable).toEqual([]);
    expect(parsed.accounts).toEqual(ANDOTP_EXPECTED.filter((account) => account.type === 'steam'));
    expect(parsed.accounts).toHaveLength(1);
  });

  it('leaves the thumbnail out (the icon stays automatic) and keeps no favourite or note', async () => {
    const parsed = await readImportFile(plainAndOtp([ANDOTP_ENTRIES[0]]));
    expect(parsed.accounts[0]).not.toHaveProperty('icon');
    expect(previewImport(parsed, []).cannotCarry).toEqual(['favourite', 'note', 'icon']);
  });

  it.each([
    ['an unknown type', { type: 'MOTP' }, 'entry_type_unsupported'],
    ['an unknown algorithm', { algorithm: 'MD5' }, 'unsupported_algorithm'],
    ['5 digits for TOTP', { digits: 5 }, 'digits_out_of_range'],
    ['a period of 0', { period: 0 }, 'period_invalid'],
    ['no secret', { secret: undefined }, 'missing_secret'],
    ['an over-long tag', { tags: ['x'.repeat(5_000)] }, 'input_too_long'],
  ])('reports an entry with %s as unreadable', async (_case, change, code) => {
    const parsed = await readImportFile(plainAndOtp([{ ...ANDOTP_ENTRIES[0], ...change }, ANDOTP_ENTRIES[1]]));
    expect(parsed.unreadable).toEqual([expect.objectContaining({ index: 0, name: 'GitHub: octocat', code })]);
    expect(parsed.accounts).toHaveLength(1);
  });

  it('refuses a file of more than 10,000 entries before reading them', async () => {
    const entries = Array.from({ length: IMPORT_LIMITS.entries + 1 }, () => ANDOTP_ENTRIES[0]);
    await expect(readImportFile(plainAndOtp(entries))).rejects.toMatchObject({
      code: 'import_limit_exceeded',
      details: { format: 'andotp', limit: 'entries', max: 10_000 },
    });
    expect((await readImportFile(plainAndOtp(entries.slice(1)))).accounts).toHaveLength(10_000);
  });

  it.each([
    ['an empty array', '[]'],
    ['an array of numbers', '[1, 2, 3]'],
    ['an array of other objects', '[{"name": "x"}]'],
  ])('does not take %s for an andOTP backup', async (_case, text) => {
    await expect(readImportFile(text)).rejects.toMatchObject({ code: 'import_unrecognized_format' });
  });

  it('reports a cut-short plain backup as a damaged andOTP file', async () => {
    const text = plainAndOtp();
    await expect(readImportFile(text.slice(0, text.length / 2))).rejects.toMatchObject({ code: 'import_corrupt', details: { format: 'andotp' } });
  });
});

describe('parseAndOtpEncrypted', () => {
  it('decrypts the newer layout (PBKDF2, AES-256-GCM), asking for the password first', async () => {
    const file = encryptAndOtp(plainAndOtp(), PASSWORD, FEW_ITERATIONS);
    expect(detectImportFile(file)).toEqual({ format: 'andotp', encrypted: true });
    await expect(readImportFile(file)).rejects.toMatchObject({ code: 'import_password_required', details: { format: 'andotp' } });
    const parsed = await readImportFile(file, PASSWORD);
    expect(parsed).toMatchObject({ format: 'andotp', encrypted: true });
    expect(parsed.accounts).toEqual(ANDOTP_EXPECTED);
  });

  it('decrypts a file at andOTP\'s own cost (150,000 iterations)', async () => {
    const parsed = await readImportFile(encryptAndOtp(plainAndOtp([ANDOTP_ENTRIES[0]]), PASSWORD, 150_000), PASSWORD);
    expect(parsed.accounts).toEqual([ANDOTP_EXPECTED[0]]);
  });

  it('decrypts the older layout (key SHA-256 of the password)', async () => {
    const file = encryptAndOtpOld(plainAndOtp(), PASSWORD);
    expect(detectImportFile(file)).toEqual({ format: 'andotp', encrypted: true });
    const asked = await readImportFile(file).catch((e: unknown) => e);
    expect(asked).toMatchObject({ code: 'import_password_required', details: { format: 'andotp', headerless: true } });
    const parsed = await readImportFile(file, PASSWORD);
    expect(parsed).toMatchObject({ format: 'andotp', encrypted: true });
    expect(parsed.accounts).toEqual(ANDOTP_EXPECTED);
  });

  it('opens an older-layout file whose IV happens to read as an iteration count over the cap', async () => {
    // 0x00 0xFF 0xFF 0xFF: 16,777,215 "iterations"; the older key is tried before the count is judged.
    const iv = Buffer.from([0x00, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7, 8]);
    const file = encryptAndOtpOld(plainAndOtp([ANDOTP_ENTRIES[0]]), PASSWORD, iv);
    expect((await readImportFile(file, PASSWORD)).accounts).toEqual([ANDOTP_EXPECTED[0]]);
  });

  it.each([
    ['the newer layout', () => encryptAndOtp(plainAndOtp(), PASSWORD, FEW_ITERATIONS), {}],
    ['the older layout', () => encryptAndOtpOld(plainAndOtp(), PASSWORD), { headerless: true }],
  ])('refuses a wrong password for %s, naming andOTP', async (_case, make, extra) => {
    const error = await readImportFile(make(), 'wrong password').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'backup_wrong_password', details: { format: 'andotp', ...extra } });
    expect((error as Error).message).toContain('andOTP file');
    expect((error as Error).message).not.toContain('wrong password');
    expect((error as Error).message.includes('If this file is not an andOTP backup, this app cannot import it')).toBe('headerless' in extra);
  });

  it('refuses an empty password as wrong, never with another kind of error', async () => {
    await expect(readImportFile(encryptAndOtp(plainAndOtp(), PASSWORD, FEW_ITERATIONS), '')).rejects.toMatchObject({ code: 'backup_wrong_password' });
  });

  it('refuses an iteration count over 1,000,000 before deriving any key, saying what to do', async () => {
    const file = encryptAndOtp('[]', PASSWORD, FEW_ITERATIONS);
    new DataView(file.buffer).setUint32(0, IMPORT_LIMITS.pbkdf2Iterations + 1);
    const error = await readImportFile(file, PASSWORD).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'import_limit_exceeded', details: { format: 'andotp', limit: 'kdf_iterations', max: 1_000_000 } });
    expect((error as Error).message).toContain('andOTP file');
    expect((error as Error).message).toContain('export it again');
    // At the cap itself the file is read (here: the altered count gives the wrong key, so the password fails).
    new DataView(file.buffer).setUint32(0, IMPORT_LIMITS.pbkdf2Iterations);
    await expect(parseAndOtpEncrypted(file, PASSWORD)).rejects.toMatchObject({ code: 'backup_wrong_password' });
  });

  it.each([
    ['cut short', (file: Uint8Array) => file.slice(0, file.length - 5)],
    ['with a flipped byte', (file: Uint8Array) => file.map((byte, index) => (index === 40 ? byte ^ 1 : byte))],
  ])('refuses a file %s (AES-GCM cannot tell it from a wrong password)', async (_case, damage) => {
    const file = damage(encryptAndOtp(plainAndOtp(), PASSWORD, FEW_ITERATIONS));
    await expect(readImportFile(file, PASSWORD)).rejects.toMatchObject({ code: 'backup_wrong_password', details: { format: 'andotp' } });
  });

  it('reports a file that opens but holds no entry list as damaged', async () => {
    await expect(readImportFile(encryptAndOtp('{"not": "a list"}', PASSWORD, FEW_ITERATIONS), PASSWORD)).rejects.toMatchObject({
      code: 'import_corrupt',
      details: { format: 'andotp' },
    });
    await expect(readImportFile(encryptAndOtp('not json', PASSWORD, FEW_ITERATIONS), PASSWORD)).rejects.toMatchObject({ code: 'import_corrupt' });
  });

  it.each([
    ['a PNG picture', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
    ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
    // Not AUTHENTICATORPRO any more: that header is Authenticator Pro's, whose reader now claims it.
    ['a file with an ASCII header', [...Buffer.from('OTHERAPP-BACKUP1')]],
  ])('does not take %s for an encrypted andOTP backup', (_case, start) => {
    const file = new Uint8Array([...start, ...Array.from({ length: 64 }, (_, i) => 0x80 + (i % 0x7f))]);
    expect(() => detectImportFile(file)).toThrow(expect.objectContaining({ code: 'import_unrecognized_format' }));
  });

  it('does not take a binary file too short for an IV and a tag', () => {
    expect(() => detectImportFile(new Uint8Array(27).fill(0xfe))).toThrow(expect.objectContaining({ code: 'import_unrecognized_format' }));
  });
});

describe('refuseAndOtpOpenPgp', () => {
  it('refuses an OpenPGP backup without asking a password, naming andOTP and what to do', async () => {
    expect(detectImportFile(ANDOTP_OPENPGP)).toEqual({ format: 'andotp', encrypted: false });
    const error = await readImportFile(ANDOTP_OPENPGP).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'import_unsupported', details: { format: 'andotp', reason: 'openpgp' } });
    expect((error as Error).message).toMatch(/andOTP.*OpenPGP.*\.json\.aes.*\.json/s);
  });
});

describe('andOTP import (property)', () => {
  it('never throws anything but an AppError, whatever the bytes, entries and password', async () => {
    const encrypted = encryptAndOtp(plainAndOtp(), PASSWORD, FEW_ITERATIONS);
    const old = encryptAndOtpOld(plainAndOtp(), PASSWORD);
    const entry = fc.record(
      {
        secret: fc.oneof(fc.constant('JBSWY3DPEHPK3PXP'), fc.string()),
        issuer: fc.oneof(fc.string(), fc.jsonValue()),
        label: fc.oneof(fc.string(), fc.jsonValue()),
        digits: fc.oneof(fc.integer({ min: -1, max: 12 }), fc.jsonValue()),
        type: fc.oneof(fc.constantFrom('TOTP', 'HOTP', 'STEAM', 'x'), fc.jsonValue()),
        algorithm: fc.oneof(fc.constantFrom('SHA1', 'SHA256', 'SHA512'), fc.jsonValue()),
        period: fc.jsonValue(),
        counter: fc.jsonValue(),
        tags: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
        last_used: fc.jsonValue(),
      },
      { requiredKeys: ['secret', 'label'] },
    );
    const content = fc.oneof(
      fc.array(fc.oneof(entry, fc.jsonValue()), { maxLength: 4 }).map((entries) => JSON.stringify(entries)),
      fc.tuple(fc.constantFrom(encrypted, old), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([file, at, byte]) => {
        const copy = file.slice();
        copy[at % copy.length] = byte;
        return copy;
      }),
      fc.tuple(fc.constantFrom(encrypted, old), fc.nat()).map(([file, at]) => file.slice(0, at % file.length)),
      fc.uint8Array({ minLength: 28, maxLength: 80 }).map((bytes) => {
        bytes[0] = 0;
        bytes[1] = 0;
        return bytes;
      }),
    );
    await fc.assert(
      fc.asyncProperty(content, fc.option(fc.constantFrom(PASSWORD, 'wrong', ''), { nil: undefined }), async (file, password) => {
        try {
          const parsed = await readImportFile(file, password);
          expect(Array.isArray(parsed.accounts)).toBe(true);
        } catch (error) {
          if (!isAppError(error)) throw error;
        }
      }),
      { numRuns: 150 },
    );
  });

  it('reads its own JSON through parseAndOtpJson the same as through the import', async () => {
    expect(parseAndOtpJson(JSON.parse(plainAndOtp()))).toEqual(await readImportFile(plainAndOtp()));
  });
});
