/**
 * What the group bar shows (issue 12): all accounts, the favourites, or one
 * group's; favourites pinned above the rest. Pure and linear, so switching
 * view with a thousand accounts costs one pass.
 */
import type { GroupId, VaultAccount } from './account';

/** A tab of the group bar: every account, the favourites, or a group (by id). */
export type AccountView = { kind: 'all' } | { kind: 'favourites' } | { kind: 'group'; id: GroupId };

/** The accounts a view shows, in their order. */
export function filterByView<T extends Pick<VaultAccount, 'favourite' | 'groups'>>(accounts: readonly T[], view: AccountView): readonly T[] {
  if (view.kind === 'all') return accounts;
  if (view.kind === 'favourites') return accounts.filter((account) => account.favourite);
  return accounts.filter((account) => account.groups.includes(view.id));
}

/** The favourites first, then the rest, each keeping its order (the list's pinning). */
export function pinFavourites<T extends Pick<VaultAccount, 'favourite'>>(accounts: readonly T[]): readonly T[] {
  if (!accounts.some((account) => account.favourite)) return accounts;
  return [...accounts.filter((account) => account.favourite), ...accounts.filter((account) => !account.favourite)];
}
