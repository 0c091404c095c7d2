/**
 * The writes one device makes to a synced account: each returns a new
 * {@link SyncedAccount} with the changed fields stamped (`stampAfter`), ready
 * to seal. The values come already checked by the vault's own rules
 * (`editVaultAccount`, `organiseVaultAccount`...): these functions only stamp
 * them. Time and the device are parameters.
 */
import type { OtpParams } from '../otp/types';
import type { VaultAccount } from '../vault/account';
import { canonicalJson, newestWrite, sortCodeVersions } from './merge';
import { newerStamp, stampAfter, stampKey, type DeviceId, type Stamp } from './stamp';
import {
  CODE_VERSION_FIELDS,
  SYNCED_ACCOUNT_VERSION,
  type CodeVersion,
  type Stamped,
  type SyncedAccount,
  type SyncedAccountField,
  type SyncedAccountValues,
} from './synced-account';

/** Who writes, and when: every write takes both. */
export interface SyncWriter {
  /** The current time in ms (`Date.now()` in the app). */
  now: number;
  /** This device's id. */
  deviceId: DeviceId;
}

function stamped<T>(value: T, stamp: Stamp): Stamped<T> {
  return { value, updatedAt: stamp.updatedAt, deviceId: stamp.deviceId };
}

function codeOf(params: OtpParams): OtpParams {
  return {
    type: params.type,
    secret: params.secret,
    algorithm: params.algorithm,
    digits: params.digits,
    period: params.period,
    counter: params.counter,
  };
}

/**
 * The synced form of a vault account, every field stamped `now` by this
 * device: for an account added here, or for the first sync of a list kept
 * before sync was turned on.
 *
 * @param position Its place in the list (position.ts: `positionBetween`, `spreadPositions`).
 */
export function createSyncedAccount(account: VaultAccount, position: string, writer: SyncWriter): SyncedAccount {
  const stamp: Stamp = { updatedAt: writer.now, deviceId: writer.deviceId };
  const groups: Record<string, Stamped<boolean>> = {};
  for (const id of [...new Set(account.groups.map(String))].sort()) groups[id] = stamped(true, stamp);
  return {
    v: SYNCED_ACCOUNT_VERSION,
    createdAt: account.createdAt,
    issuer: stamped(account.issuer, stamp),
    label: stamped(account.label, stamp),
    note: stamped(account.note, stamp),
    favourite: stamped(account.favourite, stamp),
    icon: stamped(account.icon, stamp),
    position: stamped(position, stamp),
    groups,
    lastUsedAt: account.lastUsedAt,
    codes: [{ ...stamp, ...codeOf(account) }],
    replaced: [],
    deleted: null,
  };
}

/**
 * Sets last-writer-wins fields (names, note, favourite, icon, position).
 * A field given with the value it has already keeps its stamp, so saving an
 * unchanged form does not override another device's newer edit of it.
 */
export function editSyncedAccount(account: SyncedAccount, changes: Partial<SyncedAccountValues>, writer: SyncWriter): SyncedAccount {
  const next = { ...account };
  for (const field of Object.keys(changes) as SyncedAccountField[]) {
    const value = changes[field];
    if (value === undefined || canonicalJson(value) === canonicalJson(account[field].value)) continue;
    (next as Record<SyncedAccountField, Stamped<unknown>>)[field] = stamped(value, stampAfter(account[field], writer.now, writer.deviceId));
  }
  return next;
}

/** Puts the account in a group (`member` true) or takes it out. */
export function setSyncedAccountGroup(account: SyncedAccount, groupId: string, member: boolean, writer: SyncWriter): SyncedAccount {
  const current = account.groups[groupId];
  if (current?.value === member || (current === undefined && !member)) return account;
  const groups = { ...account.groups, [groupId]: stamped(member, stampAfter(current ?? null, writer.now, writer.deviceId)) };
  const sorted: Record<string, Stamped<boolean>> = {};
  for (const id of Object.keys(groups).sort()) sorted[id] = groups[id] as Stamped<boolean>;
  return { ...account, groups: sorted };
}

/** Records a use of a code at `at` (ms): the latest use on any device is kept. */
export function markSyncedAccountUsed(account: SyncedAccount, at: number): SyncedAccount {
  return { ...account, lastUsedAt: Math.max(account.lastUsedAt ?? at, at) };
}

/**
 * Advances an HOTP counter after a code was used ("next code"): a counter
 * only grows, so two devices that each used a code keep the larger count
 * (merge.ts), and this is not a code change that could split the account.
 * Setting the counter in the edit dialog is one: {@link changeSyncedAccountCode}.
 */
export function advanceSyncedAccountCounter(account: SyncedAccount, versionKey: string, counter: number): SyncedAccount {
  return {
    ...account,
    codes: account.codes.map((version) =>
      stampKey(version) === versionKey ? { ...version, counter: Math.max(version.counter, counter) } : version,
    ),
  };
}

/**
 * Changes what makes the codes (secret, type, algorithm, digits, period,
 * counter): a new code version that replaces every version this device has.
 * Another device's concurrent change is not among them, so both are kept
 * (merge.ts) and the person chooses. Unchanged parameters change nothing.
 */
export function changeSyncedAccountCode(account: SyncedAccount, params: OtpParams, writer: SyncWriter): SyncedAccount {
  const code = codeOf(params);
  const only = account.codes.length === 1 ? account.codes[0] : undefined;
  if (only && CODE_VERSION_FIELDS.every((field) => only[field] === code[field])) return account;
  let previous: Stamp | null = null;
  for (const version of account.codes) previous = newerStamp(previous, version);
  const version: CodeVersion = { ...stampAfter(previous, writer.now, writer.deviceId), ...code };
  const replaced = [...new Set([...account.replaced, ...account.codes.map(stampKey)])].sort();
  return { ...account, codes: [version], replaced };
}

/** Finds a live code version by key, or throws (a view of a version that has gone: reload the list). */
function findCodeVersion(account: SyncedAccount, versionKey: string): CodeVersion {
  const version = account.codes.find((candidate) => stampKey(candidate) === versionKey);
  if (!version) throw new RangeError('No such code version: the conflict was settled meanwhile.');
  return version;
}

/**
 * Settles a conflict by keeping one code version: written anew (a fresh
 * stamp) so it replaces the others. If another device settles it the other
 * way at the same time, both choices are kept and it is asked again: a
 * choice never deletes a secret that another device chose.
 */
export function chooseCodeVersion(account: SyncedAccount, versionKey: string, writer: SyncWriter): SyncedAccount {
  const chosen = findCodeVersion(account, versionKey);
  if (account.codes.length === 1) return account;
  let previous: Stamp | null = null;
  for (const version of account.codes) previous = newerStamp(previous, version);
  const version: CodeVersion = { ...stampAfter(previous, writer.now, writer.deviceId), ...codeOf(chosen) };
  const replaced = [...new Set([...account.replaced, ...account.codes.map(stampKey)])].sort();
  return { ...account, codes: [version], replaced };
}

/**
 * Settles a conflict by keeping both: the code version leaves this account
 * and becomes an account of its own (a new document, `id` chosen by the
 * caller), with this account's names, note, groups and place, stamped now.
 */
export function splitCodeVersion(
  account: SyncedAccount,
  versionKey: string,
  writer: SyncWriter,
): { kept: SyncedAccount; split: SyncedAccount } {
  const version = findCodeVersion(account, versionKey);
  if (account.codes.length === 1) throw new RangeError('Only one code version: there is no conflict to split.');
  const key = stampKey(version);
  const kept: SyncedAccount = {
    ...account,
    codes: account.codes.filter((candidate) => stampKey(candidate) !== key),
    replaced: [...new Set([...account.replaced, key])].sort(),
  };
  const stamp: Stamp = { updatedAt: writer.now, deviceId: writer.deviceId };
  const groups: Record<string, Stamped<boolean>> = {};
  for (const [id, member] of Object.entries(account.groups)) if (member.value) groups[id] = stamped(true, stamp);
  const split: SyncedAccount = {
    v: SYNCED_ACCOUNT_VERSION,
    createdAt: writer.now,
    issuer: stamped(account.issuer.value, stamp),
    label: stamped(account.label.value, stamp),
    note: stamped(account.note.value, stamp),
    favourite: stamped(account.favourite.value, stamp),
    icon: stamped(account.icon.value, stamp),
    position: stamped(account.position.value, stamp),
    groups,
    lastUsedAt: account.lastUsedAt,
    codes: sortCodeVersions([{ ...stamp, ...codeOf(version) }]),
    replaced: [],
    deleted: null,
  };
  return { kept, split };
}

/**
 * Deletes the account: a tombstone stamped after every write this device
 * has seen, so it wins over them; a write another device makes later, not
 * having seen it, brings the account back (merge.ts, `isAccountLive`). The
 * fields stay sealed in the tombstone so such a comeback is whole.
 */
export function deleteSyncedAccount(account: SyncedAccount, writer: SyncWriter): SyncedAccount {
  const seen = newerStamp(newestWrite(account), account.deleted);
  return { ...account, deleted: stampAfter(seen, writer.now, writer.deviceId) };
}
