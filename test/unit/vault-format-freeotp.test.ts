import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { parseFreeOtpBackup } from '../../shared/vault/formats/freeotp';
import { decodeModifiedUtf8, readJavaStringMap } from '../../shared/vault/formats/java-serialized-map';
import type { ImportedAccount } from '../../shared/vault/formats/types';
import { toImportInput } from '../../shared/vault/import-file';
import { detectImportFile, readImportFile } from '../../shared/vault/import-file';
import { IMPORT_LIMITS } from '../../shared/vault/import-limits';
import { buildFreeOtpBackup, javaUtf, serializeStringMap, type FreeOtpSampleToken } from '../fixtures/formats/freeotp/build-backup';

const PASSWORD = 'Fröhliche Grüße 🔑';
const bytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

/** Tokens as FreeOTP 2's `Token` writes them with Gson (null fields left out). */
const TOKENS: FreeOtpSampleToken[] = [
  {
    uuid: '0b4b8e2e-5f0e-4c2a-9f55-1d7d6f0e0a01',
    fields: { algo: 'SHA1', issuerExt: 'GitHub', issuerInt: 'GitHub', label: 'octocat', color: '2196F3', lock: false, period: 30, digits: 6, type: 'TOTP', counter: 0 },
    secret: bytes('48656c6c6f21deadbeef'),
  },
  {
    uuid: '0b4b8e2e-5f0e-4c2a-9f55-1d7d6f0e0a02',
    fields: { algo: 'SHA256', issuerExt: 'Zürich Bank', label: 'konto@example.ch', digits: 8, type: 'HOTP', counter: 41 },
    secret: bytes('8e6c211b8c2dc2cfeb937305c55add1f9ec4fa12'),
  },
  {
    uuid: '0b4b8e2e-5f0e-4c2a-9f55-1d7d6f0e0a03',
    // Renamed in the app: labelAlt wins. The emoji crosses Java's modified UTF-8 as two surrogates.
    fields: { algo: 'SHA512', issuerExt: '東京', label: 'old name', labelAlt: '🦊 fox', image: 'https://example.com/fox.png', period: 60, digits: 8, type: 'TOTP' },
    secret: bytes('6570b8980abf88a6702cf8e46b2c7265f183747e6901e9219fb5836d14bc803dba01d6e37c3b9a49860697004ab9d500fa34250e72dd62f74ca80f9fef66fb3f'),
  },
  {
    uuid: '0b4b8e2e-5f0e-4c2a-9f55-1d7d6f0e0a04',
    fields: { algo: 'SHA1', issuerExt: 'Steam', label: 'gaben', period: 30, digits: 5, type: 'TOTP' },
    secret: bytes('74621ddc79a712877f27d8807e57eb7387a67506'),
  },
  {
    uuid: '0b4b8e2e-5f0e-4c2a-9f55-1d7d6f0e0a05',
    // Gson leaves out null fields: no algorithm, digits or period means SHA1, 6 and 30.
    fields: { issuerExt: 'Minimal', label: 'min', type: 'TOTP' },
    secret: bytes('01020304050607080910'),
  },
];

const EXPECTED: ImportedAccount[] = [
  { type: 'totp', issuer: 'GitHub', label: 'octocat', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
  { type: 'hotp', issuer: 'Zürich Bank', label: 'konto@example.ch', secret: 'RZWCCG4MFXBM724TOMC4KWW5D6PMJ6QS', algorithm: 'SHA256', digits: 8, period: 30, counter: 41 },
  {
    type: 'totp',
    issuer: '東京',
    label: '🦊 fox',
    secret: 'MVYLRGAKX6EKM4BM7DSGWLDSMXYYG5D6NEA6SIM7WWBW2FF4QA63UAOW4N6DXGSJQYDJOACKXHKQB6RUEUHHFXLC65GKQD4755TPWPY',
    algorithm: 'SHA512',
    digits: 8,
    period: 60,
    counter: 0,
  },
  { type: 'steam', issuer: 'Steam', label: 'gaben', secret: 'ORRB3XDZU4JIO7ZH3CAH4V7LOOD2M5IG', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 },
  { type: 'totp', issuer: 'Minimal', label: 'min', secret: 'AEBAGBAFAYDQQCIQ', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
];

/** A backup at a small PBKDF2 cost (the file stores its cost), for the tests that are not about the cost. */
const small = (tokens = TOKENS, options = {}) => buildFreeOtpBackup(tokens, PASSWORD, { iterations: 1000, ...options });

describe('parseFreeOtpBackup', () => {
  it("reads a backup at FreeOTP's own cost (PBKDF2-HMAC-SHA512, 100,000 rounds), after asking for its password", async () => {
    const file = buildFreeOtpBackup(TOKENS, PASSWORD);
    expect(detectImportFile(file)).toEqual({ format: 'freeotp', encrypted: true });
    await expect(readImportFile(file)).rejects.toMatchObject({ code: 'import_password_required', details: { format: 'freeotp' } });
    const parsed = await readImportFile(file, PASSWORD);
    expect(parsed).toMatchObject({ format: 'freeotp', encrypted: true });
    expect(parsed.accounts).toEqual(EXPECTED);
  });

  it('reads a backup from a phone without SHA-512 (PBKDF2withHmacSHA1)', async () => {
    const parsed = await readImportFile(small(TOKENS, { algorithm: 'PBKDF2withHmacSHA1', digest: 'sha1' }), PASSWORD);
    expect(parsed.accounts).toEqual(EXPECTED);
  });

  it('reads a Steam entry as type steam', async () => {
    const { accounts, unreadable } = await readImportFile(small(), PASSWORD);
    expect(accounts[3]).toEqual(EXPECTED[3]);
    expect(unreadable).toEqual([]);
  });

  it('refuses a wrong password, and names the FreeOTP backup', async () => {
    const error = await readImportFile(small(), 'wrong').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'backup_wrong_password', details: { format: 'freeotp' } });
    expect((error as Error).message).toContain('FreeOTP backup');
  });

  it('lists a token whose key was altered, or whose fields are missing, as unreadable, and imports the rest', async () => {
    const file = small(TOKENS.slice(0, 2), {
      extra: [
        ['0b4b8e2e-5f0e-4c2a-9f55-1d7d6f0e0a09', '{"key":"{\\"mCipherText\\":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17],\\"mParameters\\":[48,17,4,12,1,2,3,4,5,6,7,8,9,10,11,12,2,1,16],\\"mCipher\\":\\"AES/GCM/NoPadding\\",\\"mToken\\":\\"HmacSHA1\\"}"}'],
        ['0b4b8e2e-5f0e-4c2a-9f55-1d7d6f0e0a09-token', '{"issuerExt":"Altered","label":"bytes","type":"TOTP"}'],
      ],
    });
    const { accounts, unreadable } = await readImportFile(file, PASSWORD);
    expect(accounts).toEqual(EXPECTED.slice(0, 2));
    expect(unreadable).toEqual([expect.objectContaining({ index: 2, name: 'Altered: bytes', code: 'entry_field_invalid' })]);
  });

  it.each<[string, (file: Uint8Array) => Uint8Array]>([
    ['cut short', (file) => file.slice(0, file.length - 40)],
    ['with a byte flipped in the stream structure', (file) => file.map((byte, index) => (index === 6 ? byte ^ 0xff : byte))],
    ['with trailing bytes', (file) => new Uint8Array([...file, 0x00])],
  ])('calls a backup %s a damaged FreeOTP backup', async (_, damage) => {
    await expect(readImportFile(damage(small()), PASSWORD)).rejects.toMatchObject({ code: 'import_corrupt', details: { format: 'freeotp' } });
  });

  it('calls a map without a master key a damaged FreeOTP backup', async () => {
    await expect(readImportFile(serializeStringMap([['a', 'b']]), PASSWORD)).rejects.toMatchObject({ code: 'import_corrupt', details: { format: 'freeotp' } });
  });

  it('refuses more PBKDF2 rounds than the cap before deriving anything', async () => {
    const file = buildFreeOtpBackup([], PASSWORD, { iterations: 1, statedIterations: IMPORT_LIMITS.pbkdf2Iterations + 1 });
    const error = await readImportFile(file, PASSWORD).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'import_limit_exceeded', details: { format: 'freeotp', limit: 'kdf_iterations', max: IMPORT_LIMITS.pbkdf2Iterations } });
    expect((error as Error).message).toContain('1,000,000');
  });

  it('refuses a map declaring more entries than the cap before reading one', async () => {
    const file = serializeStringMap([]);
    // The size is the last four bytes before TC_ENDBLOCKDATA.
    new DataView(file.buffer).setUint32(file.length - 5, 2 * IMPORT_LIMITS.entries + 2);
    await expect(readImportFile(file, PASSWORD)).rejects.toMatchObject({ code: 'import_limit_exceeded', details: { format: 'freeotp', limit: 'entries' } });
  });

  it('refuses more tokens than the cap before asking anything of the password', async () => {
    const tokens = Array.from({ length: IMPORT_LIMITS.entries + 1 }, (_, i): [string, string] => [`uuid-${i}`, '{}']);
    const file = serializeStringMap([['masterKey', '{}'], ...tokens]);
    await expect(readImportFile(file)).rejects.toMatchObject({ code: 'import_limit_exceeded', details: { format: 'freeotp', limit: 'entries' } });
  });

  it('lists a token whose encrypted key is over the secret cap as unreadable', async () => {
    const long = { ...TOKENS[0]!, uuid: 'long', fields: { ...TOKENS[0]!.fields, label: 'long key' }, secret: new Uint8Array(700).fill(7) };
    const { unreadable } = await readImportFile(small([TOKENS[0]!, long]), PASSWORD);
    expect(unreadable).toEqual([expect.objectContaining({ name: 'GitHub: long key', code: 'entry_field_invalid' })]);
  });

  it.each([
    ['another key derivation', { algorithm: 'PBKDF2withHmacMD5' }],
    ['another cipher', { cipher: 'AES/CBC/PKCS5Padding' }],
  ])('refuses %s as unsupported, saying what to do instead', async (_, options) => {
    const error = await readImportFile(small(TOKENS, options), PASSWORD).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'import_unsupported', details: { format: 'freeotp' } });
    expect((error as Error).message).toContain('QR code');
  });

  it('never throws anything but an AppError on damaged bytes (property)', async () => {
    const file = small(TOKENS.slice(0, 1));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: file.length - 1 }), fc.integer({ min: 1, max: 255 }), fc.boolean(), async (at, flip, cut) => {
        const damaged = cut ? file.slice(0, at) : file.map((byte, index) => (index === at ? byte ^ flip : byte));
        try {
          await parseFreeOtpBackup(toImportInput(damaged), PASSWORD);
        } catch (error) {
          if (!isAppError(error)) throw error;
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('readJavaStringMap', () => {
  it('reads back-references to strings already read (TC_REFERENCE)', () => {
    const map = serializeStringMap([['a', 'same']]);
    // Handles: 0x7E0000 the class, 0x7E0001 the map, then each string: "a" 0x7E0002, "same" 0x7E0003.
    // Append key "b" with a TC_REFERENCE to "same", and make the size 2 (it precedes the 11 bytes of the first entry).
    const extra = Buffer.concat([Buffer.from([0x74]), javaUtf('b'), Buffer.from([0x71, 0x00, 0x7e, 0x00, 0x03, 0x78])]);
    const file = new Uint8Array(Buffer.concat([Buffer.from(map.slice(0, map.length - 1)), extra]));
    new DataView(file.buffer).setUint32(map.length - 1 - 11 - 4, 2);
    expect(readJavaStringMap(file, 10)).toEqual([
      ['a', 'same'],
      ['b', 'same'],
    ]);
  });
});

describe('decodeModifiedUtf8', () => {
  it.each([
    ['ASCII', 'octocat'],
    ['Latin-1 and CJK', 'Zürich 東京'],
    ['an emoji (two surrogates)', '🦊'],
    ['NUL (C0 80)', 'a\u0000b'],
  ])('decodes %s as Java writes it', (_, text) => {
    expect(decodeModifiedUtf8(javaUtf(text).subarray(2))).toBe(text);
  });
});
