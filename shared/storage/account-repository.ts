import type { IDBPDatabase, IDBPObjectStore, StoreNames } from 'idb';
import { AppError } from '../errors';
import { sanitizeAccountText, sanitizeNoteText } from '../otp/account-text';
import type { AccountId, GroupId, VaultAccount } from '../vault/account';
import type { VaultGroup } from '../vault/groups';
import { isSealedGroupsRecord, openSealedGroups } from '../vault/sealed-groups';
import type { GroupWrites } from './group-writes';
import { STALE, type Stale } from './stale-key';
import { readAccountIcon } from '../vault/account-icon';
import { NO_UNLOCK_ATTEMPTS, nextUnlockAt, parseAutoLockMinutes, type UnlockAttempts } from '../vault/lock-policy';
import type { MasterKey, MasterKeyProvider } from '../vault/master-key';
import type { Bytes } from '../vault/bytes';
import { isAccountSort } from '../vault/sort-accounts';
import { openSealedAccount, sealAccount, type SealedAccountRecord } from '../vault/sealed-account';
import {
  createVault,
  DEFAULT_VAULT_SETTINGS,
  type Vault,
  type VaultHeader,
  type VaultKeyStore,
  type VaultOptions,
  type VaultSettings,
} from '../vault/vault';
import { openAuthenticatorDb, type AuthenticatorDb } from './authenticator-db';
import { MOVED_TO_KEY } from './vault-generations';
import { asHeader, META_KEYS, sameBytes } from './vault-meta';
import { createDbRunner, type DbRunner, type Tx } from './db-runner';

/**
 * The authenticator's accounts, persisted. Every write is one transaction: it lands whole or not at all.
 *
 * Accounts are stored sealed with the vault's master key (shared/vault/sealed-account.ts), so every
 * method first asks the key provider for the key: while the vault is locked, every method rejects
 * with `vault_locked` and touches nothing. A record that does not decrypt makes reads reject with
 * `vault_corrupt`; nothing half-decrypted is returned, and nothing is overwritten.
 */
export interface AccountRepository {
  /** All accounts in the user's order. Rejects with `vault_corrupt` if a record does not decrypt. */
  list(): Promise<VaultAccount[]>;
  /**
   * The accounts that decrypt, in the user's order, and the records that do not
   * (`damaged`: altered or damaged bytes), so one bad record hides nothing else
   * (finding 10). With `first`, only the first `first` records are read: a screenful.
   */
  listReadable(first?: number): Promise<AccountListing>;
  /**
   * The first `count` accounts in the user's order: a screenful, which the app
   * shows before the whole list has been read and opened (a thousand records
   * take tens of milliseconds to decrypt).
   */
  listFirst(count: number): Promise<VaultAccount[]>;
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
   * Rejects with `account_not_found` if it no longer exists, and with
   * `account_changed` (details: its current `issuer` and `label`), writing
   * nothing, if it was changed elsewhere (another tab) since this repository
   * last read or wrote it: read it again (`get`) and re-apply the change.
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
  /** The groups, in bar order ([] before the first is made). Rejects with `vault_corrupt` if the stored list does not decrypt. */
  listGroups(): Promise<VaultGroup[]>;
  /**
   * Adds a group at the end of the bar (see `addGroup` for the name's rules) and
   * returns the new list. Rejects with `group_name_missing`, `group_name_taken`,
   * `input_too_long`, `groups_too_many`, changing nothing.
   */
  createGroup(name: string): Promise<VaultGroup[]>;
  /** Renames a group; returns the new list. Rejects like {@link createGroup}, and with `group_not_found`. */
  renameGroup(id: GroupId, name: string): Promise<VaultGroup[]>;
  /**
   * Deletes a group and takes it out of every account that was in it, in one
   * transaction (the accounts stay). Returns the new list and the accounts as
   * stored. Rejects with `group_not_found`; with `vault_busy` if another tab
   * kept changing them meanwhile.
   */
  deleteGroup(id: GroupId): Promise<{ groups: VaultGroup[]; accounts: VaultAccount[] }>;
  /**
   * Adds accounts at the end of the list, each in the groups named by
   * `groupNames[i]` (matched ignoring case; a missing group is made at the end
   * of the bar), groups and accounts in one transaction, all or none: an import.
   * `extraGroupNames` are made too (a file's groups no account is in).
   */
  addManyToGroups(accounts: readonly VaultAccount[], groupNames: readonly (readonly string[])[], extraGroupNames?: readonly string[]): Promise<VaultAccount[]>;
  /** Puts the groups in the order of `ids` (see `reorderGroups`); returns the new list. */
  reorderGroups(ids: readonly GroupId[]): Promise<VaultGroup[]>;
  /** Closes the connection; the next call opens it again. */
  close(): Promise<void>;
}

/** A stored record that does not decrypt: what is known of it in the clear. */
export interface DamagedAccount {
  /** The record's id: {@link AccountRepository.remove} deletes it. */
  id: AccountId;
  /** Its position in the list. */
  order: number;
  /** When it was added (ms). */
  createdAt: number;
}

/** What {@link AccountRepository.listReadable} finds. */
export interface AccountListing {
  /** The accounts that decrypt, in the user's order. */
  accounts: VaultAccount[];
  /** The records that do not, in the user's order; never shown as accounts, never overwritten. */
  damaged: DamagedAccount[];
}

export type AccountsStore = IDBPObjectStore<AuthenticatorDb, StoreNames<AuthenticatorDb>[], 'accounts', 'readwrite'>;
export type Runner = DbRunner<AuthenticatorDb>;

/** How many records {@link openAll} decrypts per task. */
const OPEN_SLICE = 100;

/** Resolves in a later task (a message: timers may be throttled, or faked by a test's clock). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/**
 * Makes the account repository over the authenticator database.
 *
 * The database is opened on first use and the promise is cached (not the resolved
 * connection, so concurrent first calls share one open). A failed open is not
 * cached, and a connection closed under us (another tab upgrading) is reopened.
 *
 * @param openDb Opens the database; tests pass `() => openAuthenticatorDb(freshName)`.
 * @param keys Gives the unlocked master key: the app's {@link Vault}. Without one, the
 *   repository makes its own vault over the same connection, which works while the
 *   passphrase lock is off (and rejects with `vault_locked` while it is on). To lock
 *   and unlock, use {@link createAuthenticatorStorage}, or pass the app's vault.
 *
 * Rejections are `AppError`s: `storage_open_failed`, `storage_read_failed`,
 * `storage_write_failed`, `storage_quota_exceeded`, `account_not_found`,
 * `vault_locked`, `vault_corrupt`, `vault_busy`.
 */
export function createAccountRepository(
  openDb: () => Promise<IDBPDatabase<AuthenticatorDb>> = () => openAuthenticatorDb(),
  keys?: MasterKeyProvider,
): AccountRepository {
  const runner = createDbRunner(openDb);
  return repositoryOver(runner, keys ?? createVault(keyStoreOver(runner)));
}

/** The vault and the accounts over one connection: what the app uses. */
export interface AuthenticatorStorage {
  /** Lock, unlock, key slots and settings. */
  vault: Vault;
  /** The accounts, readable while the vault is unlocked (or its lock is off). */
  accounts: AccountRepository;
  /** Closes the shared connection; the next call opens it again. */
  close(): Promise<void>;
}

/**
 * Makes the app's vault and account repository over one connection to the
 * authenticator database.
 *
 * @param openDb Opens the database; tests pass `() => openAuthenticatorDb(freshName)`.
 * @param options The vault's options (tests pass small Argon2id parameters).
 */
export function createAuthenticatorStorage(
  openDb: () => Promise<IDBPDatabase<AuthenticatorDb>> = () => openAuthenticatorDb(),
  options?: VaultOptions,
): AuthenticatorStorage {
  const runner = createDbRunner(openDb);
  const vault = createVault(keyStoreOver(runner), options);
  return { vault, accounts: repositoryOver(runner, vault), close: () => runner.close() };
}

/**
 * Makes the store of the vault's header, settings and unlock attempts (for
 * `createVault`), over its own connection.
 */
export function createVaultKeyStore(
  openDb: () => Promise<IDBPDatabase<AuthenticatorDb>> = () => openAuthenticatorDb(),
): VaultKeyStore {
  return keyStoreOver(createDbRunner(openDb));
}

/**
 * Whether the stored header still names `key` (no header: no re-key has happened, e.g. a test's
 * fixed key) and the vault has not moved to a new database (then nothing may be written here).
 */
async function isCurrentKey(tx: Tx<AuthenticatorDb, 'readwrite'>, key: MasterKey): Promise<boolean> {
  const meta = tx.objectStore('meta');
  const [header, moved] = (await Promise.all([meta.get(META_KEYS.header), meta.get(MOVED_TO_KEY)])) as [VaultHeader | undefined, unknown];
  return moved === undefined && (header === undefined || header.keyId === key.id);
}

function repositoryOver(runner: Runner, keys: MasterKeyProvider): AccountRepository {
  /**
   * The nonce of each record as this repository last read or wrote it. A write draws a fresh nonce,
   * so a different stored nonce means another tab changed the account since (finding 13); the nonce is
   * in the clear, so the check fits in the transaction, which cannot wait for a decryption.
   */
  const seen = new Map<AccountId, Bytes>();
  /** Records this repository found damaged: an update must not write over one (finding 10); only `remove` touches them. */
  const damagedIds = new Set<AccountId>();

  const read = <T>(operation: string, work: (tx: Tx<AuthenticatorDb, 'readonly'>) => Promise<T>) =>
    runner.read(['accounts'], operation, work);
  /** A write over the accounts that first checks the key is still the stored one. */
  const write = <T>(operation: string, key: MasterKey, work: (store: AccountsStore) => Promise<T>) =>
    runner.write(['accounts', 'meta'], operation, async (tx) =>
      (await isCurrentKey(tx, key)) ? work(tx.objectStore('accounts')) : STALE,
    );

  async function nextOrder(store: AccountsStore): Promise<number> {
    const last = await store.index('by-order').openCursor(null, 'prev');
    return last ? last.value.order + 1 : 0;
  }

  /** Seals the plain records a version 2 database left (once per repository; see AuthenticatorDb). */
  let sealed = false;
  let sealing: Promise<void> | undefined;
  function ensureSealed(): Promise<void> {
    if (sealed) return Promise.resolve();
    sealing ??= sealLegacyRecords().then(
      () => {
        sealed = true;
        sealing = undefined;
      },
      (error: unknown) => {
        sealing = undefined;
        throw error;
      },
    );
    return sealing;
  }

  async function sealLegacyRecords(): Promise<void> {
    const legacy = await runner.read(['unsealedAccounts'], 'sealLegacy', (tx) => tx.objectStore('unsealedAccounts').getAll());
    if (legacy.length === 0) return;
    let key = await keys.getMasterKey();
    for (let attempt = 0; attempt < 2; attempt++) {
      const records = await Promise.all(legacy.map((account) => sealAccount(toRecord(account, {}), key)));
      const result = await runner.write(['accounts', 'unsealedAccounts', 'meta'], 'sealLegacy', async (tx) => {
        if (!(await isCurrentKey(tx, key))) return STALE;
        const unsealed = tx.objectStore('unsealedAccounts');
        const accounts = tx.objectStore('accounts');
        await Promise.all(
          records.map(async (record) => {
            // Another tab may have sealed it meanwhile.
            if ((await unsealed.getKey(record.id)) === undefined) return;
            await Promise.all([accounts.put(record), unsealed.delete(record.id)]);
          }),
        );
      });
      if (result !== STALE) return;
      key = await keys.getMasterKey({ staleKeyId: key.id });
    }
    throw new AppError('vault_busy');
  }

  /**
   * Runs `operation` with the master key; if it finds the vault re-keyed meanwhile
   * (another tab turned the lock on), fetches the key again and runs it once more.
   */
  async function withKey<T>(operation: (key: MasterKey, retried: boolean) => Promise<T | Stale>): Promise<T> {
    await ensureSealed();
    const key = await keys.getMasterKey();
    const first = await operation(key, false);
    if (first !== STALE) return first;
    const second = await operation(await keys.getMasterKey({ staleKeyId: key.id }), true);
    if (second === STALE) throw new AppError('vault_busy');
    return second;
  }

  /** The `account_changed` error for a record another tab changed: it names the account as it is now. */
  async function changedElsewhere(record: SealedAccountRecord, key: MasterKey): Promise<AppError> {
    const current = await openSealedAccount(record, key);
    if (!current) return new AppError('vault_corrupt', { count: 1 });
    return new AppError('account_changed', { id: current.id, issuer: current.issuer, label: current.label });
  }

  /**
   * Opens sealed records; STALE if one names another key (first try), `vault_corrupt` if one does not open.
   * A slice at a time, each in its own task: browsers decrypt on the page's thread (Chromium does, before
   * `decrypt` returns), and a thousand at once would hold the page for tens of milliseconds, e.g. just as
   * the first screen of codes is about to be painted.
   */
  async function openRecords(records: readonly SealedAccountRecord[], key: MasterKey, retried: boolean): Promise<AccountListing | Stale> {
    if (!retried && records.some((record) => record.keyId !== key.id)) return STALE;
    const listing: AccountListing = { accounts: [], damaged: [] };
    for (let start = 0; start < records.length; start += OPEN_SLICE) {
      if (start > 0) await nextTask();
      const slice = records.slice(start, start + OPEN_SLICE);
      const opened = await Promise.all(slice.map((record) => (record.keyId === key.id ? openSealedAccount(record, key) : undefined)));
      slice.forEach((record, i) => {
        const account = opened[i];
        seen.set(record.id, record.iv);
        if (account) {
          // Through toRecord, so names stored by an older version are shown sanitised too.
          listing.accounts.push(toRecord(account, {}));
          damagedIds.delete(record.id);
        } else {
          listing.damaged.push({ id: record.id, order: record.order, createdAt: record.createdAt });
          damagedIds.add(record.id);
        }
      });
    }
    return listing;
  }

  /** Like {@link openRecords}, but `vault_corrupt` if a record does not open. */
  async function openAll(records: readonly SealedAccountRecord[], key: MasterKey, retried: boolean): Promise<VaultAccount[] | Stale> {
    const listing = await openRecords(records, key, retried);
    if (listing === STALE) return STALE;
    if (listing.damaged.length > 0) throw new AppError('vault_corrupt', { count: listing.damaged.length });
    return listing.accounts;
  }

  /** Reads and opens the group list: its nonce (to detect another tab's write) and the groups. */
  async function readGroups(key: MasterKey): Promise<{ iv: Bytes | undefined; groups: VaultGroup[] }> {
    const stored = await runner.read(['meta'], 'listGroups', (tx) => tx.objectStore('meta').get(META_KEYS.groups));
    const groups = await openSealedGroups(stored, key);
    if (!groups) throw new AppError('vault_corrupt', { reason: 'groups' });
    return { iv: isSealedGroupsRecord(stored) ? stored.iv : undefined, groups };
  }

  /** What the group writes (group-writes.ts, loaded on the first one) need of this repository. */
  const groupWrites = (): Promise<GroupWrites> =>
    import('./group-writes').then(({ createGroupWrites }) =>
      createGroupWrites({ runner, withKey, readGroups, openRecords, seen, isCurrentKey, nextOrder, toRecord }),
    );

  return {
    listGroups: () => withKey(async (key) => (await readGroups(key)).groups),

    // Group writes are rare next to reading codes: their code is fetched with the first one (first-load budget).
    createGroup: async (name) => (await groupWrites()).createGroup(name),
    renameGroup: async (id, name) => (await groupWrites()).renameGroup(id, name),
    deleteGroup: async (id) => (await groupWrites()).deleteGroup(id),
    addManyToGroups: async (accounts, groupNames, extraGroupNames) => (await groupWrites()).addManyToGroups(accounts, groupNames, extraGroupNames),
    reorderGroups: async (ids) => (await groupWrites()).reorderGroups(ids),

    list: () =>
      withKey(async (key, retried) =>
        openAll(await read('list', (tx) => tx.objectStore('accounts').index('by-order').getAll()), key, retried),
      ),

    listReadable: (first) =>
      withKey(async (key, retried) =>
        openRecords(await read('list', (tx) => tx.objectStore('accounts').index('by-order').getAll(null, first)), key, retried),
      ),

    listFirst: (count) =>
      withKey(async (key, retried) =>
        openAll(await read('list', (tx) => tx.objectStore('accounts').index('by-order').getAll(null, count)), key, retried),
      ),

    get: (id) =>
      withKey(async (key, retried) => {
        const record = await read('get', (tx) => tx.objectStore('accounts').get(id));
        if (!record) return undefined;
        const opened = await openAll([record], key, retried);
        return opened === STALE ? STALE : opened[0];
      }),

    add: (account) =>
      withKey(async (key) => {
        const clean = toRecord(account, {});
        const sealedRecord = await sealAccount(clean, key);
        const order = await write('add', key, async (store) => {
          const next = await nextOrder(store);
          await store.add({ ...sealedRecord, order: next });
          return next;
        });
        if (order === STALE) return STALE;
        seen.set(sealedRecord.id, sealedRecord.iv);
        return { ...clean, order };
      }),

    addMany: (accounts) =>
      withKey(async (key) => {
        const clean = accounts.map((account) => toRecord(account, {}));
        const records = await Promise.all(clean.map((account) => sealAccount(account, key)));
        const first = await write('addMany', key, async (store) => {
          const start = await nextOrder(store);
          await eachRequest(records, (record, i) => store.add({ ...record, order: start + i }));
          return start;
        });
        if (first === STALE) return STALE;
        for (const record of records) seen.set(record.id, record.iv);
        return clean.map((account, i) => ({ ...account, order: first + i }));
      }),

    update: (account) =>
      withKey(async (key) => {
        const clean = toRecord(account, {});
        const sealedRecord = await sealAccount(clean, key);
        if (damagedIds.has(account.id)) throw new AppError('accounts_damaged', { count: 1 });
        const expectedIv = seen.get(account.id);
        const result = await write('update', key, async (store) => {
          const stored = await store.get(account.id);
          if (!stored) throw notFound({ id: account.id });
          if (expectedIv && !sameBytes(expectedIv, stored.iv)) return { changed: stored };
          await store.put({ ...sealedRecord, order: stored.order, createdAt: stored.createdAt });
          return { kept: { order: stored.order, createdAt: stored.createdAt } };
        });
        if (result === STALE) return STALE;
        if (result.changed) throw await changedElsewhere(result.changed, key);
        seen.set(sealedRecord.id, sealedRecord.iv);
        return toRecord(clean, result.kept);
      }),

    remove: (id) =>
      withKey(async (key) => {
        const result = await write('remove', key, async (store) => {
          if ((await store.getKey(id)) === undefined) throw notFound({ id });
          await store.delete(id);
        });
        if (result !== STALE) {
          seen.delete(id);
          damagedIds.delete(id);
        }
        return result;
      }),

    reorder: (ids) =>
      withKey(async (key, retried) => {
        const result = await write('reorder', key, async (store) => {
          const current = await store.index('by-order').getAll();
          const byId = new Map(current.map((record) => [record.id, record]));
          const named = new Set<AccountId>();
          for (const id of ids) {
            if (!byId.has(id)) throw notFound({ id });
            named.add(id);
          }
          const ordered = [...named].map((id) => byId.get(id)!);
          ordered.push(...current.filter((record) => !named.has(record.id)));
          const reordered = ordered.map((record, order) => ({ ...record, order }));
          const moved = reordered.filter((record) => byId.get(record.id)!.order !== record.order);
          await eachRequest(moved, (record) => store.put(record));
          return reordered;
        });
        // Only positions changed, which are stored in the clear; the list is opened after the commit.
        return result === STALE ? STALE : openAll(result, key, retried);
      }),

    close: () => runner.close(),
  };
}

/** The vault's persistence over the same database (see {@link VaultKeyStore}). */
function keyStoreOver(runner: Runner): VaultKeyStore {
  const readMeta = (operation: string, key: string) => runner.read(['meta'], operation, (tx) => tx.objectStore('meta').get(key));
  const writeMeta = (operation: string, key: string, value: unknown) =>
    runner.write(['meta'], operation, async (tx) => {
      const meta = tx.objectStore('meta');
      // The vault moved to a new database (the lock was just turned on in another tab).
      if ((await meta.get(MOVED_TO_KEY)) !== undefined) throw new AppError('vault_busy');
      await meta.put(value, key);
    });

  return {
    async readHeader() {
      return asHeader(await readMeta('readVaultHeader', META_KEYS.header));
    },

    createHeader: (header) =>
      runner.write(['meta'], 'createVaultHeader', async (tx) => {
        const store = tx.objectStore('meta');
        const stored = asHeader(await store.get(META_KEYS.header));
        if (stored) return stored;
        await store.add(header, META_KEYS.header);
        return header;
      }),

    replaceHeader: (next, expectedRevision) =>
      runner.write(['meta'], 'replaceVaultHeader', async (tx) => {
        const store = tx.objectStore('meta');
        const stored = asHeader(await store.get(META_KEYS.header));
        if (!stored || stored.revision !== expectedRevision) throw new AppError('vault_busy');
        await store.put(next, META_KEYS.header);
      }),

    readSnapshot: () =>
      runner.read(['meta', 'accounts', 'unsealedAccounts'], 'readVaultSnapshot', async (tx) => {
        const [header, sealed, unsealed, groups] = await Promise.all([
          tx.objectStore('meta').get(META_KEYS.header),
          tx.objectStore('accounts').getAll(),
          tx.objectStore('unsealedAccounts').getAll(),
          tx.objectStore('meta').get(META_KEYS.groups),
        ]);
        return { header: asHeader(header), sealed, unsealed, ...(isSealedGroupsRecord(groups) ? { groups } : {}) };
      }),

    // Turning the lock on: the re-sealed vault goes to a new database and the old one is deleted
    // (vault-generations.ts says why and how each step is crash-safe). Loaded when needed: once per device.
    async commitRekey(snapshot, next) {
      const { moveVault } = await import('./vault-move');
      await moveVault(runner, snapshot, next);
    },

    async readUnlockAttempts() {
      return asUnlockAttempts(await readMeta('readUnlockAttempts', META_KEYS.attempts));
    },

    reserveUnlockAttempt: (now) =>
      runner.write(['meta'], 'reserveUnlockAttempt', async (tx) => {
        const meta = tx.objectStore('meta');
        const attempts = asUnlockAttempts(await meta.get(META_KEYS.attempts));
        const allowedAt = nextUnlockAt(attempts);
        if (now < allowedAt) return { allowedAt };
        const counted = { failed: attempts.failed + 1, lastFailureAt: now };
        await meta.put(counted, META_KEYS.attempts);
        return { attempts: counted };
      }),

    writeUnlockAttempts: (attempts) =>
      writeMeta('writeUnlockAttempts', META_KEYS.attempts, { failed: attempts.failed, lastFailureAt: attempts.lastFailureAt }),

    async readSettings() {
      const stored = (await readMeta('readVaultSettings', META_KEYS.settings)) as Partial<VaultSettings> | undefined;
      const lastBackupAt = stored?.lastBackupAt;
      return {
        autoLockMinutes: stored ? parseAutoLockMinutes(stored.autoLockMinutes) : DEFAULT_VAULT_SETTINGS.autoLockMinutes,
        lastBackupAt: typeof lastBackupAt === 'number' && Number.isFinite(lastBackupAt) ? lastBackupAt : null,
        hideCodes: stored?.hideCodes === true,
        sort: isAccountSort(stored?.sort) ? stored.sort : DEFAULT_VAULT_SETTINGS.sort,
      };
    },

    writeSettings: (settings) =>
      writeMeta('writeVaultSettings', META_KEYS.settings, {
        autoLockMinutes: parseAutoLockMinutes(settings.autoLockMinutes),
        lastBackupAt: settings.lastBackupAt,
        hideCodes: settings.hideCodes === true,
        sort: isAccountSort(settings.sort) ? settings.sort : DEFAULT_VAULT_SETTINGS.sort,
      }),
  };
}

/** Stored unlock attempts, or none for anything else stored under their key. */
function asUnlockAttempts(value: unknown): UnlockAttempts {
  const stored = value as Partial<UnlockAttempts> | undefined;
  const failed = stored?.failed;
  const lastFailureAt = stored?.lastFailureAt;
  if (typeof failed !== 'number' || !(lastFailureAt === null || typeof lastFailureAt === 'number')) return { ...NO_UNLOCK_ATTEMPTS };
  return { failed, lastFailureAt };
}

/**
 * Issues one request per item without waiting in between, then waits for all.
 * A request that throws synchronously (DataError, DataCloneError) becomes a
 * rejection, so the requests already issued are never left unobserved.
 */
function eachRequest<T>(items: readonly T[], request: (item: T, index: number) => Promise<unknown>): Promise<unknown[]> {
  return Promise.all(items.map(async (item, index) => request(item, index)));
}

/**
 * A clean copy with only the model's fields, so stray properties (UI state) are never
 * stored, and with sanitised names (`sanitizeAccountText`), so whatever path wrote or
 * reads an account, no invisible or bidirectional-control character is stored or shown.
 * Names are not capped here: an account stored before the caps must stay usable.
 */
function toRecord(account: VaultAccount, overrides: Partial<Pick<VaultAccount, 'order' | 'createdAt'>>): VaultAccount {
  return {
    id: account.id,
    order: overrides.order ?? account.order,
    createdAt: overrides.createdAt ?? account.createdAt,
    updatedAt: account.updatedAt,
    type: account.type,
    issuer: sanitizeAccountText(account.issuer),
    label: sanitizeAccountText(account.label),
    secret: account.secret,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    counter: account.counter,
    // Defaults for an account made before issue 12 (a v2 plain record, or a caller's older copy).
    groups: Array.isArray(account.groups) ? [...new Set(account.groups.filter((id) => typeof id === 'string'))] : [],
    favourite: account.favourite === true,
    note: typeof account.note === 'string' ? sanitizeNoteText(account.note) : '',
    lastUsedAt: typeof account.lastUsedAt === 'number' && Number.isFinite(account.lastUsedAt) ? account.lastUsedAt : null,
    icon: readAccountIcon(account.icon),
  };
}

function notFound(details: { id: AccountId }): AppError {
  return new AppError('account_not_found', details);
}
