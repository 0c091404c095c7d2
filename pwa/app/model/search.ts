/** Filtering accounts by what the user types in the search box. */
import type { GroupId, VaultAccount } from '../../../shared/vault/account';

/** Lower case without accents, so "zurich" finds "Zürich". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The accounts whose issuer, account name, note or group names contain every
 * word of `query` (case- and accent-insensitive), in their order; all of them
 * for a blank query.
 *
 * @param groupNames The name of each group by id (a deleted group's id is skipped).
 */
export function filterAccounts(
  accounts: readonly VaultAccount[],
  query: string,
  groupNames: ReadonlyMap<GroupId, string> = new Map(),
): readonly VaultAccount[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return accounts;
  return accounts.filter((account) => {
    const groups = account.groups.map((id) => groupNames.get(id) ?? '').join(' ');
    const haystack = fold(`${account.issuer} ${account.label} ${account.note} ${groups}`);
    return words.every((word) => haystack.includes(word));
  });
}
