import type { IDBPDatabase, IDBPObjectStore, IDBPTransaction } from 'idb';
import { AppError } from '../errors';
import type { AccountId, VaultAccount } from '../vault/account';
import { openAuthenticatorDb, type AuthenticatorDb } from './authenticator-db';

/** The authenticator's accounts, persisted. Every write is one transaction: it lands whole or not at all. */
export interface AccountRepository {
  /** All accounts in the user's order. */
  list(): Promise<VaultAccount[]>;
  /** The account with this id, or `undefined`. */
  get(id: AccountId): Promise<VaultAccount | undefined>;
  /**
   * Stores a new account at the end of the list (its `order` is assigned here)
   * and returns it as stored. Rejects with `storage_write_failed` if the id exists.
   */
  add(account: VaultAccount): Promise<VaultAccount>;
  /**
   * Stores several new accounts at the end of the list, in the given order, all
   * or none (an import must not half-succeed); returns them as stored.
   */
  addMany(accounts: readonly VaultAccount[]): Promise<VaultAccount[]>;
  /**
   * Replaces an account's details. Its stored `order` and `createdAt` are kept,
   * so a copy held by the UI since before a reorder cannot move it back.
   * Rejects with `account_not_found` if it no longer exists.
   */
  update(account: VaultAccount): Promise<VaultAccount>;
  /** Deletes an account; rejects with `account_not_found` if it doesn't exist. */
  remove(id: AccountId): Promise<void>;
  /**
   * Puts the accounts in the order of `ids` (later duplicates ignored); stored
   * accounts not named keep their relative order after them (one added in another
   * tab meanwhile isn't lost). Positions become 0..n-1; `updatedAt` is untouched,
   * since moving an account doesn't change it. Returns the new list. Rejects with
   * `account_not_found`, changing nothing, if an id isn't stored.
   */
  reorder(ids: readonly AccountId[]): Promise<VaultAccount[]>;
  /** Closes the connection; the next call opens it again. */
  close(): Promise<void>;
}

type AccountsTx<Mode extends IDBTransactionMode> = IDBPTransaction<AuthenticatorDb, ['accounts'], Mode>;
type AccountsStore = IDBPObjectStore<AuthenticatorDb, ['accounts'], 'accounts', 'readwrite'>;

/**
 * Makes the account repository over the authenticator database.
 *
 * The database is opened on first use and the promise is cached (not the resolved
 * connection, so concurrent first calls share one open). A failed open is not
 * cached, and a connection closed under us (another tab upgrading) is reopened.
 *
 * @param openDb Opens the database; tests pass `() => openAuthenticatorDb(freshName)`.
 *
 * Rejections are `AppError`s: `storage_open_failed`, `storage_read_failed`,
 * `storage_write_failed`, `storage_quota_exceeded`, `account_not_found`.
 */
export function createAccountRepository(
  openDb: () => Promise<IDBPDatabase<AuthenticatorDb>> = () => openAuthenticatorDb(),
): AccountRepository {
  let dbPromise: Promise<IDBPDatabase<AuthenticatorDb>> | undefined;

  function getDb(): Promise<IDBPDatabase<AuthenticatorDb>> {
    if (!dbPromise) {
      const opening = openDb();
      dbPromise = opening;
      opening.catch(() => {
        if (dbPromise === opening) dbPromise = undefined;
      });
    }
    return dbPromise;
  }

  async function transaction<Mode extends IDBTransactionMode>(mode: Mode): Promise<AccountsTx<Mode>> {
    const db = await getDb();
    try {
      return db.transaction(['accounts'], mode);
    } catch (error) {
      // The connection was closed (openWithMigrations closes it when another tab
      // upgrades); nothing has been done yet, so open again and retry once.
      if (!hasName(error, 'InvalidStateError')) throw error;
      dbPromise = undefined;
      return (await getDb()).transaction(['accounts'], mode);
    }
  }

  async function read<T>(operation: string, work: (tx: AccountsTx<'readonly'>) => Promise<T>): Promise<T> {
    try {
      return await work(await transaction('readonly'));
    } catch (error) {
      throw toAppError(error, 'storage_read_failed', operation);
    }
  }

  /** Runs `work` in one readwrite transaction and resolves only once it has committed. */
  async function write<T>(operation: string, work: (store: AccountsStore) => Promise<T>): Promise<T> {
    const tx = await transaction('readwrite').catch((error: unknown) => {
      throw toAppError(error, 'storage_write_failed', operation);
    });
    const done = tx.done;
    // Awaited below; this only keeps an abort that beats `work` from being reported as unhandled.
    done.catch(() => {});
    try {
      const value = await work(tx.objectStore('accounts'));
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
      throw toAppError(reason, 'storage_write_failed', operation);
    }
  }

  async function nextOrder(store: AccountsStore): Promise<number> {
    const last = await store.index('by-order').openCursor(null, 'prev');
    return last ? last.value.order + 1 : 0;
  }

  return {
    list: () => read('list', (tx) => tx.objectStore('accounts').index('by-order').getAll()),

    get: (id) => read('get', (tx) => tx.objectStore('accounts').get(id)),

    add: (account) =>
      write('add', async (store) => {
        const record = toRecord(account, { order: await nextOrder(store) });
        await store.add(record);
        return record;
      }),

    addMany: (accounts) =>
      write('addMany', async (store) => {
        const first = await nextOrder(store);
        const records = accounts.map((account, i) => toRecord(account, { order: first + i }));
        await eachRequest(records, (record) => store.add(record));
        return records;
      }),

    update: (account) =>
      write('update', async (store) => {
        const stored = await store.get(account.id);
        if (!stored) throw notFound({ id: account.id });
        const record = toRecord(account, { order: stored.order, createdAt: stored.createdAt });
        await store.put(record);
        return record;
      }),

    remove: (id) =>
      write('remove', async (store) => {
        if ((await store.getKey(id)) === undefined) throw notFound({ id });
        await store.delete(id);
      }),

    reorder: (ids) =>
      write('reorder', async (store) => {
        const current = await store.index('by-order').getAll();
        const byId = new Map(current.map((account) => [account.id, account]));
        const named = new Set<AccountId>();
        for (const id of ids) {
          if (!byId.has(id)) throw notFound({ id });
          named.add(id);
        }
        const ordered = [...named].map((id) => byId.get(id)!);
        ordered.push(...current.filter((account) => !named.has(account.id)));
        const result = ordered.map((account, order) => ({ ...account, order }));
        const moved = result.filter((account) => byId.get(account.id)!.order !== account.order);
        await eachRequest(moved, (account) => store.put(account));
        return result;
      }),

    async close() {
      const opening = dbPromise;
      dbPromise = undefined;
      if (opening) (await opening.catch(() => undefined))?.close();
    },
  };
}

/**
 * Issues one request per item without waiting in between, then waits for all.
 * A request that throws synchronously (DataError, DataCloneError) becomes a
 * rejection, so the requests already issued are never left unobserved.
 */
function eachRequest<T>(items: readonly T[], request: (item: T) => Promise<unknown>): Promise<unknown[]> {
  return Promise.all(items.map(async (item) => request(item)));
}

/** A clean copy with only the model's fields, so stray properties (UI state) are never stored. */
function toRecord(account: VaultAccount, overrides: Partial<Pick<VaultAccount, 'order' | 'createdAt'>>): VaultAccount {
  return {
    id: account.id,
    order: overrides.order ?? account.order,
    createdAt: overrides.createdAt ?? account.createdAt,
    updatedAt: account.updatedAt,
    type: account.type,
    issuer: account.issuer,
    label: account.label,
    secret: account.secret,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    counter: account.counter,
  };
}

type StorageErrorCode = 'storage_read_failed' | 'storage_write_failed' | 'storage_quota_exceeded';

function notFound(details: { id: AccountId }): AppError {
  return new AppError('account_not_found', details);
}

function hasName(error: unknown, name: string): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === name;
}

/** Keeps our own AppErrors (e.g. `account_not_found`); maps IndexedDB failures to a storage code. */
function toAppError(error: unknown, fallback: StorageErrorCode, operation: string): AppError {
  if (error instanceof AppError) return error;
  const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // Chrome and Firefox report a full disk as QuotaExceededError, on the request or as the transaction's error.
  const code: StorageErrorCode = hasName(error, 'QuotaExceededError') ? 'storage_quota_exceeded' : fallback;
  return new AppError(code, { operation, cause }, { cause: error });
}
