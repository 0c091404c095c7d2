/**
 * Sealing the group list (see sealed-groups.ts for the record). Apart from
 * opening it, so that only the code that writes groups (group-writes.ts,
 * turning the lock on) fetches it.
 */
import { encryptAesGcm } from './aes-gcm';
import { utf8Encode } from './bytes';
import type { VaultGroup } from './groups';
import type { MasterKey } from './master-key';
import { GROUPS_ADDITIONAL_DATA, type SealedGroupsRecord } from './sealed-groups';

/** Seals the group list under the master key with a fresh nonce. */
export async function sealGroups(groups: readonly VaultGroup[], masterKey: MasterKey): Promise<SealedGroupsRecord> {
  const plaintext = utf8Encode(JSON.stringify({ v: 1, groups: groups.map(({ id, name, order }) => ({ id, name, order })) }));
  try {
    const { iv, ciphertext } = await encryptAesGcm(masterKey.key, plaintext, GROUPS_ADDITIONAL_DATA);
    return { keyId: masterKey.id, iv, ciphertext };
  } finally {
    plaintext.fill(0);
  }
}

