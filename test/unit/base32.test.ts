import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../shared/errors';
import { decodeBase32, encodeBase32, normalizeBase32Secret } from '../../shared/otp/base32';

const ascii = (text: string) => new TextEncoder().encode(text);

// RFC 4648 §10 test vectors, without padding on output.
const RFC_4648_VECTORS: Array<[string, string]> = [
  ['', ''],
  ['f', 'MY'],
  ['fo', 'MZXQ'],
  ['foo', 'MZXW6'],
  ['foob', 'MZXW6YQ'],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI'],
  ['12345678901234567890', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'],
];

describe('encodeBase32', () => {
  it.each(RFC_4648_VECTORS)('encodes %j as %s', (text, encoded) => {
    expect(encodeBase32(ascii(text))).toBe(encoded);
  });
});

describe('decodeBase32', () => {
  it.each(RFC_4648_VECTORS)('decodes %j from %s', (text, encoded) => {
    expect(decodeBase32(encoded)).toEqual(ascii(text));
  });

  it.each([
    ['lower case', 'mzxw6ytboi'],
    ['padding', 'MZXW6YTBOI======'],
    ['spaces', 'MZXW 6YTB OI'],
    ['dashes', 'MZXW-6YTB-OI'],
    ['tabs and newlines', '\tMZXW6\nYTBOI '],
  ])('tolerates %s', (_name, input) => {
    expect(decodeBase32(input)).toEqual(ascii('foobar'));
  });

  it.each([
    ['a digit outside 2-7', 'MZXW1YTB', 5],
    ['a letter outside ASCII', 'MZXWıYTB', 5],
    ['a symbol', 'MZ!W6YTB', 3],
    ['data after padding', 'MY==MZXQ', 5],
  ])('rejects %s with its position', (_name, input, position) => {
    try {
      decodeBase32(input);
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e, 'secret_not_base32')).toBe(true);
      expect((e as { details: object }).details).toMatchObject({ field: 'secret', position });
    }
  });

  it.each(['A', 'ABC', 'ABCDEF', 'ABCDEFGHA'])('rejects %s, a length no bytes encode to', (input) => {
    expect(() => decodeBase32(input)).toThrow(expect.objectContaining({ code: 'secret_not_base32' }));
  });

  it('inverts encodeBase32 for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        expect(decodeBase32(encodeBase32(bytes))).toEqual(bytes);
      }),
    );
  });
});

describe('normalizeBase32Secret', () => {
  it('upper-cases and removes separators and padding', () => {
    expect(normalizeBase32Secret(' jbsw y3dp-ehpk 3pxp== ')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('keeps the characters as given rather than re-encoding them', () => {
    // "AB" has non-zero leftover bits; re-encoding would give "AA".
    expect(normalizeBase32Secret('ab')).toBe('AB');
  });

  it.each(['', '   ', '-', '===='])('rejects %j as a missing secret', (input) => {
    expect(() => normalizeBase32Secret(input)).toThrow(expect.objectContaining({ code: 'missing_secret' }));
  });

  it('never puts the secret in the error message', () => {
    const secret = 'JBSWY3DPEHPK3PX0';
    try {
      normalizeBase32Secret(secret);
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e, 'secret_not_base32')).toBe(true);
      expect((e as Error).message).toMatch(/secret key/);
      expect((e as Error).message).not.toContain(secret);
      expect(JSON.stringify((e as { details: object }).details)).not.toContain('JBSW');
    }
  });
});
