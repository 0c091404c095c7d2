/**
 * The step between reading a file and writing it: what will be added, what
 * is already there (skipped), and what could not be read and why. Nothing is
 * written until {@link applyImport}, which writes everything in one
 * transaction or nothing.
 */
import type { OtpAccount, OtpParams } from '../otp/types';
import { createVaultAccount, duplicateKey, type VaultAccount } from './account';
import type { ImportFormat, ParsedImport, UnreadableEntry } from './formats/types';
import { assertImportEntryCount, assertVaultSize } from './import-limits';

/** An entry of the file skipped because its secret is already stored, or repeated in the file. */
export interface DuplicateEntry {
  /** The entry as read. */
  account: OtpAccount;
  /** `stored`: the vault has it; `file`: an earlier entry of the same file has it. */
  of: 'stored' | 'file';
  /** For `stored`: the name under which the vault has it. */
  existing?: { issuer: string; label: string };
}

/** What an import will do. */
export interface ImportPreview {
  /** The file's format. */
  format: ImportFormat;
  /** The accounts that will be added, in the file's order. */
  toAdd: OtpAccount[];
  /** The entries skipped as duplicates (same type and secret, see `isSameAccount`). */
  duplicates: DuplicateEntry[];
  /** The entries that could not be read, and why. */
  unreadable: UnreadableEntry[];
}

/**
 * Sorts a read file's accounts into new ones and duplicates (of a stored
 * account, or of an earlier entry of the file). Pure: nothing is written.
 * Linear in the file and the vault: one Map of the stored accounts' identity
 * (`duplicateKey`), one of the file's.
 *
 * @param parsed The file as read (`readImportFile`, `mergeMigrationBatches`).
 * @param existing The accounts already stored.
 * @throws AppError `import_limit_exceeded` when the file has more entries than
 *   `IMPORT_LIMITS.entries`, or the vault would hold more than `IMPORT_LIMITS.vaultAccounts`.
 */
export function previewImport(
  parsed: ParsedImport,
  existing: readonly (Pick<OtpParams, 'type' | 'secret'> & { issuer: string; label: string })[],
): ImportPreview {
  assertImportEntryCount(parsed.accounts.length + parsed.unreadable.length, parsed.format);
  const stored = new Map<string, { issuer: string; label: string }>();
  for (const account of existing) {
    const key = duplicateKey(account);
    if (!stored.has(key)) stored.set(key, { issuer: account.issuer, label: account.label });
  }
  const inFile = new Set<string>();
  const toAdd: OtpAccount[] = [];
  const duplicates: DuplicateEntry[] = [];
  for (const account of parsed.accounts) {
    const key = duplicateKey(account);
    const same = stored.get(key);
    if (same) {
      duplicates.push({ account, of: 'stored', existing: { issuer: same.issuer, label: same.label } });
    } else if (inFile.has(key)) {
      duplicates.push({ account, of: 'file' });
    } else {
      inFile.add(key);
      toAdd.push(account);
    }
  }
  assertVaultSize(existing.length, toAdd.length, parsed.format);
  return { format: parsed.format, toAdd, duplicates, unreadable: parsed.unreadable.slice() };
}

/** The one repository method an import writes with. */
export interface ImportTarget {
  /** Stores accounts at the end of the list, all or none. */
  addMany(accounts: readonly VaultAccount[]): Promise<VaultAccount[]>;
}

/**
 * Writes the preview's new accounts in one transaction: either all of them
 * are stored, or (the write failed midway) none, and the vault is as it was.
 * Resolves to the stored accounts ([] when there was nothing to add).
 *
 * @param now The current time (ms): the accounts' `createdAt`.
 * @throws AppError from the repository (`storage_write_failed`, `storage_quota_exceeded`, `vault_locked`...).
 */
export async function applyImport(preview: ImportPreview, repository: ImportTarget, now: number): Promise<VaultAccount[]> {
  if (preview.toAdd.length === 0) return [];
  return repository.addMany(preview.toAdd.map((account) => createVaultAccount(account, now)));
}
