/**
 * What the lists show of the merged state: the accounts (one per live code
 * version, so a code conflict is two accounts marked as such), in the synced
 * order, and the group bar. Pure and deterministic: every device shows the
 * same list for the same state.
 */
import type { OtpAccount } from '../otp/types';
import type { AccountIcon } from '../vault/account-icon';
import type { GroupId } from '../vault/account';
import type { VaultGroup } from '../vault/groups';
import { countCodePoints } from '../otp/account-fields';
import { INPUT_LIMITS } from '../otp/input-limits';
import { isAccountLive, isGroupLive, newestWrite } from './merge';
import { stampKey } from './stamp';
import type { SyncedAccount } from './synced-account';
import type { SyncedGroups } from './synced-groups';

/** One account of the list, as a synced document shows it. */
export interface SyncedAccountView extends OtpAccount {
  /** The synced document it comes from. */
  docId: string;
  /** Which code version of that document it shows (`stampKey`): what `chooseCodeVersion` and `splitCodeVersion` take. */
  versionKey: string;
  /** When the account was added (ms). */
  createdAt: number;
  /** Its newest write (ms). */
  updatedAt: number;
  /** Its groups (ids of groups it is in), sorted. */
  groups: GroupId[];
  /** See `VaultAccount.favourite`. */
  favourite: boolean;
  /** See `VaultAccount.note`. */
  note: string;
  /** See `VaultAccount.lastUsedAt`. */
  lastUsedAt: number | null;
  /** See `VaultAccount.icon`. */
  icon: AccountIcon | null;
  /** Its synced position (position.ts). */
  position: string;
  /**
   * Set when two devices changed the codes at once: the other versions of the
   * same document (`versionKey`s), each shown as an account beside this one.
   * The app asks which to keep (`chooseCodeVersion`) or to keep both
   * (`splitCodeVersion`); either writes a version that replaces them, so the
   * mark goes away on every device. Nothing is chosen until then: the newest
   * version is listed first, none is hidden.
   */
  conflict: { withVersions: string[] } | null;
}

/** The accounts a synced document shows: none when deleted, else one per live code version, newest first. */
export function viewSyncedAccount(docId: string, account: SyncedAccount): SyncedAccountView[] {
  if (!isAccountLive(account)) return [];
  const keys = account.codes.map(stampKey);
  const groups = Object.keys(account.groups)
    .filter((id) => account.groups[id]?.value)
    .sort() as GroupId[];
  const updatedAt = newestWrite(account).updatedAt;
  return account.codes.map((version, index) => ({
    docId,
    versionKey: keys[index] as string,
    type: version.type,
    issuer: account.issuer.value,
    label: account.label.value,
    secret: version.secret,
    algorithm: version.algorithm,
    digits: version.digits,
    period: version.period,
    counter: version.counter,
    createdAt: account.createdAt,
    updatedAt,
    groups: [...groups],
    favourite: account.favourite.value,
    note: account.note.value,
    lastUsedAt: account.lastUsedAt,
    icon: account.icon.value,
    position: account.position.value,
    conflict: keys.length > 1 ? { withVersions: keys.filter((_, other) => other !== index) } : null,
  }));
}

/**
 * Every account of a set of synced documents (id → account), in list order:
 * by position, then document id (ties from concurrent moves), then newest
 * code version first.
 */
export function viewSyncedAccounts(accounts: Readonly<Record<string, SyncedAccount>>): SyncedAccountView[] {
  const views = Object.keys(accounts)
    .sort()
    .flatMap((docId) => viewSyncedAccount(docId, accounts[docId] as SyncedAccount));
  // Array#sort is stable: within one document, versions stay newest first.
  return views.sort((a, b) => (a.position === b.position ? (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0) : a.position < b.position ? -1 : 1));
}

/** "Work (2)": a name made unique by a number, cut so it stays within the group name cap. */
function numberedName(name: string, n: number): string {
  const suffix = ` (${n})`;
  const room = INPUT_LIMITS.groupName - suffix.length;
  return countCodePoints(name) <= room ? name + suffix : [...name].slice(0, room).join('') + suffix;
}

/**
 * The group bar: live groups by position (then id), numbered 0..n-1 as
 * `VaultGroup`s. Two devices that each made a group "Work" at once made two
 * groups; the second (by position, then id) is shown as "Work (2)" so the
 * vault's rule (names unique ignoring case) holds and neither loses its accounts.
 */
export function viewSyncedGroups(list: SyncedGroups): VaultGroup[] {
  const live = Object.keys(list.groups)
    .filter((id) => isGroupLive(list.groups[id]!))
    .map((id) => ({ id, group: list.groups[id]! }))
    .sort((a, b) => {
      const pa = a.group.position.value;
      const pb = b.group.position.value;
      if (pa !== pb) return pa < pb ? -1 : 1;
      return a.id < b.id ? -1 : 1;
    });
  const taken = new Set<string>();
  return live.map(({ id, group }, order) => {
    let name = group.name.value;
    for (let n = 2; taken.has(name.toLocaleLowerCase('und')); n++) name = numberedName(group.name.value, n);
    taken.add(name.toLocaleLowerCase('und'));
    return { id: id as GroupId, name, order };
  });
}
