/**
 * Above the list (issue 12): how it is sorted, and why the cards cannot be
 * dragged when they cannot (sorted, a search narrows the list, or one group is shown).
 */
import { useId } from 'preact/hooks';
import { ACCOUNT_SORTS, type AccountSort } from '../../../shared/vault/sort-accounts';

/** What each sort is called. */
export const SORT_LABELS: Record<AccountSort, string> = { manual: 'My order', name: 'Account name', issuer: 'Issuer', lastUsed: 'Last used' };

/** Props of {@link ListTools}. */
export interface ListToolsProps {
  /** The current sort. */
  sort: AccountSort;
  /** Whether a search narrows the list. */
  searching: boolean;
  /** Whether the list shows one group or the favourites, not all accounts. */
  inGroup: boolean;
  /** The user chose another sort. */
  onSort(sort: AccountSort): void;
}

/** The sort control and the reorder hint. */
export function ListTools({ sort, searching, inGroup, onSort }: ListToolsProps) {
  const id = useId();
  const hint =
    sort !== 'manual'
      ? `Sorted by ${SORT_LABELS[sort].toLowerCase()}. Choose “${SORT_LABELS.manual}” to drag accounts into your own order.`
      : searching
        ? 'Clear the search to drag accounts into another order.'
        : inGroup
          ? 'Choose “All” to drag accounts into another order.'
          : 'Drag a card by its handle to move it.';
  return (
    <div class="list-tools">
      <label class="list-tools__sort" for={`${id}-sort`}>
        Sort by
        <select id={`${id}-sort`} class="list-tools__select" value={sort} onChange={(event) => onSort(event.currentTarget.value as AccountSort)}>
          {ACCOUNT_SORTS.map((value) => (
            <option key={value} value={value}>
              {SORT_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
      <p class="list-tools__hint">{hint}</p>
    </div>
  );
}
