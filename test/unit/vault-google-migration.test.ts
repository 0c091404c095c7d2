import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../../shared/errors';
import { encodeBase32 } from '../../shared/otp/base32';
import type { OtpAccount } from '../../shared/otp/types';
import {
  addMigrationBatch,
  decodeMigrationPayload,
  encodeMigrationPayload,
  exportMigrationUris,
  mergeMigrationBatches,
  parseMigrationUri,
  type MigrationProgress,
} from '../../shared/vault/formats/google-migration';

/**
 * Payloads written out byte by byte from the published MigrationPayload schema:
 * tag = (field << 3) | wire type; wire 0 = varint, wire 2 = length-delimited.
 */

/** One TOTP account, batch 1 of 1 (batch_id 1234567). */
const SINGLE = new Uint8Array([
  0x0a, 0x2e, //                         otp_parameters (1, wire 2), 46 bytes:
  0x0a, 0x0a, //                           secret (1), 10 bytes: "Hello!" DE AD BE EF
  0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef,
  0x12, 0x11, //                           name (2), 17 bytes: "alice@example.com"
  0x61, 0x6c, 0x69, 0x63, 0x65, 0x40, 0x65, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x2e, 0x63, 0x6f, 0x6d,
  0x1a, 0x07, //                           issuer (3), 7 bytes: "Example"
  0x45, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65,
  0x20, 0x01, //                           algorithm (4) = SHA1
  0x28, 0x01, //                           digits (5) = SIX
  0x30, 0x02, //                           type (6) = TOTP
  0x10, 0x01, //                         version (2) = 1
  0x18, 0x01, //                         batch_size (3) = 1
  0x20, 0x00, //                         batch_index (4) = 0
  0x28, 0x87, 0xad, 0x4b, //             batch_id (5) = 1234567 (varint)
]);

/** Batch 1 (index 0) of 2: one TOTP account with the defaults left out. */
const BATCH_0_OF_2 = new Uint8Array([
  0x0a, 0x24, //                         otp_parameters, 36 bytes:
  0x0a, 0x0a, //                           secret, 10 bytes: "TestSecret"
  0x54, 0x65, 0x73, 0x74, 0x53, 0x65, 0x63, 0x72, 0x65, 0x74,
  0x12, 0x0b, //                           name, 11 bytes: "Example:bob" (issuer prefix, as Google writes it)
  0x45, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65, 0x3a, 0x62, 0x6f, 0x62,
  0x1a, 0x07, //                           issuer, 7 bytes: "Example"
  0x45, 0x78, 0x61, 0x6d, 0x70, 0x6c, 0x65,
  0x30, 0x02, //                           type = TOTP (algorithm and digits unspecified: SHA1, 6)
  0x10, 0x01, //                         version = 1
  0x18, 0x02, //                         batch_size = 2
  0x20, 0x00, //                         batch_index = 0
  0x28, 0x87, 0xad, 0x4b, //             batch_id = 1234567
]);

/** Batch 2 (index 1) of 2: a HOTP SHA512 8-digit account with Unicode names, and an MD5 one. Its Base64 has + and /. */
const BATCH_1_OF_2 = new Uint8Array([
  0x0a, 0x28, //                         otp_parameters, 40 bytes:
  0x0a, 0x0a, //                           secret, 10 bytes
  0xfb, 0xef, 0xbe, 0x00, 0xff, 0xff, 0xff, 0x00, 0xfb, 0xef,
  0x12, 0x07, //                           name, 7 bytes: "Jürgen" (UTF-8)
  0x4a, 0xc3, 0xbc, 0x72, 0x67, 0x65, 0x6e,
  0x1a, 0x08, //                           issuer, 8 bytes: "Bänk:Ü"
  0x42, 0xc3, 0xa4, 0x6e, 0x6b, 0x3a, 0xc3, 0x9c,
  0x20, 0x03, //                           algorithm = SHA512
  0x28, 0x02, //                           digits = EIGHT
  0x30, 0x01, //                           type = HOTP
  0x38, 0xac, 0x02, //                     counter (7) = 300
  0x0a, 0x15, //                         otp_parameters, 21 bytes:
  0x0a, 0x05, 0x01, 0x02, 0x03, 0x04, 0x05, // secret, 5 bytes
  0x12, 0x08, //                           name, 8 bytes: "md5 user"
  0x6d, 0x64, 0x35, 0x20, 0x75, 0x73, 0x65, 0x72,
  0x20, 0x04, //                           algorithm = MD5 (not supported)
  0x30, 0x02, //                           type = TOTP
  0x10, 0x01, //                         version = 1
  0x18, 0x02, //                         batch_size = 2
  0x20, 0x01, //                         batch_index = 1
  0x28, 0x87, 0xad, 0x4b, //             batch_id = 1234567
]);

const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const uriOf = (bytes: Uint8Array, encode = true): string =>
  `otpauth-migration://offline?data=${encode ? encodeURIComponent(base64(bytes)) : base64(bytes)}`;

const ALICE: OtpAccount = {
  type: 'totp',
  issuer: 'Example',
  label: 'alice@example.com',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};
const BOB: OtpAccount = { ...ALICE, label: 'bob', secret: 'KRSXG5CTMVRXEZLU' };
const JUERGEN: OtpAccount = {
  type: 'hotp',
  issuer: 'Bänk:Ü',
  label: 'Jürgen',
  secret: encodeBase32(new Uint8Array([0xfb, 0xef, 0xbe, 0x00, 0xff, 0xff, 0xff, 0x00, 0xfb, 0xef])),
  algorithm: 'SHA512',
  digits: 8,
  period: 30,
  counter: 300,
};

describe('decodeMigrationPayload', () => {
  it('decodes a hand-built payload field by field', () => {
    expect(decodeMigrationPayload(SINGLE)).toEqual({
      otpParameters: [
        {
          secret: new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]),
          name: 'alice@example.com',
          issuer: 'Example',
          algorithm: 1,
          digits: 1,
          type: 2,
          counter: 0n,
        },
      ],
      version: 1,
      batchSize: 1,
      batchIndex: 0,
      batchId: 1234567,
    });
  });

  it('skips unknown fields of every wire type', () => {
    const withUnknown = new Uint8Array([
      ...SINGLE,
      0x30, 0x05, //                       field 6, varint
      0x3a, 0x02, 0xaa, 0xbb, //           field 7, length-delimited
      0x41, 1, 2, 3, 4, 5, 6, 7, 8, //     field 8, fixed64
      0x4d, 1, 2, 3, 4, //                 field 9, fixed32
    ]);
    expect(decodeMigrationPayload(withUnknown)).toEqual(decodeMigrationPayload(SINGLE));
  });

  it('reads a negative int64 counter written as a 10-byte varint', () => {
    const params = new Uint8Array([0x0a, 0x01, 0x41, 0x30, 0x01, 0x38, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
    const payload = new Uint8Array([0x0a, params.length, ...params]);
    expect(decodeMigrationPayload(payload).otpParameters[0]?.counter).toBe(-1n);
  });

  it.each([
    ['a length past the end', new Uint8Array([0x0a, 0x30, 0x0a])],
    ['a varint that never ends', new Uint8Array([0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])],
    ['a known field with the wrong wire type', new Uint8Array([0x08, 0x01])],
    ['a group (wire type 3)', new Uint8Array([0x33])],
    ['field number 0', new Uint8Array([0x00, 0x01])],
    ['a cut-off payload', SINGLE.subarray(0, 30)],
  ])('rejects %s with import_corrupt', (_name, bytes) => {
    expect(() => decodeMigrationPayload(bytes)).toThrow(expect.objectContaining({ code: 'import_corrupt' }));
  });
});

describe('encodeMigrationPayload', () => {
  it('writes exactly the hand-built bytes', () => {
    expect(encodeMigrationPayload(decodeMigrationPayload(SINGLE))).toEqual(SINGLE);
    expect(encodeMigrationPayload(decodeMigrationPayload(BATCH_0_OF_2))).toEqual(BATCH_0_OF_2);
    expect(encodeMigrationPayload(decodeMigrationPayload(BATCH_1_OF_2))).toEqual(BATCH_1_OF_2);
  });
});

describe('parseMigrationUri', () => {
  it('reads the accounts of a transfer code', () => {
    expect(parseMigrationUri(uriOf(SINGLE))).toEqual({
      format: 'google-migration',
      encrypted: false,
      accounts: [ALICE],
      unreadable: [],
      batch: { id: 1234567, index: 0, size: 1 },
    });
  });

  it('drops the "issuer:" prefix Google puts in names and reads unspecified fields as SHA1, 6 digits', () => {
    expect(parseMigrationUri(uriOf(BATCH_0_OF_2)).accounts).toEqual([BOB]);
  });

  it('reads HOTP, SHA512, 8 digits and UTF-8 names, and reports MD5 as unreadable', () => {
    const parsed = parseMigrationUri(uriOf(BATCH_1_OF_2));
    expect(parsed.accounts).toEqual([JUERGEN]);
    expect(parsed.unreadable).toEqual([
      { index: 1, name: 'md5 user', code: 'unsupported_algorithm', reason: expect.stringContaining('"MD5"') as string },
    ]);
    expect(parsed.batch).toEqual({ id: 1234567, index: 1, size: 2 });
  });

  it('reads data with + and / raw, percent-encoded, form-decoded (+ as space), unpadded or url-safe', () => {
    const raw = base64(BATCH_1_OF_2);
    expect(raw).toContain('+');
    expect(raw).toContain('/');
    const variants = [
      `otpauth-migration://offline?data=${raw}`,
      `otpauth-migration://offline?data=${encodeURIComponent(raw)}`,
      `otpauth-migration://offline?data=${raw.replace(/\+/g, ' ')}`,
      `OTPAUTH-MIGRATION://offline?data=${encodeURIComponent(raw)}`,
      `otpauth-migration://offline?data=${raw.replace(/\+/g, '-').replace(/\//g, '_')}`,
      `otpauth-migration://offline?foo=1&data=${raw.replace(/=+$/, '')}`,
    ];
    for (const uri of variants) expect(parseMigrationUri(uri).accounts).toEqual([JUERGEN]);
  });

  it.each([
    ['no data', 'otpauth-migration://offline?foo=bar', 'import_corrupt'],
    ['data that is not Base64', 'otpauth-migration://offline?data=***', 'import_corrupt'],
    ['data that is not a payload', `otpauth-migration://offline?data=${encodeURIComponent(base64(new Uint8Array([0xff])))}`, 'import_corrupt'],
    ['a batch index past the size', uriOf(new Uint8Array([0x18, 0x02, 0x20, 0x02])), 'migration_batch_invalid'],
    ['an otpauth:// link', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP', 'import_unrecognized_format'],
    ['a web link', 'https://example.com/?data=abc', 'import_unrecognized_format'],
  ])('rejects %s with %s', (_name, uri, code) => {
    expect(() => parseMigrationUri(uri)).toThrow(expect.objectContaining({ code }));
  });

  it('throws only AppErrors for any data', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 80 }), fc.constantFrom(SINGLE, BATCH_1_OF_2).chain((b) => fc.nat(b.length).map((n) => b.subarray(0, n)))), (bytes) => {
        try {
          parseMigrationUri(uriOf(bytes));
        } catch (error) {
          expect(isAppError(error)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** A transfer code with one account and the given "code index+1 of size" (any int32, as a hostile code may hold). */
const batchUri = (batchSize: number, batchIndex: number): string =>
  uriOf(encodeMigrationPayload({ ...decodeMigrationPayload(SINGLE), batchSize, batchIndex, batchId: 77 }));

describe('parseMigrationUri batch checks (issue 11)', () => {
  it.each([
    ['50,000,000 codes', 50_000_000, 0],
    ['2^31 − 1 codes', 2 ** 31 - 1, 5],
    ['101 codes', 101, 0],
  ])('refuses an export of %s, naming the format and the limit of 100', (_name, size, index) => {
    expect(() => parseMigrationUri(batchUri(size, index))).toThrow(
      expect.objectContaining({
        code: 'import_limit_exceeded',
        details: { format: 'google-migration', limit: 'batch_size', max: 100 },
        message: expect.stringMatching(/Google Authenticator transfer code .* more than 100 QR codes/),
      }),
    );
  });

  it.each([
    ['a negative number of codes', -1, 0, 'batch_size'],
    ['a negative position', 3, -1, 'batch_index'],
    ['a position equal to the number of codes', 3, 3, 'batch_index'],
    ['a position past the number of codes', 1, 2 ** 31 - 1, 'batch_index'],
  ])('refuses %s as an invalid code', (_name, size, index, field) => {
    expect(() => parseMigrationUri(batchUri(size, index))).toThrow(
      expect.objectContaining({ code: 'migration_batch_invalid', details: expect.objectContaining({ field }) }),
    );
  });

  it.each([
    [100, 99],
    [1, 0],
    [0, 0],
  ])('accepts an export of %i codes at position %i (0 codes: no batch fields, one code)', (size, index) => {
    expect(parseMigrationUri(batchUri(size, index)).batch).toEqual({ id: 77, index, size: Math.max(1, size) });
  });
});

describe('exportMigrationUris', () => {
  const many = (n: number): OtpAccount[] =>
    Array.from({ length: n }, (_, i) => ({ ...ALICE, label: `user${i}`, secret: encodeBase32(new Uint8Array([i, i + 1, i + 2, 0xfb, 0xff])) }));

  it.each([
    [0, 0],
    [1, 1],
    [10, 1],
    [11, 2],
    [25, 3],
  ])('puts %i accounts into %i codes of at most 10', (count, codes) => {
    const { uris, skipped } = exportMigrationUris(many(count), { batchId: 42 });
    expect(uris).toHaveLength(codes);
    expect(skipped).toEqual([]);
    uris.forEach((uri, index) => {
      const parsed = parseMigrationUri(uri);
      expect(parsed.batch).toEqual({ id: 42, index, size: codes });
      expect(parsed.accounts.length).toBeLessThanOrEqual(10);
    });
  });

  it('skips what Google cannot carry (period other than 30, digits other than 6 or 8), saying why', () => {
    const { uris, skipped } = exportMigrationUris([ALICE, { ...ALICE, period: 60, secret: 'MFRGGZDF' }, { ...ALICE, digits: 7, label: 'seven' }]);
    expect(parseMigrationUri(uris[0]!).accounts).toEqual([ALICE]);
    expect(skipped.map((s) => [s.index, s.code, s.name])).toEqual([
      [1, 'export_not_representable', 'Example: alice@example.com'],
      [2, 'export_not_representable', 'Example: seven'],
    ]);
    expect(skipped[0]!.reason).toMatch(/period "60"/);
  });

  it('round-trips names with colons exactly', () => {
    const tricky: OtpAccount[] = [
      { ...ALICE, issuer: 'GitHub', label: 'GitHub:octocat' },
      { ...ALICE, issuer: '', label: 'Corp:alice', secret: 'MFRGGZDF' },
      { ...ALICE, issuer: '', label: ':lead', secret: 'MFRGGZDG' },
      { ...ALICE, issuer: 'a:b', label: 'c', secret: 'MFRGGZDH' },
      { ...ALICE, issuer: 'Only issuer', label: '', secret: 'MFRGGZDI' },
    ];
    expect(parseMigrationUri(exportMigrationUris(tricky).uris[0]!).accounts).toEqual(tricky);
  });
});

describe('addMigrationBatch', () => {
  it('tracks "1 of 2", ignores a code scanned twice, and completes in any order', () => {
    const second = parseMigrationUri(uriOf(BATCH_1_OF_2));
    const first = parseMigrationUri(uriOf(BATCH_0_OF_2));

    const one = addMigrationBatch(undefined, second);
    expect(one).toMatchObject({ batchId: 1234567, total: 2, scanned: 1, complete: false, missing: [0] });
    expect(addMigrationBatch(one, second)).toMatchObject({ scanned: 1, missing: [0] });

    const both = addMigrationBatch(one, first);
    expect(both).toMatchObject({ scanned: 2, complete: true, missing: [] });
    const merged = mergeMigrationBatches(both);
    expect(merged.accounts).toEqual([BOB, JUERGEN]);
    expect(merged.unreadable).toEqual([expect.objectContaining({ index: 2, name: 'md5 user' })]);
  });

  it('tracks "2 of 3" over an export made by exportMigrationUris', () => {
    const { uris } = exportMigrationUris(
      Array.from({ length: 21 }, (_, i) => ({ ...ALICE, label: `u${i}`, secret: encodeBase32(new Uint8Array([i, 7, 7, 7, 7])) })),
    );
    let progress: MigrationProgress | undefined;
    progress = addMigrationBatch(progress, parseMigrationUri(uris[2]!));
    progress = addMigrationBatch(progress, parseMigrationUri(uris[0]!));
    expect(progress).toMatchObject({ scanned: 2, total: 3, missing: [1], complete: false });
    progress = addMigrationBatch(progress, parseMigrationUri(uris[1]!));
    expect(mergeMigrationBatches(progress).accounts.map((a) => a.label)).toEqual(Array.from({ length: 21 }, (_, i) => `u${i}`));
  });

  it('refuses a code of another export while one is incomplete, and starts over after completion', () => {
    const one = addMigrationBatch(undefined, parseMigrationUri(uriOf(BATCH_1_OF_2)));
    const other = parseMigrationUri(uriOf(SINGLE));
    const error = (() => {
      try {
        addMigrationBatch(one, other);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'migration_other_export' });
    expect((error as AppError).message).toContain('1 of 2');
    expect(addMigrationBatch(undefined, other)).toMatchObject({ complete: true, total: 1 });
    const done = addMigrationBatch(addMigrationBatch(one, parseMigrationUri(uriOf(BATCH_0_OF_2))), parseMigrationUri(uriOf(BATCH_0_OF_2)));
    expect(addMigrationBatch(done, other)).toMatchObject({ batchId: 1234567, total: 1, complete: true });
  });

  it('keeps only the codes scanned, not a slot per announced code', () => {
    const progress = addMigrationBatch(undefined, parseMigrationUri(batchUri(100, 41)));
    expect(progress).toMatchObject({ total: 100, scanned: 1, complete: false });
    expect(progress.parts.size).toBe(1);
    expect(progress.missing).toHaveLength(99);
    expect(progress.missing).not.toContain(41);
  });

  it.each([
    ['50,000,000 codes', { id: 1, index: 0, size: 50_000_000 }, 'import_limit_exceeded'],
    ['a fractional size', { id: 1, index: 0, size: 2.5 }, 'migration_batch_invalid'],
    ['a fractional position', { id: 1, index: 0.5, size: 2 }, 'migration_batch_invalid'],
    ['a size that is not a number', { id: 1, index: 0, size: Number.NaN }, 'migration_batch_invalid'],
  ])('refuses a code read elsewhere that claims %s, before allocating anything', (_name, batch, code) => {
    const parsed = { ...parseMigrationUri(uriOf(SINGLE)), batch };
    expect(() => addMigrationBatch(undefined, parsed)).toThrow(expect.objectContaining({ code }));
  });
});
