import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../shared/otp/base32';
import { generateHotp } from '../../shared/otp/hotp';
import { generateTotp } from '../../shared/otp/totp';
import type { OtpAlgorithm } from '../../shared/otp/types';
import {
  compareConstantTime,
  normalizeOtpCode,
  verifyHotp,
  verifyTotp,
  type VerifyHotpInput,
  type VerifyTotpInput,
} from '../../shared/otp/verify';

const RFC_4226_SECRET = encodeBase32(new TextEncoder().encode('12345678901234567890'));
const PARAMS = { secret: RFC_4226_SECRET, algorithm: 'SHA1' as OtpAlgorithm, digits: 6, period: 30 };
/** Parameters whose secret is not Base32: any HMAC attempt would throw secret_not_base32. */
const POISONED = { ...PARAMS, secret: 'NOT BASE32 !!!' };

const totp = (code: string, seconds: number, window = 1): VerifyTotpInput => ({
  params: PARAMS,
  code,
  now: seconds * 1000,
  window,
});

describe('verifyTotp', () => {
  // "287082" is HOTP count 1, i.e. TOTP step 1 (30..59 s) with the RFC 4226 secret.
  it.each([
    [0, { matchedStep: 1, delta: 1 }],
    [30, { matchedStep: 1, delta: 0 }],
    [59, { matchedStep: 1, delta: 0 }],
    [60, { matchedStep: 1, delta: -1 }],
    [89, { matchedStep: 1, delta: -1 }],
    [90, null],
  ])('at t = %i s with window ±1 returns %j for "287082"', (seconds, expected) => {
    expect(verifyTotp(totp('287082', seconds))).toEqual(expected);
  });

  it('accepts only the current step with window 0', () => {
    expect(verifyTotp(totp('287082', 0, 0))).toBeNull();
    expect(verifyTotp(totp('287082', 45, 0))).toEqual({ matchedStep: 1, delta: 0 });
    expect(verifyTotp(totp('287082', 60, 0))).toBeNull();
  });

  it('skips steps before 0 instead of failing', () => {
    expect(verifyTotp(totp('755224', 0, 3))).toEqual({ matchedStep: 0, delta: 0 });
  });

  it.each([['287 082'], [' 287082 '], ['287082\n'], ['\t287 08 2']])('accepts %j (whitespace removed)', (code) => {
    expect(verifyTotp(totp(code, 45))).toEqual({ matchedStep: 1, delta: 0 });
  });

  it.each([
    ['a letter', '28708a'],
    ['one digit too many', '2870821'],
    ['an empty code', ''],
    ['one digit too few', '28708'],
    ['a sign', '+28708'],
    ['full-width digits', '２８７０８２'],
    ['a dot', '28708.'],
  ])('rejects %s (%j)', (_name, code) => {
    expect(verifyTotp(totp(code, 45))).toBeNull();
  });

  it.each([['28708a'], ['2870821'], [''], ['28708'], ['abcdef']])(
    'rejects malformed %j before computing any HMAC',
    (code) => {
      // With an unusable secret, reaching the HMAC would throw; returning null proves it never ran.
      expect(verifyTotp({ params: POISONED, code, now: 45_000, window: 1 })).toBeNull();
    },
  );

  it('does reach the HMAC for a well-formed code (so the check above is meaningful)', () => {
    expect(() => verifyTotp({ params: POISONED, code: '287082', now: 45_000, window: 1 })).toThrow(
      expect.objectContaining({ code: 'secret_not_base32' }),
    );
  });

  it('returns null for a code that is not a string', () => {
    expect(verifyTotp({ ...totp('', 45), code: 287082 as unknown as string })).toBeNull();
  });

  it('verifies 8-digit SHA512 codes past 2^32 seconds (RFC 6238 T = 20000000000)', () => {
    const params = {
      secret: encodeBase32(new TextEncoder().encode('1234567890'.repeat(7).slice(0, 64))),
      algorithm: 'SHA512' as OtpAlgorithm,
      digits: 8,
      period: 30,
    };
    expect(verifyTotp({ params, code: '47863826', now: 20_000_000_000_000, window: 0 })).toEqual({
      matchedStep: 666_666_666,
      delta: 0,
    });
  });

  it.each([
    ['a negative window', -1],
    ['a fractional window', 0.5],
    ['a huge window', 1_000_000],
  ])('rejects %s', (_name, window) => {
    expect(() => verifyTotp(totp('287082', 45, window))).toThrow(expect.objectContaining({ code: 'window_invalid' }));
  });

  it('finds the step of any generated code within the window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 120_000, max: 4_000_000_000_000 }),
        fc.integer({ min: -2, max: 2 }),
        fc.constantFrom(15, 30, 60),
        (now, offset, period) => {
          const params = { ...PARAMS, period };
          const code = generateTotp(params, now + offset * period * 1000);
          const match = verifyTotp({ params, code, now, window: 2 });
          expect(match).not.toBeNull();
          expect(generateTotp(params, (match as { matchedStep: number }).matchedStep * period * 1000)).toBe(code);
        },
      ),
    );
  });
});

describe('verifyHotp', () => {
  const hotp = (code: string, counter: number, window: number): VerifyHotpInput => ({
    params: PARAMS,
    code,
    counter,
    window,
  });

  it.each([
    ['the expected counter', '755224', 0, 0, { matchedCounter: 0, delta: 0 }],
    ['a counter within the look-ahead', '520489', 0, 9, { matchedCounter: 9, delta: 9 }],
    ['a counter past the look-ahead', '520489', 0, 8, null],
    ['a counter already used', '755224', 1, 5, null],
    ['a spaced code', '338 314', 2, 3, { matchedCounter: 4, delta: 2 }],
    ['a malformed code', '33831', 2, 3, null],
  ])('handles %s', (_name, code, counter, window, expected) => {
    expect(verifyHotp(hotp(code, counter, window))).toEqual(expected);
  });

  it('verifies counters past 2^32', () => {
    const counter = 2 ** 32 + 7;
    const code = generateHotp(PARAMS, counter + 2);
    expect(verifyHotp(hotp(code, counter, 2))).toEqual({ matchedCounter: counter + 2, delta: 2 });
  });

  it('rejects a malformed code before computing any HMAC', () => {
    expect(verifyHotp({ params: POISONED, code: '12345a', counter: 0, window: 5 })).toBeNull();
  });

  it.each([
    ['a negative counter', -1, 'counter_invalid'],
    ['a fractional counter', 0.5, 'counter_invalid'],
  ])('rejects %s', (_name, counter, code) => {
    expect(() => verifyHotp(hotp('755224', counter, 1))).toThrow(expect.objectContaining({ code }));
  });
});

describe('normalizeOtpCode', () => {
  it.each([
    ['287082', 6, '287082'],
    [' 287 082 ', 6, '287082'],
    ['1234 5678', 8, '12345678'],
    ['287082', 8, null],
    ['-28708', 6, null],
    ['1e5000', 6, null],
  ])('normalises %j for %i digits to %j', (code, digits, expected) => {
    expect(normalizeOtpCode(code, digits)).toBe(expected);
  });
});

describe('compareConstantTime', () => {
  it.each([
    ['', '', true],
    ['287082', '287082', true],
    ['287082', '287083', false],
    ['287082', '28708', false],
    ['28708', '287082', false],
    ['a', '', false],
  ])('compares %j and %j -> %s', (a, b, expected) => {
    expect(compareConstantTime(a, b)).toBe(expected);
  });

  it('agrees with === for any strings', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(compareConstantTime(a, b)).toBe(a === b);
        expect(compareConstantTime(a, a)).toBe(true);
      }),
    );
  });
});
