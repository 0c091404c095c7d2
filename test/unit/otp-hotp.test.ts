import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import * as otpauthBrowser from 'otpauth/dist/otpauth.esm.js';
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../shared/otp/base32';
import { createHotpGenerator, generateHotp, type HotpParams } from '../../shared/otp/hotp';
import type { OtpAlgorithm } from '../../shared/otp/types';

const RFC_4226_SECRET = encodeBase32(new TextEncoder().encode('12345678901234567890'));
const RFC_4226: HotpParams = { secret: RFC_4226_SECRET, algorithm: 'SHA1', digits: 6 };

/** An independent HOTP (RFC 4226 §5.3) on node:crypto with a BigInt counter, to check otpauth against. */
function referenceHotp(key: Uint8Array, algorithm: OtpAlgorithm, digits: number, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac(algorithm.toLowerCase(), key).update(message).digest();
  const offset = (digest[digest.length - 1] as number) & 0xf;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

describe('generateHotp', () => {
  it('uses the RFC 4226 secret "12345678901234567890" as GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', () => {
    expect(RFC_4226_SECRET).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  // RFC 4226 Appendix D.
  it.each([
    [0, '755224'],
    [1, '287082'],
    [2, '359152'],
    [3, '969429'],
    [4, '338314'],
    [5, '254676'],
    [6, '287922'],
    [7, '162583'],
    [8, '399871'],
    [9, '520489'],
  ])('returns the RFC 4226 value for count %i: %s', (counter, code) => {
    expect(generateHotp(RFC_4226, counter)).toBe(code);
  });

  it('accepts the secret in lower case with spaces', () => {
    expect(generateHotp({ ...RFC_4226, secret: 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq' }, 1)).toBe('287082');
  });

  it.each([
    [2 ** 32 - 1],
    [2 ** 32],
    [2 ** 32 + 1],
    [2 ** 40 + 12345],
    [Number.MAX_SAFE_INTEGER],
  ])('matches an 8-byte BigInt reference for counter %i (past 2^32)', (counter) => {
    const key = new TextEncoder().encode('12345678901234567890');
    expect(generateHotp(RFC_4226, counter)).toBe(referenceHotp(key, 'SHA1', 6, counter));
  });

  it('matches the reference for any key, algorithm, digits and counter', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.constantFrom<OtpAlgorithm>('SHA1', 'SHA256', 'SHA512'),
        fc.integer({ min: 6, max: 10 }),
        fc.maxSafeNat(),
        (key, algorithm, digits, counter) => {
          const params = { secret: encodeBase32(key), algorithm, digits };
          expect(generateHotp(params, counter)).toBe(referenceHotp(key, algorithm, digits, counter));
        },
      ),
    );
  });

  it('pads 10-digit codes with leading zeros', () => {
    // The 31-bit truncation is below 10^10, so 10-digit codes are the value itself, zero-padded.
    expect(generateHotp({ ...RFC_4226, digits: 10 }, 0)).toMatch(/^[0-9]{10}$/);
    expect(generateHotp({ ...RFC_4226, digits: 10 }, 0).endsWith('755224')).toBe(true);
  });

  it.each([
    ['a negative counter', -1, 'counter_invalid'],
    ['a fractional counter', 1.5, 'counter_invalid'],
    ['a counter past 2^53 - 1', 2 ** 53, 'counter_invalid'],
    ['NaN', Number.NaN, 'counter_invalid'],
  ])('rejects %s', (_name, counter, code) => {
    expect(() => generateHotp(RFC_4226, counter)).toThrow(expect.objectContaining({ code }));
  });

  it.each([
    ['5 digits', { digits: 5 }, 'digits_out_of_range'],
    ['11 digits', { digits: 11 }, 'digits_out_of_range'],
    ['6.5 digits', { digits: 6.5 }, 'digits_out_of_range'],
    ['MD5', { algorithm: 'MD5' as OtpAlgorithm }, 'unsupported_algorithm'],
    ['lower-case sha1', { algorithm: 'sha1' as OtpAlgorithm }, 'unsupported_algorithm'],
    ['an empty secret', { secret: '' }, 'missing_secret'],
    ['a non-Base32 secret', { secret: 'GEZDGNBVGY3TQOJ1' }, 'secret_not_base32'],
  ])('rejects params with %s', (_name, override, code) => {
    expect(() => generateHotp({ ...RFC_4226, ...override }, 0)).toThrow(expect.objectContaining({ code }));
  });
});

describe('createHotpGenerator', () => {
  it('checks params once and generates for many counters', () => {
    const generate = createHotpGenerator(RFC_4226);
    expect([0, 1, 2].map(generate)).toEqual(['755224', '287082', '359152']);
  });

  it('checks params before any counter is given', () => {
    expect(() => createHotpGenerator({ ...RFC_4226, digits: 4 })).toThrow(
      expect.objectContaining({ code: 'digits_out_of_range' }),
    );
  });
});

describe('HOTP.generate (otpauth browser build)', () => {
  // Node resolves 'otpauth' to its node:crypto build; the extension and PWA bundle the
  // browser build (noble-hashes). Both must encode counters past 2^32 as 8 bytes.
  it.each([[1], [2 ** 32 + 1], [Number.MAX_SAFE_INTEGER]])('agrees with the reference at counter %i', (counter) => {
    const key = new TextEncoder().encode('12345678901234567890');
    for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
      const secret = new otpauthBrowser.Secret({ buffer: key.slice().buffer });
      expect(otpauthBrowser.HOTP.generate({ secret, algorithm, digits: 8, counter })).toBe(
        referenceHotp(key, algorithm, 8, counter),
      );
    }
  });
});
