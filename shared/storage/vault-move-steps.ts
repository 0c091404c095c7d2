/**
 * Steps 1 and 2 of a move to a new database (vault-generations.ts), apart from
 * vault-move.ts so each is a step of its own (the crash tests stop between them).
 */
import type { IDBPDatabase } from 'idb';
import type { AuthenticatorDb } from './authenticator-db';
import type { Tx } from './db-runner';
import { deleteDatabase, generationName, parseGenerationName, updatePointer } from './vault-generations';

/** Step 1: the name of the next generation, listed in `discard` until the move commits. */
export async function beginMove(currentName: string): Promise<string> {
  const { family, generation } = parseGenerationName(currentName);
  const next = generationName(family, generation + 1);
  await updatePointer(family, (pointer) => ({ ...pointer, discard: [...pointer.discard, next] }));
  // A page that died after step 1 or 2 of an earlier attempt may have left it.
  await deleteDatabase(next);
  return next;
}

/**
 * Step 2: creates the next generation and fills it in one transaction.
 *
 * @param open Opens (creating) a database by name at the current schema.
 * @param fill Writes the vault into the new database's transaction.
 */
export async function writeGeneration(
  name: string,
  open: (name: string) => Promise<IDBPDatabase<AuthenticatorDb>>,
  fill: (tx: Tx<AuthenticatorDb, 'readwrite'>) => Promise<void>,
): Promise<void> {
  const db = await open(name);
  try {
    const tx: Tx<AuthenticatorDb, 'readwrite'> = db.transaction(['meta', 'accounts', 'unsealedAccounts'], 'readwrite');
    tx.done.catch(() => {});
    try {
      await fill(tx);
      await tx.done;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already aborted.
      }
      throw error;
    }
  } finally {
    db.close();
  }
}

