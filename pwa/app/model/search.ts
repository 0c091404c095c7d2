/** Filtering accounts by what the user types in the search box. */
import type { VaultAccount } from '../../../shared/vault/account';

/** Lower case without accents, so "zurich" finds "Zürich". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The accounts whose issuer or account name contains every word of `query`
 * (case- and accent-insensitive), in their order; all of them for a blank query.
 */
export function filterAccounts(accounts: readonly VaultAccount[], query: string): readonly VaultAccount[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return accounts;
  return accounts.filter((account) => {
    const haystack = fold(`${account.issuer} ${account.label}`);
    return words.every((word) => haystack.includes(word));
  });
}
