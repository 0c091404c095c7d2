import 'fake-indexeddb/auto';
import type { IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors';
import type { OtpAccount } from '../../shared/otp/types';
import { createAccountRepository, type AccountRepository } from '../../shared/storage/account-repository';
import { openAuthenticatorDb, type AuthenticatorDb } from '../../shared/storage/authenticator-db';
import {
  createVaultAccount,
  isSameAccount,
  toAccountId,
  type AccountId,
  type VaultAccount,
} from '../../shared/vault/account';

const NOW = 1_750_000_000_000;

const otp = (overrides: Partial<OtpAccount> = {}): OtpAccount => ({
  type: 'totp',
  issuer: 'GitHub',
  label: 'octocat',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...overrides,
});

const repositories: AccountRepository[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(repositories.splice(0).map((repo) => repo.close()));
});

/** A repository over its own, fresh database. */
function freshRepository(): { repo: AccountRepository; name: string } {
  const name = `accounts-test-${crypto.randomUUID()}`;
  const repo = createAccountRepository(() => openAuthenticatorDb(name));
  repositories.push(repo);
  return { repo, name };
}

function account(label: string, extra: Partial<OtpAccount> = {}, now = NOW): VaultAccount {
  return createVaultAccount(otp({ label, ...extra }), now);
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const ids = (accounts: readonly VaultAccount[]): AccountId[] => accounts.map((a) => a.id);

describe('createVaultAccount', () => {
  it('copies the OTP fields, stamps both times with now, draws a UUID, starts unorganised, with the icon automatic', () => {
    const created = createVaultAccount({ ...otp({ issuer: 'Ünïcode' }), stray: true, note: 'stray' } as OtpAccount, NOW);

    expect(created).toStrictEqual({
      ...otp({ issuer: 'Ünïcode' }),
      id: created.id,
      order: 0,
      createdAt: NOW,
      updatedAt: NOW,
      groups: [],
      favourite: false,
      note: '',
      lastUsedAt: null,
      icon: null,
    });
    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(createVaultAccount(otp(), NOW).id).not.toBe(created.id);
  });

  it('uses the id it is given', () => {
    expect(createVaultAccount(otp(), NOW, toAccountId('fixed')).id).toBe('fixed');
  });
});

describe('isSameAccount', () => {
  it.each([
    { name: 'the same secret and type', a: otp(), b: otp(), expected: true },
    { name: 'the same secret in another spelling', a: otp(), b: otp({ secret: 'jbsw y3dp-ehpk 3pxp====' }), expected: true },
    { name: 'the same secret under another name', a: otp(), b: otp({ issuer: 'Other', label: 'someone' }), expected: true },
    { name: 'the same secret with other parameters', a: otp(), b: otp({ digits: 8, period: 60 }), expected: true },
    { name: 'the same secret as hotp and totp', a: otp(), b: otp({ type: 'hotp' }), expected: false },
    { name: 'the same name with another secret (re-enrolment)', a: otp(), b: otp({ secret: 'MFRGGZDFMZTWQ2LK' }), expected: false },
    {
      name: 'the same name in another case with another secret',
      a: otp(),
      b: otp({ issuer: 'GITHUB', label: 'OctoCat', secret: 'MFRGGZDFMZTWQ2LK' }),
      expected: false,
    },
  ])('returns $expected for $name', ({ a, b, expected }) => {
    expect(isSameAccount(a, b)).toBe(expected);
    expect(isSameAccount(b, a)).toBe(expected);
  });
});

describe('createAccountRepository', () => {
  it('lists nothing in a new database', async () => {
    const { repo } = freshRepository();
    expect(await repo.list()).toEqual([]);
  });

  it('adds accounts at the end and lists them in that order', async () => {
    const { repo } = freshRepository();
    const a = account('ä — first');
    const b = account('b', { type: 'hotp', counter: 7 });
    const c = account('c');

    const storedA = await repo.add(a);
    await repo.add(b);
    await repo.add(c);

    expect(storedA).toStrictEqual({ ...a, order: 0 });
    const listed = await repo.list();
    expect(ids(listed)).toEqual([a.id, b.id, c.id]);
    expect(listed.map((x) => x.order)).toEqual([0, 1, 2]);
    expect(listed[1]).toStrictEqual({ ...b, order: 1 });
  });

  it('lists the first accounts in the list order, and all of them past a slice of decryption', async () => {
    const { repo } = freshRepository();
    // More than one slice of records decrypted per task (100), in an order other than insertion's.
    const accounts = Array.from({ length: 250 }, (_, i) => account(`account ${i}`));
    await repo.addMany(accounts);
    const order = [...accounts.slice(200), ...accounts.slice(0, 200)].map((a) => a.id);
    await repo.reorder(order);

    expect(ids(await repo.listFirst(3))).toEqual(order.slice(0, 3));
    expect(await repo.listFirst(3)).toStrictEqual((await repo.list()).slice(0, 3));
    expect(ids(await repo.listFirst(1000))).toEqual(order);
    expect(ids(await repo.list())).toEqual(order);
    expect((await repo.list()).map((a) => a.label)).toEqual(order.map((id) => accounts.find((a) => a.id === id)!.label));
  });

  it('gets an account by id, or undefined', async () => {
    const { repo } = freshRepository();
    const a = account('a');
    await repo.add(a);

    expect(await repo.get(a.id)).toStrictEqual({ ...a, order: 0 });
    expect(await repo.get(toAccountId('missing'))).toBeUndefined();
  });

  it('stores only the model fields', async () => {
    const { repo } = freshRepository();
    const a = { ...account('a'), selected: true } as VaultAccount;

    await repo.add(a);

    expect(await repo.get(a.id)).not.toHaveProperty('selected');
  });

  it('rejects adding an id that exists with storage_write_failed and keeps the original', async () => {
    const { repo } = freshRepository();
    const a = account('original');
    await repo.add(a);

    const error = await rejection(repo.add({ ...a, label: 'impostor' }));

    expect(error.code).toBe('storage_write_failed');
    expect(error.details).toMatchObject({ operation: 'add' });
    expect(await repo.list()).toStrictEqual([{ ...a, order: 0 }]);
  });

  it('updates details but keeps the stored order and createdAt', async () => {
    const { repo } = freshRepository();
    const a = account('a');
    const b = account('b');
    await repo.addMany([a, b]);
    await repo.reorder([b.id, a.id]);

    // A stale copy from before the reorder, edited later.
    const edited = { ...a, order: 0, createdAt: 0, label: 'renamed 名前', counter: 3, updatedAt: NOW + 1000 };
    const stored = await repo.update(edited);

    expect(stored).toStrictEqual({ ...edited, order: 1, createdAt: NOW });
    expect(await repo.get(a.id)).toStrictEqual(stored);
    expect(ids(await repo.list())).toEqual([b.id, a.id]);
  });

  it('rejects updating a missing account with account_not_found and stores nothing', async () => {
    const { repo } = freshRepository();
    const ghost = account('ghost');

    const error = await rejection(repo.update(ghost));

    expect(error.code).toBe('account_not_found');
    expect(error.details).toEqual({ id: ghost.id });
    expect(await repo.list()).toEqual([]);
  });

  it('removes an account', async () => {
    const { repo } = freshRepository();
    const [a, b, c] = [account('a'), account('b'), account('c')];
    await repo.addMany([a, b, c]);

    await repo.remove(b.id);

    expect(ids(await repo.list())).toEqual([a.id, c.id]);
    expect(await repo.get(b.id)).toBeUndefined();
  });

  it('rejects removing a missing account with account_not_found', async () => {
    const { repo } = freshRepository();
    await repo.add(account('a'));

    const error = await rejection(repo.remove(toAccountId('missing')));

    expect(error.code).toBe('account_not_found');
    expect(await repo.list()).toHaveLength(1);
  });

  it('refuses an update with account_changed when another tab changed the account since it was read (finding 13)', async () => {
    const { repo: tabA, name } = freshRepository();
    const tabB = createAccountRepository(() => openAuthenticatorDb(name));
    repositories.push(tabB);
    const [stored] = await tabA.addMany([account('octocat')]);
    const [seenByB] = await tabB.list();

    await tabB.update({ ...seenByB!, issuer: 'GitHub Enterprise', label: 'changed in B', updatedAt: NOW + 1 });
    const error = await rejection(tabA.update({ ...stored!, label: 'changed in A', updatedAt: NOW + 2 }));

    expect(error.code).toBe('account_changed');
    expect(error.details).toMatchObject({ id: stored!.id, issuer: 'GitHub Enterprise', label: 'changed in B' });
    expect(error.message).toContain('another tab or window');
    expect(error.message).toContain('GitHub Enterprise — changed in B');
    expect(error.message).not.toContain(stored!.secret);
    expect((await tabB.get(stored!.id))?.label).toBe('changed in B');
    // Read again, the change applies.
    const current = (await tabA.get(stored!.id))!;
    expect((await tabA.update({ ...current, label: 'changed in A', updatedAt: NOW + 3 })).label).toBe('changed in A');
    expect((await tabB.list()).map((a) => a.label)).toEqual(['changed in A']);
  });

  it('lets one tab update the same account twice in a row and after a reorder', async () => {
    const { repo } = freshRepository();
    const [a, b] = await repo.addMany([account('a'), account('b', { secret: 'KRSXG5CTMVRXEZLU' })]);
    await repo.update({ ...a!, label: 'a1', updatedAt: NOW + 1 });
    await repo.reorder([b!.id, a!.id]);
    expect((await repo.update({ ...a!, label: 'a2', updatedAt: NOW + 2 })).label).toBe('a2');
  });

  it('reorders accounts and numbers them from 0 without touching updatedAt', async () => {
    const { repo } = freshRepository();
    const [a, b, c, d] = [account('a'), account('b'), account('c'), account('d')];
    await repo.addMany([a, b, c, d]);
    await repo.remove(b.id);

    const result = await repo.reorder([d.id, a.id, c.id]);

    const listed = await repo.list();
    expect(result).toStrictEqual(listed);
    expect(ids(listed)).toEqual([d.id, a.id, c.id]);
    expect(listed.map((x) => x.order)).toEqual([0, 1, 2]);
    expect(listed.map((x) => x.updatedAt)).toEqual([NOW, NOW, NOW]);
  });

  it('keeps accounts left out of a reorder after the named ones, in their order', async () => {
    const { repo } = freshRepository();
    const [a, b, c, d] = [account('a'), account('b'), account('c'), account('d')];
    await repo.addMany([a, b, c, d]);

    await repo.reorder([c.id, c.id, a.id]);

    expect(ids(await repo.list())).toEqual([c.id, a.id, b.id, d.id]);
  });

  it('rejects a reorder naming a missing account and changes nothing', async () => {
    const { repo } = freshRepository();
    const [a, b] = [account('a'), account('b')];
    await repo.addMany([a, b]);

    const error = await rejection(repo.reorder([b.id, toAccountId('missing'), a.id]));

    expect(error.code).toBe('account_not_found');
    expect(error.details).toEqual({ id: 'missing' });
    expect(ids(await repo.list())).toEqual([a.id, b.id]);
  });

  it('appends after existing accounts when adding many', async () => {
    const { repo } = freshRepository();
    const first = account('first');
    await repo.add(first);
    const batch = [account('Ωmega'), account('東京', { type: 'hotp', counter: 1 }), account('🔐')];

    const stored = await repo.addMany(batch);

    expect(stored.map((x) => x.order)).toEqual([1, 2, 3]);
    expect(await repo.list()).toStrictEqual([{ ...first, order: 0 }, ...stored]);
  });

  it('rolls back a whole batch when one record duplicates an existing id', async () => {
    const { repo } = freshRepository();
    const existing = account('existing');
    await repo.add(existing);
    const before = await repo.list();

    const error = await rejection(repo.addMany([account('new 1'), { ...existing, label: 'dup' }, account('new 3')]));

    expect(error.code).toBe('storage_write_failed');
    expect(error.details).toMatchObject({ operation: 'addMany' });
    expect(String(error.details.cause)).toContain('ConstraintError');
    expect(await repo.list()).toStrictEqual(before);
  });

  it('rolls back a whole batch when two of its records share an id', async () => {
    const { repo } = freshRepository();
    const existing = account('existing');
    await repo.add(existing);
    const twin = account('twin');

    const error = await rejection(repo.addMany([account('x'), twin, { ...twin, label: 'twin 2' }]));

    expect(error.code).toBe('storage_write_failed');
    expect(await repo.list()).toStrictEqual([{ ...existing, order: 0 }]);
  });

  it('rolls back a whole batch when a record has no valid key', async () => {
    const { repo } = freshRepository();
    const existing = account('existing');
    await repo.add(existing);

    const error = await rejection(
      repo.addMany([account('ok'), { ...account('no id'), id: undefined as unknown as AccountId }]),
    );

    expect(error.code).toBe('storage_write_failed');
    expect(await repo.list()).toStrictEqual([{ ...existing, order: 0 }]);
  });

  it('maps a full disk to storage_quota_exceeded and keeps earlier data', async () => {
    const { repo } = freshRepository();
    const existing = account('existing');
    await repo.add(existing);
    const realAdd = IDBObjectStore.prototype.add;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      // The first record of the batch is written, then the disk is full.
      if (++calls > 1) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realAdd.apply(this, args);
    });

    const error = await rejection(repo.addMany([account('fits'), account('too much')]));

    expect(error.code).toBe('storage_quota_exceeded');
    expect(calls).toBe(2);
    vi.restoreAllMocks();
    expect(await repo.list()).toStrictEqual([{ ...existing, order: 0 }]);
  });

  it('adds nothing and resolves for an empty batch', async () => {
    const { repo } = freshRepository();
    expect(await repo.addMany([])).toEqual([]);
    expect(await repo.list()).toEqual([]);
  });

  it('keeps data across repositories over the same database', async () => {
    const { repo, name } = freshRepository();
    const a = account('persisted');
    await repo.add(a);
    await repo.close();

    const again = createAccountRepository(() => openAuthenticatorDb(name));
    repositories.push(again);

    expect(await again.list()).toStrictEqual([{ ...a, order: 0 }]);
  });

  it('opens the database again after its connection was closed under it', async () => {
    const name = `accounts-test-${crypto.randomUUID()}`;
    const connections: IDBPDatabase<AuthenticatorDb>[] = [];
    const repo = createAccountRepository(async () => {
      const db = await openAuthenticatorDb(name);
      connections.push(db);
      return db;
    });
    repositories.push(repo);
    await repo.add(account('a'));
    // What openWithMigrations does when another tab asks for a newer version.
    connections[0].close();

    expect(await repo.list()).toHaveLength(1);
    expect(connections).toHaveLength(2);
  });

  it('shares one open among concurrent first calls', async () => {
    const name = `accounts-test-${crypto.randomUUID()}`;
    const opens = vi.fn(() => openAuthenticatorDb(name));
    const repo = createAccountRepository(opens);
    repositories.push(repo);

    await Promise.all([repo.list(), repo.add(account('a')), repo.list()]);

    expect(opens).toHaveBeenCalledTimes(1);
  });

  it('does not cache a failed open', async () => {
    const name = `accounts-test-${crypto.randomUUID()}`;
    let fail = true;
    const repo = createAccountRepository(() =>
      fail ? Promise.reject(new AppError('storage_open_failed' as never, {})) : openAuthenticatorDb(name),
    );
    repositories.push(repo);

    expect((await rejection(repo.list())).code).toBe('storage_open_failed');
    fail = false;
    expect(await repo.list()).toEqual([]);
  });
});

describe('createAccountRepository: account names', () => {
  const spoofed = { issuer: '\u202Elapyap\u202C.com', label: 'ali\u200Bce\n' };
  const shown = { issuer: 'lapyap.com', label: 'alice' };

  it('stores and returns names sanitised, whatever path built the account (add, update)', async () => {
    const { repo } = freshRepository();
    const added = await repo.add({ ...account('a'), ...spoofed });
    expect(added).toMatchObject(shown);
    const updated = await repo.update({ ...added, issuer: 'pay\u200Bpal\u2066.com', label: '\u200F' });
    expect(updated).toMatchObject({ issuer: 'paypal.com', label: '' });
    expect(await repo.list()).toMatchObject([{ issuer: 'paypal.com', label: '' }]);
  });

  it('shows sanitised the names of an account stored by an older version', async () => {
    const { repo, name } = freshRepository();
    const legacy = { ...account('a'), ...spoofed };
    const db = await openAuthenticatorDb(name);
    await db.put('unsealedAccounts', legacy);
    db.close();

    expect(await repo.list()).toMatchObject([shown]);
  });
});
