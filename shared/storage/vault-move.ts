/**
 * Turning the lock on moves the vault to a new database: steps 1 to 5 of
 * vault-generations.ts, in order. Its own module, loaded with import() when
 * the lock is turned on (once per device), so the app's first chunk stays small.
 */
import { AppError } from '../errors';
import type { SealedAccountRecord } from '../vault/sealed-account';
import { isSealedGroupsRecord, type SealedGroupsRecord } from '../vault/sealed-groups';
import type { VaultHeader, VaultSnapshot } from '../vault/vault';
import { asHeader, COPIED_META_KEYS, isUnchanged, META_KEYS } from './vault-meta';
import { openAuthenticatorDbNamed, type AuthenticatorDb } from './authenticator-db';
import type { DbRunner } from './db-runner';
import { discardGenerations, MOVED_TO_KEY, parseGenerationName, pointToGeneration, withMoveLock } from './vault-generations';
import { beginMove, writeGeneration } from './vault-move-steps';

/**
 * Replaces the vault open in `runner` by `next`, in a new database, and deletes the old one
 * (see vault-generations.ts). Rejects with `vault_busy`, changing nothing the next open would
 * use, if the header or a record changed since `snapshot` was read.
 */
export async function moveVault(
  runner: DbRunner<AuthenticatorDb>,
  snapshot: VaultSnapshot,
  next: { header: VaultHeader; records: SealedAccountRecord[]; groups?: SealedGroupsRecord },
): Promise<void> {
  const currentName = await runner.read(['meta'], 'rekeyVault', async (tx) => tx.db.name);
  const { family } = parseGenerationName(currentName);
  await withMoveLock(family, async () => {
    const kept = await runner.read(['meta'], 'rekeyVault', async (tx) => {
      const meta = tx.objectStore('meta');
      const [keys, values] = await Promise.all([meta.getAllKeys(), meta.getAll()]);
      return keys.map((key, i) => [key, values[i]] as const).filter(([key]) => COPIED_META_KEYS.includes(key));
    });
    const nextName = await beginMove(currentName);
    await writeGeneration(nextName, openAuthenticatorDbNamed, async (tx) => {
      const meta = tx.objectStore('meta');
      const accounts = tx.objectStore('accounts');
      await Promise.all([
        ...kept.map(async ([key, value]) => meta.put(value, key)),
        meta.put(next.header, META_KEYS.header),
        ...(next.groups ? [meta.put(next.groups, META_KEYS.groups)] : []),
        ...next.records.map(async (record) => accounts.put(record)),
      ]);
    });
    // Step 3, the commit point: from here on the old database only points to the new one.
    await runner.write(['meta', 'accounts', 'unsealedAccounts'], 'rekeyVault', async (tx) => {
      const meta = tx.objectStore('meta');
      const [header, current, unsealedIds, moved, groups] = await Promise.all([
        meta.get(META_KEYS.header),
        tx.objectStore('accounts').getAll(),
        tx.objectStore('unsealedAccounts').getAllKeys(),
        meta.get(MOVED_TO_KEY),
        meta.get(META_KEYS.groups),
      ]);
      if (tx.db.name !== currentName || moved !== undefined || !isUnchanged(snapshot, asHeader(header), current, unsealedIds, isSealedGroupsRecord(groups) ? groups.iv : undefined)) {
        throw new AppError('vault_busy');
      }
      await meta.put(nextName, MOVED_TO_KEY);
    });
    await pointToGeneration(currentName, nextName);
    await runner.close();
    await discardGenerations(family);
  });
}
