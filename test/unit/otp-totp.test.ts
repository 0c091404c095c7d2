import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../shared/otp/base32';
import { generateTotp, secondsRemaining, totpStep, type TotpParams } from '../../shared/otp/totp';
import type { OtpAlgorithm } from '../../shared/otp/types';

/** RFC 6238 Appendix B seeds: ASCII "1234567890" repeated to 20, 32 and 64 bytes. */
const SEEDS: Record<OtpAlgorithm, string> = {
  SHA1: encodeBase32(new TextEncoder().encode('12345678901234567890')),
  SHA256: encodeBase32(new TextEncoder().encode('12345678901234567890123456789012')),
  SHA512: encodeBase32(new TextEncoder().encode('1234567890123456789012345678901234567890123456789012345678901234')),
};

const paramsFor = (algorithm: OtpAlgorithm): TotpParams => ({
  secret: SEEDS[algorithm],
  algorithm,
  digits: 8,
  period: 30,
});

// RFC 6238 Appendix B: time (s), T (hex), TOTP, mode.
const RFC_6238: Array<[number, string, string, OtpAlgorithm]> = [
  [59, '0000000000000001', '94287082', 'SHA1'],
  [59, '0000000000000001', '46119246', 'SHA256'],
  [59, '0000000000000001', '90693936', 'SHA512'],
  [1111111109, '00000000023523EC', '07081804', 'SHA1'],
  [1111111109, '00000000023523EC', '68084774', 'SHA256'],
  [1111111109, '00000000023523EC', '25091201', 'SHA512'],
  [1111111111, '00000000023523ED', '14050471', 'SHA1'],
  [1111111111, '00000000023523ED', '67062674', 'SHA256'],
  [1111111111, '00000000023523ED', '99943326', 'SHA512'],
  [1234567890, '000000000273EF07', '89005924', 'SHA1'],
  [1234567890, '000000000273EF07', '91819424', 'SHA256'],
  [1234567890, '000000000273EF07', '93441116', 'SHA512'],
  [2000000000, '0000000003F940AA', '69279037', 'SHA1'],
  [2000000000, '0000000003F940AA', '90698825', 'SHA256'],
  [2000000000, '0000000003F940AA', '38618901', 'SHA512'],
  [20000000000, '0000000027BC86AA', '65353130', 'SHA1'],
  [20000000000, '0000000027BC86AA', '77737706', 'SHA256'],
  [20000000000, '0000000027BC86AA', '47863826', 'SHA512'],
];

describe('generateTotp', () => {
  it('has all 18 rows of RFC 6238 Appendix B', () => {
    expect(RFC_6238).toHaveLength(18);
  });

  it.each(RFC_6238)('returns the RFC 6238 value at %i s (T = %s): %s with %s', (seconds, _t, code, algorithm) => {
    expect(generateTotp(paramsFor(algorithm), seconds * 1000)).toBe(code);
  });

  it('gives the same code throughout a step and a new one at its end', () => {
    const params = paramsFor('SHA1');
    expect(generateTotp(params, 30_000)).toBe('94287082');
    expect(generateTotp(params, 59_999)).toBe('94287082');
    expect(generateTotp(params, 60_000)).not.toBe('94287082');
  });

  it('honours any positive period', () => {
    // Step 1 of a 60 s period is 60..119 s: the same HOTP value as step 1 of a 30 s period.
    expect(generateTotp({ ...paramsFor('SHA1'), period: 60 }, 119_000)).toBe('94287082');
    expect(generateTotp({ ...paramsFor('SHA1'), period: 0.5 }, 500)).toBe('94287082');
  });

  it.each([
    ['a zero period', { period: 0 }, 0, 'period_invalid'],
    ['a negative period', { period: -30 }, 0, 'period_invalid'],
    ['an infinite period', { period: Number.POSITIVE_INFINITY }, 0, 'period_invalid'],
    ['a negative time', {}, -1, 'time_invalid'],
    ['a NaN time', {}, Number.NaN, 'time_invalid'],
    ['4 digits', { digits: 4 }, 0, 'digits_out_of_range'],
  ])('rejects %s', (_name, override, now, code) => {
    expect(() => generateTotp({ ...paramsFor('SHA1'), ...override }, now)).toThrow(expect.objectContaining({ code }));
  });
});

describe('totpStep', () => {
  it.each(RFC_6238.filter((_, i) => i % 3 === 0))('returns T for %i s as RFC 6238 lists it (%s)', (seconds, t) => {
    expect(totpStep(seconds * 1000, 30)).toBe(Number.parseInt(t, 16));
  });

  it.each([
    [0, 30, 0],
    [29_999, 30, 0],
    [30_000, 30, 1],
    [59_999, 60, 0],
    [20_000_000_000_000, 30, 666_666_666],
    [2 ** 32 * 1000, 1, 2 ** 32],
  ])('returns the step for %i ms with period %i: %i', (now, period, step) => {
    expect(totpStep(now, period)).toBe(step);
  });
});

describe('secondsRemaining', () => {
  it.each([
    [0, 30, 30],
    [1, 30, 30],
    [1_000, 30, 29],
    [29_000, 30, 1],
    [29_999, 30, 1],
    [30_000, 30, 30],
    [59_000, 60, 1],
    [20_000_000_000_000, 30, 10],
  ])('returns %i ms with period %i -> %i s', (now, period, seconds) => {
    expect(secondsRemaining(now, period)).toBe(seconds);
  });
});
