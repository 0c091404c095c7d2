import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAppError, type AppErrorCode } from '../../shared/errors';
import { encodeBase32 } from '../../shared/otp/base32';
import { sanitizeAccountText } from '../../shared/otp/account-text';
import { INPUT_LIMITS } from '../../shared/otp/input-limits';
import { formatOtpauthUri, parseOtpauthUri } from '../../shared/otp/otpauth-uri';
import { OTP_DEFAULTS, type OtpAccount, type OtpAlgorithm, type OtpType } from '../../shared/otp/types';

const SECRET = 'JBSWY3DPEHPK3PXP';

/** A TOTP account with the Key URI defaults, overridden as given. */
const totpAccount = (fields: Partial<OtpAccount>): OtpAccount => ({
  type: 'totp',
  issuer: '',
  label: '',
  secret: SECRET,
  algorithm: OTP_DEFAULTS.algorithm,
  digits: OTP_DEFAULTS.digits,
  period: OTP_DEFAULTS.period,
  counter: OTP_DEFAULTS.counter,
  ...fields,
});

/** Returns the AppError `parseOtpauthUri` throws for `uri`, failing if it throws anything else or nothing. */
function parseError(uri: string): { code: AppErrorCode; message: string; details: Record<string, unknown> } {
  try {
    parseOtpauthUri(uri);
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error(`expected ${uri} to be rejected`);
}

describe('parseOtpauthUri', () => {
  // The examples of the Key URI Format wiki page, and the variants it describes.
  it.each<[string, string, Partial<OtpAccount>]>([
    [
      'the wiki example',
      'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example',
      { issuer: 'Example', label: 'alice@google.com' },
    ],
    [
      'the wiki example with every parameter',
      'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
      { issuer: 'ACME Co', label: 'john.doe@email.com', secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ' },
    ],
    ['a label only, no issuer', 'otpauth://totp/alice@google.com?secret=JBSWY3DPEHPK3PXP', { label: 'alice@google.com' }],
    [
      'an issuer parameter only',
      'otpauth://totp/alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example',
      { issuer: 'Example', label: 'alice@google.com' },
    ],
    [
      'an issuer prefix only',
      'otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP',
      { issuer: 'Example', label: 'alice@google.com' },
    ],
    [
      '%3A as the separator',
      'otpauth://totp/Example%3Aalice@google.com?secret=JBSWY3DPEHPK3PXP',
      { issuer: 'Example', label: 'alice@google.com' },
    ],
    [
      '%3a (lower case) as the separator',
      'otpauth://totp/Example%3aalice?secret=JBSWY3DPEHPK3PXP',
      { issuer: 'Example', label: 'alice' },
    ],
    [
      'spaces after the colon',
      'otpauth://totp/Example:%20%20alice@google.com?secret=JBSWY3DPEHPK3PXP',
      { issuer: 'Example', label: 'alice@google.com' },
    ],
    [
      'a raw space after the colon',
      'otpauth://totp/Example: alice@google.com?secret=JBSWY3DPEHPK3PXP',
      { issuer: 'Example', label: 'alice@google.com' },
    ],
    [
      'an issuer parameter that differs from the prefix (the parameter wins)',
      'otpauth://totp/Old%20Name:alice?secret=JBSWY3DPEHPK3PXP&issuer=New%20Name',
      { issuer: 'New Name', label: 'alice' },
    ],
    [
      'a colon in the account',
      'otpauth://totp/Corp:alice:admin?secret=JBSWY3DPEHPK3PXP',
      { issuer: 'Corp', label: 'alice:admin' },
    ],
    [
      'a colon in the issuer, given as the parameter',
      'otpauth://totp/a%3Ab:alice?secret=JBSWY3DPEHPK3PXP&issuer=a%3Ab',
      { issuer: 'a:b', label: 'alice' },
    ],
    [
      'a leading colon (no issuer, colon in the account)',
      'otpauth://totp/:alice%3Aadmin?secret=JBSWY3DPEHPK3PXP',
      { label: 'alice:admin' },
    ],
    [
      'an issuer with an empty account',
      'otpauth://totp/Example:?secret=JBSWY3DPEHPK3PXP&issuer=Example',
      { issuer: 'Example' },
    ],
    ['no label but an issuer', 'otpauth://totp?secret=JBSWY3DPEHPK3PXP&issuer=Example', { issuer: 'Example' }],
    [
      'Unicode, encoded and raw',
      'otpauth://totp/Caf%C3%A9%20%E2%98%95:j%C3%BCrgen?secret=JBSWY3DPEHPK3PXP&issuer=Café ☕',
      { issuer: 'Café ☕', label: 'jürgen' },
    ],
    ['"+" as a space in parameters', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=ACME+Co', { issuer: 'ACME Co', label: 'x' }],
    ['"+" kept in the label', 'otpauth://totp/a+b@example.com?secret=JBSWY3DPEHPK3PXP', { label: 'a+b@example.com' }],
    [
      'an upper-case scheme and type',
      'OTPAUTH://TOTP/Example:alice?secret=JBSWY3DPEHPK3PXP',
      { issuer: 'Example', label: 'alice' },
    ],
    [
      'a lower-case secret with spaces, dashes and padding',
      'otpauth://totp/x?secret=jbsw%20y3dp-ehpk+3pxp%3D%3D%3D%3D',
      { label: 'x' },
    ],
    ['a secret with raw padding', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP====', { label: 'x' }],
    [
      'SHA256, 8 digits and 60 s',
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256&digits=8&period=60',
      { label: 'x', algorithm: 'SHA256', digits: 8, period: 60 },
    ],
    [
      'a lower-case algorithm with a dash',
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=sha-512&digits=10',
      { label: 'x', algorithm: 'SHA512', digits: 10 },
    ],
    [
      'upper-case parameter names',
      'otpauth://totp/x?SECRET=JBSWY3DPEHPK3PXP&Digits=7',
      { label: 'x', digits: 7 },
    ],
    [
      'unknown parameters',
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&image=https%3A%2F%2Fexample.com%2Fa.png&foo=bar&flag',
      { label: 'x' },
    ],
    ['a repeated parameter (the first wins)', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=8&digits=6', { label: 'x', digits: 8 }],
    ['a counter on a totp URI (ignored)', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&counter=banana', { label: 'x' }],
    ['a fragment', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP#ignored', { label: 'x' }],
    ['surrounding whitespace', '  otpauth://totp/x?secret=JBSWY3DPEHPK3PXP\n', { label: 'x' }],
    [
      'a hotp URI with a counter',
      'otpauth://hotp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example&counter=42',
      { type: 'hotp', issuer: 'Example', label: 'alice', counter: 42 },
    ],
    [
      'a hotp URI with a period (ignored)',
      'otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=0&period=banana',
      { type: 'hotp', label: 'x' },
    ],
  ])('parses %s', (_name, uri, fields) => {
    expect(parseOtpauthUri(uri)).toEqual(totpAccount(fields));
  });

  // Each bad URI, the code it gets and the field its message must name.
  it.each<[string, AppErrorCode, string]>([
    ['', 'not_otpauth_uri', 'otpauth://'],
    ['JBSWY3DPEHPK3PXP', 'not_otpauth_uri', 'otpauth://'],
    ['https://example.com/?secret=JBSWY3DPEHPK3PXP', 'not_otpauth_uri', 'otpauth://'],
    ['otpauth:totp/x?secret=JBSWY3DPEHPK3PXP', 'not_otpauth_uri', 'otpauth://'],
    ['otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8', 'not_otpauth_uri', 'otpauth://'],
    ['otpauth://motp/x?secret=JBSWY3DPEHPK3PXP', 'unsupported_type', 'type'],
    ['otpauth://yandex/x?secret=JBSWY3DPEHPK3PXP', 'unsupported_type', 'type'],
    ['otpauth:///x?secret=JBSWY3DPEHPK3PXP', 'unsupported_type', 'type'],
    ['otpauth://?secret=JBSWY3DPEHPK3PXP', 'unsupported_type', 'type'],
    ['otpauth://totp/x', 'missing_secret', 'secret key'],
    ['otpauth://totp/x?issuer=Example', 'missing_secret', 'secret key'],
    ['otpauth://totp/x?secret=', 'missing_secret', 'secret key'],
    ['otpauth://totp/x?secret=%20-%20', 'missing_secret', 'secret key'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PX1', 'secret_not_base32', 'secret key'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP0', 'secret_not_base32', 'secret key'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXPA', 'secret_not_base32', 'secret key'],
    ['otpauth://totp/x?secret=JBSWY3DP%ZZ', 'secret_not_base32', 'secret key'],
    ['otpauth://totp/x?secret=JB%3DSWY3DPEHPK3PXP', 'secret_not_base32', 'secret key'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', 'unsupported_algorithm', 'algorithm'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=SHA224', 'unsupported_algorithm', 'algorithm'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=', 'unsupported_algorithm', 'algorithm'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=5', 'digits_out_of_range', 'digits'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=11', 'digits_out_of_range', 'digits'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=6.0', 'digits_out_of_range', 'digits'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=six', 'digits_out_of_range', 'digits'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=', 'digits_out_of_range', 'digits'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0', 'period_invalid', 'period'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=-30', 'period_invalid', 'period'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=1.5', 'period_invalid', 'period'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=1e3', 'period_invalid', 'period'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=', 'period_invalid', 'period'],
    ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP', 'missing_counter', 'counter'],
    ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=-1', 'counter_invalid', 'counter'],
    ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1.5', 'counter_invalid', 'counter'],
    ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=', 'counter_invalid', 'counter'],
    ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=99999999999999999999', 'counter_invalid', 'counter'],
    ['otpauth://totp/Example%E0%A4%A:alice?secret=JBSWY3DPEHPK3PXP', 'label_invalid', 'label'],
    ['otpauth://totp/100%:alice?secret=JBSWY3DPEHPK3PXP', 'label_invalid', 'label'],
    ['otpauth://totp/%ED%A0%80?secret=JBSWY3DPEHPK3PXP', 'label_invalid', 'label'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=%ZZ', 'label_invalid', 'issuer'],
    ['otpauth://totp/?secret=JBSWY3DPEHPK3PXP', 'label_invalid', 'label'],
    ['otpauth://totp?secret=JBSWY3DPEHPK3PXP', 'label_invalid', 'label'],
    ['otpauth://totp/%20:%20?secret=JBSWY3DPEHPK3PXP&issuer=%20', 'label_invalid', 'label'],
  ])('rejects %j with %s, naming the %s', (uri, code, field) => {
    const error = parseError(uri);
    expect(error.code).toBe(code);
    expect(error.message).toContain(field);
    expect(error.message).not.toContain(SECRET);
    expect(error.message).not.toContain(SECRET.slice(0, 8));
    expect(JSON.stringify(error.details)).not.toContain(SECRET.slice(0, 8));
  });

  it('names the field in the error details', () => {
    expect(parseError('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=5').details).toMatchObject({
      field: 'digits',
      value: '5',
    });
    expect(parseError('otpauth://totp/x?secret=JBSWY3DPEHPK3PX1').details).toMatchObject({
      field: 'secret',
      position: 16,
    });
  });

  it('rejects a value that is not a string', () => {
    expect(() => parseOtpauthUri(undefined as unknown as string)).toThrow(
      expect.objectContaining({ code: 'not_otpauth_uri' }),
    );
  });

  // Ente Auth's export adds `codeDisplay` (URL-encoded JSON, `+` for spaces, as
  // Dart's query encoding writes it) to every link: it must not change the account.
  it.each([
    ['after the other parameters', (link: string) => `${link}&codeDisplay=${ENTE_DISPLAY}`],
    ['before the secret', (link: string) => link.replace('?', `?codeDisplay=${ENTE_DISPLAY}&`)],
    ['with an issuer, note and tags holding "&", "=", "#" and "+"', (link: string) => `${link}&codeDisplay=${ENTE_DISPLAY_WITH_SYMBOLS}`],
  ])('reads a link with Ente Auth\'s codeDisplay parameter %s as the same account', (_, addDisplay) => {
    const links = [
      'otpauth://totp/Z%C3%BCrich%20Bank:anna?algorithm=SHA256&digits=8&issuer=Z%C3%BCrich+Bank&period=60&secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ',
      'otpauth://hotp/%E6%9D%B1%E4%BA%AC:key?algorithm=SHA512&digits=6&issuer=%E6%9D%B1%E4%BA%AC&period=30&secret=JBSWY3DPEHPK3PXP&counter=7',
    ];
    for (const link of links) expect(parseOtpauthUri(addDisplay(link))).toEqual(parseOtpauthUri(link));
  });
});

/** Ente's CodeDisplay JSON as its export encodes it. */
const ENTE_DISPLAY = encodeURIComponent(
  JSON.stringify({ pinned: true, trashed: false, lastUsedAt: 0, tapCount: 3, tags: ['Work'], note: 'a note', position: 2, iconSrc: 'simpleIcon', iconID: 'github' }),
).replace(/%20/g, '+');
const ENTE_DISPLAY_WITH_SYMBOLS = encodeURIComponent(
  JSON.stringify({ pinned: false, trashed: false, tags: ['A&B', 'x=y'], note: 'issuer=Evil&secret=AAAA #1 + more', position: 0 }),
).replace(/%20/g, '+');

describe('formatOtpauthUri', () => {
  it('writes the issuer as label prefix and parameter, with every setting', () => {
    expect(formatOtpauthUri(totpAccount({ issuer: 'ACME Co', label: 'john.doe@email.com' }))).toBe(
      'otpauth://totp/ACME%20Co:john.doe%40email.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('writes a hotp counter and no period', () => {
    expect(formatOtpauthUri(totpAccount({ type: 'hotp', label: 'alice', counter: 7, digits: 8 }))).toBe(
      'otpauth://hotp/alice?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=8&counter=7',
    );
  });

  it('writes the secret canonically: upper case, no spaces or padding', () => {
    expect(formatOtpauthUri(totpAccount({ label: 'x', secret: 'jbsw y3dp-ehpk 3pxp==' }))).toContain(
      'secret=JBSWY3DPEHPK3PXP&',
    );
  });

  it('marks a colon in an account without issuer with a leading colon', () => {
    expect(formatOtpauthUri(totpAccount({ label: 'alice:admin' }))).toMatch(/^otpauth:\/\/totp\/:alice%3Aadmin\?/);
  });

  it.each<[string, Partial<OtpAccount>, AppErrorCode]>([
    ['no issuer and no label', { issuer: ' ', label: '' }, 'label_invalid'],
    ['a lone surrogate in the label', { label: 'a\uD800b' }, 'label_invalid'],
    ['a lone surrogate in the issuer', { issuer: '\uDC00', label: 'x' }, 'label_invalid'],
    ['a fractional period', { label: 'x', period: 1.5 }, 'period_invalid'],
    ['a zero period', { label: 'x', period: 0 }, 'period_invalid'],
    ['5 digits', { label: 'x', digits: 5 }, 'digits_out_of_range'],
    ['an unknown algorithm', { label: 'x', algorithm: 'MD5' as OtpAlgorithm }, 'unsupported_algorithm'],
    ['an unknown type', { label: 'x', type: 'motp' as OtpType }, 'unsupported_type'],
    ['an empty secret', { label: 'x', secret: '' }, 'missing_secret'],
    ['a non-Base32 secret', { label: 'x', secret: 'JBSWY3DPEHPK3PX1' }, 'secret_not_base32'],
    ['a negative hotp counter', { label: 'x', type: 'hotp', counter: -1 }, 'counter_invalid'],
  ])('rejects an account with %s', (_name, fields, code) => {
    expect(() => formatOtpauthUri(totpAccount(fields))).toThrow(expect.objectContaining({ code }));
  });
});

/** Characters that stress the label syntax, mixed with arbitrary Unicode graphemes. */
const labelText = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom(':', ' ', '%', '%3A', '&', '?', '#', '+', '=', '/', '@', '\t'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
    maxLength: 12,
  })
  // Canonical names are sanitised (tabs become spaces, invisible characters go, NFC, trimmed).
  .map(sanitizeAccountText);

/** Accounts in canonical form: what `parseOtpauthUri` can return. */
const canonicalAccount: fc.Arbitrary<OtpAccount> = fc
  .record({
    type: fc.constantFrom<OtpType>('totp', 'hotp'),
    issuer: labelText,
    label: labelText,
    secret: fc.uint8Array({ minLength: 1, maxLength: 64 }).map(encodeBase32),
    algorithm: fc.constantFrom<OtpAlgorithm>('SHA1', 'SHA256', 'SHA512'),
    digits: fc.integer({ min: 6, max: 10 }),
    period: fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
    counter: fc.maxSafeNat(),
  })
  .filter((account) => account.issuer !== '' || account.label !== '')
  .map((account) =>
    account.type === 'totp'
      ? { ...account, counter: OTP_DEFAULTS.counter }
      : { ...account, period: OTP_DEFAULTS.period },
  );

/** Raw, possibly messy or invalid, Key URIs assembled from plausible pieces. */
const messyUri: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      { arbitrary: fc.constantFrom('otpauth://', 'OTPAUTH://', ' otpauth://'), weight: 9 },
      { arbitrary: fc.constantFrom('otpauth:/', 'otpauth-migration://'), weight: 1 },
    ),
    fc.oneof(
      { arbitrary: fc.constantFrom('totp/', 'hotp/', 'TOTP/', 'Hotp/'), weight: 9 },
      { arbitrary: fc.constantFrom('motp/', 'totp', ''), weight: 1 },
    ),
    fc.string({
      unit: fc.constantFrom('a', 'Z', ' ', ':', '%3A', '%20', '%', '%E2%98%95', '☕', '+', '/', '#'),
      minLength: 1,
      maxLength: 10,
    }),
    // Mostly a usable secret and counter up front, so that many URIs parse and the round trip is exercised.
    fc.oneof(
      { arbitrary: fc.constantFrom('secret=JBSWY3DPEHPK3PXP&counter=3', 'secret=jbsw%20y3dp-ehpk+3pxp%3D%3D&counter=0'), weight: 9 },
      { arbitrary: fc.constantFrom('secret=GEZDGNBV', ''), weight: 1 },
    ),
    fc.array(
      fc.oneof(
        fc.constantFrom('issuer=Ex%3Aample', 'issuer=ACME+Co', 'issuer=', 'ISSUER=Caf%C3%A9', 'issuer=%ZZ'),
        fc.constantFrom('algorithm=sha256', 'algorithm=SHA-512', 'Algorithm=SHA1', 'algorithm=MD5'),
        fc.constantFrom('digits=6', 'digits=8', 'digits=10', 'digits=11'),
        fc.constantFrom('period=30', 'period=60', 'period=1', 'period=0', 'period=1.5'),
        fc.constantFrom('counter=0', 'counter=9007199254740991', 'counter=-1'),
        fc.constantFrom('image=https%3A%2F%2Fx', 'flag', '', 'secret=JBSWY3DPEHPK3PX1', '=', '%ZZ=1'),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([scheme, type, label, first, params]) => {
    const query = [first, ...params].join('&');
    return `${scheme}${type}${label}?${query}`;
  });

/** Runs the parser and fails the property if it throws anything but an AppError. */
function parseOrAppError(uri: string): OtpAccount | null {
  try {
    return parseOtpauthUri(uri);
  } catch (e) {
    if (isAppError(e)) return null;
    throw e;
  }
}

describe('formatOtpauthUri', () => {
  it('round-trips canonical accounts (spaces, colons, Unicode) through parseOtpauthUri exactly', () => {
    fc.assert(
      fc.property(canonicalAccount, (account) => {
        expect(parseOtpauthUri(formatOtpauthUri(account))).toEqual(account);
      }),
      { numRuns: 500 },
    );
  });

  it('reaches a fixed point with parseOtpauthUri after one pass for any account', () => {
    const anyAccount = fc.record({
      type: fc.constantFrom<OtpType>('totp', 'hotp'),
      issuer: fc.string({ unit: 'binary', maxLength: 10 }),
      label: fc.string({ unit: 'binary', maxLength: 10 }),
      secret: fc.uint8Array({ minLength: 1, maxLength: 40 }).map(encodeBase32),
      algorithm: fc.constantFrom<OtpAlgorithm>('SHA1', 'SHA256', 'SHA512'),
      digits: fc.integer({ min: 6, max: 10 }),
      period: fc.integer({ min: 1, max: 1000 }),
      counter: fc.maxSafeNat(),
    });
    fc.assert(
      fc.property(anyAccount, (account) => {
        let once: OtpAccount;
        try {
          once = parseOtpauthUri(formatOtpauthUri(account));
        } catch (e) {
          expect(isAppError(e, 'label_invalid')).toBe(true);
          return;
        }
        expect(parseOtpauthUri(formatOtpauthUri(once))).toEqual(once);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps parse(format(parse(u))) equal to parse(u) for every URI that parses', () => {
    let parsed = 0;
    fc.assert(
      fc.property(messyUri, (uri) => {
        const account = parseOrAppError(uri);
        if (account === null) return;
        parsed++;
        expect(parseOtpauthUri(formatOtpauthUri(account))).toEqual(account);
      }),
      { numRuns: 2000 },
    );
    expect(parsed).toBeGreaterThan(300);
  });
});

describe('parseOtpauthUri', () => {
  it.each<[string, fc.Arbitrary<string>]>([
    ['fc.string()', fc.string()],
    ['binary strings', fc.string({ unit: 'binary' })],
    ['web URLs', fc.webUrl({ withQueryParameters: true, withFragments: true })],
    ['"otpauth://" + fc.string()', fc.string().map((s) => `otpauth://${s}`)],
    ['"otpauth://totp/" + binary', fc.string({ unit: 'binary' }).map((s) => `otpauth://totp/${s}`)],
    ['"steam://" + binary', fc.string({ unit: 'binary' }).map((s) => `steam://${s}`)],
    ['"otpauth://steam/" + binary', fc.string({ unit: 'binary' }).map((s) => `otpauth://steam/x?secret=JBSWY3DP&${s}`)],
    ['messy Key URIs', messyUri],
    [
      'a valid URI with a random insertion',
      fc
        .tuple(fc.nat(200), fc.string({ unit: 'binary', maxLength: 4 }))
        .map(([at, text]) => {
          const uri = 'otpauth://hotp/ACME%20Co:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&counter=3&digits=8';
          const i = at % (uri.length + 1);
          return uri.slice(0, i) + text + uri.slice(i);
        }),
    ],
  ])('throws only AppError for %s', (_name, input) => {
    fc.assert(
      fc.property(input, (uri) => {
        parseOrAppError(uri);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('parseOtpauthUri (Steam Guard links)', () => {
  const STEAM = { type: 'steam', secret: SECRET, algorithm: 'SHA1', digits: 5, period: 30, counter: 0 } as const;

  it.each([
    // Aegis writes otpauth://steam/ with its parameters spelled out (beemdevelopment/Aegis, GoogleAuthInfo.getUri).
    ['Aegis\'s form', `otpauth://steam/Steam:gaben?secret=${SECRET}&issuer=Steam&algorithm=SHA1&digits=5&period=30`, 'Steam', 'gaben'],
    ['the bare steam type', `otpauth://STEAM/gaben?secret=${SECRET}&issuer=Steam`, 'Steam', 'gaben'],
    // KeePassXC: a totp link marked encoder=steam (keepassxreboot/keepassxc, tests/TestTotp.cpp).
    ['KeePassXC\'s form', `otpauth://totp/test:test@example.com?secret=${SECRET}&issuer=Valve&algorithm=SHA1&digits=5&period=30&encoder=steam`, 'Valve', 'test@example.com'],
    ['KeePassXC\'s form without parameters', `otpauth://totp/Steam:gaben?secret=${SECRET}&encoder=Steam`, 'Steam', 'gaben'],
    // Bitwarden's login.totp: steam:// and the Base32 secret.
    ['Bitwarden\'s steam:// form', `steam://${SECRET}`, 'Steam', ''],
    ['a steam:// link with spaces and lower case', `  steam://${SECRET.toLowerCase()}  `, 'Steam', ''],
  ])('reads %s as a Steam account with SHA1, 5 characters and 30 s', (_name, uri, issuer, label) => {
    expect(parseOtpauthUri(uri)).toEqual({ ...STEAM, issuer, label });
  });

  it.each([
    ['digits=6', `otpauth://steam/x?secret=${SECRET}&digits=6`, 'digits'],
    ['algorithm=SHA256', `otpauth://steam/x?secret=${SECRET}&algorithm=SHA256`, 'algorithm'],
    ['period=60', `otpauth://steam/x?secret=${SECRET}&period=60`, 'period'],
    ['digits=6 with encoder=steam', `otpauth://totp/x?secret=${SECRET}&digits=6&encoder=steam`, 'digits'],
  ])('refuses a Steam link with %s with steam_params_fixed naming the field', (_name, uri, field) => {
    expect(parseError(uri)).toMatchObject({ code: 'steam_params_fixed', details: { field } });
  });

  it.each([
    ['steam:// without a secret', 'steam://', 'missing_secret'],
    ['steam:// with a non-Base32 secret', 'steam://ABC1', 'secret_not_base32'],
    ['an hotp link marked encoder=steam', `otpauth://hotp/x?secret=${SECRET}&counter=1&encoder=steam`, 'unsupported_type'],
  ])('refuses %s with %s, without the secret in the message', (_name, uri, code) => {
    const error = parseError(uri);
    expect(error.code).toBe(code);
    expect(error.message).not.toContain(SECRET);
  });

  it('refuses a steam:// link over the link cap before reading it', () => {
    expect(parseError(`steam://${'A'.repeat(INPUT_LIMITS.uri)}`)).toMatchObject({ code: 'input_too_long', details: { field: 'uri' } });
  });
});

describe('formatOtpauthUri (Steam Guard)', () => {
  const account: OtpAccount = { type: 'steam', issuer: 'Steam', label: 'gaben', secret: SECRET, algorithm: 'SHA1', digits: 5, period: 30, counter: 0 };

  it('writes otpauth://steam/ with Steam\'s parameters, and reads it back', () => {
    const uri = formatOtpauthUri(account);
    expect(uri).toBe(`otpauth://steam/Steam:gaben?secret=${SECRET}&issuer=Steam&algorithm=SHA1&digits=5&period=30`);
    expect(parseOtpauthUri(uri)).toEqual(account);
  });

  it('refuses a Steam account with other parameters', () => {
    expect(() => formatOtpauthUri({ ...account, digits: 6 })).toThrow(expect.objectContaining({ code: 'steam_params_fixed' }));
  });
});
