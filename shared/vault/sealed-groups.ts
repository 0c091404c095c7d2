/**
 * How the group list is stored (issue 12): one record, the whole list as one
 * AES-256-GCM ciphertext under the master key, like an account. Nothing of a
 * group (not even how many there are, beyond the ciphertext's length) is in
 * the clear, so a raw dump of a locked vault shows no group name.
 */
import { decryptAesGcm } from './aes-gcm';
import { utf8Decode, utf8Encode, type Bytes } from './bytes';
import type { GroupId } from './account';
import type { VaultGroup } from './groups';
import type { MasterKey } from './master-key';

/** The group list sealed for storage (the `meta` store, key `vault.groups`). */
export interface SealedGroupsRecord {
  /** Id of the master key it is sealed with. */
  keyId: string;
  /** The 12-byte GCM nonce, fresh on every write (two tabs compare it to detect each other's writes). */
  iv: Bytes;
  /** `{ v: 1, groups: [{ id, name, order }] }` as JSON, sealed, tag appended. */
  ciphertext: Bytes;
}

/** Binds the ciphertext to its purpose, so an account's ciphertext cannot be passed off as the group list. */
export const GROUPS_ADDITIONAL_DATA = utf8Encode('acme-authenticator/vault/groups/v1');

function isGroup(value: unknown): value is VaultGroup {
  const group = value as Partial<VaultGroup> | null;
  return typeof group === 'object' && group !== null && typeof group.id === 'string' && typeof group.name === 'string' && typeof group.order === 'number';
}

/** Whether `value` has the shape of a stored {@link SealedGroupsRecord}. */
export function isSealedGroupsRecord(value: unknown): value is SealedGroupsRecord {
  const record = value as Partial<SealedGroupsRecord> | null;
  return typeof record === 'object' && record !== null && typeof record.keyId === 'string' && record.iv instanceof Uint8Array && record.ciphertext instanceof Uint8Array;
}

/**
 * Opens the stored group list: [] when none was ever stored, undefined when it
 * does not open (another key, damaged or altered bytes, not a group list).
 */
export async function openSealedGroups(record: unknown, masterKey: MasterKey): Promise<VaultGroup[] | undefined> {
  if (record === undefined) return [];
  if (!isSealedGroupsRecord(record) || record.keyId !== masterKey.id) return undefined;
  const plaintext = await decryptAesGcm(masterKey.key, record, GROUPS_ADDITIONAL_DATA);
  if (!plaintext) return undefined;
  try {
    const payload = JSON.parse(utf8Decode(plaintext) ?? '') as { v?: unknown; groups?: unknown };
    if (payload.v !== 1 || !Array.isArray(payload.groups) || !payload.groups.every(isGroup)) return undefined;
    return (payload.groups as VaultGroup[])
      .map((group) => ({ id: group.id as GroupId, name: group.name, order: group.order }))
      .sort((a, b) => a.order - b.order);
  } catch {
    return undefined;
  } finally {
    plaintext.fill(0);
  }
}
