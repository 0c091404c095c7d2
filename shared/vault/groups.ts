/**
 * Groups of accounts (issue 12): the pure rules. A group is a name and a
 * position; accounts name the groups they are in (`VaultAccount.groups`).
 * Every function returns a new list with positions 0..n-1, or throws an
 * AppError naming what is wrong; none touches storage.
 */
import { AppError } from '../errors';
import { readGroupName } from '../otp/organisation-fields';
import type { GroupId, VaultAccount } from './account';

/** A group of accounts, as the group bar shows it. */
export interface VaultGroup {
  /** Stable identity, a random UUID; accounts refer to it. */
  id: GroupId;
  /** Its name: sanitised like an account name, 1 to `INPUT_LIMITS.groupName` code points, unique ignoring case. */
  name: string;
  /** Its position in the group bar, 0..n-1. */
  order: number;
}

/** How many groups a vault may hold: far more than a bar can show, few enough to keep every list fast. */
export const MAX_GROUPS = 200;

/** Makes a fresh random {@link GroupId}. */
export function newGroupId(): GroupId {
  return crypto.randomUUID() as GroupId;
}

/** Whether two names are the same for the uniqueness rule: ignoring case ("Work" = "work"), not accents. */
function sameName(a: string, b: string): boolean {
  return a.toLocaleLowerCase('und') === b.toLocaleLowerCase('und');
}

function renumber(groups: readonly VaultGroup[]): VaultGroup[] {
  return groups.map((group, order) => ({ ...group, order }));
}

function assertNameFree(groups: readonly VaultGroup[], name: string, except?: GroupId): void {
  if (groups.some((group) => group.id !== except && sameName(group.name, name))) throw new AppError('group_name_taken', { name });
}

function indexOf(groups: readonly VaultGroup[], id: GroupId): number {
  const index = groups.findIndex((group) => group.id === id);
  if (index < 0) throw new AppError('group_not_found', { id });
  return index;
}

/** The groups in bar order. */
export function sortGroups(groups: readonly VaultGroup[]): VaultGroup[] {
  return [...groups].sort((a, b) => a.order - b.order);
}

/**
 * Adds a group named `name` at the end.
 *
 * @throws AppError `group_name_missing`, `input_too_long` (field `groupName`),
 *   `group_name_taken` (another group has this name, ignoring case), `groups_too_many`.
 */
export function addGroup(groups: readonly VaultGroup[], name: string, id: GroupId = newGroupId()): VaultGroup[] {
  const clean = readGroupName(name);
  if (groups.length >= MAX_GROUPS) throw new AppError('groups_too_many', { max: MAX_GROUPS });
  assertNameFree(groups, clean);
  return renumber([...sortGroups(groups), { id, name: clean, order: groups.length }]);
}

/**
 * Renames a group. Renaming to the same name in another case is allowed.
 *
 * @throws AppError `group_not_found`, and those of {@link addGroup} for the name.
 */
export function renameGroup(groups: readonly VaultGroup[], id: GroupId, name: string): VaultGroup[] {
  const clean = readGroupName(name);
  indexOf(groups, id);
  assertNameFree(groups, clean, id);
  return renumber(sortGroups(groups).map((group) => (group.id === id ? { ...group, name: clean } : group)));
}

/**
 * Removes a group from the list (the accounts in it stay; see {@link withoutGroup}).
 *
 * @throws AppError `group_not_found`.
 */
export function removeGroup(groups: readonly VaultGroup[], id: GroupId): VaultGroup[] {
  indexOf(groups, id);
  return renumber(sortGroups(groups).filter((group) => group.id !== id));
}

/**
 * Puts the groups in the order of `ids` (later repeats ignored); groups not
 * named keep their relative order after them (one added in another tab is not lost).
 *
 * @throws AppError `group_not_found` if an id is not a group.
 */
export function reorderGroups(groups: readonly VaultGroup[], ids: readonly GroupId[]): VaultGroup[] {
  const sorted = sortGroups(groups);
  const named = new Set<GroupId>();
  for (const id of ids) {
    indexOf(sorted, id);
    named.add(id);
  }
  const byId = new Map(sorted.map((group) => [group.id, group]));
  return renumber([...[...named].map((id) => byId.get(id)!), ...sorted.filter((group) => !named.has(group.id))]);
}

/** The account without group `id`, or the same object when it was not in it. */
export function withoutGroup(account: VaultAccount, id: GroupId): VaultAccount {
  return account.groups.includes(id) ? { ...account, groups: account.groups.filter((group) => group !== id) } : account;
}

/** The group named `name` (ignoring case), if any: how imports find a group by name. */
export function findGroupByName(groups: readonly VaultGroup[], name: string): VaultGroup | undefined {
  return groups.find((group) => sameName(group.name, name));
}

/**
 * The groups with one added at the end for each name not yet there (ignoring
 * case): how an import brings its file's groups in.
 *
 * @throws AppError as {@link addGroup} for a name that is not valid, or `groups_too_many`.
 */
export function withGroupsNamed(groups: readonly VaultGroup[], names: readonly string[]): VaultGroup[] {
  let result = sortGroups(groups);
  for (const name of names) if (!findGroupByName(result, name)) result = addGroup(result, name);
  return result;
}
