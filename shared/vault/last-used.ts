/** The "last used" sort (issue 12): pure, for the list's sort menu. */
import type { VaultAccount } from './account';

/**
 * Orders accounts by when a code was last copied or revealed, most recent
 * first; accounts never used come after, in the user's order. A comparator
 * for `Array.prototype.sort` (which is stable).
 */
export function compareByLastUsed(a: Pick<VaultAccount, 'lastUsedAt' | 'order'>, b: Pick<VaultAccount, 'lastUsedAt' | 'order'>): number {
  if (a.lastUsedAt !== b.lastUsedAt) {
    if (a.lastUsedAt === null) return 1;
    if (b.lastUsedAt === null) return -1;
    return b.lastUsedAt - a.lastUsedAt;
  }
  return a.order - b.order;
}
