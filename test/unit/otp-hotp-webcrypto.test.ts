import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../shared/otp/base32';
import { generateHotp, type HotpParams } from '../../shared/otp/hotp';
import { createAsyncHotpGenerator } from '../../shared/otp/hotp-webcrypto';
import { encodeHotpCounter, truncateHotpMac } from '../../shared/otp/rfc4226';
import { totpStep } from '../../shared/otp/totp';
import type { OtpAlgorithm } from '../../shared/otp/types';

const ascii = (text: string) => new TextEncoder().encode(text);
const RFC_4226: HotpParams = { secret: encodeBase32(ascii('12345678901234567890')), algorithm: 'SHA1', digits: 6 };

/** RFC 6238 Appendix B seeds: ASCII "1234567890" repeated to 20, 32 and 64 bytes. */
const RFC_6238_SEEDS: Record<OtpAlgorithm, string> = {
  SHA1: encodeBase32(ascii('12345678901234567890')),
  SHA256: encodeBase32(ascii('12345678901234567890123456789012')),
  SHA512: encodeBase32(ascii('1234567890123456789012345678901234567890123456789012345678901234')),
};

/** Bytes from hex, for the RFC's worked example. */
const hex = (text: string) => Uint8Array.from(text.match(/../g)!, (pair) => parseInt(pair, 16));

describe('encodeHotpCounter', () => {
  it.each([
    [0, '0000000000000000'],
    [1, '0000000000000001'],
    // RFC 6238 Appendix B's T values, past 2^32 in the last one.
    [0x23523ec, '00000000023523ec'],
    [0x27bc86aa, '0000000027bc86aa'],
    [2 ** 32, '0000000100000000'],
    [Number.MAX_SAFE_INTEGER, '001fffffffffffff'],
  ])('writes %i as the 8 bytes %s', (counter, bytes) => {
    expect(Buffer.from(encodeHotpCounter(counter)).toString('hex')).toBe(bytes);
  });
});

describe('truncateHotpMac', () => {
  it('gives the worked example of RFC 4226 §5.4', () => {
    // Offset 0xa, 0x50ef7f19 = 1357872921, 6 digits: 872921.
    expect(truncateHotpMac(hex('1f8698690e02ca16618550ef7f19da8e945b555a'), 6)).toBe('872921');
    expect(truncateHotpMac(hex('1f8698690e02ca16618550ef7f19da8e945b555a'), 10)).toBe('1357872921');
  });

  it('masks the top bit and zero-pads', () => {
    // Offset 0: 0xff000001 without its top bit is 0x7f000001 = 2130706433.
    const mac = new Uint8Array(20);
    mac.set([0xff, 0, 0, 1]);
    expect(truncateHotpMac(mac, 6)).toBe('706433');
    mac.set([0x80, 0, 0, 7]);
    expect(truncateHotpMac(mac, 8)).toBe('00000007');
  });

  it('reads from the offset the last byte gives, up to 15 in a 64-byte SHA512 MAC', () => {
    const mac = new Uint8Array(64);
    mac.set([0x12, 0x34, 0x56, 0x78], 15);
    mac[63] = 0xff;
    expect(truncateHotpMac(mac, 10)).toBe(String(0x12345678).padStart(10, '0'));
  });
});

describe('createAsyncHotpGenerator', () => {
  // RFC 4226 Appendix D.
  const APPENDIX_D = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

  it('gives the ten values of RFC 4226 Appendix D, asked for together', async () => {
    const generate = createAsyncHotpGenerator(RFC_4226);
    expect(await Promise.all(APPENDIX_D.map((_, counter) => generate(counter)))).toEqual(APPENDIX_D);
  });

  // RFC 6238 Appendix B: time (s), TOTP (8 digits, 30 s steps), mode.
  it.each([
    [59, '94287082', 'SHA1'],
    [59, '46119246', 'SHA256'],
    [59, '90693936', 'SHA512'],
    [1111111109, '07081804', 'SHA1'],
    [1111111109, '68084774', 'SHA256'],
    [1111111109, '25091201', 'SHA512'],
    [1111111111, '14050471', 'SHA1'],
    [1111111111, '67062674', 'SHA256'],
    [1111111111, '99943326', 'SHA512'],
    [1234567890, '89005924', 'SHA1'],
    [1234567890, '91819424', 'SHA256'],
    [1234567890, '93441116', 'SHA512'],
    [2000000000, '69279037', 'SHA1'],
    [2000000000, '90698825', 'SHA256'],
    [2000000000, '38618901', 'SHA512'],
    [20000000000, '65353130', 'SHA1'],
    [20000000000, '77737706', 'SHA256'],
    [20000000000, '47863826', 'SHA512'],
  ] as Array<[number, string, OtpAlgorithm]>)('gives the RFC 6238 value at %i s: %s with %s', async (seconds, code, algorithm) => {
    const generate = createAsyncHotpGenerator({ secret: RFC_6238_SEEDS[algorithm], algorithm, digits: 8 });
    expect(await generate(totpStep(seconds * 1000, 30))).toBe(code);
  });

  it('agrees with the synchronous generator and node:crypto for any key, algorithm, digits and counter', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 80 }),
        fc.constantFrom<OtpAlgorithm>('SHA1', 'SHA256', 'SHA512'),
        fc.integer({ min: 6, max: 10 }),
        fc.maxSafeNat(),
        async (key, algorithm, digits, counter) => {
          const params = { secret: encodeBase32(key), algorithm, digits };
          const code = await createAsyncHotpGenerator(params)(counter);
          expect(code).toBe(generateHotp(params, counter));
          const mac = createHmac(algorithm.toLowerCase(), key).update(encodeHotpCounter(counter)).digest();
          expect(code).toBe(String((mac.readUInt32BE(mac[mac.length - 1]! & 0xf) & 0x7fffffff) % 10 ** digits).padStart(digits, '0'));
        },
      ),
      { numRuns: 200 },
    );
  });

  it.each([
    ['a negative counter', -1],
    ['a fractional counter', 1.5],
    ['a counter past 2^53 - 1', 2 ** 53],
    ['NaN', Number.NaN],
  ])('rejects %s with counter_invalid', async (_name, counter) => {
    await expect(createAsyncHotpGenerator(RFC_4226)(counter)).rejects.toMatchObject({ code: 'counter_invalid' });
  });

  it.each([
    ['5 digits', { digits: 5 }, 'digits_out_of_range'],
    ['11 digits', { digits: 11 }, 'digits_out_of_range'],
    ['MD5', { algorithm: 'MD5' as OtpAlgorithm }, 'unsupported_algorithm'],
    ['an empty secret', { secret: '' }, 'missing_secret'],
    ['a non-Base32 secret', { secret: 'GEZDGNBVGY3TQOJ1' }, 'secret_not_base32'],
  ])('throws at once for params with %s, without the secret in the error', (_name, override, code) => {
    const params = { ...RFC_4226, ...override };
    let error: unknown;
    try {
      createAsyncHotpGenerator(params);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code });
    if (params.secret) expect(JSON.stringify(error) + String(error)).not.toContain(params.secret);
  });
});
