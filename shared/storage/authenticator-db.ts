import type { DBSchema, IDBPDatabase } from 'idb';
import type { OtpAccount } from '../otp/types';
import type { AccountId, VaultAccount } from '../vault/account';
import type { SealedAccountRecord } from '../vault/sealed-account';
import { openWithMigrations, type Migration } from './open-db';
import { openCurrentGeneration } from './vault-generations';

/** The name of the authenticator's IndexedDB database in production. */
export const AUTHENTICATOR_DB_NAME = 'authenticator';

/** An account record as version 1 stored it: no `order`, no `updatedAt`. */
export interface VaultAccountV1 extends OtpAccount {
  /** Random UUID, the key path. */
  id: string;
  /** When the account was added, in milliseconds since the epoch. */
  createdAt: number;
}

/** Schema version 1 (historical; kept so the migration test can build a real v1 database). */
export interface AuthenticatorDbV1 extends DBSchema {
  /** The accounts, keyed by `id`. */
  accounts: { key: string; value: VaultAccountV1 };
}

/** Schema version 2 (historical): accounts stored in the clear. */
export interface AuthenticatorDbV2 extends DBSchema {
  /** The accounts, keyed by `id`; `by-order` lists them in the user's order. */
  accounts: { key: AccountId; value: VaultAccount; indexes: { 'by-order': number } };
  /** Small app-wide key/value settings (out-of-line keys). */
  meta: { key: string; value: unknown };
}

/**
 * Current schema (version 3): accounts are stored sealed (AES-256-GCM under the
 * vault's master key, see shared/vault/sealed-account.ts); the vault's header
 * (key slots), settings and unlock attempts live in `meta`.
 */
export interface AuthenticatorDb extends DBSchema {
  /** The sealed accounts, keyed by `id`; `by-order` lists them in the user's order. */
  accounts: { key: AccountId; value: SealedAccountRecord; indexes: { 'by-order': number } };
  /** Small app-wide key/value entries (out-of-line keys): the vault header, settings, unlock attempts. */
  meta: { key: string; value: unknown };
  /**
   * Plain accounts of a version 2 database waiting to be sealed. The upgrade to
   * version 3 moves them here (it cannot encrypt: an upgrade transaction cannot
   * wait for WebCrypto); the repository seals them at first use, before it
   * reads anything, and empties the store. Only ever filled with the lock off.
   */
  unsealedAccounts: { key: AccountId; value: VaultAccount };
}

/**
 * The schema's history, one step per version: `authenticatorMigrations[n]` upgrades
 * version `n` to `n + 1`. Append new steps; never edit a shipped one, since devices
 * in the field have already run it.
 */
export const authenticatorMigrations: readonly Migration<AuthenticatorDb>[] = [
  // 0 -> 1: the accounts store.
  (db) => {
    db.createObjectStore('accounts', { keyPath: 'id' });
  },
  // 1 -> 2: user ordering (index + backfill), `updatedAt`, and the meta store.
  async (db, tx) => {
    db.createObjectStore('meta');
    const accounts = tx.objectStore('accounts');
    accounts.createIndex('by-order', 'order');
    const records = (await accounts.getAll()) as unknown as Partial<VaultAccount>[];
    // v1 showed accounts in the order they were added, so number them that way;
    // the id breaks ties so the result doesn't depend on the store's key order.
    records.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || String(a.id).localeCompare(String(b.id)));
    await Promise.all(
      records.map(async (record, index) =>
        accounts.put({
          ...record,
          order: index,
          updatedAt: record.updatedAt ?? record.createdAt ?? 0,
          // At version 2 this store held plain VaultAccount records (AuthenticatorDbV2).
        } as VaultAccount as never),
      ),
    );
  },
  // 2 -> 3: accounts are stored sealed. The plain v2 records move to `unsealedAccounts`
  // as they are; the repository seals them (see AuthenticatorDb.unsealedAccounts).
  async (db, tx) => {
    db.createObjectStore('unsealedAccounts', { keyPath: 'id' });
    const accounts = tx.objectStore('accounts');
    const unsealed = tx.objectStore('unsealedAccounts');
    const plain = (await accounts.getAll()) as unknown as VaultAccount[];
    await Promise.all(plain.map(async (record) => unsealed.put(record)));
    await accounts.clear();
  },
];

/** The current schema version. */
export const AUTHENTICATOR_DB_VERSION = authenticatorMigrations.length;

/**
 * Opens one database of the authenticator by its exact name at the current
 * version, upgrading it first if needed.
 *
 * @throws AppError `storage_open_failed` (see {@link openWithMigrations}).
 */
export function openAuthenticatorDbNamed(name: string): Promise<IDBPDatabase<AuthenticatorDb>> {
  return openWithMigrations(name, authenticatorMigrations);
}

/**
 * Opens the authenticator's database at the current version, upgrading it
 * first if needed: the current generation of the family `name` (turning the
 * lock on moves the vault to a new database, see vault-generations.ts).
 *
 * @param name The family's name; tests pass a fresh one each.
 * @throws AppError `storage_open_failed` (see {@link openWithMigrations}).
 */
export function openAuthenticatorDb(name: string = AUTHENTICATOR_DB_NAME): Promise<IDBPDatabase<AuthenticatorDb>> {
  return openCurrentGeneration(name, openAuthenticatorDbNamed);
}
