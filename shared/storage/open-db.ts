import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { AppError } from '../errors';

/**
 * One schema step: turns the database of version `n` into version `n + 1`.
 * It runs inside the `versionchange` transaction, so it may create stores and
 * indexes and read or rewrite records through `tx`. If it returns a promise, the
 * next step waits for it; it must await only requests of `tx` (anything else lets
 * the transaction commit early, see the idb README, "Transaction lifetime").
 */
export type Migration<Schema extends DBSchema> = (
  db: IDBPDatabase<Schema>,
  tx: IDBPTransaction<Schema, StoreNames<Schema>[], 'versionchange'>,
) => void | Promise<void>;

/**
 * Opens (creating or upgrading as needed) the database `name` at version
 * `migrations.length`, running `migrations[oldVersion] .. migrations[newVersion - 1]`
 * in order inside the one `versionchange` transaction, so an upgrade either
 * completes entirely or leaves the old data as it was.
 *
 * The connection closes itself when another tab asks for a newer version, so a
 * deployed upgrade is never blocked by an old tab; callers should open again on
 * their next use (open lazily, cache the promise, drop it when a request throws
 * `InvalidStateError`).
 *
 * @throws AppError `storage_open_failed` (details: `dbName`, `cause` = the DOMException
 *   name or the migration's error) when IndexedDB is unavailable, the stored version is
 *   newer than `migrations.length`, or a migration fails.
 */
export async function openWithMigrations<Schema extends DBSchema>(
  name: string,
  migrations: readonly Migration<Schema>[],
): Promise<IDBPDatabase<Schema>> {
  let migrationError: unknown;
  try {
    const connection = await openDB<Schema>(name, migrations.length, {
      upgrade(db, oldVersion, _newVersion, tx) {
        // The open request reports a failed upgrade; this only keeps idb's
        // `done` promise of an aborted upgrade from being reported as unhandled.
        tx.done.catch(() => {});
        const fail = (error: unknown): void => {
          migrationError = error;
          try {
            tx.abort();
          } catch {
            // Already finished or aborting; the open request reports it.
          }
        };
        try {
          runSteps(migrations.slice(oldVersion), db, tx)?.catch(fail);
        } catch (error) {
          fail(error);
        }
      },
      blocking() {
        connection.close();
      },
    });
    return connection;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const cause = migrationError ?? error;
    throw new AppError(
      'storage_open_failed',
      { dbName: name, cause: cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause) },
      { cause },
    );
  }
}

/**
 * Runs the steps synchronously until one returns a promise, then chains the rest
 * on it: schema changes of synchronous steps happen inside the upgrade callback,
 * and asynchronous ones resume from request callbacks while `tx` is still active.
 */
function runSteps<Schema extends DBSchema>(
  steps: readonly Migration<Schema>[],
  db: IDBPDatabase<Schema>,
  tx: IDBPTransaction<Schema, StoreNames<Schema>[], 'versionchange'>,
): Promise<void> | undefined {
  for (let i = 0; i < steps.length; i++) {
    const pending = steps[i](db, tx);
    if (pending) return pending.then(() => runSteps(steps.slice(i + 1), db, tx));
  }
  return undefined;
}
