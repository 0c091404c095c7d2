/** The reminder to make a backup (`needsBackupReminder`): a card above the list, dismissible for a week. */
import { Icon } from '../components/Icon';

/** Props of {@link BackupReminder}. */
export interface BackupReminderProps {
  /** How many accounts were added since the last backup. */
  added: number;
  /** When the last backup was made, as shown ("14 Mar 2025"), or null for never. */
  lastBackup: string | null;
  /** Opens Back up / Export. */
  onBackUp(): void;
  /** Hides the reminder for a while. */
  onLater(): void;
}

/** "Make a backup". */
export function BackupReminder({ added, lastBackup, onBackUp, onLater }: BackupReminderProps) {
  return (
    <aside class="notice-card notice-card--warning" aria-labelledby="backup-reminder-title">
      <span class="notice-card__icon" aria-hidden="true">
        <Icon name="install" />
      </span>
      <div class="notice-card__body">
        <h2 id="backup-reminder-title">Make a backup</h2>
        <p>
          {added} account{added === 1 ? ' was' : 's were'} added since {lastBackup ? `your last backup (${lastBackup})` : 'you started'}.
          If this device is lost or reset, a backup is how you get them back.
        </p>
        <div class="notice-card__actions">
          <button type="button" class="btn btn--filled btn--small" onClick={onBackUp}>
            Back up now
          </button>
          <button type="button" class="btn btn--text btn--small" onClick={onLater}>
            Later
          </button>
        </div>
      </div>
    </aside>
  );
}
