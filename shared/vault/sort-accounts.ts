/**
 * How the list is sorted (issue 12): the stored (manual) order, by name, by
 * issuer, or by last use. Pure; the PWA sorts the accounts it shows with {@link sortAccounts}.
 */
import type { VaultAccount } from './account';
import { compareByLastUsed } from './last-used';

/**
 * The list's sort order: `manual` is the order the user gave (the stored
 * `order`); `name` and `issuer` sort alphabetically, locale-aware and
 * case-insensitive; `lastUsed` puts the account whose code was copied or
 * revealed most recently first.
 */
export type AccountSort = 'manual' | 'name' | 'issuer' | 'lastUsed';

/** Every {@link AccountSort}, in the order the UI offers them. */
export const ACCOUNT_SORTS: readonly AccountSort[] = ['manual', 'name', 'issuer', 'lastUsed'];

/** The default sort: the user's own order. */
export const DEFAULT_ACCOUNT_SORT: AccountSort = 'manual';

/** Whether `value` is an {@link AccountSort} (settings read back from storage may be anything). */
export function isAccountSort(value: unknown): value is AccountSort {
  return typeof value === 'string' && (ACCOUNT_SORTS as readonly string[]).includes(value);
}

// Base sensitivity: case (and accent) variants compare equal, so ties fall to the other
// name and then the id; numeric: "Account 2" sorts before "Account 10".
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

type Sortable = Pick<VaultAccount, 'id' | 'issuer' | 'label' | 'order' | 'lastUsedAt'>;

/**
 * Compares two accounts for `sort`. `name` compares the account names, then the
 * issuers; `issuer` the issuers, then the names; both end with the id, so the
 * order is total and stable whatever the input order. An empty name sorts last,
 * not first (an account known only by its issuer is not "A").
 */
export function compareAccounts(sort: AccountSort, a: Sortable, b: Sortable): number {
  if (sort === 'manual') return a.order - b.order || compareText(a.id, b.id);
  if (sort === 'lastUsed') return compareByLastUsed(a, b) || compareText(a.id, b.id);
  const [first, second] = sort === 'name' ? (['label', 'issuer'] as const) : (['issuer', 'label'] as const);
  return compareName(a[first], b[first]) || compareName(a[second], b[second]) || compareText(a.id, b.id);
}

/**
 * Returns the accounts sorted by `sort`, as a new array; for `manual` the
 * accounts as given (the app keeps them in stored order), without copying.
 */
export function sortAccounts<T extends Sortable>(accounts: readonly T[], sort: AccountSort): readonly T[] {
  if (sort === 'manual') return accounts;
  return [...accounts].sort((a, b) => compareAccounts(sort, a, b));
}

function compareName(a: string, b: string): number {
  if (a === '' || b === '') return (a === '' ? 1 : 0) - (b === '' ? 1 : 0);
  return collator.compare(a, b);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
