/**
 * The step between reading a file and writing it: what will be added, what
 * is already there (skipped), and what could not be read and why. Nothing is
 * written until {@link applyImport}, which writes everything in one
 * transaction or nothing.
 */
import type { OtpAccount, OtpParams } from '../otp/types';
import { createVaultAccount, duplicateKey, type VaultAccount } from './account';
import { FORMAT_CARRIES, fieldsDroppedBy, type ImportedAccount, type ImportFormat, type OrganisingField, type ParsedImport, type UnreadableEntry } from './formats/types';
import { findGroupByName, type VaultGroup } from './groups';
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
  /** The accounts that will be added, in the file's order, with their organisation. */
  toAdd: ImportedAccount[];
  /** The file's groups, in its order (those already stored are matched by name and not made twice). */
  groupNames: string[];
  /** Of {@link groupNames}, those that will be made. */
  newGroupNames: string[];
  /** What the format keeps of how accounts are organised (issue 12): the preview says so. */
  keeps: readonly OrganisingField[];
  /** What the format cannot carry: the preview names it. */
  cannotCarry: readonly OrganisingField[];
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
  groups: readonly VaultGroup[] = [],
): ImportPreview {
  assertImportEntryCount(parsed.accounts.length + parsed.unreadable.length, parsed.format);
  const stored = new Map<string, { issuer: string; label: string }>();
  for (const account of existing) {
    const key = duplicateKey(account);
    if (!stored.has(key)) stored.set(key, { issuer: account.issuer, label: account.label });
  }
  const inFile = new Set<string>();
  const toAdd: ImportedAccount[] = [];
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
  const groupNames = [...new Set([...(parsed.groupNames ?? []), ...toAdd.flatMap((account) => account.groupNames ?? [])])];
  return {
    format: parsed.format,
    toAdd,
    duplicates,
    unreadable: parsed.unreadable.slice(),
    groupNames,
    newGroupNames: groupNames.filter((name) => !findGroupByName(groups, name)),
    keeps: FORMAT_CARRIES[parsed.format],
    cannotCarry: fieldsDroppedBy(parsed.format),
  };
}

/** The repository methods an import writes with. */
export interface ImportTarget {
  /** Stores accounts at the end of the list, all or none. */
  addMany(accounts: readonly VaultAccount[]): Promise<VaultAccount[]>;
  /** Stores accounts in groups named, making missing groups, all in one transaction (see `AccountRepository`). */
  addManyToGroups?(accounts: readonly VaultAccount[], groupNames: readonly (readonly string[])[], extraGroupNames?: readonly string[]): Promise<VaultAccount[]>;
}

/** A new account from an imported one: the OTP fields through `createVaultAccount`, then its favourite, note, last use and icon. */
function toVaultAccount(account: ImportedAccount, now: number): VaultAccount {
  return {
    ...createVaultAccount(account, now),
    favourite: account.favourite ?? false,
    note: account.note ?? '',
    lastUsedAt: account.lastUsedAt ?? null,
    icon: account.icon ?? null,
  };
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
  const accounts = preview.toAdd.map((account) => toVaultAccount(account, now));
  if (preview.groupNames.length > 0 && repository.addManyToGroups) {
    return repository.addManyToGroups(
      accounts,
      preview.toAdd.map((account) => account.groupNames ?? []),
      preview.groupNames,
    );
  }
  if (accounts.length === 0) return [];
  return repository.addMany(accounts);
}
