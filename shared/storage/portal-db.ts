import type { DBSchema, IDBPDatabase } from 'idb';
import type { AuditEvent, LoginChallenge, PortalUser, Session, UnknownEmailThrottle, UserId } from '../portal/model';
import { INITIAL_PASSWORD_THROTTLE } from '../portal/password-throttle';
import { openWithMigrations, type Migration } from './open-db';

/** The name of the portal's IndexedDB database in production. */
export const PORTAL_DB_NAME = 'portal';

/** The key under which the `keys` store keeps the AES-GCM key that seals TOTP secrets. */
export const SECRET_BOX_KEY_ID = 'secret-box';

/** The portal's schema (version 2). */
export interface PortalDb extends DBSchema {
  /** The reseller account's people, keyed by `id`; `by-email` (unique) finds and sorts them by email. */
  users: { key: UserId; value: PortalUser; indexes: { 'by-email': string } };
  /** Signed-in browsers, keyed by their token; `by-userId` finds a user's sessions to end them all (v2). */
  sessions: { key: string; value: Session; indexes: { 'by-userId': string } };
  /**
   * Password throttles of emails no user has, keyed by the normalised email, so
   * an unknown email is throttled exactly as an account would be (v2). Bounded:
   * `by-last` finds the oldest to drop (see portal-store.ts).
   */
  unknownEmailThrottles: { key: string; value: UnknownEmailThrottle; indexes: { 'by-last': number } };
  /** Sign-ins waiting for their second factor, keyed by `id`. */
  challenges: { key: string; value: LoginChallenge };
  /** The audit log: auto-incremented `id`; `by-at` lists it in time order. */
  audit: { key: number; value: AuditEvent; indexes: { 'by-at': number } };
  /**
   * Non-extractable WebCrypto keys (out-of-line keys, e.g. {@link SECRET_BOX_KEY_ID}).
   * IndexedDB stores a CryptoKey by structured clone without ever exposing its bytes.
   */
  keys: { key: string; value: CryptoKey };
}

/**
 * The schema's history, one step per version: `portalMigrations[n]` upgrades
 * version `n` to `n + 1`. Append new steps; never edit a shipped one.
 */
export const portalMigrations: readonly Migration<PortalDb>[] = [
  // 0 -> 1: every store.
  (db) => {
    db.createObjectStore('users', { keyPath: 'id' }).createIndex('by-email', 'email', { unique: true });
    db.createObjectStore('sessions', { keyPath: 'token' });
    db.createObjectStore('challenges', { keyPath: 'id' });
    db.createObjectStore('audit', { keyPath: 'id', autoIncrement: true }).createIndex('by-at', 'at');
    db.createObjectStore('keys');
  },
  // 1 -> 2: sessions found by user (to end them all when MFA or the password changes),
  // throttles for unknown emails, and every user's password throttle, starting clean.
  async (db, tx) => {
    tx.objectStore('sessions').createIndex('by-userId', 'userId');
    db.createObjectStore('unknownEmailThrottles', { keyPath: 'email' }).createIndex('by-last', 'lastFailureAt');
    for (let cursor = await tx.objectStore('users').openCursor(); cursor; cursor = await cursor.continue()) {
      await cursor.update({ ...cursor.value, passwordThrottle: { ...INITIAL_PASSWORD_THROTTLE } });
    }
  },
];

/** The current schema version. */
export const PORTAL_DB_VERSION = portalMigrations.length;

/**
 * Opens the portal's database at the current version, creating or upgrading it first if needed.
 *
 * @param name The database name; tests pass a fresh one each.
 * @throws AppError `storage_open_failed` (see {@link openWithMigrations}).
 */
export function openPortalDb(name: string = PORTAL_DB_NAME): Promise<IDBPDatabase<PortalDb>> {
  return openWithMigrations(name, portalMigrations);
}
