import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { AuditEvent, PortalUser, UserId } from '../../shared/portal/model';
import { generateSecretBoxKey } from '../../shared/portal/secret-box';
import { openPortalDb } from '../../shared/storage/portal-db';
import { createPortalStore, type PortalStore, type UsersChange } from '../../shared/storage/portal-store';
import { dumpDatabase, flattenForSearch, rejection, T0, testAdmin } from './portal-helpers';

const stores: PortalStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

function freshStore(dbName = `portal-store-${crypto.randomUUID()}`): { store: PortalStore; dbName: string } {
  const store = createPortalStore(() => openPortalDb(dbName));
  stores.push(store);
  return { store, dbName };
}

function user(n: number, extra: Partial<PortalUser> = {}): PortalUser {
  return testAdmin(`user-${n}`, `admin-${String(n).padStart(5, '0')}@bulk.example`, {
    name: `Admin ${n}`,
    password: { algorithm: 'PBKDF2-SHA256', iterations: 1, salt: 'c2FsdA==', hash: 'aGFzaA==' },
    ...extra,
  });
}

const audit = (at: number, action: AuditEvent['action'] = 'sign_in'): AuditEvent => ({
  at,
  action,
  actor: 'a@example',
  subject: 'a@example',
  result: 'success',
});

describe('createPortalStore', () => {
  describe('seedUsers', () => {
    it('stores the users when there are none, and does nothing after that', async () => {
      const { store } = freshStore();
      expect(await store.seedUsers([user(1), user(2)])).toBe(true);
      expect(await store.seedUsers([user(3)])).toBe(false);
      expect(await store.countUsers()).toBe(2);
      expect(await store.getUser('user-3' as UserId)).toBeUndefined();
    });

    it('seeds once when two tabs race', async () => {
      const { store, dbName } = freshStore();
      const { store: other } = freshStore(dbName);
      const results = await Promise.all([store.seedUsers([user(1)]), other.seedUsers([user(2)])]);
      expect(results.sort()).toEqual([false, true]);
      expect(await store.countUsers()).toBe(1);
    });
  });

  describe('findUserByEmail', () => {
    it('finds a user by email, ignoring case and surrounding spaces', async () => {
      const { store } = freshStore();
      await store.addUsers([user(7, { email: 'Mixed.Case@Example.com' })]);
      expect((await store.findUserByEmail('  mixed.case@EXAMPLE.com '))?.id).toBe('user-7');
      expect(await store.findUserByEmail('nobody@example.com')).toBeUndefined();
    });
  });

  describe('addUsers', () => {
    it('adds all or none: a duplicate email rejects the whole batch', async () => {
      const { store } = freshStore();
      await store.addUsers([user(1)]);
      await rejection(store.addUsers([user(2), user(3, { email: user(1).email })]), 'storage_write_failed');
      expect(await store.countUsers()).toBe(1);
    });
  });

  describe('mutateUser', () => {
    it('serialises concurrent read-check-write mutations of one user', async () => {
      const { store, dbName } = freshStore();
      const { store: otherTab } = freshStore(dbName);
      await store.addUsers([user(1)]);
      const increment = (s: PortalStore) =>
        s.mutateUser('user-1' as UserId, (current) => ({
          user: { ...current!, failedAttempts: current!.failedAttempts + 1 },
          value: current!.failedAttempts,
        }));
      const seen = await Promise.all([increment(store), increment(otherTab), increment(store), increment(otherTab)]);
      expect(seen.sort()).toEqual([0, 1, 2, 3]);
      expect((await store.getUser('user-1' as UserId))?.failedAttempts).toBe(4);
    });

    it('lets only one of two identical check-and-set mutations succeed', async () => {
      const { store, dbName } = freshStore();
      const { store: otherTab } = freshStore(dbName);
      await store.addUsers([user(1)]);
      const acceptStep = (s: PortalStore) =>
        s.mutateUser('user-1' as UserId, (current) => {
          if (current!.lastAcceptedStep !== null && current!.lastAcceptedStep >= 42) return { value: false };
          return { user: { ...current!, lastAcceptedStep: 42 }, value: true };
        });
      const results = await Promise.all([acceptStep(store), acceptStep(otherTab)]);
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('writes the user, audit events, session and challenge together', async () => {
      const { store } = freshStore();
      await store.addUsers([user(1)]);
      await store.mutateUser('user-1' as UserId, (current) => ({
        user: { ...current!, failedAttempts: 3 },
        audit: [audit(T0)],
        addSession: { token: 'tok', userId: current!.id, createdAt: T0, expiresAt: T0 + 1 },
        putChallenge: { id: 'ch', userId: current!.id, kind: 'mfa', createdAt: T0, expiresAt: T0 + 1 },
        value: undefined,
      }));
      expect((await store.getUser('user-1' as UserId))?.failedAttempts).toBe(3);
      expect((await store.listAudit({ offset: 0, limit: 10 })).total).toBe(1);
      expect(await store.getSession('tok')).toMatchObject({ userId: 'user-1' });
      expect(await store.getChallenge('ch')).toMatchObject({ kind: 'mfa' });
    });

    it('passes the challenge asked for and can delete it', async () => {
      const { store } = freshStore();
      await store.addUsers([user(1)]);
      await store.applyEffects({ putChallenge: { id: 'ch', userId: 'user-1' as UserId, kind: 'enroll', createdAt: T0, expiresAt: T0 + 1 } });
      const kind = await store.mutateUser('user-1' as UserId, (_user, challenge) => ({ value: challenge?.kind, deleteChallenge: 'ch' }), {
        challengeId: 'ch',
      });
      expect(kind).toBe('enroll');
      expect(await store.getChallenge('ch')).toBeUndefined();
    });

    it('writes nothing when the mutation throws, and rethrows its AppError', async () => {
      const { store } = freshStore();
      await store.addUsers([user(1)]);
      await rejection(
        store.mutateUser('user-1' as UserId, () => {
          throw new AppError('mfa_not_enabled');
        }),
        'mfa_not_enabled',
      );
      expect((await store.getUser('user-1' as UserId))?.failedAttempts).toBe(0);
    });

    it('writes nothing when one of its writes fails: the user, audit and session land together or not at all', async () => {
      const { store } = freshStore();
      await store.addUsers([user(1)]);
      const session = { token: 'tok', userId: 'user-1' as UserId, createdAt: T0, expiresAt: T0 + 1 };
      await store.applyEffects({ addSession: session });
      await rejection(
        store.mutateUser('user-1' as UserId, (current) => ({
          user: { ...current!, failedAttempts: 9 },
          audit: [audit(T0)],
          addSession: session, // the token exists: this add fails, so the transaction aborts
          value: undefined,
        })),
        'storage_write_failed',
      );
      expect((await store.getUser('user-1' as UserId))?.failedAttempts).toBe(0);
      expect((await store.listAudit({ offset: 0, limit: 10 })).total).toBe(0);
    });
  });
});

/** One store with 10,000 admins (ids `user-0`..`user-9999`), built once for the listing tests. */
let bulk: Promise<PortalStore> | undefined;
function bulkStore(): Promise<PortalStore> {
  bulk ??= (async () => {
    const store = createPortalStore(() => openPortalDb('portal-store-bulk'));
    await store.addUsers(Array.from({ length: 10_000 }, (_, i) => user(i)));
    return store;
  })();
  return bulk;
}

describe('PortalStore.listUsers', () => {
  it('pages through 10,000 users in email order', async () => {
    const store = await bulkStore();
    const first = await store.listUsers({ offset: 0, limit: 50 });
    expect(first.total).toBe(10_000);
    expect(first.rows.map((r) => r.email)).toEqual(Array.from({ length: 50 }, (_, i) => user(i).email));
    const last = await store.listUsers({ offset: 9_990, limit: 50 });
    expect(last.rows.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => `user-${9_990 + i}`));
  });

  it('reads a page from the middle, and an empty one past the end', async () => {
    const store = await bulkStore();
    const middle = await store.listUsers({ offset: 4_321, limit: 3 });
    expect(middle.total).toBe(10_000);
    expect(middle.rows.map((r) => r.email)).toEqual([4_321, 4_322, 4_323].map((n) => user(n).email));
    expect(await store.listUsers({ offset: 10_000, limit: 5 })).toEqual({ rows: [], total: 10_000 });
  });

  it('searches by email substring, case-insensitively, with a total of all matches', async () => {
    const store = await bulkStore();
    const page = await store.listUsers({ search: ' ADMIN-0042', offset: 0, limit: 5 });
    // admin-00042 is not a match for "admin-0042"; admin-00420 .. admin-00429 are.
    expect(page.total).toBe(10);
    expect(page.rows.map((r) => r.email)).toEqual(['00420', '00421', '00422', '00423', '00424'].map((n) => `admin-${n}@bulk.example`));
    const second = await store.listUsers({ search: 'admin-0042', offset: 5, limit: 5 });
    expect(second.rows.map((r) => r.email)[0]).toBe('admin-00425@bulk.example');
    expect((await store.listUsers({ search: 'nobody', offset: 0, limit: 5 })).total).toBe(0);
  });

  // Speed is measured by `npm run bench`, not asserted here: this checks the answer over 10,000 users.
  it('finds one user among 10,000 by part of the email', async () => {
    const store = await bulkStore();
    const page = await store.listUsers({ search: '9999', offset: 0, limit: 50 });
    expect(page.total).toBe(1);
    expect(page.rows[0]?.email).toContain('9999');
  });

  it('returns rows without password hashes, secrets or recovery codes', async () => {
    const { store } = freshStore();
    const sealed = { iv: new Uint8Array(12), data: new Uint8Array(36) };
    await store.addUsers([
      user(1, { mfa: { status: 'enabled', secret: sealed, enabledAt: T0 }, recoveryCodeHashes: ['ab'.repeat(32)] }),
      user(2, { mfa: { status: 'pending', secret: sealed, setBy: 'owner', createdAt: T0, expiresAt: null } }),
    ]);
    const { rows } = await store.listUsers({ offset: 0, limit: 10 });
    expect(rows[0]).toEqual({ id: 'user-1', email: user(1).email, name: 'Admin 1', role: 'admin', signIn: 'password', mfa: { status: 'enabled' }, failedAttempts: 0, lockedUntil: null });
    expect(rows[1]?.mfa).toEqual({ status: 'pending', setBy: 'owner', expiresAt: null });
    // The lock (failure count and until when) is shown on the Admins tab; nothing else of the record.
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['email', 'failedAttempts', 'id', 'lockedUntil', 'mfa', 'name', 'role', 'signIn']);
  });
});

/** A user's index entry as listUserIndex gives it, for a user with no MFA and no lock. */
const plainEntry = (id: string, email: string) => ({
  id,
  email,
  signIn: 'password',
  mfa: { status: 'disabled', expiresAt: null },
  failedAttempts: 0,
  lockedUntil: null,
});

describe('PortalStore.listUserIndex', () => {
  it('gives every user of 10,000, in email order', async () => {
    const store = await bulkStore();
    // Ids sort otherwise ("user-10" before "user-2"), so this is the email order, not the id order.
    expect(await store.listUserIndex()).toEqual(Array.from({ length: 10_000 }, (_, i) => plainEntry(`user-${i}`, user(i).email)));
  });

  it("orders emails as IndexedDB's email index does, whatever the characters", async () => {
    const { store } = freshStore();
    const locals = ['a.b', 'a-b', 'a_b', 'a+b', 'ab', 'z', '0', 'é', 'ä', '😀', 'ﬀ', 'Zed'];
    // 2,345 users: more than two chunks, the last one partly filled; ids in another order than emails.
    const users = Array.from({ length: 2_345 }, (_, i) =>
      user(i, { email: `${locals[i % locals.length]}${(i * 7_919) % 2_345}@example.com` }),
    );
    await store.addUsers(users);
    const inIndexOrder = (await store.listUsers({ offset: 0, limit: 3_000 })).rows.map(({ id, email }) => ({ id, email }));
    expect(inIndexOrder).toHaveLength(2_345);
    expect((await store.listUserIndex()).map(({ id, email }) => ({ id, email }))).toEqual(inIndexOrder);
  });

  it('gives the sign-in method, the MFA status (with a pending expiry) and the lock, and nothing secret', async () => {
    const { store } = freshStore();
    const sealed = { iv: new Uint8Array(12).fill(7), data: new Uint8Array(36).fill(9) };
    await store.addUsers([
      user(1, { mfa: { status: 'enabled', secret: sealed, enabledAt: T0 }, recoveryCodeHashes: ['ab'.repeat(32)], failedAttempts: 5, lockedUntil: T0 + 1 }),
      user(2, { mfa: { status: 'pending', secret: sealed, setBy: 'self', createdAt: T0, expiresAt: T0 + 600_000 } }),
      user(3, { signIn: 'sso', password: undefined }),
    ]);
    const entries = await store.listUserIndex();
    expect(entries).toEqual([
      { id: 'user-1', email: user(1).email, signIn: 'password', mfa: { status: 'enabled', expiresAt: null }, failedAttempts: 5, lockedUntil: T0 + 1 },
      { id: 'user-2', email: user(2).email, signIn: 'password', mfa: { status: 'pending', expiresAt: T0 + 600_000 }, failedAttempts: 0, lockedUntil: null },
      { ...plainEntry('user-3', user(3).email), signIn: 'sso' },
    ]);
    for (const entry of entries) expect(Object.keys(entry).sort()).toEqual(['email', 'failedAttempts', 'id', 'lockedUntil', 'mfa', 'signIn']);
    const text = flattenForSearch(entries);
    for (const secret of ['ab'.repeat(32), 'aGFzaA==', 'c2FsdA==', '090909090909']) {
      expect(text.some((t) => t.includes(secret))).toBe(false);
    }
  });

  it('stops, rejecting with the reason, once its signal is aborted', async () => {
    const store = await bulkStore();
    const closed = new AbortController();
    closed.abort(new Error('the Admins tab closed'));
    await expect(store.listUserIndex(closed.signal)).rejects.toThrow('the Admins tab closed');
  });
});

describe('PortalStore.getUserIndexEntries', () => {
  it('reads the entries asked for, in that order, leaving out unknown ids, as listUserIndex gives them', async () => {
    const { store } = freshStore();
    await store.addUsers([user(1), user(2, { failedAttempts: 3 }), user(3)]);
    const index = await store.listUserIndex();
    expect(await store.getUserIndexEntries(['user-3', 'nobody', 'user-2'] as UserId[])).toEqual([index[2], index[1]]);
  });
});

describe('PortalStore.getUserSummaries', () => {
  it('reads the users asked for, in that order, leaving out unknown ids and every secret', async () => {
    const { store } = freshStore();
    const sealed = { iv: new Uint8Array(12).fill(7), data: new Uint8Array(36).fill(9) };
    await store.addUsers([
      user(1),
      user(2, { mfa: { status: 'enabled', secret: sealed, enabledAt: T0 }, recoveryCodeHashes: ['ab'.repeat(32)] }),
      user(3),
    ]);
    const rows = await store.getUserSummaries(['user-3', 'nobody', 'user-2'] as UserId[]);
    expect(rows).toEqual([
      { id: 'user-3', email: user(3).email, name: 'Admin 3', role: 'admin', signIn: 'password', mfa: { status: 'disabled' }, failedAttempts: 0, lockedUntil: null },
      { id: 'user-2', email: user(2).email, name: 'Admin 2', role: 'admin', signIn: 'password', mfa: { status: 'enabled' }, failedAttempts: 0, lockedUntil: null },
    ]);
    const text = flattenForSearch(rows);
    for (const secret of ['ab'.repeat(32), 'aGFzaA==', 'c2FsdA==', '090909090909']) {
      expect(text.some((t) => t.includes(secret))).toBe(false);
    }
  });
});

describe('PortalStore.watchUsers', () => {
  /** Records what `store.watchUsers` reports; `until(change)` waits for `change` to be reported. */
  function recordChanges(store: PortalStore) {
    const seen: UsersChange[] = [];
    const local: boolean[] = [];
    const ids: Array<string[] | null> = [];
    let wake = () => {};
    const stop = store.watchUsers((change, source) => {
      seen.push(change);
      local.push(source.local);
      ids.push(source.ids);
      wake();
    });
    const until = async (change: UsersChange, count = 1) => {
      while (seen.filter((c) => c === change).length < count) await new Promise<void>((resolve) => (wake = resolve));
    };
    return { seen, local, ids, until, stop };
  }

  /** Two stores on one database, as two tabs have, both opened. */
  async function twoTabs() {
    const { store: here, dbName } = freshStore();
    const { store: there } = freshStore(dbName);
    await Promise.all([here.countUsers(), there.countUsers()]);
    return { here, there, dbName };
  }

  it('tells this tab and another one when users are added, and which tab made the change', async () => {
    const { here, there } = await twoTabs();
    const hereChanges = recordChanges(here);
    const thereChanges = recordChanges(there);
    await there.addUsers([user(1)]);
    await Promise.all([hereChanges.until('addUsers'), thereChanges.until('addUsers')]);
    expect(hereChanges.seen).toEqual(['addUsers']);
    expect(thereChanges.seen).toEqual(['addUsers']);
    expect(hereChanges.local).toEqual([false]);
    expect(thereChanges.local).toEqual([true]);
    expect(hereChanges.ids).toEqual([null]);
  });

  it('tells of seeding, a new email, a change of MFA or lock, and a reset; and of nothing that leaves the index as it is', async () => {
    const { here, there } = await twoTabs();
    const changes = recordChanges(here);
    const sealed = { iv: new Uint8Array(12), data: new Uint8Array(36) };
    await there.seedUsers([user(1), user(2)]);
    await there.seedUsers([user(3)]); // not stored: there are users already
    // Not in the index: the replay guard's step, a password throttle, a session, an audit event.
    await there.mutateUser('user-1' as UserId, (current) => ({
      user: { ...current!, lastAcceptedStep: 42, passwordThrottle: { failures: 3, retryAt: null, lastFailureAt: T0 } },
      audit: [audit(T0)],
      value: undefined,
    }));
    await there.applyEffects({ addSession: { token: 'tok', userId: 'user-1' as UserId, createdAt: T0, expiresAt: T0 + 1 } });
    await there.mutateUser('user-2' as UserId, (current) => ({ user: { ...current!, email: 'renamed@bulk.example' }, value: undefined }));
    await there.mutateUser('user-1' as UserId, (current) => ({
      user: { ...current!, mfa: { status: 'pending', secret: sealed, setBy: 'owner', createdAt: T0, expiresAt: null } },
      value: undefined,
    }));
    await there.mutateUser('user-1' as UserId, (current) => ({ user: { ...current!, failedAttempts: 1 }, value: undefined }));
    await there.mutateUser('user-1' as UserId, (current) => ({ user: { ...current!, lockedUntil: T0 + 1 }, value: undefined }));
    await there.replaceAll([user(4)], []);
    // Announcements arrive in the order they were made: the reset's is the last.
    await changes.until('replaceAll');
    expect(changes.seen).toEqual(['seedUsers', 'mutateUser', 'mutateUser', 'mutateUser', 'mutateUser', 'replaceAll']);
    // A change to one user names them, so a kept index reads only their entry again.
    expect(changes.ids).toEqual([null, ['user-2'], ['user-1'], ['user-1'], ['user-1'], null]);
  });

  it("does not hear another database's changes", async () => {
    const { here, there } = await twoTabs();
    const { store: elsewhere } = freshStore();
    await elsewhere.countUsers();
    const changes = recordChanges(here);
    await elsewhere.addUsers([user(1)]);
    await there.replaceAll([user(2)], []);
    await changes.until('replaceAll');
    expect(changes.seen).toEqual(['replaceAll']);
  });

  it('stops telling a listener once it is stopped', async () => {
    const { here, there } = await twoTabs();
    const stopped = recordChanges(here);
    const kept = recordChanges(here);
    stopped.stop();
    await there.addUsers([user(1)]);
    // Both listeners are told in one go, so once the kept one has heard, the stopped one would have too.
    await kept.until('addUsers');
    expect(stopped.seen).toEqual([]);
  });
});

describe('PortalStore.listAudit', () => {
  it('lists newest first, in pages, with the total', async () => {
    const { store } = freshStore();
    await store.applyEffects({ audit: [audit(T0 + 1, 'sign_in'), audit(T0 + 3, 'mfa_enabled'), audit(T0 + 2, 'qr_viewed')] });
    const page = await store.listAudit({ offset: 0, limit: 2 });
    expect(page.total).toBe(3);
    expect(page.rows.map((e) => e.action)).toEqual(['mfa_enabled', 'qr_viewed']);
    expect((await store.listAudit({ offset: 2, limit: 2 })).rows.map((e) => e.action)).toEqual(['sign_in']);
    expect(page.rows[0]?.id).toEqual(expect.any(Number));
  });
});

describe('PortalStore.replaceAll', () => {
  it('replaces the users and empties sessions, challenges and the audit log in one go', async () => {
    const { store } = freshStore();
    await store.addUsers([user(1)]);
    await store.applyEffects({
      audit: [audit(T0)],
      addSession: { token: 'tok', userId: 'user-1' as UserId, createdAt: T0, expiresAt: T0 + 1 },
      putChallenge: { id: 'ch', userId: 'user-1' as UserId, kind: 'mfa', createdAt: T0, expiresAt: T0 + 1 },
    });
    await store.replaceAll([user(2)], [audit(T0 + 5, 'demo_reset')]);
    expect(await store.getUser('user-1' as UserId)).toBeUndefined();
    expect(await store.getUser('user-2' as UserId)).toBeDefined();
    expect(await store.getSession('tok')).toBeUndefined();
    expect(await store.getChallenge('ch')).toBeUndefined();
    expect((await store.listAudit({ offset: 0, limit: 10 })).rows.map((e) => e.action)).toEqual(['demo_reset']);
  });
});

describe('PortalStore.loadSecretKey', () => {
  it('creates the key once and keeps it in the keys store', async () => {
    const { store, dbName } = freshStore();
    let created = 0;
    const create = () => {
      created++;
      return generateSecretBoxKey();
    };
    const first = await store.loadSecretKey(create);
    const again = await store.loadSecretKey(create);
    expect(created).toBe(1);
    expect(again.algorithm).toEqual(first.algorithm);
    const dump = await dumpDatabase(dbName);
    expect(dump.keys).toHaveLength(1);
    expect((dump.keys![0] as CryptoKey).extractable).toBe(false);
  });

  it('gives two racing tabs the same stored key', async () => {
    const { store, dbName } = freshStore();
    const { store: other } = freshStore(dbName);
    const [a, b] = await Promise.all([store.loadSecretKey(generateSecretBoxKey), other.loadSecretKey(generateSecretBoxKey)]);
    const iv = new Uint8Array(12);
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, a, new Uint8Array([1, 2, 3]));
    expect(new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, b, sealed))).toEqual(new Uint8Array([1, 2, 3]));
  });
});
