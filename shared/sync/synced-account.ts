/**
 * What the ciphertext of a synced account document holds: every field of the
 * account with its own {@link Stamp}, so a merge can take each field from the
 * device that wrote it last (merge.ts). Plain JSON data, no class, so it
 * seals as it is and every device reads it alike.
 *
 * The fields that change the codes (type, secret, algorithm, digits, period,
 * and the counter as the edit dialog sets it) are not one last-writer-wins
 * field: they form **code versions**. Two devices that change them without
 * having seen each other's change both keep theirs, and the person chooses
 * (views.ts shows them as two accounts), because a secret that loses a merge
 * is a login lost for good. A device that writes a code version lists the
 * versions it saw in `replaced`, which is how a later change (seen, then
 * replaced) is told from a concurrent one (two devices at once).
 */
import { countCodePoints } from '../otp/account-fields';
import { INPUT_LIMITS } from '../otp/input-limits';
import { assertCodeParams, assertOtpCounter, assertOtpPeriod } from '../otp/params';
import { OTP_TYPES, type OtpParams } from '../otp/types';
import { readAccountIcon, type AccountIcon } from '../vault/account-icon';
import { isPosition } from './position';
import { isStamp, type Stamp } from './stamp';

/** A value of a synced field with the stamp of its last write. */
export interface Stamped<T> extends Stamp {
  /** The field's value. */
  value: T;
}

/**
 * One version of what makes the codes: the OTP parameters, stamped by the
 * write that made it (its identity: no two versions share a stamp).
 */
export interface CodeVersion extends Stamp, OtpParams {}

/** The code fields of a {@link CodeVersion}, in the order they are compared. */
export const CODE_VERSION_FIELDS = ['type', 'secret', 'algorithm', 'digits', 'period', 'counter'] as const;

/** The payload format version of a synced account: 1 is written and read. */
export const SYNCED_ACCOUNT_VERSION = 1;

/** An account as the sync server stores it, inside the ciphertext. */
export interface SyncedAccount {
  /** Payload format version. */
  v: typeof SYNCED_ACCOUNT_VERSION;
  /** When the account was first added (ms): the earliest any device knows. */
  createdAt: number;
  /** The service ("GitHub"), sanitised as the vault's `issuer`. */
  issuer: Stamped<string>;
  /** The account name at the service, as the vault's `label`. */
  label: Stamped<string>;
  /** The user's note, as the vault's `note` ('' for none). */
  note: Stamped<string>;
  /** Whether it is a favourite. */
  favourite: Stamped<boolean>;
  /** The icon chosen, null for automatic (the vault's `icon`). */
  icon: Stamped<AccountIcon | null>;
  /** Its place in the list: a fractional position (position.ts); ties listed by document id. */
  position: Stamped<string>;
  /**
   * Group membership, one stamped flag per group id (in or out), so adding
   * an account to one group on a device and to another on a second keeps both.
   * Keys sorted, so equal states seal to equal bytes.
   */
  groups: Record<string, Stamped<boolean>>;
  /** When a code was last used on any device (ms), or null: the latest wins, so it needs no stamp. */
  lastUsedAt: number | null;
  /**
   * The live code versions, newest first. Usually one; more after concurrent
   * code changes (a conflict for the person to settle). The counter of a
   * version only grows (HOTP use: merge takes the larger).
   */
  codes: CodeVersion[];
  /** Keys (`stampKey`) of the code versions replaced by a later one, sorted: they never come back. */
  replaced: string[];
  /** The deletion, or null: the account is gone unless some field was written after it (merge.ts). */
  deleted: Stamp | null;
}

/** The last-writer-wins fields of a {@link SyncedAccount}, each a {@link Stamped} value. */
export const SYNCED_ACCOUNT_FIELDS = ['issuer', 'label', 'note', 'favourite', 'icon', 'position'] as const;

/** One of {@link SYNCED_ACCOUNT_FIELDS}. */
export type SyncedAccountField = (typeof SYNCED_ACCOUNT_FIELDS)[number];

/** The value type of each last-writer-wins field. */
export interface SyncedAccountValues {
  issuer: string;
  label: string;
  note: string;
  favourite: boolean;
  icon: AccountIcon | null;
  position: string;
}

function isStamped<T>(value: unknown, isValue: (v: unknown) => v is T): value is Stamped<T> {
  return isStamp(value) && isValue((value as Partial<Stamped<T>>).value);
}

/** A string of at most `max` code points. */
function isTextUpTo(max: number) {
  return (v: unknown): v is string => typeof v === 'string' && v.length <= max * 2 && countCodePoints(v) <= max;
}

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isIcon = (v: unknown): v is AccountIcon | null => v === null || readAccountIcon(v) !== null;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
/** A secret as the vault stores it: canonical Base32 (upper case, no padding), within its cap. */
const SECRET = /^[A-Z2-7]+$/;

/** Whether `value` holds valid OTP parameters, with the rules of every other way in (Steam's fixed ones included). */
function isCodeParams(value: Partial<OtpParams>): boolean {
  if (!OTP_TYPES.includes(value.type as OtpParams['type'])) return false;
  if (typeof value.secret !== 'string' || value.secret.length > INPUT_LIMITS.secret || !SECRET.test(value.secret)) return false;
  try {
    assertCodeParams(value as OtpParams);
    assertOtpPeriod(value.period);
    assertOtpCounter(value.counter);
  } catch {
    return false;
  }
  return Number.isInteger(value.period);
}

/** Whether `value` is a well-formed {@link CodeVersion}. */
export function isCodeVersion(value: unknown): value is CodeVersion {
  return isStamp(value) && isCodeParams(value as Partial<OtpParams>);
}

/** Whether `value` is a well-formed {@link SyncedAccount}: every field present, typed and within the vault's caps. */
export function isSyncedAccount(value: unknown): value is SyncedAccount {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Partial<SyncedAccount>;
  return (
    a.v === SYNCED_ACCOUNT_VERSION &&
    isTime(a.createdAt) &&
    isStamped(a.issuer, isTextUpTo(INPUT_LIMITS.issuer)) &&
    isStamped(a.label, isTextUpTo(INPUT_LIMITS.label)) &&
    isStamped(a.note, isTextUpTo(INPUT_LIMITS.note)) &&
    isStamped(a.favourite, isBoolean) &&
    isStamped(a.icon, isIcon) &&
    isStamped(a.position, isPosition) &&
    typeof a.groups === 'object' &&
    a.groups !== null &&
    !Array.isArray(a.groups) &&
    Object.values(a.groups).every((member) => isStamped(member, isBoolean)) &&
    (a.lastUsedAt === null || isTime(a.lastUsedAt)) &&
    Array.isArray(a.codes) &&
    a.codes.every(isCodeVersion) &&
    Array.isArray(a.replaced) &&
    a.replaced.every((key) => typeof key === 'string' && key.length <= 80) &&
    (a.deleted === null || isStamp(a.deleted))
  );
}
