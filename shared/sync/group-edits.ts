/**
 * The writes one device makes to the synced group list: each returns a new
 * {@link SyncedGroups} with the changed fields stamped. Names pass the
 * vault's `readGroupName` (sanitised, within the cap); the uniqueness of
 * names is the vault's rule before the write, and views.ts keeps it after
 * a merge.
 */
import { AppError } from '../errors';
import { readGroupName } from '../otp/organisation-fields';
import type { SyncWriter } from './account-edits';
import { isGroupLive } from './merge';
import { newerStamp, stampAfter, type Stamp } from './stamp';
import type { SyncedGroup, SyncedGroups } from './synced-groups';

function withGroup(list: SyncedGroups, id: string, group: SyncedGroup): SyncedGroups {
  const groups: Record<string, SyncedGroup> = {};
  for (const key of [...new Set([...Object.keys(list.groups), id])].sort()) groups[key] = key === id ? group : list.groups[key]!;
  return { ...list, groups };
}

function liveGroup(list: SyncedGroups, id: string): SyncedGroup {
  const group = list.groups[id];
  if (!group || !isGroupLive(group)) throw new AppError('group_not_found', { id });
  return group;
}

/**
 * Adds a group (id chosen by the caller, a random UUID) at `position`.
 *
 * @throws AppError from `readGroupName` (`group_name_missing`, `input_too_long`).
 */
export function addSyncedGroup(list: SyncedGroups, id: string, name: string, position: string, writer: SyncWriter): SyncedGroups {
  const clean = readGroupName(name);
  const stamp: Stamp = { updatedAt: writer.now, deviceId: writer.deviceId };
  return withGroup(list, id, { name: { ...stamp, value: clean }, position: { ...stamp, value: position }, deleted: null });
}

/**
 * Renames a group.
 *
 * @throws AppError `group_not_found`, or from `readGroupName`.
 */
export function renameSyncedGroup(list: SyncedGroups, id: string, name: string, writer: SyncWriter): SyncedGroups {
  const group = liveGroup(list, id);
  const clean = readGroupName(name);
  if (clean === group.name.value) return list;
  return withGroup(list, id, { ...group, name: { ...stampAfter(group.name, writer.now, writer.deviceId), value: clean } });
}

/**
 * Moves a group to `position` (position.ts: `positionBetween` its new neighbours).
 *
 * @throws AppError `group_not_found`.
 */
export function moveSyncedGroup(list: SyncedGroups, id: string, position: string, writer: SyncWriter): SyncedGroups {
  const group = liveGroup(list, id);
  if (position === group.position.value) return list;
  return withGroup(list, id, { ...group, position: { ...stampAfter(group.position, writer.now, writer.deviceId), value: position } });
}

/**
 * Deletes a group: a tombstone after every write of it this device has seen.
 * Accounts keep their membership flag; a deleted group is not shown, as in the vault.
 *
 * @throws AppError `group_not_found`.
 */
export function deleteSyncedGroup(list: SyncedGroups, id: string, writer: SyncWriter): SyncedGroups {
  const group = liveGroup(list, id);
  const seen = newerStamp(newerStamp(group.name, group.position), group.deleted);
  return withGroup(list, id, { ...group, deleted: stampAfter(seen, writer.now, writer.deviceId) });
}
