/**
 * What the ciphertext of the group list's document holds: every group by id,
 * its name and its position each stamped, and its deletion. One document for
 * the whole list (there are at most a couple of hundred groups), merged group
 * by group and field by field (merge.ts), so renaming one group on a device
 * and moving another on a second both stick.
 */
import { countCodePoints } from '../otp/account-fields';
import { INPUT_LIMITS } from '../otp/input-limits';
import { isPosition } from './position';
import { isStamp, type Stamp } from './stamp';
import type { Stamped } from './synced-account';

/** One group as it syncs. */
export interface SyncedGroup {
  /** Its name, sanitised as the vault's group names (at most `INPUT_LIMITS.groupName` code points). */
  name: Stamped<string>;
  /** Its place in the group bar: a fractional position (position.ts); ties by group id. */
  position: Stamped<string>;
  /** Its deletion, or null; a rename or move written after it brings the group back. */
  deleted: Stamp | null;
}

/** The payload format version of the group list: 1 is written and read. */
export const SYNCED_GROUPS_VERSION = 1;

/** The group list as the sync server stores it, inside the ciphertext. */
export interface SyncedGroups {
  /** Payload format version. */
  v: typeof SYNCED_GROUPS_VERSION;
  /** Every group ever synced, deleted ones included (their deletion must win over older copies), by id; keys sorted. */
  groups: Record<string, SyncedGroup>;
}

/** An empty group list, the starting point of every device. */
export function emptySyncedGroups(): SyncedGroups {
  return { v: SYNCED_GROUPS_VERSION, groups: {} };
}

/** Whether `value` is a well-formed {@link SyncedGroup}. */
function isSyncedGroup(value: unknown): value is SyncedGroup {
  if (typeof value !== 'object' || value === null) return false;
  const g = value as Partial<SyncedGroup>;
  const name = g.name?.value;
  return (
    isStamp(g.name) &&
    typeof name === 'string' &&
    name.length <= INPUT_LIMITS.groupName * 2 &&
    countCodePoints(name) <= INPUT_LIMITS.groupName &&
    isStamp(g.position) &&
    isPosition(g.position.value) &&
    (g.deleted === null || isStamp(g.deleted))
  );
}

/** Whether `value` is a well-formed {@link SyncedGroups}. */
export function isSyncedGroups(value: unknown): value is SyncedGroups {
  if (typeof value !== 'object' || value === null) return false;
  const list = value as Partial<SyncedGroups>;
  return (
    list.v === SYNCED_GROUPS_VERSION &&
    typeof list.groups === 'object' &&
    list.groups !== null &&
    !Array.isArray(list.groups) &&
    Object.values(list.groups).every(isSyncedGroup)
  );
}
