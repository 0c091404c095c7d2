/**
 * The Admins tab's search: `searchAdminIndex` on its own, and the tab's
 * finder over the real portal service on fake IndexedDB, which must answer
 * every page as `listAdmins` does and follow changes made in another tab.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdminFinder } from '../../extension/portal/admins/admin-finder';
import { searchAdminIndex, type AdminIndexEntry } from '../../shared/portal/admin-search';
import type { PortalUser, UserId } from '../../shared/portal/model';
import { closePortals, DEMO, openTestPortal, rejection, signIn, T0, testAdmin } from './portal-helpers';

afterEach(closePortals);

describe('searchAdminIndex', () => {
  const index: AdminIndexEntry[] = ['ann@a.example', 'bob@b.example', 'bobby@a.example', 'carl@c.example'].map((email, i) => ({
    id: `id-${i}` as UserId,
    email,
    signIn: 'password',
    mfa: { status: 'disabled', expiresAt: null },
    failedAttempts: 0,
    lockedUntil: null,
  }));

  it.each([
    [{ offset: 0, limit: 10 }, ['id-0', 'id-1', 'id-2', 'id-3'], 4],
    [{ search: '   ', offset: 1, limit: 2 }, ['id-1', 'id-2'], 4],
    [{ search: 'bob', offset: 0, limit: 10 }, ['id-1', 'id-2'], 2],
    [{ search: ' BOB ', offset: 1, limit: 10 }, ['id-2'], 2],
    [{ search: '@a.', offset: 0, limit: 1 }, ['id-0'], 2],
    [{ search: 'bob', offset: 2, limit: 10 }, [], 2],
    [{ search: 'nobody', offset: 0, limit: 10 }, [], 0],
    [{ offset: 4, limit: 10 }, [], 4],
  ])('finds %j', (query, ids, total) => {
    expect(searchAdminIndex(index, query, T0)).toEqual({ ids, total });
  });
});

/** `count` admins with emails that share parts, so searches match several. */
function bulkAdmins(count: number): PortalUser[] {
  const domains = ['clients.example', 'acme-msp.example', 'Tech.example'];
  return Array.from({ length: count }, (_, i) =>
    testAdmin(`bulk-${i}`, `tech.${String((i * 37) % count).padStart(3, '0')}@${domains[i % domains.length]}`, {
      signIn: i % 7 === 0 ? 'sso' : 'password',
    }),
  );
}

/** A portal with the demo account plus `extra` admins, the owner signed in, and a finder at T0. */
async function withFinder(extra = 300) {
  const portal = openTestPortal();
  const owner = await signIn(portal.api, DEMO.owner, T0);
  await portal.store.addUsers(bulkAdmins(extra));
  const finder = createAdminFinder(portal.api, owner, () => T0);
  return { ...portal, owner, finder };
}

describe('createAdminFinder', () => {
  const queries = [
    { offset: 0, limit: 50 },
    { offset: 250, limit: 50 },
    { offset: 300, limit: 50 },
    { search: 'tech.0', offset: 0, limit: 50 },
    { search: ' ACME ', offset: 0, limit: 5 },
    { search: 'acme', offset: 100, limit: 50 },
    { search: 'nobody', offset: 0, limit: 50 },
    { search: 'owner@', offset: 0, limit: 1 },
  ];

  it('answers every page as listAdmins does, before and after its index is read', async () => {
    const { api, owner, finder } = await withFinder();
    for (const query of queries) expect(await finder.find(query)).toEqual(await api.listAdmins(owner, query, T0));
    finder.prepare();
    for (const query of queries) expect(await finder.find(query)).toEqual(await api.listAdmins(owner, query, T0));
  });

  it('answers any search from its index as listAdmins does', async () => {
    const { api, owner, finder } = await withFinder();
    finder.prepare();
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: fc.constantFrom(...'tech.0123@acmsplx- TE'.split('')), maxLength: 6 }),
        fc.nat({ max: 320 }),
        fc.integer({ min: 1, max: 100 }),
        async (search, offset, limit) => {
          const query = { search, offset, limit };
          expect(await finder.find(query)).toEqual(await api.listAdmins(owner, query, T0));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reads its index again when another tab adds admins, and the next page has them', async () => {
    const { finder, dbName } = await withFinder();
    finder.prepare();
    const search = { search: 'newcomer', offset: 0, limit: 50 };
    expect(await finder.find(search)).toEqual({ rows: [], total: 0 });

    const changed = new Promise<void>((resolve) => finder.watch(() => resolve()));
    const otherTab = openTestPortal(dbName);
    const [newcomer] = bulkAdmins(1).map((user) => ({ ...user, id: 'newcomer-1' as UserId, email: 'newcomer@clients.example', signIn: 'password' as const }));
    await otherTab.store.addUsers([newcomer!]);
    await changed;

    const found = await finder.find(search);
    expect(found.total).toBe(1);
    expect(found.rows.map((row) => [row.id, row.email, row.mfa])).toEqual([['newcomer-1', 'newcomer@clients.example', 'disabled']]);
  });

  it('still has each page checked by the portal: a demo reset in another tab ends the session', async () => {
    const { finder, dbName } = await withFinder(20);
    finder.prepare();
    await finder.find({ offset: 0, limit: 50 });
    const changed = new Promise<void>((resolve) => finder.watch(() => resolve()));
    await openTestPortal(dbName).api.resetDemoData(T0);
    await changed;
    await rejection(finder.find({ search: 'tech', offset: 0, limit: 50 }), 'session_expired');
  });

  it('is refused for an admin, with or without an index', async () => {
    const { api } = await withFinder(5);
    const alice = await signIn(api, DEMO.alice, T0);
    const finder = createAdminFinder(api, alice, () => T0);
    await rejection(finder.find({ offset: 0, limit: 50 }), 'permission_denied');
    finder.prepare();
    await rejection(finder.find({ search: 'tech', offset: 0, limit: 50 }), 'permission_denied');
  });

  it('asks the portal for each page again once disposed', async () => {
    const { api, owner, finder, store } = await withFinder(5);
    finder.prepare();
    await finder.find({ offset: 0, limit: 50 });
    finder.dispose();
    // Added without a word to the finder (straight into its database): only a fresh read shows it.
    const [late] = bulkAdmins(1).map((user) => ({ ...user, id: 'late-1' as UserId, email: 'late@clients.example' }));
    await store.addUsers([late!]);
    const query = { search: 'late@', offset: 0, limit: 50 };
    expect(await finder.find(query)).toEqual(await api.listAdmins(owner, query, T0));
    expect((await finder.find(query)).total).toBe(1);
  });
});
