import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../shared/otp/base32';
import { generateHotp } from '../../shared/otp/hotp';
import { createAsyncHotpGenerator } from '../../shared/otp/hotp-webcrypto';
import { encodeHotpCounter } from '../../shared/otp/rfc4226';
import { assertSteamParams, formatSteamCode, STEAM_ALPHABET, STEAM_PARAMS } from '../../shared/otp/steam';
import { generateTotp, totpStep } from '../../shared/otp/totp';

/** KeePassXC's Steam test key (keepassxreboot/keepassxc, tests/TestTotp.cpp, testSteamTotp; also in Stratum's SteamOtpTest.cs). */
const KEEPASSXC_SECRET = '63BEDWCQZKTQWPESARIERL5DTTQFCJTK';
const steam = (secret: string) => ({ type: 'steam' as const, secret, ...STEAM_PARAMS });

/** A Steam code worked out here from node:crypto, independently of shared/otp: HMAC-SHA1, RFC 4226 truncation, base 26 low digit first. */
function referenceSteamCode(key: Uint8Array, counter: number): string {
  const mac = createHmac('sha1', key).update(encodeHotpCounter(counter)).digest();
  let value = mac.readUInt32BE(mac[19]! & 0xf) & 0x7fffffff;
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += STEAM_ALPHABET[value % 26];
    value = Math.floor(value / 26);
  }
  return code;
}

describe('formatSteamCode', () => {
  it.each([
    [0, '22222'],
    [1, '32222'],
    [25, 'Y2222'],
    [26, '23222'],
    // 26^5 - 1, the largest number 5 characters hold; 26^5 wraps to 0.
    [26 ** 5 - 1, 'YYYYY'],
    [26 ** 5, '22222'],
  ])('writes %i as %s, least significant character first', (binary, code) => {
    expect(formatSteamCode(binary)).toBe(code);
  });
});

describe('generateTotp (steam)', () => {
  // KeePassXC, tests/TestTotp.cpp (testSteamTotp): "These time/value pairs were created by running the Steam Guard function of the Steam mobile app".
  it.each([
    [1511200518, 'FR8RV'],
    [1511200714, '9P3VP'],
  ])('gives KeePassXC\'s published Steam code at %i s: %s', (seconds, code) => {
    expect(generateTotp(steam(KEEPASSXC_SECRET), seconds * 1000)).toBe(code);
  });

  it('gives the same code as the WebCrypto generator for KeePassXC\'s vectors', async () => {
    const generate = createAsyncHotpGenerator(steam(KEEPASSXC_SECRET));
    expect(await generate(totpStep(1511200518_000, 30))).toBe('FR8RV');
    expect(await generate(totpStep(1511200714_000, 30))).toBe('9P3VP');
  });
});

describe('generateHotp (steam)', () => {
  // @maks11060/otp (JSR), its steamTotp test: a key of 20 zero bytes.
  it.each([
    [0, 'RYH4D'],
    [1, 'DR2DK'],
  ])('gives the published code of a 20 zero-byte key at counter %i: %s, on both generators', async (counter, code) => {
    const params = steam(encodeBase32(new Uint8Array(20)));
    expect(generateHotp(params, counter)).toBe(code);
    expect(await createAsyncHotpGenerator(params)(counter)).toBe(code);
  });

  it('agrees with the WebCrypto generator and node:crypto for any key and counter', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.maxSafeNat(), async (key, counter) => {
        const params = steam(encodeBase32(key));
        const code = generateHotp(params, counter);
        expect(code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
        expect(await createAsyncHotpGenerator(params)(counter)).toBe(code);
        expect(code).toBe(referenceSteamCode(key, counter));
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['6 digits', { digits: 6 }, 'digits'],
    ['SHA256', { algorithm: 'SHA256' as const }, 'algorithm'],
  ])('refuses a Steam account with %s with steam_params_fixed, on both generators', (_name, override, field) => {
    const params = { ...steam(KEEPASSXC_SECRET), ...override };
    expect(() => generateHotp(params, 0)).toThrow(expect.objectContaining({ code: 'steam_params_fixed', details: expect.objectContaining({ field }) }));
    expect(() => createAsyncHotpGenerator(params)).toThrow(expect.objectContaining({ code: 'steam_params_fixed' }));
  });

  it('refuses a Steam account with a 60-second period', () => {
    expect(() => generateTotp({ ...steam(KEEPASSXC_SECRET), period: 60 }, 0)).toThrow(expect.objectContaining({ code: 'steam_params_fixed', details: expect.objectContaining({ field: 'period', value: 60 }) }));
  });
});

describe('assertSteamParams', () => {
  it('accepts Steam\'s parameters, and parameters left out', () => {
    expect(() => assertSteamParams({ algorithm: 'SHA1', digits: 5, period: 30 })).not.toThrow();
    expect(() => assertSteamParams({})).not.toThrow();
  });

  it.each([
    [{ digits: 6 }, 'digits', 6],
    [{ digits: '5' }, 'digits', '5'],
    [{ algorithm: 'SHA512' }, 'algorithm', 'SHA512'],
    [{ period: 60 }, 'period', 60],
  ])('refuses %o naming the field and value, with a message that says what Steam uses', (params, field, value) => {
    let error: unknown;
    try {
      assertSteamParams(params);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'steam_params_fixed', details: { field, value } });
    expect(String((error as Error).message)).toContain('SHA1, 5 characters and 30 seconds');
  });
});
