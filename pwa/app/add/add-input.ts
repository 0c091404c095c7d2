/**
 * Turning what the user gave us (the text of a QR code, a pasted link, the
 * fields of the key form) into an account, or into the `AppError` that says
 * what is wrong with it. Pure: no DOM, so a Node test covers every case.
 */
import { AppError, isAppError } from '../../../shared/errors';
import {
  formatOtpauthUri,
  normalizeBase32Secret,
  OTP_DEFAULTS,
  parseOtpauthUri,
  isKeyUriText,
  STEAM_PARAMS,
  type OtpAccount,
  type OtpAlgorithm,
  type OtpType,
} from '../../../shared/otp';
import { readAccountName } from '../../../shared/otp/account-fields';
import { classifyQrContent } from '../../../shared/qr/classify-qr-content';
import { assertWithinLimit } from '../../../shared/otp/input-limits';
import { assertOtpDigits } from '../../../shared/otp/params';
import { isSameAccount, type VaultAccount } from '../../../shared/vault/account';

const MIGRATION_SCHEME = /^\s*otpauth-migration:\/\//i;

/** Whether text (scanned, pasted) is a Google Authenticator transfer code, `otpauth-migration://...`. */
export function isMigrationText(text: string): boolean {
  return MIGRATION_SCHEME.test(text);
}

/** What a scanned QR code or pasted link holds: one account, or a Google Authenticator transfer code. */
export type ScannedText = { kind: 'account'; account: OtpAccount } | { kind: 'migration'; uri: string };

/**
 * Reads the text of a scanned QR code (or a pasted link): an `otpauth://`
 * account, or an `otpauth-migration://` transfer code for the import flow
 * (read there with `parseMigrationUri`).
 *
 * @throws AppError like {@link readQrText}, for anything else.
 */
export function readScannedText(text: string): ScannedText {
  assertWithinLimit('uri', text.length);
  if (isMigrationText(text)) return { kind: 'migration', uri: text.trim() };
  return { kind: 'account', account: readQrText(text) };
}

/**
 * Reads a pasted link: an `otpauth://` account, or an `otpauth-migration://`
 * transfer code for the import flow.
 *
 * @throws AppError `input_too_long` (field `uri`), before anything is read, for
 *   text over `INPUT_LIMITS.uri`; `not_otpauth_uri` naming the kind of text
 *   (a web address, Wi-Fi details...) but never repeating it, for anything but
 *   a key URI; otherwise the parser's error (`missing_secret`...).
 */
export function readLinkText(text: string): ScannedText {
  assertWithinLimit('uri', text.length);
  if (isMigrationText(text)) return { kind: 'migration', uri: text.trim() };
  if (!isKeyUriText(text)) throw new AppError('not_otpauth_uri', { field: 'uri', kind: classifyQrContent(text) });
  return { kind: 'account', account: parseOtpauthUri(text) };
}

/**
 * Reads the text of a scanned QR code as an account: an `otpauth://` link, or
 * Bitwarden's `steam://` (read by the same parser).
 *
 * @throws AppError `qr_not_otpauth` naming the kind of content (`kind`: Wi-Fi,
 *   web address, contact...) when the code holds something else; never the
 *   content itself, which may be a Wi-Fi password; otherwise the parser's error for
 *   an `otpauth://` link with a fault (`missing_secret`, `digits_out_of_range`...);
 *   `input_too_long` (field `uri`), before anything is read, for text over `INPUT_LIMITS.uri`.
 */
export function readQrText(text: string): OtpAccount {
  assertWithinLimit('uri', text.length);
  if (!isKeyUriText(text)) throw new AppError('qr_not_otpauth', { kind: classifyQrContent(text) });
  return parseOtpauthUri(text);
}

/**
 * Names an account the way the user knows it: "GitHub (alice@example.com)",
 * or just the issuer or the account name when the other is empty.
 */
export function describeAccount(account: Pick<OtpAccount, 'issuer' | 'label'>): string {
  const issuer = account.issuer.trim();
  const label = account.label.trim();
  if (issuer && label) return `${issuer} (${label})`;
  return issuer || label;
}

/** Returns the stored account with the same type and secret as `account`, if any. */
export function findDuplicate(account: OtpAccount, existing: readonly VaultAccount[]): VaultAccount | undefined {
  return existing.find((stored) => isSameAccount(stored, account));
}

/** The key form's fields, as typed (strings, so a half-typed number is not lost). */
export interface KeyFormValues {
  /** The service, e.g. "GitHub"; optional when the account name is given. */
  issuer: string;
  /** The account at the service, e.g. an email; optional when the issuer is given. */
  label: string;
  /** The secret key as shown by the service; spaces and dashes allowed. */
  secret: string;
  /** totp, hotp or steam (whose algorithm, digits and period are fixed: the typed ones are ignored). */
  type: OtpType;
  /** SHA1, SHA256 or SHA512. */
  algorithm: OtpAlgorithm;
  /** Code length, typed: "6" to "10". */
  digits: string;
  /** TOTP period in seconds, typed. */
  period: string;
  /** HOTP counter, typed. */
  counter: string;
}

/** The key form's fields with the Key URI Format's defaults. */
export const EMPTY_KEY_FORM: KeyFormValues = {
  issuer: '',
  label: '',
  secret: '',
  type: 'totp',
  algorithm: OTP_DEFAULTS.algorithm,
  digits: String(OTP_DEFAULTS.digits),
  period: String(OTP_DEFAULTS.period),
  counter: String(OTP_DEFAULTS.counter),
};

/** The key form's fields that can be at fault. */
export type KeyFormField = 'issuer' | 'label' | 'secret' | 'digits' | 'period' | 'counter' | 'algorithm';

/** What is wrong with the key form: one error per field at fault, in the form's order. */
export type KeyFormErrors = Partial<Record<KeyFormField, AppError>>;

/**
 * Checks a secret key while it is being typed: a character outside Base32 or a
 * key over its cap is reported at once, but not a length that is still growing
 * (`reason: 'length'`) nor an empty field; those wait for the form to be submitted.
 */
export function checkSecretWhileTyping(secret: string): AppError | null {
  try {
    normalizeBase32Secret(secret);
    return null;
  } catch (error) {
    if (isAppError(error, 'secret_not_base32') && error.details.reason === 'character') return error;
    if (isAppError(error, 'input_too_long')) return error;
    return null;
  }
}

/** Checks a whole secret key (on leaving the field): every fault, the length included, except an empty field. */
export function checkSecret(secret: string): AppError | null {
  if (secret.trim() === '') return null;
  return catchAppError(() => normalizeBase32Secret(secret)) ?? null;
}

/** Parses a whole number typed into a field, or undefined when it is not one. */
function parseTypedNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[0-9]+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Runs `check`, returning the AppError it throws (other errors propagate). */
function catchAppError(check: () => void): AppError | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
}

/**
 * Validates the key form and returns the account it describes, or every
 * field's error. The account is checked with the same rules as a scanned
 * link (it is formatted as one and parsed back), so what is typed can always
 * be exported as a QR code later.
 */
export function readKeyForm(values: KeyFormValues): { account: OtpAccount; errors?: undefined } | { account?: undefined; errors: KeyFormErrors } {
  const errors: KeyFormErrors = {};
  let issuer = '';
  let label = '';
  errors.issuer = catchAppError(() => {
    issuer = readAccountName(values.issuer, 'issuer');
  });
  errors.label = catchAppError(() => {
    label = readAccountName(values.label, 'label');
  });
  // Steam Guard codes are Steam's alone: without a service name, the service is Steam.
  if (values.type === 'steam' && !errors.issuer && issuer === '') issuer = 'Steam';
  if (!errors.issuer && !errors.label && issuer === '' && label === '') errors.label = new AppError('account_name_missing', { field: 'label' });

  let secret = '';
  errors.secret = catchAppError(() => {
    secret = normalizeBase32Secret(values.secret);
  });

  // A Steam account's parameters are fixed (the form hides them): what was typed before choosing Steam does not count.
  const steam = values.type === 'steam';
  const digits = steam ? STEAM_PARAMS.digits : parseTypedNumber(values.digits);
  if (digits === undefined) errors.digits = new AppError('digits_out_of_range', { field: 'digits', value: values.digits.trim() });
  else if (!steam) errors.digits = catchAppError(() => assertOtpDigits(digits));
  const period = steam ? STEAM_PARAMS.period : values.type === 'totp' ? parseTypedNumber(values.period) : OTP_DEFAULTS.period;
  if (period === undefined || period <= 0) errors.period = new AppError('period_invalid', { field: 'period', value: values.period.trim() });
  const counter = values.type === 'hotp' ? parseTypedNumber(values.counter) : OTP_DEFAULTS.counter;
  if (counter === undefined) errors.counter = new AppError('counter_invalid', { field: 'counter', value: values.counter.trim() });

  const account: OtpAccount = {
    type: values.type,
    issuer,
    label,
    secret,
    algorithm: steam ? STEAM_PARAMS.algorithm : values.algorithm,
    digits: digits ?? 0,
    period: period ?? 0,
    counter: counter ?? 0,
  };
  if (Object.values(errors).every((error) => error === undefined)) {
    let checked: OtpAccount | undefined;
    const error = catchAppError(() => {
      checked = parseOtpauthUri(formatOtpauthUri(account));
    });
    if (checked) return { account: checked };
    const field = (error?.details.field ?? 'label') as KeyFormField;
    errors[field in EMPTY_KEY_FORM ? field : 'label'] = error;
  }
  for (const field of Object.keys(errors) as KeyFormField[]) if (!errors[field]) delete errors[field];
  return { errors };
}
