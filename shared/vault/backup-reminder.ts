/** When to remind a person to make a backup: a pure decision over times the UI passes in. */

/** Days without a backup after which new accounts prompt a reminder. */
export const BACKUP_REMINDER_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the reminder looks at. */
export interface BackupReminderInput {
  /** When the last backup (any export) was made, in ms, or null if never. */
  lastBackupAt: number | null;
  /** How many accounts were added since then (all of them when there never was a backup). */
  accountsAddedSince: number;
  /** The current time in ms. */
  now: number;
}

/**
 * Whether to show "Make a backup": accounts were added since the last backup
 * and no backup was made in the last 30 days (or ever).
 *
 * | added since | last backup         | remind |
 * | ----------- | ------------------- | ------ |
 * | 0           | any                 | no     |
 * | 1 or more   | never               | yes    |
 * | 1 or more   | < 30 days ago       | no     |
 * | 1 or more   | 30 days ago or more | yes    |
 */
export function needsBackupReminder({ lastBackupAt, accountsAddedSince, now }: BackupReminderInput): boolean {
  if (!(accountsAddedSince > 0)) return false;
  return lastBackupAt === null || now - lastBackupAt >= BACKUP_REMINDER_DAYS * DAY_MS;
}

/** How many of `accounts` were added after `lastBackupAt` (all of them when it is null). */
export function countAccountsAddedSince(accounts: readonly { createdAt: number }[], lastBackupAt: number | null): number {
  return lastBackupAt === null ? accounts.length : accounts.filter((account) => account.createdAt > lastBackupAt).length;
}
