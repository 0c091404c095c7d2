/**
 * Turning one entry of an import file into an account: one small check per
 * field (as Ente Auth's parser does), each throwing an AppError that names
 * the field, and a loop that keeps the readable entries and reports the rest.
 */
import { isAppError } from '../../errors';
import { AppError } from '../import-errors';
import { normalizeAccountFields } from '../../otp/account-fields';
import { readAccountNote, readGroupName } from '../../otp/organisation-fields';
import { sanitizeAccountText } from '../../otp/account-text';
import { normalizeBase32Secret } from '../../otp/base32';
import { assertOtpDigits, isOtpAlgorithm } from '../../otp/params';
import { assertSteamParams, STEAM_PARAMS } from '../../otp/steam';
import { OTP_DEFAULTS, type OtpAccount, type OtpAlgorithm, type OtpType } from '../../otp/types';
import type { VaultAccount } from '../account';
import { readAccountIcon } from '../account-icon';
import type { ImportedOrganisation, UnreadableEntry } from './types';

/** An entry's fields as a file gives them, not yet checked. */
export interface LooseEntry {
  /** `totp`/`hotp`/`steam` in any case; anything else is unsupported. */
  type: unknown;
  /** Base32 secret. */
  secret: unknown;
  /** Service name. */
  issuer: unknown;
  /** Account name. */
  label: unknown;
  /** SHA1 (default when absent), SHA256, SHA512; "SHA-256" and lower case accepted. */
  algorithm?: unknown;
  /** 6 (default when absent) to 10. */
  digits?: unknown;
  /** TOTP period in whole seconds; 30 when absent. */
  period?: unknown;
  /** HOTP counter; 0 when absent. */
  counter?: unknown;
}

/** A short description of an unexpected value for error details (never used for secrets). */
function describe(value: unknown): string | number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return value.slice(0, 40);
  return value === null ? 'null' : typeof value;
}

/** type: totp, hotp or steam, in any case. Throws `entry_type_unsupported`. */
function readType(value: unknown): OtpType {
  const type = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (type === 'totp' || type === 'hotp' || type === 'steam') return type;
  throw new AppError('entry_type_unsupported', { field: 'type', value: describe(value) });
}

/** secret: Base32, normalised. Throws `missing_secret` or `secret_not_base32`. */
function readSecret(value: unknown): string {
  if (typeof value !== 'string') throw new AppError('missing_secret', { field: 'secret' });
  return normalizeBase32Secret(value);
}

/** An algorithm's name as files write it, normalised ("sha-256", "HMAC-SHA256": "SHA256"); '' for anything but text. */
function algorithmName(value: unknown): string {
  return typeof value === 'string' ? value.trim().toUpperCase().replace(/^HMAC-?/, '').replace(/^SHA-(?=[0-9])/, 'SHA') : '';
}

/** algorithm: SHA1 when absent. Throws `unsupported_algorithm`. */
function readAlgorithm(value: unknown): OtpAlgorithm {
  if (value === undefined || value === null || value === '') return OTP_DEFAULTS.algorithm;
  const name = algorithmName(value);
  if (!isOtpAlgorithm(name)) throw new AppError('unsupported_algorithm', { field: 'algorithm', value: describe(value) });
  return name;
}

/** Reads a whole number given as a number or a decimal string, or undefined. */
function readWholeNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*[0-9]+\s*$/.test(value)) {
    const number = Number(value);
    return Number.isSafeInteger(number) ? number : undefined;
  }
  return undefined;
}

/** digits: 6 when absent, else 6 to 10. Throws `digits_out_of_range`. */
function readDigits(value: unknown): number {
  if (value === undefined || value === null) return OTP_DEFAULTS.digits;
  const digits = readWholeNumber(value);
  if (digits === undefined) throw new AppError('digits_out_of_range', { field: 'digits', value: describe(value) });
  assertOtpDigits(digits);
  return digits;
}

/** period (TOTP): 30 when absent, else a positive whole number of seconds. Throws `period_invalid`. */
function readPeriod(value: unknown, type: OtpType): number {
  if (type !== 'totp' || value === undefined || value === null) return OTP_DEFAULTS.period;
  const period = readWholeNumber(value);
  if (period === undefined || period <= 0) throw new AppError('period_invalid', { field: 'period', value: describe(value) });
  return period;
}

/** counter (HOTP): 0 when absent, else a whole number from 0. Throws `counter_invalid`. */
function readCounter(value: unknown, type: OtpType): number {
  if (type !== 'hotp' || value === undefined || value === null) return OTP_DEFAULTS.counter;
  const counter = readWholeNumber(value);
  if (counter === undefined || counter < 0) throw new AppError('counter_invalid', { field: 'counter', value: describe(value) });
  return counter;
}

/**
 * A Steam entry's algorithm, digits and period: Steam's whether the file
 * gives them (Aegis: SHA1, 5, 30) or not. Throws `steam_params_fixed` for others.
 */
function readSteamParams(entry: LooseEntry): typeof STEAM_PARAMS {
  const absent = (value: unknown) => value === undefined || value === null || value === '';
  assertSteamParams({
    algorithm: absent(entry.algorithm) ? undefined : algorithmName(entry.algorithm) || describe(entry.algorithm),
    digits: absent(entry.digits) ? undefined : (readWholeNumber(entry.digits) ?? describe(entry.digits)),
    period: absent(entry.period) ? undefined : (readWholeNumber(entry.period) ?? describe(entry.period)),
  });
  return STEAM_PARAMS;
}

/** issuer or account name: a string; anything else reads as '' (checked with the account, `normalizeAccountFields`). */
function readName(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * Checks an entry's fields and returns the account, its names sanitised and
 * every text field within its cap (`normalizeAccountFields`, as for a link).
 *
 * @throws AppError naming the field at fault (the codes of the otpauth:// parser,
 *   plus `entry_type_unsupported`; a Steam entry whose algorithm, digits or
 *   period are not Steam's: `steam_params_fixed`); never with the secret in it.
 */
export function readEntry(entry: LooseEntry): OtpAccount {
  const type = readType(entry.type);
  const secret = readSecret(entry.secret);
  const names = { type, issuer: readName(entry.issuer), label: readName(entry.label), secret };
  if (type === 'steam') return normalizeAccountFields({ ...names, ...readSteamParams(entry), counter: OTP_DEFAULTS.counter });
  return normalizeAccountFields({
    ...names,
    algorithm: readAlgorithm(entry.algorithm),
    digits: readDigits(entry.digits),
    period: readPeriod(entry.period, type),
    counter: readCounter(entry.counter, type),
  });
}

/**
 * Reads an entry's organisation (issue 12): group names (each read with
 * `readGroupName`, repeats dropped), favourite (only `true` counts), note
 * (`readAccountNote`). Only what differs from a new account's defaults (no
 * groups, not a favourite, no note) is set, so an entry without any reads as
 * the plain account it is.
 *
 * @throws AppError `input_too_long` (field `note` or `groupName`) and the like, so the entry is reported, not cut short.
 */
export function readOrganisation(loose: { groupNames?: readonly unknown[]; favourite?: unknown; note?: unknown; icon?: unknown }): ImportedOrganisation {
  const organisation: ImportedOrganisation = {};
  const names = (loose.groupNames ?? []).filter((name): name is string => typeof name === 'string' && sanitizeAccountText(name) !== '');
  if (names.length > 0) organisation.groupNames = [...new Set(names.map(readGroupName))];
  if (loose.favourite === true) organisation.favourite = true;
  const note = typeof loose.note === 'string' ? readAccountNote(loose.note) : '';
  if (note !== '') organisation.note = note;
  // An icon that is not valid (an SVG, over its cap) leaves the account automatic: the account itself is fine.
  const icon = readAccountIcon(loose.icon);
  if (icon) organisation.icon = icon;
  return organisation;
}

/**
 * A file's list of group names, read with `readGroupName`, repeats (ignoring
 * case) dropped; a name that is not valid (blank, too long) is left out of
 * the list (an entry naming it is reported unreadable by {@link readOrganisation}).
 */
export function readGroupNames(names: readonly string[]): string[] {
  const kept = new Map<string, string>();
  for (const raw of names) {
    try {
      const name = readGroupName(raw);
      if (!kept.has(name.toLocaleLowerCase('und'))) kept.set(name.toLocaleLowerCase('und'), name);
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  return [...kept.values()];
}

/** An account as exports take it: the OTP fields, and its organisation where the caller has it. */
export type ExportAccount = OtpAccount & Partial<Pick<VaultAccount, 'groups' | 'favourite' | 'note' | 'lastUsedAt' | 'icon'>>;

/** Longest name quoted in an unreadable entry. */
const MAX_NAME_LENGTH = 80;

/** "Issuer: name" of a loose entry, for the preview of what could not be read; sanitised, as it is shown. */
export function describeEntryName(issuer: unknown, label: unknown): string {
  const parts = [issuer, label].map((part) => (typeof part === 'string' ? sanitizeAccountText(part) : ''));
  const name = parts.filter((part) => part !== '').join(': ');
  return name.length > MAX_NAME_LENGTH ? `${name.slice(0, MAX_NAME_LENGTH)}…` : name;
}

/**
 * Reads every item with `read`, keeping the accounts and reporting each item
 * whose read threw an AppError (any other error is a bug and propagates).
 */
export function readEntries<T, A extends OtpAccount>(
  items: readonly T[],
  read: (item: T, index: number) => A,
  nameOf: (item: T) => string,
): { accounts: A[]; unreadable: UnreadableEntry[] } {
  const accounts: A[] = [];
  const unreadable: UnreadableEntry[] = [];
  items.forEach((item, index) => {
    try {
      accounts.push(read(item, index));
    } catch (error) {
      if (!isAppError(error)) throw error;
      unreadable.push({ index, name: nameOf(item), code: error.code, reason: error.message });
    }
  });
  return { accounts, unreadable };
}

/** `value` if it is a plain object (not null, not an array), else undefined: for walking untrusted JSON. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
