import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { AuditEvent, PortalUser, UserId } from '../../shared/portal/model';
import { generateSecretBoxKey } from '../../shared/portal/secret-box';
import { openPortalDb } from '../../shared/storage/portal-db';
import { createPortalStore, type PortalStore } from '../../shared/storage/portal-store';
import { dumpDatabase, rejection, T0 } from './portal-helpers';

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
  return {
    id: `user-${n}` as UserId,
    email: `admin-${String(n).padStart(5, '0')}@bulk.example`,
    name: `Admin ${n}`,
    role: 'admin',
    signIn: 'password',
    password: { algorithm: 'PBKDF2-SHA256', iterations: 1, salt: 'c2FsdA==', hash: 'aGFzaA==' },
    mfa: { status: 'disabled' },
    lastAcceptedStep: null,
    recoveryCodeHashes: [],
    failedAttempts: 0,
    lockedUntil: null,
    createdAt: T0,
    ...extra,
  };
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

describe('PortalStore.listUsers', () => {
  /** One store with 10,000 admins, built once for the listing tests. */
  let bulk: Promise<PortalStore> | undefined;
  function bulkStore(): Promise<PortalStore> {
    bulk ??= (async () => {
      const store = createPortalStore(() => openPortalDb('portal-store-bulk'));
      await store.addUsers(Array.from({ length: 10_000 }, (_, i) => user(i)));
      return store;
    })();
    return bulk;
  }

  it('pages through 10,000 users in email order', async () => {
    const store = await bulkStore();
    const first = await store.listUsers({ offset: 0, limit: 50 });
    expect(first.total).toBe(10_000);
    expect(first.rows.map((r) => r.email)).toEqual(Array.from({ length: 50 }, (_, i) => user(i).email));
    const last = await store.listUsers({ offset: 9_990, limit: 50 });
    expect(last.rows.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => `user-${9_990 + i}`));
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
    expect(rows[0]).toEqual({ id: 'user-1', email: user(1).email, name: 'Admin 1', role: 'admin', signIn: 'password', mfa: { status: 'enabled' } });
    expect(rows[1]?.mfa).toEqual({ status: 'pending', setBy: 'owner', expiresAt: null });
    for (const row of rows) expect(Object.keys(row).sort()).toEqual(['email', 'id', 'mfa', 'name', 'role', 'signIn']);
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
