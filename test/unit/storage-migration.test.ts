import 'fake-indexeddb/auto';
import { openDB, unwrap, type IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors';
import {
  AUTHENTICATOR_DB_VERSION,
  authenticatorMigrations,
  openAuthenticatorDb,
  type AuthenticatorDbV1,
  type AuthenticatorDbV2,
  type VaultAccountV1,
} from '../../shared/storage/authenticator-db';
import { createAccountRepository } from '../../shared/storage/account-repository';
import { openWithMigrations, type Migration } from '../../shared/storage/open-db';
import { createDemoUsers } from '../../shared/portal/demo-data';
import type { PortalUser } from '../../shared/portal/model';
import { hashPassword } from '../../shared/portal/password';
import { createSession } from '../../shared/portal/sessions';
import { openPortalDb, portalMigrations } from '../../shared/storage/portal-db';
import { closePortals, codeAt, DEMO, openTestPortal, rejection, T0, TEST_ITERATIONS } from './portal-helpers';

const freshName = (): string => `authenticator-test-${crypto.randomUUID()}`;

/** What version 1 of the app shipped, verbatim: the historical upgrade only. */
function openV1(name: string): Promise<IDBPDatabase<AuthenticatorDbV1>> {
  return openDB<AuthenticatorDbV1>(name, 1, {
    upgrade(db) {
      db.createObjectStore('accounts', { keyPath: 'id' });
    },
  });
}

/** v1 records, deliberately written out of `createdAt` order and with non-ASCII text. */
const v1Records: VaultAccountV1[] = [
  {
    id: 'ffffffff-0000-4000-8000-000000000001',
    type: 'totp',
    issuer: 'Überbank',
    label: 'jürgen.müller@example.de',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    createdAt: 1_700_000_300_000,
  },
  {
    id: '00000000-0000-4000-8000-000000000002',
    type: 'hotp',
    issuer: '東京銀行',
    label: '山田太郎',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 42,
    createdAt: 1_700_000_100_000,
  },
  {
    id: '88888888-0000-4000-8000-000000000003',
    type: 'totp',
    issuer: '🔐 Vault',
    label: 'zoë@example.com',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    algorithm: 'SHA512',
    digits: 8,
    period: 60,
    counter: 0,
    createdAt: 1_700_000_200_000,
  },
  {
    id: '44444444-0000-4000-8000-000000000004',
    type: 'totp',
    issuer: '',
    label: 'Ωmega (no issuer)',
    secret: 'MFRGGZDFMZTWQ2LK',
    algorithm: 'SHA256',
    digits: 7,
    period: 15,
    counter: 0,
    // Same instant as the Überbank record: the id must break the tie.
    createdAt: 1_700_000_300_000,
  },
];

/** Ids in the order v1 displayed them (by createdAt, then id). */
const expectedOrder = [
  '00000000-0000-4000-8000-000000000002',
  '88888888-0000-4000-8000-000000000003',
  '44444444-0000-4000-8000-000000000004',
  'ffffffff-0000-4000-8000-000000000001',
];

/** Version 2 as it shipped: the first two steps of the history. */
function openV2(name: string): Promise<IDBPDatabase<AuthenticatorDbV2>> {
  return openWithMigrations(name, authenticatorMigrations.slice(0, 2) as unknown as Migration<AuthenticatorDbV2>[]);
}

async function seedV1(name: string, records: readonly VaultAccountV1[] = v1Records): Promise<void> {
  const db = await openV1(name);
  const tx = db.transaction('accounts', 'readwrite');
  await Promise.all([...records.map((record) => tx.store.put(record)), tx.done]);
  db.close();
}

/** Store names, key paths and indexes: what a schema looks like from outside. */
function describeSchema(wrapped: IDBPDatabase<any>): unknown {
  const db: IDBDatabase = unwrap(wrapped);
  const names = [...db.objectStoreNames].sort();
  const tx = db.transaction(names, 'readonly');
  return names.map((name) => {
    const store = tx.objectStore(name);
    return {
      name,
      keyPath: store.keyPath,
      autoIncrement: store.autoIncrement,
      indexes: [...store.indexNames].sort().map((index) => {
        const { keyPath, unique, multiEntry } = store.index(index);
        return { index, keyPath, unique, multiEntry };
      }),
    };
  });
}

const opened: IDBPDatabase<any>[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
function track<T extends IDBPDatabase<any>>(db: T): T {
  opened.push(db);
  return db;
}

describe('authenticatorMigrations', () => {
  it('upgrades a v1 database to v2 keeping every record intact, with order and updatedAt backfilled', async () => {
    const name = freshName();
    await seedV1(name);

    const db = track(await openV2(name));

    expect(db.version).toBe(2);
    expect(await db.count('accounts')).toBe(v1Records.length);
    for (const v1 of v1Records) {
      expect(await db.get('accounts', v1.id as never)).toStrictEqual({
        ...v1,
        order: expectedOrder.indexOf(v1.id),
        updatedAt: v1.createdAt,
      });
    }
  });

  it('makes the by-order index list the migrated accounts in the order v1 showed them (v2)', async () => {
    const name = freshName();
    await seedV1(name);

    const db = track(await openV2(name));

    const listed = await db.getAllFromIndex('accounts', 'by-order');
    expect(listed.map((account) => account.id)).toEqual(expectedOrder);
    expect((await db.getFromIndex('accounts', 'by-order', 0))?.issuer).toBe('東京銀行');
    expect(await db.countFromIndex('accounts', 'by-order', IDBKeyRange.bound(1, 2))).toBe(2);
  });

  it('upgrades a v1 database to v3, setting every backfilled record aside intact to be sealed', async () => {
    const name = freshName();
    await seedV1(name);

    const db = track(await openAuthenticatorDb(name));

    expect(db.version).toBe(3);
    expect(AUTHENTICATOR_DB_VERSION).toBe(3);
    expect(await db.count('accounts')).toBe(0);
    expect(await db.count('unsealedAccounts')).toBe(v1Records.length);
    for (const v1 of v1Records) {
      expect(await db.get('unsealedAccounts', v1.id as never)).toStrictEqual({
        ...v1,
        order: expectedOrder.indexOf(v1.id),
        updatedAt: v1.createdAt,
      });
    }
  });

  it('moves v2 records to unsealedAccounts unchanged when upgrading to v3', async () => {
    const name = freshName();
    await seedV1(name);
    const v2 = await openV2(name);
    const before = await v2.getAll('accounts');
    v2.close();

    const db = track(await openAuthenticatorDb(name));

    expect(await db.getAll('unsealedAccounts')).toStrictEqual(before);
    expect(await db.count('accounts')).toBe(0);
  });

  it('lets the repository seal the migrated accounts and list them in the order v1 showed them', async () => {
    const name = freshName();
    await seedV1(name);
    const repo = createAccountRepository(() => openAuthenticatorDb(name));

    const listed = await repo.list();
    await repo.close();

    expect(listed.map((account) => account.id)).toEqual(expectedOrder);
    for (const v1 of v1Records) {
      expect(listed.find((account) => account.id === v1.id)).toStrictEqual({
        ...v1,
        order: expectedOrder.indexOf(v1.id),
        updatedAt: v1.createdAt,
        // Issue 12's fields, at their defaults: every record is kept, none was organised yet.
        groups: [],
        favourite: false,
        note: '',
        lastUsedAt: null,
        // v1 had no icons: read as automatic (issue 12).
        icon: null,
      });
    }
    const db = track(await openAuthenticatorDb(name));
    expect(await db.count('unsealedAccounts')).toBe(0);
    const sealed = await db.getAllFromIndex('accounts', 'by-order');
    expect(sealed.map((record) => record.id)).toEqual(expectedOrder);
    expect(await db.countFromIndex('accounts', 'by-order', IDBKeyRange.bound(1, 2))).toBe(2);
    const dump = JSON.stringify(sealed, (_key, value: unknown) =>
      value instanceof Uint8Array ? new TextDecoder('latin1').decode(value) : value,
    );
    for (const v1 of v1Records) {
      expect(dump).not.toContain(v1.secret);
      expect(dump).not.toContain(v1.label);
      if (v1.issuer) expect(dump).not.toContain(v1.issuer);
    }
  });

  it('adds an empty meta store that accepts key/value entries', async () => {
    const name = freshName();
    await seedV1(name);

    const db = track(await openAuthenticatorDb(name));

    expect(await db.getAll('meta')).toEqual([]);
    await db.put('meta', { theme: 'dark' }, 'settings');
    expect(await db.get('meta', 'settings')).toEqual({ theme: 'dark' });
  });

  it('gives a fresh install the same schema as an upgraded v1 database', async () => {
    const upgradedName = freshName();
    await seedV1(upgradedName, []);
    const upgraded = track(await openAuthenticatorDb(upgradedName));
    const fresh = track(await openAuthenticatorDb(freshName()));

    expect(describeSchema(fresh)).toEqual(describeSchema(upgraded));
    expect(describeSchema(fresh)).toEqual([
      {
        name: 'accounts',
        keyPath: 'id',
        autoIncrement: false,
        indexes: [{ index: 'by-order', keyPath: 'order', unique: false, multiEntry: false }],
      },
      { name: 'meta', keyPath: null, autoIncrement: false, indexes: [] },
      { name: 'unsealedAccounts', keyPath: 'id', autoIncrement: false, indexes: [] },
    ]);
  });

  it('keeps its first step identical to the schema v1 shipped', async () => {
    const shipped = track(await openV1(freshName()));
    const replayed = track(await openWithMigrations(freshName(), authenticatorMigrations.slice(0, 1)));

    expect(replayed.version).toBe(1);
    expect(describeSchema(replayed)).toEqual(describeSchema(shipped));
  });

  it('leaves records untouched when an up-to-date database is opened again', async () => {
    const name = freshName();
    await seedV1(name);
    const first = await openAuthenticatorDb(name);
    const before = await first.getAll('unsealedAccounts');
    first.close();

    const again = track(await openAuthenticatorDb(name));

    expect(before).toHaveLength(v1Records.length);
    expect(await again.getAll('unsealedAccounts')).toStrictEqual(before);
    expect(await again.count('accounts')).toBe(0);
  });
});

describe('openWithMigrations', () => {
  it('runs only the steps from the stored version up, in order', async () => {
    const name = freshName();
    const calls: string[] = [];
    const step =
      (label: string): Migration<any> =>
      (db) => {
        calls.push(label);
        db.createObjectStore(label);
      };
    track(await openWithMigrations(name, [step('a'), step('b')])).close();
    expect(calls).toEqual(['a', 'b']);

    const db = track(await openWithMigrations(name, [step('a'), step('b'), step('c')]));

    expect(calls).toEqual(['a', 'b', 'c']);
    expect(db.version).toBe(3);
    expect([...db.objectStoreNames].sort()).toEqual(['a', 'b', 'c']);
  });

  it('waits for an asynchronous step before running the next', async () => {
    const calls: string[] = [];
    const steps: Migration<any>[] = [
      (db) => {
        db.createObjectStore('s', { keyPath: 'k' });
      },
      async (_db, tx) => {
        await tx.objectStore('s').put({ k: 1 });
        await tx.objectStore('s').put({ k: 2 });
        calls.push('async done');
      },
      async (_db, tx) => {
        calls.push(`next sees ${await tx.objectStore('s').count()}`);
      },
    ];

    track(await openWithMigrations(freshName(), steps));

    expect(calls).toEqual(['async done', 'next sees 2']);
  });

  it('rejects with storage_open_failed and keeps the old version and data when a step fails', async () => {
    const name = freshName();
    await seedV1(name);
    const failing: Migration<any> = async (_db, tx) => {
      await tx.objectStore('accounts').clear();
      throw new Error('boom');
    };

    const error = await openWithMigrations(name, [authenticatorMigrations[0], failing]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'storage_open_failed' });
    expect(JSON.stringify((error as AppError).details)).toContain('boom');
    const db = track(await openV1(name));
    expect(db.version).toBe(1);
    expect(await db.count('accounts')).toBe(v1Records.length);
  });

  it('rejects with storage_open_failed when a step throws synchronously', async () => {
    const name = freshName();
    const error = await openWithMigrations(name, [
      () => {
        throw new Error('sync boom');
      },
    ]).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'storage_open_failed' });
    expect(JSON.stringify((error as AppError).details)).toContain('sync boom');
  });

  it('rejects with storage_open_failed when the stored version is newer than the code', async () => {
    const name = freshName();
    await seedV1(name);
    track(await openAuthenticatorDb(name)).close();

    const error = await openWithMigrations(name, authenticatorMigrations.slice(0, 1)).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'storage_open_failed' });
    expect(JSON.stringify((error as AppError).details)).toContain('VersionError');
  });

  it('closes its connection when another connection asks for a newer version', async () => {
    const name = freshName();
    const old = track(await openWithMigrations(name, authenticatorMigrations.slice(0, 1)));
    const blocked = vi.fn();

    const newer = track(await openDB(name, 2, { blocked }));

    expect(newer.version).toBe(2);
    expect(blocked).not.toHaveBeenCalled();
    expect(() => old.transaction('accounts')).toThrow();
  });
});

describe('portalMigrations', () => {
  /** A version-1 portal database with the demo users as v1 stored them (no password throttle) and two sessions of Bob's. */
  async function seedPortalV1(name: string) {
    const users = await createDemoUsers(T0, (password) => hashPassword(password, TEST_ITERATIONS));
    const v1 = track(await openWithMigrations(name, portalMigrations.slice(0, 1)));
    for (const { passwordThrottle: _added, ...v1User } of users) await v1.put('users', v1User as PortalUser);
    const bobId = users.find((user) => user.email === DEMO.bob.email)!.id;
    const sessions = [createSession(bobId, T0), createSession(bobId, T0)];
    for (const session of sessions) await v1.put('sessions', session);
    v1.close();
    return { v1Name: name, sessions: sessions.map((session) => session.token) };
  }

  it('upgrades v1 to v2: every user gets a clean password throttle, sessions are found by user, records intact', async () => {
    const { v1Name, sessions } = await seedPortalV1(`portal-migration-${crypto.randomUUID()}`);
    const [bob, other] = sessions as [string, string];
    const before = track(await openWithMigrations(v1Name, portalMigrations.slice(0, 1)));
    const usersBefore = await before.getAll('users');
    expect(usersBefore.every((user) => !('passwordThrottle' in user))).toBe(true);
    before.close();

    const upgraded = track(await openPortalDb(v1Name));
    expect(upgraded.version).toBe(2);
    const usersAfter = await upgraded.getAll('users');
    expect(usersAfter).toEqual(usersBefore.map((user) => ({ ...user, passwordThrottle: { failures: 0, retryAt: null, lastFailureAt: null } })));
    const bobId = usersAfter.find((user) => user.email === DEMO.bob.email)!.id;
    expect(await upgraded.getAllKeysFromIndex('sessions', 'by-userId', bobId)).toEqual(expect.arrayContaining([bob, other]));
    expect(await upgraded.count('unknownEmailThrottles')).toBe(0);
    upgraded.close();

    // The upgraded database works: Bob's sessions from v1 end when he turns MFA on.
    const { api } = openTestPortal(v1Name);
    const { secret } = await api.startEnrollment(bob, T0);
    const { token } = await api.confirmEnrollment(bob, codeAt(secret, T0), T0);
    await rejection(api.getProfile(bob, T0), 'session_expired');
    await rejection(api.getProfile(other, T0), 'session_expired');
    expect((await api.getProfile(token, T0)).mfa).toBe('enabled');
    await closePortals();
  });

  it('gives a fresh install the same schema as an upgraded v1 database', async () => {
    const upgraded = track(await openWithMigrations(freshName(), portalMigrations.slice(0, 1)));
    upgraded.close();
    const again = track(await openPortalDb(upgraded.name));
    const fresh = track(await openPortalDb(freshName()));
    expect(describeSchema(again)).toEqual(describeSchema(fresh));
  });
});
