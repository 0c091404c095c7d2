/**
 * The portal's repository: the only code that touches the portal database
 * through `idb`. Every write is one transaction, so it lands whole or not at
 * all, and a user's check-and-update (a code against `lastAcceptedStep` and
 * the failure count) happens inside the transaction that writes it: two tabs
 * submitting the same code are serialised by IndexedDB and only one succeeds.
 *
 * A write that adds or removes users or changes what the Admins tab's index
 * holds of one (email, sign-in method, MFA status, lock) is announced on a
 * BroadcastChannel once it has committed, so every tab (this one included)
 * can refresh what it keeps of the list (`watchUsers`).
 */
import type { IDBPDatabase, IDBPIndex, IDBPTransaction, StoreNames } from 'idb';
import type { AuditEvent, LoginChallenge, MfaState, PasswordThrottle, PortalUser, Session, UserId } from '../portal/model';
import { INITIAL_PASSWORD_THROTTLE } from '../portal/password-throttle';
import type { AdminIndexEntry } from '../portal/admin-search';
import { filtersByContent, matchesAuditFilter, type AuditFilter } from '../portal/audit-filter';
import type { Page } from '../portal/portal-api';
import { openPortalDb, SECRET_BOX_KEY_ID, type PortalDb } from './portal-db';
import { createDbRunner } from './db-runner';

/** A user's MFA as a list shows it: the state without the secret. */
export type MfaSummary =
  | { status: 'disabled' }
  | {
      status: 'pending';
      /** Who started the enrollment. */
      setBy: 'self' | 'owner';
      /** When the pending secret stops being offered (ms); null when set by the owner. */
      expiresAt: number | null;
    }
  | { status: 'enabled' };

/** A user as a list shows it: no password hash, no secret, no recovery codes. */
export interface UserSummary {
  /** The user's id. */
  id: UserId;
  /** Lower-case email. */
  email: string;
  /** Display name. */
  name: string;
  /** Owner or admin. */
  role: PortalUser['role'];
  /** Password or SSO. */
  signIn: PortalUser['signIn'];
  /** Where their MFA stands, without the secret. */
  mfa: MfaSummary;
  /** Consecutive failed codes (100 or more: hard-locked). */
  failedAttempts: number;
  /** Codes are refused until this time (ms), or null. */
  lockedUntil: number | null;
}

/** The writes that add or remove users or change their index entries, as `watchUsers` names them. */
export type UsersChange = 'addUsers' | 'seedUsers' | 'replaceAll' | 'mutateUser';

/** Where a change announced to `watchUsers` was made, and to whom. */
export interface UsersChangeSource {
  /** True when this store made it (this tab), false for another store on the same database (another tab or window). */
  local: boolean;
  /** The users whose index entry changed, when the write changed one user; null when it added, removed or replaced users. */
  ids: UserId[] | null;
}

/** Which users a list returns: an email substring (case-insensitive), then a window of the matches in email order. */
export interface UserQuery {
  /** Part of an email; blank or absent matches everyone. */
  search?: string;
  /** How many matches to skip, 0 or more. */
  offset: number;
  /** How many rows at most, 1 or more. */
  limit: number;
}

/** Writes besides the user that land in the same transaction. */
export interface StoreEffects {
  /** Audit events to append (their `id` is assigned by the store). */
  audit?: readonly AuditEvent[];
  /** A session to add. */
  addSession?: Session;
  /** A session to remove (by token). */
  deleteSession?: string;
  /** Ends every session of this user (before `addSession` is added, so that one stays). */
  endSessionsOf?: UserId;
  /** A challenge to store (added or replaced). */
  putChallenge?: LoginChallenge;
  /** A challenge to remove (by id). */
  deleteChallenge?: string;
}

/** What a {@link PortalStore.mutateUser} callback decides: the new user (if changed), other writes, and a result. */
export interface UserChange<T> extends StoreEffects {
  /** The user as it is to be stored; absent to leave the record as it is. Must keep its `id`. */
  user?: PortalUser;
  /** What `mutateUser` resolves to once the transaction has committed. */
  value: T;
}

/** What a {@link PortalStore.throttlePasswordAttempt} callback decides. */
export interface ThrottleChange<T> {
  /** The throttle to store; absent to leave it as it is. */
  throttle?: PasswordThrottle;
  /** Audit events to append in the same transaction. */
  audit?: readonly AuditEvent[];
  /** What `throttlePasswordAttempt` resolves to once committed. */
  value: T;
}

/**
 * Decides a user's change from the stored record (and, if asked for, the
 * stored challenge). Synchronous on purpose: it runs inside the readwrite
 * transaction, which would commit early if it awaited anything else. Throwing
 * aborts the transaction, so nothing is written.
 */
export type UserMutation<T> = (user: PortalUser | undefined, challenge: LoginChallenge | undefined) => UserChange<T>;

/** The portal's persisted state. Rejections are `AppError`s. */
export interface PortalStore {
  /** The user with this id, or undefined. */
  getUser(id: UserId): Promise<PortalUser | undefined>;
  /** The user with this email (compared lower-case), or undefined. */
  findUserByEmail(email: string): Promise<PortalUser | undefined>;
  /** How many users are stored. */
  countUsers(): Promise<number>;
  /**
   * A page of users in email order, matching `query.search` as a substring of the
   * email. A search walks the email index with a key cursor, so only the page's
   * records are read; the Admins tab searches in memory instead (listUserIndex).
   */
  listUsers(query: UserQuery): Promise<Page<UserSummary>>;
  /**
   * Every user's index entry (id, email, sign-in method, MFA status, lock), in
   * email order: the Admins tab's search index. Nothing else of a user leaves
   * the store. Read in short transactions; once `signal` is aborted no more
   * are started and it rejects with the signal's reason.
   */
  listUserIndex(signal?: AbortSignal): Promise<AdminIndexEntry[]>;
  /** The index entries of the users with these ids, in the order asked; ids of no user are left out. */
  getUserIndexEntries(ids: readonly UserId[]): Promise<AdminIndexEntry[]>;
  /** The users with these ids, in the order asked; ids of no user are left out. */
  getUserSummaries(ids: readonly UserId[]): Promise<UserSummary[]>;
  /**
   * Calls `listener` after a write that added or removed users or changed a
   * user's index entry (see {@link listUserIndex}) has committed, in this tab
   * or another one on the same database, with the name of the write and
   * whether this store made it; nothing about the users. Returns a function that stops it.
   */
  watchUsers(listener: (change: UsersChange, source: UsersChangeSource) => void): () => void;
  /**
   * Reads one user (and optionally one challenge), lets `mutate` decide, and
   * writes its decision, all in ONE readwrite transaction over users, sessions,
   * challenges and audit. Resolves with `value` after the commit.
   */
  mutateUser<T>(id: UserId, mutate: UserMutation<T>, options?: { challengeId?: string }): Promise<T>;
  /**
   * Reads the password throttle of `email` (the user's, or the unknown email's
   * when no user has it), lets `decide` rule on it and stores its decision,
   * in ONE readwrite transaction, so parallel attempts are counted one by one.
   * At most {@link MAX_UNKNOWN_EMAIL_THROTTLES} unknown emails are kept; the
   * one with the oldest attempt is dropped first.
   */
  throttlePasswordAttempt<T>(
    email: string,
    decide: (user: PortalUser | undefined, throttle: PasswordThrottle) => ThrottleChange<T>,
  ): Promise<T>;
  /** Applies writes that change no user, in one transaction. */
  applyEffects(effects: StoreEffects): Promise<void>;
  /** Adds users, all or none (e.g. an import); rejects with `storage_write_failed` if an id or email exists. */
  addUsers(users: readonly PortalUser[]): Promise<void>;
  /** Stores `users` only if there are none yet, in one transaction; returns whether it did. */
  seedUsers(users: readonly PortalUser[]): Promise<boolean>;
  /**
   * Replaces all users and empties sessions, challenges, the audit log and the
   * unknown emails' throttles, then appends `audit`; one transaction.
   */
  replaceAll(users: readonly PortalUser[], audit: readonly AuditEvent[]): Promise<void>;
  /** The session with this token, or undefined (expired ones included; the caller checks). */
  getSession(token: string): Promise<Session | undefined>;
  /** The challenge with this id, or undefined. */
  getChallenge(id: string): Promise<LoginChallenge | undefined>;
  /**
   * A page of the audit log, newest first, of the events matching `filter`
   * (every event without one). A date range alone is read from the time
   * index; a person or a kind is matched in memory over that range.
   */
  listAudit(query: { offset: number; limit: number; filter?: AuditFilter }): Promise<Page<AuditEvent>>;
  /** Every event of the audit log matching `filter`, newest first (for an export). */
  readAudit(filter?: AuditFilter): Promise<AuditEvent[]>;
  /**
   * The key that seals TOTP secrets: the stored one, or `create()`'s, stored
   * now. If two tabs create one at once, both get the one stored first.
   */
  loadSecretKey(create: () => Promise<CryptoKey>): Promise<CryptoKey>;
  /** Closes the connection (the next call opens it again) and stops every `watchUsers` listener. */
  close(): Promise<void>;
}

/** The channel on which stores announce changes to the users (the message names the database). */
const USERS_CHANNEL = 'portal-users';

/** What is posted on {@link USERS_CHANNEL}: which database's users changed, by what write and from which store; nothing about them. */
interface UsersChanged {
  type: 'users-changed';
  /** The database's name. */
  db: string;
  /** The write. */
  change: UsersChange;
  /** A random id of the store that made the write, so it can tell its own changes from other tabs'. */
  origin: string;
  /** The (random, opaque) ids of the users changed, for a change to one user; null otherwise. */
  ids: UserId[] | null;
}

/**
 * How many users `listUserIndex` reads per transaction: short reads keep the
 * page responsive and let writes (an MFA toggle) in between, where one read
 * of 10,000 records would hold them for 100 ms or more.
 */
const INDEX_CHUNK = 1_000;

/** Tells every store on database `db` (in any tab, this one's too) that its users changed. */
function announceUsersChanged(db: string, change: UsersChange, origin: string, ids: UserId[] | null): void {
  if (typeof BroadcastChannel === 'undefined') return;
  // A channel does not hear its own messages, so a fresh one posts: this tab's listeners hear it too.
  const channel = new BroadcastChannel(USERS_CHANNEL);
  channel.postMessage({ type: 'users-changed', db, change, origin, ids } satisfies UsersChanged);
  channel.close();
}

/**
 * How many unknown emails' password throttles are kept (about 100 bytes each).
 * Past it the oldest is dropped: someone who fails with this many other unknown
 * emails could reset one unknown email's delays, which tells nothing about real
 * accounts (they are throttled on their own record, never dropped).
 */
export const MAX_UNKNOWN_EMAIL_THROTTLES = 10_000;

/** The stores a user mutation writes. */
const WRITE_STORES: StoreNames<PortalDb>[] = ['users', 'sessions', 'challenges', 'audit'];

/** The stores a reset empties: every one but the sealing key. */
const RESET_STORES: StoreNames<PortalDb>[] = [...WRITE_STORES, 'unknownEmailThrottles'];

type Tx<Mode extends IDBTransactionMode> = IDBPTransaction<PortalDb, StoreNames<PortalDb>[], Mode>;

/**
 * Makes the portal's repository.
 *
 * The database is opened on first use and the promise is cached (not the
 * resolved connection, so concurrent first calls share one open). A failed
 * open is not cached, and a connection closed under us (another tab
 * upgrading) is reopened.
 *
 * @param openDb Opens the database; tests pass `() => openPortalDb(freshName)`.
 * @param limits.maxUnknownEmailThrottles How many unknown emails' throttles to keep
 *   (default {@link MAX_UNKNOWN_EMAIL_THROTTLES}); tests of the cap pass a small one.
 */
export function createPortalStore(
  openDb: () => Promise<IDBPDatabase<PortalDb>> = () => openPortalDb(),
  limits: { maxUnknownEmailThrottles?: number } = {},
): PortalStore {
  const maxUnknownEmailThrottles = limits.maxUnknownEmailThrottles ?? MAX_UNKNOWN_EMAIL_THROTTLES;
  /** The database's name, known once it has been opened: announcements name it. */
  let dbName: string | undefined;
  const { read, write, close } = createDbRunner(async () => {
    const db = await openDb();
    dbName = db.name;
    return db;
  });
  /** The `watchUsers` listeners, and the channel they hear changes on (open while there are any). */
  const watchers = new Set<(change: UsersChange, source: UsersChangeSource) => void>();
  /** This store's id in its announcements. */
  const origin = crypto.randomUUID();
  let channel: BroadcastChannel | undefined;

  function stopWatching(): void {
    watchers.clear();
    channel?.close();
    channel = undefined;
  }

  /** Runs a write that may change the users, and announces it once committed if it did. */
  async function writeUsers<T>(
    operation: UsersChange,
    stores: StoreNames<PortalDb>[],
    work: (tx: Tx<'readwrite'>) => Promise<{ changed: boolean; value: T }>,
    ids: UserId[] | null = null,
  ): Promise<T> {
    const { changed, value } = await write(stores, operation, work);
    if (changed && dbName !== undefined) announceUsersChanged(dbName, operation, origin, ids);
    return value;
  }

  /** Issues the effects' requests without waiting in between, and returns them all. */
  function issueEffects(tx: Tx<'readwrite'>, effects: StoreEffects): Promise<unknown>[] {
    const requests: Promise<unknown>[] = [];
    const issue = (request: () => Promise<unknown>): void => {
      // Issued now; one that throws synchronously (DataError, DataCloneError) becomes a rejection.
      requests.push((async () => request())());
    };
    for (const event of effects.audit ?? []) issue(() => tx.objectStore('audit').add(toAuditRecord(event)));
    if (effects.endSessionsOf !== undefined) {
      const userId = effects.endSessionsOf;
      // Requests run in order, so these keys are read before `addSession` below is added.
      issue(async () => {
        const sessions = tx.objectStore('sessions');
        const tokens = await sessions.index('by-userId').getAllKeys(userId);
        await Promise.all(tokens.map((token) => sessions.delete(token)));
      });
    }
    if (effects.addSession) {
      const session = toSessionRecord(effects.addSession);
      issue(() => tx.objectStore('sessions').add(session));
    }
    if (effects.deleteSession !== undefined) {
      const token = effects.deleteSession;
      issue(() => tx.objectStore('sessions').delete(token));
    }
    if (effects.deleteChallenge !== undefined) {
      const id = effects.deleteChallenge;
      issue(() => tx.objectStore('challenges').delete(id));
    }
    if (effects.putChallenge) {
      const challenge = toChallengeRecord(effects.putChallenge);
      issue(() => tx.objectStore('challenges').put(challenge));
    }
    return requests;
  }

  return {
    getUser: (id) => read(['users'], 'getUser', (tx) => tx.objectStore('users').get(id)),

    findUserByEmail: (email) =>
      read(['users'], 'findUserByEmail', (tx) =>
        tx.objectStore('users').index('by-email').get(normalizeEmail(email)),
      ),

    countUsers: () => read(['users'], 'countUsers', (tx) => tx.objectStore('users').count()),

    listUsers: ({ search, offset, limit }) =>
      read(['users'], 'listUsers', async (tx) => {
        const store = tx.objectStore('users');
        const index = store.index('by-email');
        const needle = normalizeEmail(search ?? '');
        if (needle === '') {
          // Two requests at once rather than a cursor step per row. Every user has an email,
          // so the store's count is the index's, and cheaper to take (8 ms vs 40 ms at 10,000).
          const [total, users] = await Promise.all([store.count(), readEmailWindow(index, offset, limit)]);
          return { rows: users.map(toUserSummary), total };
        }
        const ids: UserId[] = [];
        let total = 0;
        // Key cursor: the emails come from the index, and no record (hash, secret) is read to match.
        for (let cursor = await index.openKeyCursor(); cursor; cursor = await cursor.continue()) {
          if (!cursor.key.includes(needle)) continue;
          if (total >= offset && ids.length < limit) ids.push(cursor.primaryKey);
          total++;
        }
        const users = await Promise.all(ids.map((id) => store.get(id)));
        const rows = users.filter((user): user is PortalUser => user !== undefined).map(toUserSummary);
        return { rows, total };
      }),

    listUserIndex: async (signal) => {
      const entries: AdminIndexEntry[] = [];
      // In chunks by id, each its own transaction, then sorted: reading the records in id
      // order and sorting here costs half of reading them through the email index.
      for (let after: UserId | undefined; ; ) {
        signal?.throwIfAborted();
        const chunk = await read(['users'], 'listUserIndex', (tx) =>
          tx.objectStore('users').getAll(after === undefined ? null : IDBKeyRange.lowerBound(after, true), INDEX_CHUNK),
        );
        for (const user of chunk) entries.push(toIndexEntry(user));
        if (chunk.length < INDEX_CHUNK) break;
        after = chunk[chunk.length - 1]!.id;
      }
      // Code-unit order, as IndexedDB orders the email index (and so listUsers' pages).
      return entries.sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
    },

    getUserIndexEntries: (ids) =>
      read(['users'], 'getUserIndexEntries', async (tx) => {
        const store = tx.objectStore('users');
        const users = await Promise.all(ids.map((id) => store.get(id)));
        return users.filter((user): user is PortalUser => user !== undefined).map(toIndexEntry);
      }),

    getUserSummaries: (ids) =>
      read(['users'], 'getUserSummaries', async (tx) => {
        const store = tx.objectStore('users');
        const users = await Promise.all(ids.map((id) => store.get(id)));
        return users.filter((user): user is PortalUser => user !== undefined).map(toUserSummary);
      }),

    watchUsers(listener) {
      watchers.add(listener);
      if (!channel && typeof BroadcastChannel !== 'undefined') {
        const opened = new BroadcastChannel(USERS_CHANNEL);
        opened.onmessage = (event: MessageEvent<UsersChanged>) => {
          const { data } = event;
          if (data?.type !== 'users-changed') return;
          // Until this store has opened its database it cannot tell whose change it is: a needless refresh is harmless.
          if (dbName !== undefined && data.db !== dbName) return;
          const source: UsersChangeSource = { local: data.origin === origin, ids: Array.isArray(data.ids) ? data.ids : null };
          for (const watcher of [...watchers]) watcher(data.change, source);
        };
        channel = opened;
      }
      return () => {
        watchers.delete(listener);
        if (watchers.size === 0) stopWatching();
      };
    },

    mutateUser: (id, mutate, options) =>
      writeUsers('mutateUser', WRITE_STORES, async (tx) => {
        const challengeId = options?.challengeId;
        const [user, challenge] = await Promise.all([
          tx.objectStore('users').get(id),
          challengeId === undefined ? undefined : tx.objectStore('challenges').get(challengeId),
        ]);
        const change = mutate(user, challenge);
        const requests = issueEffects(tx, change);
        // Only a change to what the Admins tab's index holds is announced: a sign-in, a replay
        // guard's step or a password throttle leave it as it is.
        let changed = false;
        if (change.user) {
          if (change.user.id !== id) throw new Error(`mutateUser(${id}) returned another user`);
          const record = toUserRecord(change.user);
          changed = !user || !isSameIndexEntry(toIndexEntry(user), toIndexEntry(record));
          requests.push((async () => tx.objectStore('users').put(record))());
        }
        await Promise.all(requests);
        return { changed, value: change.value };
      }, [id]),

    throttlePasswordAttempt: (email, decide) =>
      write(['users', 'unknownEmailThrottles', 'audit'], 'throttlePasswordAttempt', async (tx) => {
        const key = normalizeEmail(email);
        const users = tx.objectStore('users');
        const unknown = tx.objectStore('unknownEmailThrottles');
        const [user, kept] = await Promise.all([users.index('by-email').get(key), unknown.get(key)]);
        const current = user ? (user.passwordThrottle ?? INITIAL_PASSWORD_THROTTLE) : (kept ?? INITIAL_PASSWORD_THROTTLE);
        const change = decide(user, current);
        const requests: Promise<unknown>[] = (change.audit ?? []).map(async (event) =>
          tx.objectStore('audit').add(toAuditRecord(event)),
        );
        const next = change.throttle;
        if (next && user) requests.push((async () => users.put(toUserRecord({ ...user, passwordThrottle: next })))());
        if (next && !user) {
          requests.push(
            (async () => {
              await unknown.put({ email: key, ...toThrottleRecord(next) });
              if (kept || (await unknown.count()) <= maxUnknownEmailThrottles) return;
              const oldest = await unknown.index('by-last').openKeyCursor();
              if (oldest) await unknown.delete(oldest.primaryKey);
            })(),
          );
        }
        await Promise.all(requests);
        return change.value;
      }),

    applyEffects: (effects) =>
      write(WRITE_STORES, 'applyEffects', async (tx) => {
        await Promise.all(issueEffects(tx, effects));
      }),

    addUsers: (users) =>
      writeUsers('addUsers', ['users'], async (tx) => {
        const store = tx.objectStore('users');
        await Promise.all(users.map(async (user) => store.add(toUserRecord(user))));
        return { changed: users.length > 0, value: undefined };
      }),

    seedUsers: (users) =>
      writeUsers('seedUsers', ['users'], async (tx) => {
        const store = tx.objectStore('users');
        if ((await store.count()) > 0) return { changed: false, value: false };
        await Promise.all(users.map(async (user) => store.add(toUserRecord(user))));
        return { changed: users.length > 0, value: true };
      }),

    replaceAll: (users, audit) =>
      writeUsers('replaceAll', RESET_STORES, async (tx) => {
        await Promise.all(RESET_STORES.map((name) => tx.objectStore(name).clear()));
        await Promise.all([
          ...users.map(async (user) => tx.objectStore('users').add(toUserRecord(user))),
          ...issueEffects(tx, { audit }),
        ]);
        return { changed: true, value: undefined };
      }),

    getSession: (token) =>
      read(['sessions'], 'getSession', async (tx) =>
        typeof token === 'string' && token !== '' ? tx.objectStore('sessions').get(token) : undefined,
      ),

    getChallenge: (id) =>
      read(['challenges'], 'getChallenge', async (tx) =>
        typeof id === 'string' && id !== '' ? tx.objectStore('challenges').get(id) : undefined,
      ),

    listAudit: ({ offset, limit, filter = {} }) =>
      read(['audit'], 'listAudit', async (tx) => {
        const byTime = tx.objectStore('audit').index('by-at');
        const range = toTimeRange(filter);
        if (filtersByContent(filter)) {
          const matches = await readAuditNewestFirst(byTime, range, filter);
          return { rows: matches.slice(offset, offset + limit), total: matches.length };
        }
        const total = await byTime.count(range ?? undefined);
        const rows: AuditEvent[] = [];
        // Newest first; events of the same millisecond come in reverse insertion order.
        let cursor = await byTime.openCursor(range, 'prev');
        if (cursor && offset > 0) cursor = await cursor.advance(offset);
        while (cursor && rows.length < limit) {
          rows.push(cursor.value);
          cursor = await cursor.continue();
        }
        return { rows, total };
      }),

    readAudit: (filter = {}) =>
      read(['audit'], 'readAudit', (tx) => readAuditNewestFirst(tx.objectStore('audit').index('by-at'), toTimeRange(filter), filter)),

    async loadSecretKey(create) {
      const stored = await read(['keys'], 'loadSecretKey', (tx) => tx.objectStore('keys').get(SECRET_BOX_KEY_ID));
      if (stored) return stored;
      // Generating is asynchronous WebCrypto, so it happens outside the transaction that stores it.
      const fresh = await create();
      return write(['keys'], 'storeSecretKey', async (tx) => {
        const store = tx.objectStore('keys');
        const raced = await store.get(SECRET_BOX_KEY_ID);
        if (raced) return raced;
        await store.add(fresh, SECRET_BOX_KEY_ID);
        return fresh;
      });
    },

    async close() {
      stopWatching();
      await close();
    },
  };
}

/**
 * `limit` records of the email index from position `offset`: one bulk read,
 * after skipping to the first one's email with a key cursor when not at the start.
 */
async function readEmailWindow(
  index: IDBPIndex<PortalDb, ['users'], 'users', 'by-email', 'readonly'>,
  offset: number,
  limit: number,
): Promise<PortalUser[]> {
  if (offset === 0) return index.getAll(null, limit);
  const cursor = await index.openKeyCursor();
  const first = cursor && (await cursor.advance(offset));
  // Emails are unique, so the window starts at that email exactly.
  return first ? index.getAll(IDBKeyRange.lowerBound(first.key), limit) : [];
}

/** The time index's range for a filter's dates (from inclusive, until exclusive), or null for all time. */
function toTimeRange({ from, until }: AuditFilter): IDBKeyRange | null {
  if (from !== undefined && until !== undefined) return from < until ? IDBKeyRange.bound(from, until, false, true) : IDBKeyRange.only(-1);
  if (from !== undefined) return IDBKeyRange.lowerBound(from);
  if (until !== undefined) return IDBKeyRange.upperBound(until, true);
  return null;
}

/**
 * The events in `range` matching `filter`, newest first: one bulk read of the
 * range (far quicker than a cursor step per event), filtered in memory.
 */
async function readAuditNewestFirst(
  byTime: IDBPIndex<PortalDb, ['audit'], 'audit', 'by-at', 'readonly'>,
  range: IDBKeyRange | null,
  filter: AuditFilter,
): Promise<AuditEvent[]> {
  const events = await byTime.getAll(range);
  const matches: AuditEvent[] = [];
  // The index lists (time, id) ascending: walked backwards, the newest come first, as listAudit's cursor gives them.
  for (let i = events.length - 1; i >= 0; i--) {
    if (matchesAuditFilter(events[i]!, filter)) matches.push(events[i]!);
  }
  return matches;
}

/** What the Admins tab's index holds of a user (nothing secret). */
function toIndexEntry(user: PortalUser): AdminIndexEntry {
  const { mfa } = user;
  return {
    id: user.id,
    email: user.email,
    signIn: user.signIn,
    mfa: { status: mfa.status, expiresAt: mfa.status === 'pending' ? mfa.expiresAt : null },
    failedAttempts: user.failedAttempts,
    lockedUntil: user.lockedUntil,
  };
}

/** Returns whether two index entries hold the same. */
function isSameIndexEntry(a: AdminIndexEntry, b: AdminIndexEntry): boolean {
  return (
    a.email === b.email &&
    a.signIn === b.signIn &&
    a.mfa.status === b.mfa.status &&
    a.mfa.expiresAt === b.mfa.expiresAt &&
    a.failedAttempts === b.failedAttempts &&
    a.lockedUntil === b.lockedUntil
  );
}

/** Emails are stored and compared lower-case, without surrounding whitespace. */
export function normalizeEmail(email: string): string {
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}

/** The list view of a user: nothing secret. */
function toUserSummary(user: PortalUser): UserSummary {
  const { mfa } = user;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    signIn: user.signIn,
    mfa:
      mfa.status === 'pending'
        ? { status: 'pending', setBy: mfa.setBy, expiresAt: mfa.expiresAt }
        : { status: mfa.status },
    failedAttempts: user.failedAttempts,
    lockedUntil: user.lockedUntil,
  };
}

function toThrottleRecord(throttle: PasswordThrottle): PasswordThrottle {
  return { failures: throttle.failures, retryAt: throttle.retryAt, lastFailureAt: throttle.lastFailureAt };
}

/** A clean copy with only the model's fields, so stray properties (UI state, plaintext) are never stored. */
function toUserRecord(user: PortalUser): PortalUser {
  const record: PortalUser = {
    id: user.id,
    email: normalizeEmail(user.email),
    name: user.name,
    role: user.role,
    signIn: user.signIn,
    mfa: toMfaRecord(user.mfa),
    lastAcceptedStep: user.lastAcceptedStep,
    recoveryCodeHashes: [...user.recoveryCodeHashes],
    failedAttempts: user.failedAttempts,
    lockedUntil: user.lockedUntil,
    passwordThrottle: toThrottleRecord(user.passwordThrottle ?? INITIAL_PASSWORD_THROTTLE),
    createdAt: user.createdAt,
  };
  if (user.password) {
    const { algorithm, iterations, salt, hash } = user.password;
    record.password = { algorithm, iterations, salt, hash };
  }
  return record;
}

function toMfaRecord(mfa: MfaState): MfaState {
  switch (mfa.status) {
    case 'disabled':
      return { status: 'disabled' };
    case 'pending':
      return {
        status: 'pending',
        secret: { iv: mfa.secret.iv, data: mfa.secret.data },
        setBy: mfa.setBy,
        createdAt: mfa.createdAt,
        expiresAt: mfa.expiresAt,
      };
    case 'enabled':
      return { status: 'enabled', secret: { iv: mfa.secret.iv, data: mfa.secret.data }, enabledAt: mfa.enabledAt };
  }
}

function toAuditRecord(event: AuditEvent): AuditEvent {
  const record: AuditEvent = {
    at: event.at,
    action: event.action,
    actor: event.actor,
    subject: event.subject,
    result: event.result,
  };
  if (event.reason !== undefined) record.reason = event.reason;
  return record;
}

function toSessionRecord(session: Session): Session {
  return { token: session.token, userId: session.userId, createdAt: session.createdAt, expiresAt: session.expiresAt };
}

function toChallengeRecord(challenge: LoginChallenge): LoginChallenge {
  return {
    id: challenge.id,
    userId: challenge.userId,
    kind: challenge.kind,
    createdAt: challenge.createdAt,
    expiresAt: challenge.expiresAt,
  };
}



