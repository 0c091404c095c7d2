/**
 * The merge of two versions of one synced document: what every device does,
 * without asking anyone, when replication brings a version it did not write
 * (a CouchDB conflict, or a newer revision over a local change).
 *
 * Each merge is a join in the sense of a state-based CRDT: commutative
 * (merge(a, b) = merge(b, a)), associative and idempotent (merge(a, a) = a),
 * so whatever order and however many times versions arrive, every device
 * ends with the same state. The rules (README.md, "Conflicts"):
 *
 * - Each field is its own register: the later stamp wins (`updatedAt`, then
 *   the device id), so edits to different fields both survive.
 * - A deletion hides the account unless some field was written after it:
 *   it beats older edits, never a newer one (`isAccountLive`).
 * - Code versions (the secret and what shapes the codes) are a set: both of
 *   two concurrent changes stay, minus those some device replaced knowingly.
 * - Group membership is one register per group; the last use and an HOTP
 *   counter only grow; `createdAt` is the earliest.
 */
import { compareStamps, newerStamp, stampKey, type Stamp } from './stamp';
import {
  CODE_VERSION_FIELDS,
  SYNCED_ACCOUNT_FIELDS,
  type CodeVersion,
  type Stamped,
  type SyncedAccount,
} from './synced-account';
import type { SyncedGroup, SyncedGroups } from './synced-groups';

/** JSON with object keys sorted, so equal values compare equal whatever order their keys were written in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The winner of two writes of one field: the later stamp; for two writes with
 * the very same stamp (one device never makes two, but a merge must not
 * depend on that), the greater value in canonical JSON, so the choice is still
 * the same on every device.
 */
export function pickLatest<T>(a: Stamped<T>, b: Stamped<T>): Stamped<T> {
  const order = compareStamps(a, b);
  if (order !== 0) return order > 0 ? a : b;
  return canonicalJson(a.value) >= canonicalJson(b.value) ? a : b;
}

/** The two versions of one stamp merged: the larger counter (an HOTP counter only moves forward, RFC 4226 §7.2). */
function mergeSameCodeVersion(a: CodeVersion, b: CodeVersion): CodeVersion {
  const sameCode = CODE_VERSION_FIELDS.every((field) => field === 'counter' || a[field] === b[field]);
  // Two different codes under one stamp cannot come from working devices; keep one of them, the same one everywhere.
  const base = sameCode ? a : canonicalJson({ ...a, counter: 0 }) >= canonicalJson({ ...b, counter: 0 }) ? a : b;
  return { ...base, counter: Math.max(a.counter, b.counter) };
}

/** Newest first, so the first code version is the one a single-version view shows. */
export function sortCodeVersions(codes: readonly CodeVersion[]): CodeVersion[] {
  return [...codes].sort((a, b) => compareStamps(b, a));
}

/**
 * The union of two sets of code versions, without those either side
 * replaced. Nothing is dropped for being old: only a write that saw a version
 * (and listed it in `replaced`) retires it.
 */
function mergeCodeVersions(a: readonly CodeVersion[], b: readonly CodeVersion[], replaced: ReadonlySet<string>): CodeVersion[] {
  const byKey = new Map<string, CodeVersion>();
  for (const version of [...a, ...b]) {
    const key = stampKey(version);
    if (replaced.has(key)) continue;
    const known = byKey.get(key);
    byKey.set(key, known ? mergeSameCodeVersion(known, version) : { ...version });
  }
  return sortCodeVersions([...byKey.values()]);
}

/** Union of two sorted key lists, sorted, without repeats. */
function unionSorted(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}

/** Per-key merge of two records of registers; keys sorted so equal states serialise alike. */
function mergeRecords<T>(a: Readonly<Record<string, T>>, b: Readonly<Record<string, T>>, merge: (x: T, y: T) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of unionSorted(Object.keys(a), Object.keys(b))) {
    const x = a[key];
    const y = b[key];
    out[key] = x !== undefined && y !== undefined ? merge(x, y) : ((x ?? y) as T);
  }
  return out;
}

function laterTime(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/**
 * Merges two versions of one synced account (a join: commutative, associative,
 * idempotent). Neither input is changed.
 */
export function mergeSyncedAccounts(a: SyncedAccount, b: SyncedAccount): SyncedAccount {
  const replaced = unionSorted(a.replaced, b.replaced);
  const merged: SyncedAccount = {
    v: a.v,
    createdAt: Math.min(a.createdAt, b.createdAt),
    issuer: pickLatest(a.issuer, b.issuer),
    label: pickLatest(a.label, b.label),
    note: pickLatest(a.note, b.note),
    favourite: pickLatest(a.favourite, b.favourite),
    icon: pickLatest(a.icon, b.icon),
    position: pickLatest(a.position, b.position),
    groups: mergeRecords(a.groups, b.groups, pickLatest),
    lastUsedAt: laterTime(a.lastUsedAt, b.lastUsedAt),
    codes: mergeCodeVersions(a.codes, b.codes, new Set(replaced)),
    replaced,
    deleted: newerStamp(a.deleted, b.deleted),
  };
  return merged;
}

/** Merges any number of versions of one account (at least one), e.g. a CouchDB document and its conflicting revisions. */
export function mergeAllSyncedAccounts(versions: readonly [SyncedAccount, ...SyncedAccount[]]): SyncedAccount {
  return versions.reduce(mergeSyncedAccounts);
}

/** The newest write to the account: its newest field, group membership or live code version. */
export function newestWrite(account: SyncedAccount): Stamp {
  let newest: Stamp = account.issuer;
  for (const field of SYNCED_ACCOUNT_FIELDS) newest = newerStamp(newest, account[field]) as Stamp;
  for (const member of Object.values(account.groups)) newest = newerStamp(newest, member) as Stamp;
  for (const version of account.codes) newest = newerStamp(newest, version) as Stamp;
  return newest;
}

/**
 * Whether the account is shown: not deleted, or written after its deletion.
 * A device that saw the deletion cannot write after it (the account is gone
 * from its list), so a later write comes from a device that had not seen it:
 * its newer change means the account is still in use, and wins.
 */
export function isAccountLive(account: SyncedAccount): boolean {
  return account.deleted === null || compareStamps(newestWrite(account), account.deleted) > 0;
}

/** Merges two versions of one group. */
function mergeSyncedGroup(a: SyncedGroup, b: SyncedGroup): SyncedGroup {
  return { name: pickLatest(a.name, b.name), position: pickLatest(a.position, b.position), deleted: newerStamp(a.deleted, b.deleted) };
}

/** Merges two versions of the group list, group by group (a join, like {@link mergeSyncedAccounts}). */
export function mergeSyncedGroups(a: SyncedGroups, b: SyncedGroups): SyncedGroups {
  return { v: a.v, groups: mergeRecords(a.groups, b.groups, mergeSyncedGroup) };
}

/** Whether a group is shown: not deleted, or renamed or moved after its deletion. */
export function isGroupLive(group: SyncedGroup): boolean {
  return group.deleted === null || compareStamps(newerStamp(group.name, group.position) as Stamp, group.deleted) > 0;
}

/**
 * Merges two devices' whole sets of accounts (document id → account): each
 * id's versions merged, ids only one side knows kept. What the tests use to
 * model replication; the adapter merges document by document.
 */
export function mergeAccountSets(
  a: Readonly<Record<string, SyncedAccount>>,
  b: Readonly<Record<string, SyncedAccount>>,
): Record<string, SyncedAccount> {
  return mergeRecords(a, b, mergeSyncedAccounts);
}
