import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { AppError } from '../errors';

/** The error codes a failed IndexedDB read or write maps to. */
export type StorageErrorCode = 'storage_read_failed' | 'storage_write_failed' | 'storage_quota_exceeded';

/** A transaction over some stores of a schema. */
export type Tx<Schema extends DBSchema, Mode extends IDBTransactionMode> = IDBPTransaction<
  Schema,
  StoreNames<Schema>[],
  Mode
>;

/** Runs reads and all-or-nothing writes against one database. */
export interface DbRunner<Schema extends DBSchema> {
  /** Runs `work` in a readonly transaction; failures become `storage_read_failed`. */
  read<T>(stores: StoreNames<Schema>[], operation: string, work: (tx: Tx<Schema, 'readonly'>) => Promise<T>): Promise<T>;
  /**
   * Runs `work` in one readwrite transaction and resolves only once it has
   * committed; on any failure the transaction is aborted, so nothing is half-written.
   */
  write<T>(stores: StoreNames<Schema>[], operation: string, work: (tx: Tx<Schema, 'readwrite'>) => Promise<T>): Promise<T>;
  /** Closes the connection (tests; a later call opens it again). */
  close(): Promise<void>;
}

function hasName(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

/**
 * Keeps our own AppErrors (thrown inside a transaction on purpose); maps an
 * IndexedDB failure to a storage code a person can act on. The original error
 * is kept as `cause` for debugging; only its name and message go into details.
 */
export function toStorageError(error: unknown, fallback: StorageErrorCode, operation: string): AppError {
  if (error instanceof AppError) return error;
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // Chrome and Firefox report a full disk as QuotaExceededError, on the request or as the transaction's error.
  const code: StorageErrorCode = hasName(error, 'QuotaExceededError') ? 'storage_quota_exceeded' : fallback;
  return new AppError(code, { operation, cause }, { cause: error });
}

/**
 * Wraps a database opener: opens on first use and shares that one open among
 * concurrent callers, forgets a failed open, and reopens once when another tab's
 * upgrade closed the connection.
 */
export function createDbRunner<Schema extends DBSchema>(openDb: () => Promise<IDBPDatabase<Schema>>): DbRunner<Schema> {
  let dbPromise: Promise<IDBPDatabase<Schema>> | undefined;

  function getDb(): Promise<IDBPDatabase<Schema>> {
    if (!dbPromise) {
      const opening = openDb();
      dbPromise = opening;
      opening.catch(() => {
        if (dbPromise === opening) dbPromise = undefined;
      });
    }
    return dbPromise;
  }

  async function transaction<Mode extends IDBTransactionMode>(stores: StoreNames<Schema>[], mode: Mode): Promise<Tx<Schema, Mode>> {
    const db = await getDb();
    try {
      return db.transaction(stores, mode);
    } catch (error) {
      // The connection was closed (openWithMigrations closes it when another tab
      // upgrades); nothing has been done yet, so open again and retry once.
      if (!hasName(error, 'InvalidStateError')) throw error;
      dbPromise = undefined;
      return (await getDb()).transaction(stores, mode);
    }
  }

  return {
    async read(stores, operation, work) {
      try {
        return await work(await transaction(stores, 'readonly'));
      } catch (error) {
        throw toStorageError(error, 'storage_read_failed', operation);
      }
    },
    async write(stores, operation, work) {
      const tx = await transaction(stores, 'readwrite').catch((error: unknown) => {
        throw toStorageError(error, 'storage_write_failed', operation);
      });
      const done = tx.done;
      // Awaited below; this only keeps an abort that beats `work` from being reported as unhandled.
      done.catch(() => {});
      try {
        const value = await work(tx);
        await done;
        return value;
      } catch (error) {
        try {
          tx.abort();
        } catch {
          // Already aborted by the failed request, which is the usual case.
        }
        // A request aborted along with its transaction only says "AbortError"; the
        // transaction's error says why (e.g. QuotaExceededError when committing).
        const reason = hasName(error, 'AbortError') && tx.error ? tx.error : error;
        throw toStorageError(reason, 'storage_write_failed', operation);
      }
    },
    async close() {
      const pending = dbPromise;
      dbPromise = undefined;
      if (pending) (await pending.catch(() => undefined))?.close();
    },
  };
}
