/**
 * The portal's repository: the only code that touches the portal database
 * through `idb`. Every write is one transaction, so it lands whole or not at
 * all, and a user's check-and-update (a code against `lastAcceptedStep` and
 * the failure count) happens inside the transaction that writes it: two tabs
 * submitting the same code are serialised by IndexedDB and only one succeeds.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { AuditEvent, LoginChallenge, MfaState, PortalUser, Session, UserId } from '../portal/model';
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
   * email. Walks the email index with a key cursor, so only the page's records are read.
   */
  listUsers(query: UserQuery): Promise<Page<UserSummary>>;
  /**
   * Reads one user (and optionally one challenge), lets `mutate` decide, and
   * writes its decision, all in ONE readwrite transaction over users, sessions,
   * challenges and audit. Resolves with `value` after the commit.
   */
  mutateUser<T>(id: UserId, mutate: UserMutation<T>, options?: { challengeId?: string }): Promise<T>;
  /** Applies writes that change no user, in one transaction. */
  applyEffects(effects: StoreEffects): Promise<void>;
  /** Adds users, all or none (e.g. an import); rejects with `storage_write_failed` if an id or email exists. */
  addUsers(users: readonly PortalUser[]): Promise<void>;
  /** Stores `users` only if there are none yet, in one transaction; returns whether it did. */
  seedUsers(users: readonly PortalUser[]): Promise<boolean>;
  /** Replaces all users and empties sessions, challenges and the audit log, then appends `audit`; one transaction. */
  replaceAll(users: readonly PortalUser[], audit: readonly AuditEvent[]): Promise<void>;
  /** The session with this token, or undefined (expired ones included; the caller checks). */
  getSession(token: string): Promise<Session | undefined>;
  /** The challenge with this id, or undefined. */
  getChallenge(id: string): Promise<LoginChallenge | undefined>;
  /** A page of the audit log, newest first. */
  listAudit(query: { offset: number; limit: number }): Promise<Page<AuditEvent>>;
  /**
   * The key that seals TOTP secrets: the stored one, or `create()`'s, stored
   * now. If two tabs create one at once, both get the one stored first.
   */
  loadSecretKey(create: () => Promise<CryptoKey>): Promise<CryptoKey>;
  /** Closes the connection; the next call opens it again. */
  close(): Promise<void>;
}

/** The stores a user mutation writes. */
const WRITE_STORES: StoreNames<PortalDb>[] = ['users', 'sessions', 'challenges', 'audit'];

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
 */
export function createPortalStore(openDb: () => Promise<IDBPDatabase<PortalDb>> = () => openPortalDb()): PortalStore {
  const { read, write, close } = createDbRunner(openDb);

  /** Issues the effects' requests without waiting in between, and returns them all. */
  function issueEffects(tx: Tx<'readwrite'>, effects: StoreEffects): Promise<unknown>[] {
    const requests: Promise<unknown>[] = [];
    const issue = (request: () => Promise<unknown>): void => {
      // Issued now; one that throws synchronously (DataError, DataCloneError) becomes a rejection.
      requests.push((async () => request())());
    };
    for (const event of effects.audit ?? []) issue(() => tx.objectStore('audit').add(toAuditRecord(event)));
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
        const ids: UserId[] = [];
        let total = 0;
        if (needle === '') {
          total = await index.count();
          let cursor = await index.openKeyCursor();
          if (cursor && offset > 0) cursor = await cursor.advance(offset);
          while (cursor && ids.length < limit) {
            ids.push(cursor.primaryKey);
            cursor = await cursor.continue();
          }
        } else {
          // Key cursor: the emails come from the index, and no record (hash, secret) is read to match.
          for (let cursor = await index.openKeyCursor(); cursor; cursor = await cursor.continue()) {
            if (!cursor.key.includes(needle)) continue;
            if (total >= offset && ids.length < limit) ids.push(cursor.primaryKey);
            total++;
          }
        }
        const users = await Promise.all(ids.map((id) => store.get(id)));
        const rows = users.filter((user): user is PortalUser => user !== undefined).map(toUserSummary);
        return { rows, total };
      }),

    mutateUser: (id, mutate, options) =>
      write(WRITE_STORES, 'mutateUser', async (tx) => {
        const challengeId = options?.challengeId;
        const [user, challenge] = await Promise.all([
          tx.objectStore('users').get(id),
          challengeId === undefined ? undefined : tx.objectStore('challenges').get(challengeId),
        ]);
        const change = mutate(user, challenge);
        const requests = issueEffects(tx, change);
        if (change.user) {
          if (change.user.id !== id) throw new Error(`mutateUser(${id}) returned another user`);
          const record = toUserRecord(change.user);
          requests.push((async () => tx.objectStore('users').put(record))());
        }
        await Promise.all(requests);
        return change.value;
      }),

    applyEffects: (effects) =>
      write(WRITE_STORES, 'applyEffects', async (tx) => {
        await Promise.all(issueEffects(tx, effects));
      }),

    addUsers: (users) =>
      write(['users'], 'addUsers', async (tx) => {
        const store = tx.objectStore('users');
        await Promise.all(users.map(async (user) => store.add(toUserRecord(user))));
      }),

    seedUsers: (users) =>
      write(['users'], 'seedUsers', async (tx) => {
        const store = tx.objectStore('users');
        if ((await store.count()) > 0) return false;
        await Promise.all(users.map(async (user) => store.add(toUserRecord(user))));
        return true;
      }),

    replaceAll: (users, audit) =>
      write(WRITE_STORES, 'replaceAll', async (tx) => {
        await Promise.all(WRITE_STORES.map((name) => tx.objectStore(name).clear()));
        await Promise.all([
          ...users.map(async (user) => tx.objectStore('users').add(toUserRecord(user))),
          ...issueEffects(tx, { audit }),
        ]);
      }),

    getSession: (token) =>
      read(['sessions'], 'getSession', async (tx) =>
        typeof token === 'string' && token !== '' ? tx.objectStore('sessions').get(token) : undefined,
      ),

    getChallenge: (id) =>
      read(['challenges'], 'getChallenge', async (tx) =>
        typeof id === 'string' && id !== '' ? tx.objectStore('challenges').get(id) : undefined,
      ),

    listAudit: ({ offset, limit }) =>
      read(['audit'], 'listAudit', async (tx) => {
        const store = tx.objectStore('audit');
        const total = await store.count();
        const rows: AuditEvent[] = [];
        // Newest first; events of the same millisecond come in reverse insertion order.
        let cursor = await store.index('by-at').openCursor(null, 'prev');
        if (cursor && offset > 0) cursor = await cursor.advance(offset);
        while (cursor && rows.length < limit) {
          rows.push(cursor.value);
          cursor = await cursor.continue();
        }
        return { rows, total };
      }),

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

    close,
  };
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
  };
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



