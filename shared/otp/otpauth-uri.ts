/**
 * The Key URI Format (Google Authenticator wiki):
 * `otpauth://TYPE/LABEL?PARAMETERS`, with LABEL `issuer:account` or
 * `account`, and parameters secret, issuer, algorithm, digits, period
 * (totp) and counter (hotp).
 *
 * Hand-written, one small function per field (like Ente Auth's code.ts),
 * rather than `new URL`, whose handling of non-special schemes (host vs
 * path, percent-decoding, `+`) varies between engines and versions.
 *
 * Parsing rules, decided here:
 * - Scheme and type are case-insensitive; surrounding whitespace is ignored;
 *   a `#fragment` is ignored.
 * - The label is percent-decoded, then split at its first colon, so `%3A`
 *   separates like `:`. The issuer cannot contain a colon in the label, but
 *   the account can ("Corp:alice:admin" is issuer "Corp", account
 *   "alice:admin"). When the `issuer` parameter is present, it wins over the
 *   label's prefix, and if the label starts with that issuer and a colon, the
 *   prefix is removed whole, so an issuer with colons survives a round trip.
 * - A label with a leading colon (":alice") means "no issuer"; the formatter
 *   writes one when the account has no issuer but contains a colon.
 * - Issuer and account are sanitised (`normalizeAccountFields`: invisible and
 *   bidirectional-control characters removed, NFC, trimmed, capped), so
 *   "Corp: alice" is issuer "Corp", account "alice".
 * - Both empty after that is an error (`label_invalid`, reason `empty`).
 * - A link longer than `INPUT_LIMITS.uri` is refused before it is read.
 * - `+` is a space in parameter values (form encoding) but literal in the label.
 * - Parameter names are case-insensitive; the first occurrence wins; unknown
 *   parameters are ignored; `period` is ignored for hotp and `counter` for
 *   totp (the account gets the defaults 30 and 0).
 *
 * Steam Guard accounts (steam.ts) come in three forms, all read as type
 * `steam` with Steam's fixed parameters: `otpauth://steam/...` (Aegis and
 * others), `otpauth://totp/...&encoder=steam` (KeePassXC) and
 * `steam://BASE32SECRET` (Bitwarden's `login.totp`; issuer "Steam", no
 * account name). An algorithm, digits or period other than Steam's is
 * refused (`steam_params_fixed`): Steam would not accept its codes.
 */
import { AppError } from '../errors';
import { normalizeAccountFields } from './account-fields';
import { normalizeBase32Secret } from './base32';
import { assertWithinLimit } from './input-limits';
import { assertCodeParams, assertOtpCounter, assertOtpPeriod, isOtpAlgorithm } from './params';
import { assertSteamParams, STEAM_PARAMS } from './steam';
import { OTP_DEFAULTS, OTP_DIGITS_RANGE, type OtpAccount, type OtpAlgorithm, type OtpType } from './types';

/** The pieces of a Key URI before any field is interpreted; values still percent-encoded. */
interface RawOtpauthUri {
  /** The authority: `totp`, `hotp` or anything else. */
  type: string;
  /** The path after the type's slash, still percent-encoded. */
  label: string;
  /** Parameter name (lower-cased) -> raw value; first occurrence wins. */
  params: Map<string, string>;
}

const SCHEME = /^otpauth:\/\//i;
const STEAM_SCHEME = /^\s*steam:\/\//i;

/** Whether text (scanned, pasted) is a link this parser reads: `otpauth://` or Bitwarden's `steam://`, leading spaces allowed. */
export function isKeyUriText(text: string): boolean {
  return /^\s*(otpauth|steam):\/\//i.test(text);
}

/** Matches a string containing a lone UTF-16 surrogate, which no URI can encode. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Percent-decodes, returning undefined for a broken escape or invalid UTF-8. */
function decodeComponent(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** Splits a URI into type, raw label and raw parameters. Throws `not_otpauth_uri` or `input_too_long`. */
function splitOtpauthUri(uri: unknown): RawOtpauthUri {
  if (typeof uri !== 'string') throw new AppError('not_otpauth_uri', { field: 'uri' });
  assertWithinLimit('uri', uri.length);
  const trimmed = uri.trim();
  if (!SCHEME.test(trimmed)) throw new AppError('not_otpauth_uri', { field: 'uri' });

  const rest = trimmed.slice('otpauth://'.length);
  const hash = rest.indexOf('#');
  const withoutFragment = hash === -1 ? rest : rest.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  const path = question === -1 ? withoutFragment : withoutFragment.slice(0, question);
  const query = question === -1 ? '' : withoutFragment.slice(question + 1);
  const slash = path.indexOf('/');

  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const rawName = equals === -1 ? pair : pair.slice(0, equals);
    const name = decodeComponent(rawName)?.toLowerCase();
    if (name === undefined || params.has(name)) continue;
    params.set(name, equals === -1 ? '' : pair.slice(equals + 1));
  }

  return {
    type: slash === -1 ? path : path.slice(0, slash),
    label: slash === -1 ? '' : path.slice(slash + 1),
    params,
  };
}

/**
 * Returns a parameter's decoded value (`+` as space), undefined when absent,
 * or null when its percent-encoding is broken.
 */
function readParam(params: Map<string, string>, name: string): string | undefined | null {
  const raw = params.get(name);
  if (raw === undefined) return undefined;
  return decodeComponent(raw.replace(/\+/g, ' ')) ?? null;
}

/** type: `totp`, `hotp` or `steam`, case-insensitive. Throws `unsupported_type`. */
function parseType(raw: string): OtpType {
  const type = raw.toLowerCase();
  if (type === 'totp' || type === 'hotp' || type === 'steam') return type;
  throw new AppError('unsupported_type', { field: 'type', value: decodeComponent(raw) ?? raw });
}

/** KeePassXC's `encoder=steam` turns a totp link into a Steam one. Throws `unsupported_type` for hotp with it. */
function applyEncoder(type: OtpType, params: Map<string, string>): OtpType {
  if (readParam(params, 'encoder')?.trim().toLowerCase() !== 'steam') return type;
  if (type === 'hotp') throw new AppError('unsupported_type', { field: 'type', value: 'hotp&encoder=steam' });
  return 'steam';
}

/** Throws `label_invalid` for text no URI can carry. */
function assertEncodable(text: string, field: 'label' | 'issuer'): void {
  if (LONE_SURROGATE.test(text)) throw new AppError('label_invalid', { field, reason: 'encoding' });
}

/** issuer parameter: trimmed; undefined when absent or blank. Throws `label_invalid` (field issuer). */
function parseIssuerParam(params: Map<string, string>): string | undefined {
  const value = readParam(params, 'issuer');
  if (value === null) throw new AppError('label_invalid', { field: 'issuer', reason: 'encoding' });
  return value?.trim() || undefined;
}

/**
 * label: `issuer:account` or `account`, percent-decoded; the issuer
 * parameter wins over the label's prefix. Throws `label_invalid` for a broken
 * escape; the names are checked afterwards, with the rest of the account.
 */
function parseLabel(raw: string, issuerParam: string | undefined): { issuer: string; label: string } {
  const decoded = decodeComponent(raw);
  if (decoded === undefined) throw new AppError('label_invalid', { field: 'label', reason: 'encoding' });
  assertEncodable(decoded, 'label');

  let labelIssuer = '';
  let account = decoded;
  if (issuerParam !== undefined && decoded.startsWith(`${issuerParam}:`)) {
    account = decoded.slice(issuerParam.length + 1);
  } else {
    const colon = decoded.indexOf(':');
    if (colon !== -1) {
      labelIssuer = decoded.slice(0, colon);
      account = decoded.slice(colon + 1);
    }
  }

  return { issuer: issuerParam ?? labelIssuer, label: account };
}

/** secret: required Base32, normalised. Throws `missing_secret` or `secret_not_base32`. */
function parseSecret(params: Map<string, string>): string {
  const value = readParam(params, 'secret');
  if (value === undefined) throw new AppError('missing_secret', { field: 'secret' });
  if (value === null) throw new AppError('secret_not_base32', { field: 'secret', reason: 'character' });
  return normalizeBase32Secret(value);
}

/** algorithm: SHA1 (default), SHA256 or SHA512, case-insensitive, dash optional. Throws `unsupported_algorithm`. */
function parseAlgorithm(params: Map<string, string>): OtpAlgorithm {
  const value = readParam(params, 'algorithm');
  if (value === undefined) return OTP_DEFAULTS.algorithm;
  const algorithm = (value ?? '').trim().toUpperCase().replace(/^SHA-(?=[0-9])/, 'SHA');
  if (!isOtpAlgorithm(algorithm)) throw new AppError('unsupported_algorithm', { field: 'algorithm', value: value ?? '' });
  return algorithm;
}

/**
 * A Steam link's algorithm, digits and period: Steam's, whether written out
 * (as Aegis and KeePassXC do) or left out. Throws `steam_params_fixed`.
 */
function parseSteamParams(params: Map<string, string>): typeof STEAM_PARAMS {
  const given = (name: string) => {
    const value = readParam(params, name);
    if (value === undefined) return undefined;
    const text = (value ?? '').trim();
    if (name === 'algorithm') return text.toUpperCase().replace(/^SHA-(?=[0-9])/, 'SHA');
    return parseWholeNumber(text) ?? text;
  };
  assertSteamParams({ algorithm: given('algorithm'), digits: given('digits'), period: given('period') });
  return STEAM_PARAMS;
}

/** Parses a whole decimal number of ASCII digits, or returns undefined. */
function parseWholeNumber(value: string | null): number | undefined {
  if (value === null || !/^[0-9]+$/.test(value.trim())) return undefined;
  const number = Number(value.trim());
  return Number.isSafeInteger(number) ? number : undefined;
}

/** digits: 6 (default) to 10. Throws `digits_out_of_range`. */
function parseDigits(params: Map<string, string>): number {
  const value = readParam(params, 'digits');
  if (value === undefined) return OTP_DEFAULTS.digits;
  const digits = parseWholeNumber(value);
  if (digits === undefined || digits < OTP_DIGITS_RANGE.min || digits > OTP_DIGITS_RANGE.max) {
    throw new AppError('digits_out_of_range', { field: 'digits', value: value ?? '' });
  }
  return digits;
}

/** period (totp only): positive whole seconds, default 30. Throws `period_invalid`. */
function parsePeriod(params: Map<string, string>, type: OtpType): number {
  const value = readParam(params, 'period');
  if (type !== 'totp' || value === undefined) return OTP_DEFAULTS.period;
  const period = parseWholeNumber(value);
  if (period === undefined || period <= 0) {
    throw new AppError('period_invalid', { field: 'period', value: value ?? '' });
  }
  return period;
}

/** counter (hotp only): required whole number, 0 or more. Throws `missing_counter` or `counter_invalid`. */
function parseCounter(params: Map<string, string>, type: OtpType): number {
  if (type !== 'hotp') return OTP_DEFAULTS.counter;
  const value = readParam(params, 'counter');
  if (value === undefined) throw new AppError('missing_counter', { field: 'counter' });
  const counter = parseWholeNumber(value);
  if (counter === undefined) throw new AppError('counter_invalid', { field: 'counter', value: value ?? '' });
  return counter;
}

/**
 * Parses a Key URI (`otpauth://totp/Example:alice@google.com?secret=...`)
 * into an account. See the module comment for the exact rules.
 *
 * @throws AppError naming the field at fault: `not_otpauth_uri`,
 *   `input_too_long`, `unsupported_type`, `missing_secret`,
 *   `secret_not_base32`, `label_invalid`, `unsupported_algorithm`,
 *   `digits_out_of_range`, `period_invalid`, `missing_counter` or
 *   `counter_invalid`. Never any other error, and never with the secret in
 *   the message.
 */
export function parseOtpauthUri(uri: string): OtpAccount {
  if (typeof uri === 'string' && STEAM_SCHEME.test(uri)) return parseSteamUri(uri);
  const raw = splitOtpauthUri(uri);
  const type = applyEncoder(parseType(raw.type), raw.params);
  // The secret first: without it nothing else matters to the user.
  const secret = parseSecret(raw.params);
  const { issuer, label } = parseLabel(raw.label, parseIssuerParam(raw.params));
  const names = { type, issuer, label, secret, counter: OTP_DEFAULTS.counter };
  if (type === 'steam') return normalizeAccountFields({ ...names, ...parseSteamParams(raw.params) });
  return normalizeAccountFields({
    ...names,
    algorithm: parseAlgorithm(raw.params),
    digits: parseDigits(raw.params),
    period: parsePeriod(raw.params, type),
    counter: parseCounter(raw.params, type),
  });
}

/**
 * Bitwarden's `steam://BASE32SECRET`: a Steam account named "Steam" (the
 * link carries no account name; the user can add one).
 */
function parseSteamUri(uri: string): OtpAccount {
  assertWithinLimit('uri', uri.length);
  const secret = normalizeBase32Secret(uri.trim().slice('steam://'.length));
  return normalizeAccountFields({ type: 'steam', issuer: 'Steam', label: '', secret, counter: OTP_DEFAULTS.counter, ...STEAM_PARAMS });
}

/** Percent-encodes a label part or value; throws `label_invalid` for text no URI can carry. */
function encodeComponent(text: string, field: 'label' | 'issuer'): string {
  assertEncodable(text, field);
  return encodeURIComponent(text);
}

/**
 * Formats an account as a Key URI: issuer both as the label prefix and as
 * the `issuer` parameter, label parts percent-encoded, the secret in
 * canonical Base32, and algorithm, digits and period (totp, steam) or counter
 * (hotp) always written. A Steam account is `otpauth://steam/...` (Aegis's
 * form), with Steam's fixed parameters. `parseOtpauthUri` returns the same account,
 * with issuer and label trimmed.
 *
 * @throws AppError for a field the URI cannot carry, with the same codes as
 *   `parseOtpauthUri` (e.g. `period_invalid` for a fractional period).
 */
export function formatOtpauthUri(account: OtpAccount): string {
  const type = parseType(String(account.type));
  const secret = normalizeBase32Secret(account.secret);
  assertCodeParams({ type, algorithm: account.algorithm, digits: account.digits, period: account.period });
  const issuer = String(account.issuer ?? '').trim();
  const label = String(account.label ?? '').trim();
  if (issuer === '' && label === '') throw new AppError('label_invalid', { field: 'label', reason: 'empty' });

  // Without an issuer, a leading colon keeps a colon in the account from being read as the separator.
  const path =
    issuer !== ''
      ? `${encodeComponent(issuer, 'issuer')}:${encodeComponent(label, 'label')}`
      : `${label.includes(':') ? ':' : ''}${encodeComponent(label, 'label')}`;

  const query = [`secret=${secret}`];
  if (issuer !== '') query.push(`issuer=${encodeComponent(issuer, 'issuer')}`);
  query.push(`algorithm=${account.algorithm}`, `digits=${account.digits}`);
  if (type !== 'hotp') {
    assertOtpPeriod(account.period);
    if (!Number.isSafeInteger(account.period)) {
      throw new AppError('period_invalid', { field: 'period', value: account.period });
    }
    query.push(`period=${account.period}`);
  } else {
    assertOtpCounter(account.counter);
    query.push(`counter=${account.counter}`);
  }
  return `otpauth://${type}/${path}?${query.join('&')}`;
}
