/**
 * The stored records that do not decrypt (finding 10): listed above the codes,
 * with what the person can do. The other accounts work as usual; nothing here
 * is deleted without a confirmation, and nothing overwrites these records.
 */
import { useState } from 'preact/hooks';
import type { DamagedAccount } from '../../../shared/storage/account-repository';
import { DeleteConfirm } from '../components/DeleteConfirm';
import { formatDate } from '../model/format-date';

/** Props of {@link DamagedAccounts}. */
export interface DamagedAccountsProps {
  /** The damaged records, in list order. */
  damaged: readonly DamagedAccount[];
  /** Deletes one, after the person confirmed; a rejection's message is shown in the confirmation. */
  onDelete(record: DamagedAccount): Promise<void>;
  /** Opens Import, to restore from a backup. */
  onRestore(): void;
}

/** How a damaged record is named: nothing but its date is known in the clear. */
function damagedAccountName(record: DamagedAccount): string {
  return `Damaged account added on ${formatDate(record.createdAt)}`;
}

/** "2 accounts could not be opened", the entries, and the way out. */
export function DamagedAccounts({ damaged, onDelete, onRestore }: DamagedAccountsProps) {
  const [confirming, setConfirming] = useState<DamagedAccount | null>(null);
  const n = damaged.length;
  return (
    <section class="damaged" aria-labelledby="damaged-title">
      <h2 id="damaged-title">{n === 1 ? '1 account could not be opened' : `${n} accounts could not be opened`}</h2>
      <p>
        {n === 1 ? 'Its saved data is' : 'Their saved data is'} damaged or was altered, so no code can be shown for{' '}
        {n === 1 ? 'it' : 'them'}. Your other accounts are not affected. Restore {n === 1 ? 'it' : 'them'} from a backup, or
        delete the damaged {n === 1 ? 'entry' : 'entries'} (then add the account again from the service's settings).
      </p>
      <ul class="damaged__list" aria-label="Damaged entries">
        {damaged.map((record) => (
          <li key={record.id} class="damaged__item">
            <span>{damagedAccountName(record)}</span>
            <button type="button" class="btn btn--text" aria-label={`Delete ${damagedAccountName(record)}`} onClick={() => setConfirming(record)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="btn btn--tonal" onClick={onRestore}>
        Restore from a backup
      </button>
      {confirming && (
        <DeleteConfirm
          name={damagedAccountName(confirming)}
          issuer=""
          onConfirm={async () => {
            await onDelete(confirming);
            setConfirming(null);
          }}
          onCancel={() => setConfirming(null)}
        />
      )}
    </section>
  );
}
