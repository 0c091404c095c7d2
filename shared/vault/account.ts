import { AppError } from '../errors';
import { normalizeAccountFields, readAccountName } from '../otp/account-fields';
import { assertCodeParams, assertOtpCounter, assertOtpPeriod } from '../otp/params';
import { isTimeBased, OTP_TYPES, type OtpAccount, type OtpParams } from '../otp/types';
import { assertIconImage, readAccountIcon, type AccountIcon } from './account-icon';

/** The id of a stored account: a UUID, branded so any string can't be passed where an id is meant. */
export type AccountId = string & { readonly __brand: 'AccountId' };

/** The id of a group of accounts: a UUID, branded. */
export type GroupId = string & { readonly __brand: 'GroupId' };

/** An account as the authenticator keeps it: the Key URI's contents plus bookkeeping. */
export interface VaultAccount extends OtpAccount {
  /** Stable identity, a random UUID (`crypto.randomUUID()`); never reused. */
  id: AccountId;
  /**
   * Position in the user's list, ascending. The repository owns it: it appends new
   * accounts at the end and rewrites it on reorder, so gaps and ties never leak to the UI.
   */
  order: number;
  /** When the account was added, in milliseconds since the epoch. */
  createdAt: number;
  /** When the account's details (not its position) last changed, in milliseconds since the epoch. */
  updatedAt: number;
  /**
   * The groups it is in (ids of `VaultGroup`s, in no particular order, no
   * repeats); an account may be in several, or none. An id whose group was
   * deleted is ignored wherever groups are shown.
   */
  groups: GroupId[];
  /** Whether the user starred it: favourites are listed above the rest. */
  favourite: boolean;
  /**
   * Free text the user keeps with it (recovery hints, which phone): '' for
   * none. Sanitised like a name but keeps line breaks; at most
   * `INPUT_LIMITS.note` code points. Sealed like the secret.
   */
  note: string;
  /** When a code was last copied or revealed (ms), or null if never: the "last used" sort. Not a detail change: `updatedAt` stays. */
  lastUsedAt: number | null;
  /** The icon the user chose; null = automatic (matched from the issuer, else the letter avatar). */
  icon: AccountIcon | null;
}

/** The fields that organise an account, as the edit dialog changes them. */
export interface AccountOrganisation {
  /** See {@link VaultAccount.groups}. */
  groups: readonly GroupId[];
  /** See {@link VaultAccount.favourite}. */
  favourite: boolean;
  /** See {@link VaultAccount.note}; read with `readAccountNote`. */
  note: string;
}

/** Makes a fresh random {@link AccountId}. */
export function newAccountId(): AccountId {
  return crypto.randomUUID() as AccountId;
}

/** Brands a string that came from outside the type system (a URL, a data attribute) as an {@link AccountId}. */
export function toAccountId(value: string): AccountId {
  return value as AccountId;
}

/**
 * Makes a new, not yet stored, account from a parsed Key URI, an imported entry or
 * a typed-in secret: every new account is made here. Its names and secret pass
 * `normalizeAccountFields` (sanitised, within their caps) whichever way they came
 * in, and only the OTP fields are copied, so stray properties of `otp` never reach
 * storage. `order` is 0: the repository assigns the real position when it is added.
 *
 * @param otp The account's issuer, label, secret and parameters.
 * @param now The current time in milliseconds; becomes `createdAt` and `updatedAt`.
 * @param id The id to use; a random UUID unless given (tests pass a fixed one).
 * @throws AppError from `normalizeAccountFields`, naming the field at fault.
 */
export function createVaultAccount(otp: OtpAccount, now: number, id: AccountId = newAccountId()): VaultAccount {
  return { id, order: 0, createdAt: now, updatedAt: now, ...normalizeAccountFields(otp), groups: [], favourite: false, note: '', lastUsedAt: null, icon: null };
}

/**
 * Returns `account` marked as used at `now` (a code copied or revealed);
 * `updatedAt` is kept, since its details did not change.
 */
export function markVaultAccountUsed(account: VaultAccount, now: number): VaultAccount {
  return { ...account, lastUsedAt: now };
}

/**
 * Returns `account` with the issuer and name the user edited, read as a new
 * account's are (`readAccountName`: sanitised, within their caps).
 *
 * @param now The current time in milliseconds; becomes `updatedAt`.
 * @throws AppError `account_name_missing` (field `label`) when neither name is
 *   left; `input_too_long` or `label_invalid` naming the field at fault.
 */
export function renameVaultAccount(account: VaultAccount, details: { issuer: string; label: string }, now: number): VaultAccount {
  const issuer = readAccountName(details.issuer, 'issuer');
  const label = readAccountName(details.label, 'label');
  if (issuer === '' && label === '') throw new AppError('account_name_missing', { field: 'label' });
  return { ...account, issuer, label, updatedAt: now };
}

/**
 * Returns `account` with another icon (null: automatic). An own image is checked
 * against {@link ICON_IMAGE_LIMITS} here, so no path can store a larger one.
 *
 * @param now The current time in milliseconds; becomes `updatedAt`.
 * @throws AppError `icon_image_too_large` or `icon_image_unreadable`.
 */
export function setVaultAccountIcon(account: VaultAccount, icon: AccountIcon | null, now: number): VaultAccount {
  if (icon?.kind === 'image') assertIconImage(icon);
  return { ...account, icon: readAccountIcon(icon), updatedAt: now };
}

/** Upper-case Base32 without spaces, dashes or `=` padding, so "jbsw y3dp" and "JBSWY3DP====" compare equal. */
function normalizeSecret(secret: string): string {
  return secret.replace(/[\s=-]/g, '').toUpperCase();
}

/**
 * Whether two accounts are duplicates: the same OTP type over the same secret key.
 *
 * The secret, not the name, decides: two entries with one secret produce the same
 * codes, so keeping both only clutters the list (scanning the same QR code twice).
 * The same issuer and label with a *different* secret is not a duplicate: it is what
 * re-enrolling at a service looks like (the old secret stops working, the name stays),
 * and people may hold two accounts under one name; blocking those would lose a
 * working secret. The type is part of the identity because a secret used for HOTP
 * and for TOTP yields different codes.
 */
export function isSameAccount(a: Pick<OtpParams, 'type' | 'secret'>, b: Pick<OtpParams, 'type' | 'secret'>): boolean {
  return duplicateKey(a) === duplicateKey(b);
}

/**
 * The identity {@link isSameAccount} compares, as one string (type and
 * normalised secret), so duplicates are found with a Map in one pass rather
 * than by comparing every pair (issue 11: 8,000 entries took 6.7 s).
 * It holds the secret: keep it in memory only, never log or store it.
 */
export function duplicateKey(account: Pick<OtpParams, 'type' | 'secret'>): string {
  return `${account.type}:${normalizeSecret(account.secret)}`;
}

/** The fields whose change changes the codes an account produces. */
const CODE_FIELDS = ['type', 'secret', 'algorithm', 'digits', 'period', 'counter'] as const;

/**
 * Which of the code-changing fields (type, secret, algorithm, digits, period,
 * counter) differ between `before` and `after`: what the edit dialog asks to
 * confirm. The secrets compare normalised, so re-typing it with spaces changes
 * nothing; the period counts for time-based types (totp, steam) only and the
 * counter for HOTP only.
 */
export function changedCodeFields(before: OtpParams, after: OtpParams): Array<(typeof CODE_FIELDS)[number]> {
  return CODE_FIELDS.filter((field) => {
    if (field === 'secret') return normalizeSecret(before.secret) !== normalizeSecret(after.secret);
    // The period matters to TOTP only, the counter to HOTP only (RFC 6238 §4, RFC 4226 §5).
    if (field === 'period' && !isTimeBased(after.type)) return false;
    if (field === 'counter' && after.type !== 'hotp') return false;
    return before[field] !== after[field];
  });
}

/**
 * Returns `account` with every field the user edited: names, secret and OTP
 * parameters, checked as a new account's are (`normalizeAccountFields`, then the
 * parameter checks of `shared/otp/params.ts`; a Steam account's must be
 * Steam's fixed ones). Its id, position and creation date are kept; only the
 * OTP fields are copied from `edited`.
 *
 * @param now The current time in milliseconds; becomes `updatedAt`.
 * @throws AppError naming the field at fault: `account_name_missing`,
 *   `input_too_long`, `label_invalid`, `missing_secret`, `secret_not_base32`,
 *   `unsupported_algorithm`, `digits_out_of_range`, `period_invalid`,
 *   `counter_invalid`, `unsupported_type`, `steam_params_fixed`. Never with the secret in it.
 */
export function editVaultAccount(account: VaultAccount, edited: OtpAccount, now: number): VaultAccount {
  if (!OTP_TYPES.includes(edited.type)) throw new AppError('unsupported_type', { field: 'type', value: String(edited.type) });
  assertCodeParams(edited);
  // Whole seconds, as the Key URI Format requires, so an edited account can still be exported as a QR code.
  assertOtpPeriod(edited.period);
  if (!Number.isInteger(edited.period)) throw new AppError('period_invalid', { field: 'period', value: edited.period });
  assertOtpCounter(edited.counter);
  const { issuer, label } = renameVaultAccount(account, edited, now);
  return { ...account, ...normalizeAccountFields({ ...edited, issuer, label }), updatedAt: now };
}
