import { ADMIN_MFA_FILTERS, type AdminMfaCounts, type AdminMfaFilter } from '../../../shared/portal/admin-search';
import { MFA_FILTER_LABELS } from './admins-view';

/** Props of {@link MfaStatusFilter}. */
export interface MfaStatusFilterProps {
  /** The status chosen. */
  value: AdminMfaFilter;
  /** How many admins (of those the search matches) are in each state; null while they are counted. */
  counts: AdminMfaCounts | null;
  /** A status was chosen. */
  onChange(filter: AdminMfaFilter): void;
}

const count = new Intl.NumberFormat('en-US');

/**
 * The Admins tab's MFA status filter: a labelled group of radio buttons (one
 * tab stop; the arrow keys move between choices, as for any radio group),
 * each with its count, which a screen reader reads with the label
 * ("Disabled, 3 admins").
 */
export function MfaStatusFilter({ value, counts, onChange }: MfaStatusFilterProps) {
  return (
    <fieldset class="status-filter">
      <legend class="field__label">Show admins by MFA status</legend>
      <div class="status-filter__choices">
        {ADMIN_MFA_FILTERS.map((filter) => {
          const n = counts?.[filter];
          return (
            <label key={filter} class="status-filter__choice">
              <input
                type="radio"
                name="mfa-status"
                value={filter}
                checked={value === filter}
                onChange={() => onChange(filter)}
              />
              {n === undefined ? (
                <span>{MFA_FILTER_LABELS[filter]}</span>
              ) : (
                <>
                  {/* Read as one phrase ("Disabled, 3 admins"); seen as the label and a count badge. */}
                  <span class="sr-only">{`${MFA_FILTER_LABELS[filter]}, ${count.format(n)} admin${n === 1 ? '' : 's'}`}</span>
                  <span aria-hidden="true">{MFA_FILTER_LABELS[filter]}</span>
                  <span class="status-filter__count" aria-hidden="true">
                    {count.format(n)}
                  </span>
                </>
              )}
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
