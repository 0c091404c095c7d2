import type { IDBPDatabase, IDBPObjectStore, StoreNames } from 'idb';
import { AppError } from '../errors';
import type { AccountId, VaultAccount } from '../vault/account';
import { openAuthenticatorDb, type AuthenticatorDb } from './authenticator-db';
import { createDbRunner, type Tx } from './db-runner';

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

type AccountsStore = IDBPObjectStore<AuthenticatorDb, StoreNames<AuthenticatorDb>[], 'accounts', 'readwrite'>;

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
  const runner = createDbRunner(openDb);
  const read = <T>(operation: string, work: (tx: Tx<AuthenticatorDb, 'readonly'>) => Promise<T>) =>
    runner.read(['accounts'], operation, work);
  const write = <T>(operation: string, work: (store: AccountsStore) => Promise<T>) =>
    runner.write(['accounts'], operation, (tx) => work(tx.objectStore('accounts')));

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

    close: () => runner.close(),
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

function notFound(details: { id: AccountId }): AppError {
  return new AppError('account_not_found', details);
}


