/**
 * The vault's entries in the `meta` store and the checks on them, shared by
 * the account repository and the move to a new database (vault-move.ts).
 */
import { AppError } from '../errors';
import type { AccountId } from '../vault/account';
import type { SealedAccountRecord } from '../vault/sealed-account';
import type { VaultHeader, VaultSnapshot } from '../vault/vault';

/** Keys of the vault's entries in the `meta` store. */
export const META_KEYS = {
  header: 'vault.header',
  attempts: 'vault.unlockAttempts',
  settings: 'vault.settings',
  /** The sealed group list (`SealedGroupsRecord`, issue 12). */
  groups: 'vault.groups',
} as const;

/** The `meta` entries a move to a new database takes along (the header is new; a new lock starts with no failures). */
export const COPIED_META_KEYS: readonly string[] = [META_KEYS.settings];

/** The stored header if it has the header's shape; `vault_corrupt` for anything else stored under its key. */
export function asHeader(value: unknown): VaultHeader | undefined {
  if (value === undefined) return undefined;
  const header = value as Partial<VaultHeader>;
  if (
    typeof value !== 'object' ||
    value === null ||
    header.version !== 1 ||
    typeof header.revision !== 'number' ||
    typeof header.keyId !== 'string' ||
    !Array.isArray(header.slots)
  ) {
    throw new AppError('vault_corrupt', { reason: 'header' });
  }
  return value as VaultHeader;
}

/** Whether the stored header and records (positions too) are still those a re-key read. */
export function isUnchanged(
  snapshot: VaultSnapshot,
  header: VaultHeader | undefined,
  current: readonly SealedAccountRecord[],
  unsealedIds: readonly AccountId[],
  groupsIv: Uint8Array | undefined,
): boolean {
  if (header?.revision !== snapshot.header?.revision) return false;
  if (!sameOptionalBytes(groupsIv, snapshot.groups?.iv)) return false;
  if (current.length !== snapshot.sealed.length || unsealedIds.length !== snapshot.unsealed.length) return false;
  // Every write of an account draws a fresh nonce, so an unchanged nonce means an unchanged record.
  const read = new Map(snapshot.sealed.map((record) => [record.id, record]));
  const sameRecords = current.every((record) => {
    const before = read.get(record.id);
    return before !== undefined && before.order === record.order && sameBytes(before.iv, record.iv);
  });
  const legacy = new Set(snapshot.unsealed.map((account) => account.id));
  return sameRecords && unsealedIds.every((id) => legacy.has(id));
}

/** Whether two optional byte arrays are both absent or hold the same bytes. */
export function sameOptionalBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a === undefined || b === undefined ? a === b : sameBytes(a, b);
}

/** Whether two byte arrays hold the same bytes. */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

