/**
 * The authenticator's database comes in generations (issue 11, finding 6).
 *
 * Turning the lock on must not leave the old device key and the records it
 * sealed in the database: a non-extractable CryptoKey is still written with
 * its raw bytes into IndexedDB's files, so a copy of the profile would open
 * them. Rewriting the records in place is not enough (the old values linger
 * in the storage engine's files), so the re-sealed vault is written to a NEW
 * database and the old one is deleted.
 *
 * Names: generation 0 is the family's name itself (`authenticator`, as every
 * version before this one named it), generation n is `authenticator@n`. A
 * tiny separate database, `authenticator.current`, holds the pointer:
 * `{ current, discard }`.
 *
 * The move, one transaction per step, so a page that dies between two steps
 * leaves one complete vault and loses nothing:
 *
 * 1. `beginMove` (vault-move.ts, loaded only then): the pointer lists the new name in `discard` (so a
 *    half-written new generation is deleted if the move never commits).
 * 2. `writeGeneration`: the new database gets the header, the settings
 *    and every re-sealed record, in one transaction.
 * 3. the commit: in the OLD database, checks that nothing changed
 *    since the snapshot and writes `vault.movedTo`. This is the commit point:
 *    from here on every open goes to the new generation, and writes to the
 *    old one are refused.
 * 4. {@link pointToGeneration}: the pointer names the new generation; the old
 *    one moves to `discard`.
 * 5. {@link discardGenerations}: the old database is deleted, and `discard` emptied.
 *
 * {@link openCurrentGeneration} finishes whatever a dead page left: it
 * follows `vault.movedTo` (step 3 done, 4 not), then deletes what `discard`
 * lists, unless another tab holds the move lock (Web Locks) right now.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { AppError } from '../errors';
import type { AuthenticatorDb } from './authenticator-db';

/** The pointer database's schema. */
interface PointerDb {
  /** One record, key `current`. */
  pointer: { key: string; value: GenerationPointer };
}

/** Which generation of a family is current, and which databases are to be deleted. */
export interface GenerationPointer {
  /** The name of the current database. */
  current: string;
  /** Databases to delete: an unfinished new generation, or an old one already superseded. Never `current`. */
  discard: string[];
}

/** Key of the old generation's `meta` entry naming its successor (the move's commit point). */
export const MOVED_TO_KEY = 'vault.movedTo';

const POINTER_KEY = 'current';

/** The pointer database's name for a family. */
export function pointerDbName(family: string): string {
  return `${family}.current`;
}

/** The database name of generation `n` of a family. */
export function generationName(family: string, n: number): string {
  return n === 0 ? family : `${family}@${n}`;
}

/** The family and generation of a database name. */
export function parseGenerationName(name: string): { family: string; generation: number } {
  const match = /^(.*)@(\d+)$/.exec(name);
  return match ? { family: match[1]!, generation: Number(match[2]) } : { family: name, generation: 0 };
}

async function withPointerDb<T>(family: string, work: (db: IDBPDatabase<PointerDb>) => Promise<T>): Promise<T> {
  const db = await openDB<PointerDb>(pointerDbName(family), 1, {
    upgrade(created) {
      created.createObjectStore('pointer');
    },
    blocking() {
      db.close();
    },
  });
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

/** Reads the pointer; before the first move there is none (generation 0 is current). */
export async function readPointer(family: string): Promise<GenerationPointer> {
  const stored = await withPointerDb(family, (db) => db.get('pointer', POINTER_KEY));
  return stored ?? { current: family, discard: [] };
}

/** Changes the pointer in one transaction; `change` sees the stored one (or the default). */
export async function updatePointer(family: string, change: (pointer: GenerationPointer) => GenerationPointer): Promise<GenerationPointer> {
  return withPointerDb(family, async (db) => {
    const tx = db.transaction('pointer', 'readwrite');
    const stored = (await tx.store.get(POINTER_KEY)) ?? { current: family, discard: [] };
    const next = change(stored);
    await tx.store.put({ current: next.current, discard: [...new Set(next.discard)].filter((name) => name !== next.current) }, POINTER_KEY);
    await tx.done;
    return next;
  });
}

/** Deletes a database; resolves once it is gone (other connections close themselves on `versionchange`). */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    // onblocked: other connections get `versionchange` and close themselves (openWithMigrations); the request then completes.
  });
}

/**
 * Runs `work` holding the family's move lock (Web Locks: one tab at a time),
 * or, with `ifAvailable`, skips it (resolves to undefined) while another tab
 * holds it. Where Web Locks are missing (Node tests), runs it as is.
 */
export async function withMoveLock<T>(family: string, work: () => Promise<T>, options: { ifAvailable?: boolean } = {}): Promise<T | undefined> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (!locks) return work();
  return locks.request(`${family}.move`, { ifAvailable: options.ifAvailable ?? false }, async (lock) => (lock ? work() : undefined));
}

/** Step 4: the pointer names the new generation; the old one is to be deleted. */
export async function pointToGeneration(oldName: string, newName: string): Promise<void> {
  const { family } = parseGenerationName(oldName);
  await updatePointer(family, (pointer) => ({ current: newName, discard: [...pointer.discard, oldName] }));
}

/**
 * Makes the browser's storage engine write what it holds in memory to its files, by creating
 * and deleting a scratch database: in Chromium a deletion compacts the deleted database's key
 * range, and a LevelDB compaction first flushes the in-memory table to a file.
 */
async function flushStorageEngine(family: string): Promise<void> {
  const name = `${family}.flush`;
  const db = await openDB(name, 1, {
    upgrade(created) {
      created.createObjectStore('scratch');
    },
  });
  await db.put('scratch', 0, 0);
  db.close();
  await deleteDatabase(name);
}

/** Step 5 (and at every open): deletes the databases the pointer lists in `discard`, then empties it. */
export async function discardGenerations(family: string): Promise<void> {
  const { discard } = await readPointer(family);
  if (discard.length === 0) return;
  // Chromium keeps IndexedDB in LevelDB, where a deleted database's values (the old device key!)
  // stay in the files until a compaction merges them with their deletion markers. Measured in
  // Chromium 150 (shared/vault/README.md, test/e2e/pwa/vault-disk.spec.ts): deleteDatabase
  // compacts only the levels that held files before it flushed the in-memory table, so values
  // still in memory went to a file that nothing compacted. A flush first puts them where that
  // compaction reaches; a flush after lets LevelDB delete the file the compaction made obsolete.
  await flushStorageEngine(family);
  for (const name of discard) await deleteDatabase(name);
  await flushStorageEngine(family);
  await updatePointer(family, (pointer) => ({ ...pointer, discard: pointer.discard.filter((name) => !discard.includes(name)) }));
}

/** Whether the database's vault has moved to a newer generation (step 3 done): its name, or undefined. */
export async function movedTo(db: IDBPDatabase<AuthenticatorDb>): Promise<string | undefined> {
  const value = await db.get('meta', MOVED_TO_KEY);
  return typeof value === 'string' ? value : undefined;
}

/** How many times an open follows a pointer that changed under it before giving up. */
const OPEN_ATTEMPTS = 4;

/**
 * Opens the current generation of `family`, finishing a move a page left
 * half done (see the module comment).
 *
 * @param open Opens one database by name at the current schema.
 * @throws AppError `storage_open_failed` if the pointer keeps changing under it.
 */
export async function openCurrentGeneration(
  family: string,
  open: (name: string) => Promise<IDBPDatabase<AuthenticatorDb>>,
): Promise<IDBPDatabase<AuthenticatorDb>> {
  for (let attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
    const { current } = await readPointer(family);
    const db = await open(current);
    const successor = await movedTo(db);
    if (successor) {
      // The move committed (step 3) but the page died before step 4: finish it.
      db.close();
      await pointToGeneration(current, successor);
      continue;
    }
    if ((await readPointer(family)).current !== current) {
      // Another tab moved the vault while this one opened the old generation (maybe creating it
      // again, empty, after its deletion): leave it for deletion and open the new one.
      db.close();
      await updatePointer(family, (pointer) => ({ ...pointer, discard: [...pointer.discard, current] }));
      continue;
    }
    await withMoveLock(family, () => discardGenerations(family), { ifAvailable: true });
    return db;
  }
  throw new AppError('storage_open_failed', { dbName: family, cause: 'the vault kept moving to a new database' });
}
