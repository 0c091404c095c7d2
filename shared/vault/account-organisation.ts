/** Changing how an account is organised (issue 12): its groups, favourite and note. */
import { readAccountNote } from '../otp/organisation-fields';
import type { AccountOrganisation, VaultAccount } from './account';

/**
 * Returns `account` with the changed organisation: groups (repeats dropped),
 * favourite, and note (read with `readAccountNote`). Only the given fields change.
 *
 * @param now The current time in milliseconds; becomes `updatedAt`.
 * @throws AppError `input_too_long` (field `note`) or `label_invalid` for a bad note.
 */
export function organiseVaultAccount(account: VaultAccount, change: Partial<AccountOrganisation>, now: number): VaultAccount {
  return {
    ...account,
    groups: change.groups ? [...new Set(change.groups)] : account.groups,
    favourite: change.favourite ?? account.favourite,
    note: change.note === undefined ? account.note : readAccountNote(change.note),
    updatedAt: now,
  };
}

