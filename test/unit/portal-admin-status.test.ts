/**
 * The Admins tab's MFA status filter and counts: `searchAdminIndex` and
 * `countAdminMfa` on their own (states that change with time included), then
 * `listAdmins` with a status and the tab's finder, over the real portal
 * service on fake IndexedDB.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdminFinder } from '../../extension/portal/admins/admin-finder';
import {
  ADMIN_MFA_FILTERS,
  countAdminMfa,
  patchAdminIndex,
  searchAdminIndex,
  type AdminIndexEntry,
  type AdminMfaFilter,
} from '../../shared/portal/admin-search';
import type { PortalUser, UserId } from '../../shared/portal/model';
import { HARD_LOCK_FAILURES } from '../../shared/portal/verifier';
import { closePortals, DEMO, enableMfa, openTestPortal, rejection, signIn, T0, testAdmin } from './portal-helpers';

afterEach(closePortals);

const MINUTE = 60_000;

/** An index entry: a password admin with MFA off and no lock, unless `fields` say otherwise. */
function entry(email: string, fields: Partial<AdminIndexEntry> = {}): AdminIndexEntry {
  return {
    id: `id-${email}` as UserId,
    email,
    signIn: 'password',
    mfa: { status: 'disabled', expiresAt: null },
    failedAttempts: 0,
    lockedUntil: null,
    ...fields,
  };
}

/** One admin in each state, in email order. */
const INDEX: AdminIndexEntry[] = [
  entry('a-disabled@x.example'),
  entry('b-enabled@x.example', { mfa: { status: 'enabled', expiresAt: null } }),
  entry('c-enabled-locked@x.example', { mfa: { status: 'enabled', expiresAt: null }, failedAttempts: 5, lockedUntil: T0 + 15 * MINUTE }),
  entry('d-hard-locked@x.example', { mfa: { status: 'enabled', expiresAt: null }, failedAttempts: HARD_LOCK_FAILURES }),
  entry('e-pending-owner@x.example', { mfa: { status: 'pending', expiresAt: null } }),
  entry('f-pending-self@x.example', { mfa: { status: 'pending', expiresAt: T0 + 10 * MINUTE } }),
  // Stored with stale MFA: SSO users are Not applicable whatever is stored.
  entry('g-sso@x.example', { signIn: 'sso', mfa: { status: 'enabled', expiresAt: null } }),
  entry('h-pending-locked@x.example', { mfa: { status: 'pending', expiresAt: null }, failedAttempts: 5, lockedUntil: T0 + MINUTE }),
];

/** The emails a filter shows at `now`. */
const shown = (mfa: AdminMfaFilter, now: number, search?: string) =>
  searchAdminIndex(INDEX, { mfa, search, offset: 0, limit: 100 }, now).ids.map((id) => id.slice(3, id.indexOf('@')));

describe('searchAdminIndex with an MFA status', () => {
  it.each([
    ['all', ['a-disabled', 'b-enabled', 'c-enabled-locked', 'd-hard-locked', 'e-pending-owner', 'f-pending-self', 'g-sso', 'h-pending-locked']],
    ['enabled', ['b-enabled', 'c-enabled-locked', 'd-hard-locked']],
    ['pending', ['e-pending-owner', 'f-pending-self', 'h-pending-locked']],
    ['disabled', ['a-disabled']],
    ['locked', ['c-enabled-locked', 'd-hard-locked', 'h-pending-locked']],
    ['not_applicable', ['g-sso']],
  ] as const)('shows %s', (mfa, emails) => {
    expect(shown(mfa, T0)).toEqual(emails);
  });

  it('follows the clock: a setup started on Profile stops being pending after 10 minutes, and a timed lock ends', () => {
    const later = T0 + 20 * MINUTE;
    expect(shown('pending', later)).toEqual(['e-pending-owner', 'h-pending-locked']);
    expect(shown('disabled', later)).toEqual(['a-disabled', 'f-pending-self']);
    // The hard lock stays until the owner unlocks it.
    expect(shown('locked', later)).toEqual(['d-hard-locked']);
  });

  it('combines the status with the search and the window', () => {
    expect(shown('enabled', T0, 'LOCKED')).toEqual(['c-enabled-locked', 'd-hard-locked']);
    expect(searchAdminIndex(INDEX, { mfa: 'enabled', offset: 1, limit: 1 }, T0)).toEqual({ ids: ['id-c-enabled-locked@x.example'], total: 3 });
    expect(searchAdminIndex(INDEX, { mfa: 'not_applicable', search: 'nobody', offset: 0, limit: 10 }, T0)).toEqual({ ids: [], total: 0 });
  });
});

describe('countAdminMfa', () => {
  it('counts each state, the locked among them, and no MFA as Disabled plus Pending (never SSO)', () => {
    expect(countAdminMfa(INDEX, undefined, T0)).toEqual({
      all: 8,
      enabled: 3,
      pending: 3,
      disabled: 1,
      locked: 3,
      not_applicable: 1,
      noMfa: 4,
    });
  });

  it('counts what each choice of the filter would show, for any search and time', () => {
    fc.assert(
      fc.property(fc.constantFrom('', 'locked', 'pending', '@x', 'sso', 'zzz'), fc.integer({ min: T0 - MINUTE, max: T0 + 30 * MINUTE }), (search, now) => {
        const counts = countAdminMfa(INDEX, search, now);
        for (const mfa of ADMIN_MFA_FILTERS) {
          expect(counts[mfa]).toBe(searchAdminIndex(INDEX, { mfa, search, offset: 0, limit: 100 }, now).total);
        }
        expect(counts.noMfa).toBe(counts.disabled + counts.pending);
        expect(counts.enabled + counts.pending + counts.disabled + counts.not_applicable).toBe(counts.all);
      }),
    );
  });
});

describe('patchAdminIndex', () => {
  const emails = (index: readonly AdminIndexEntry[]) => index.map((e) => e.email);

  it('replaces a changed entry in place, leaving the index given as it was', () => {
    const locked = entry('a-disabled@x.example', { failedAttempts: 100 });
    const patched = patchAdminIndex(INDEX, [locked.id], [locked]);
    expect(emails(patched)).toEqual(emails(INDEX));
    expect(patched[0]).toEqual(locked);
    expect(INDEX[0]!.failedAttempts).toBe(0);
    expect(countAdminMfa(patched, undefined, T0).locked).toBe(4);
  });

  it('moves an entry whose email changed, adds a new one and drops one that no longer exists, in email order', () => {
    const renamed = { ...INDEX[1]!, email: 'zz-renamed@x.example' };
    const added = entry('ca-new@x.example');
    const gone = INDEX[2]!.id;
    const patched = patchAdminIndex(INDEX, [renamed.id, added.id, gone], [renamed, added]);
    expect(emails(patched)).toEqual([...emails(INDEX).filter((e) => !e.startsWith('b-') && !e.startsWith('c-')), 'ca-new@x.example', 'zz-renamed@x.example'].sort());
    const order = emails(patched);
    expect(order).toEqual([...order].sort((a, b) => (a < b ? -1 : 1)));
  });
});

/** `count` more admins in a mix of states, added straight to the store. */
function mixedAdmins(count: number): PortalUser[] {
  const sealed = { iv: new Uint8Array(12), data: new Uint8Array(36) };
  return Array.from({ length: count }, (_, i) => {
    const fields: Partial<PortalUser>[] = [
      {},
      { mfa: { status: 'enabled', secret: sealed, enabledAt: T0 } },
      { mfa: { status: 'pending', secret: sealed, setBy: 'owner', createdAt: T0, expiresAt: null } },
      { mfa: { status: 'pending', secret: sealed, setBy: 'self', createdAt: T0, expiresAt: T0 + 10 * MINUTE } },
      { mfa: { status: 'enabled', secret: sealed, enabledAt: T0 }, failedAttempts: 10, lockedUntil: T0 + 30 * MINUTE },
      { signIn: 'sso' },
    ];
    return testAdmin(`mixed-${i}`, `staff.${String((i * 37) % count).padStart(3, '0')}@mixed.example`, fields[i % fields.length]);
  });
}

/** A portal with the demo account plus `extra` admins in every state, the owner signed in. */
async function withAdmins(extra = 120) {
  const portal = openTestPortal();
  const owner = await signIn(portal.api, DEMO.owner, T0);
  await portal.store.addUsers(mixedAdmins(extra));
  const index = await portal.api.listAdminIndex(owner, T0);
  const id = (email: string) => index.find((e) => e.email === email)!.id;
  return { ...portal, owner, index, id };
}

describe('listAdmins with an MFA status', () => {
  it('gives the page the index search gives, at any time', async () => {
    const { api, owner, index } = await withAdmins();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ADMIN_MFA_FILTERS),
        fc.constantFrom(undefined, 'staff.0', 'MIXED', 'acme'),
        fc.nat({ max: 60 }),
        fc.integer({ min: T0, max: T0 + 40 * MINUTE }),
        async (mfa, search, offset, now) => {
          const { ids, total } = searchAdminIndex(index, { mfa, search, offset, limit: 20 }, now);
          const page = await api.listAdmins(owner, { mfa, search, offset, limit: 20 }, now);
          expect(page.total).toBe(total);
          expect(page.rows.map((row) => row.id)).toEqual(ids);
          if (mfa !== 'all' && mfa !== 'locked') for (const row of page.rows) expect(row.mfa).toBe(mfa);
          if (mfa === 'locked') for (const row of page.rows) expect(row.lock.status).not.toBe('none');
        },
      ),
      { numRuns: 25 },
    );
  }, 30_000);

  it('refuses a status that is not one of the choices', async () => {
    const { api, owner } = await withAdmins(0);
    const error = await rejection(api.listAdmins(owner, { mfa: 'off' as AdminMfaFilter, offset: 0, limit: 10 }, T0), 'page_invalid');
    expect(error.details.field).toBe('mfa');
    expect(error.message).toBe(
      'The page request is not valid: the MFA status must be one of all, enabled, pending, disabled, locked or not_applicable.',
    );
  });

  it('is refused to an admin', async () => {
    const { api } = await withAdmins(0);
    const alice = await signIn(api, DEMO.alice, T0);
    await rejection(api.listAdmins(alice, { mfa: 'disabled', offset: 0, limit: 10 }, T0), 'permission_denied');
  });
});

describe('createAdminFinder with an MFA status', () => {
  it('answers as listAdmins does, before and after its index is read, and counts from the index', async () => {
    const { api, owner, index } = await withAdmins();
    const finder = createAdminFinder(api, owner, () => T0);
    const queries = ADMIN_MFA_FILTERS.flatMap((mfa) => [
      { mfa, offset: 0, limit: 50 },
      { mfa, search: 'staff.1', offset: 5, limit: 10 },
    ]);
    for (const query of queries) expect(await finder.find(query)).toEqual(await api.listAdmins(owner, query, T0));
    // Counting reads the index: later pages come from it.
    expect(await finder.count(undefined)).toEqual(countAdminMfa(index, undefined, T0));
    expect(await finder.count(' STAFF.1')).toEqual(countAdminMfa(index, 'staff.1', T0));
    for (const query of queries) expect(await finder.find(query)).toEqual(await api.listAdmins(owner, query, T0));
  });

  it('reads only the changed admin, after a change to one, and counts as a full reading would', async () => {
    const { api, owner, id, store } = await withAdmins(30);
    let fullReadings = 0;
    let entryReadings = 0;
    const counted: typeof api = {
      ...api,
      listAdminIndex: (...args) => {
        fullReadings++;
        return api.listAdminIndex(...args);
      },
      getAdminIndexEntries: (...args) => {
        entryReadings++;
        return api.getAdminIndexEntries(...args);
      },
    };
    const finder = createAdminFinder(counted, owner, () => T0);
    await finder.count(undefined);
    const heard = new Promise<void>((resolve) => finder.watch(() => resolve()));
    await api.setAdminMfa(owner, id(DEMO.carol.email), true, T0);
    await heard;
    expect(await finder.count(undefined)).toEqual(countAdminMfa(await store.listUserIndex(), undefined, T0));
    expect(await finder.find({ mfa: 'pending', offset: 0, limit: 100 })).toEqual(await api.listAdmins(owner, { mfa: 'pending', offset: 0, limit: 100 }, T0));
    expect([fullReadings, entryReadings]).toEqual([1, 1]);
  });

  it("counts a change made in another tab, and tells whether a change was this tab's own", async () => {
    const { api, owner, id, dbName } = await withAdmins(12);
    const finder = createAdminFinder(api, owner, () => T0);
    const before = await finder.count(undefined);
    const heard: boolean[] = [];
    let wake = () => {};
    finder.watch(({ local }) => {
      heard.push(local);
      wake();
    });
    const until = async (n: number) => {
      while (heard.length < n) await new Promise<void>((resolve) => (wake = resolve));
    };

    // This tab: the owner turns on Bob's MFA.
    await api.setAdminMfa(owner, id(DEMO.bob.email), true, T0);
    await until(1);
    // Another tab: Alice turns on her own MFA (pending, then confirmed: two changes).
    const otherTab = openTestPortal(dbName);
    const alice = await signIn(otherTab.api, DEMO.alice, T0);
    await enableMfa(otherTab.api, alice, T0);
    await until(3);
    expect(heard).toEqual([true, false, false]);

    const after = await finder.count(undefined);
    expect(after.disabled).toBe(before.disabled - 2);
    expect(after.pending).toBe(before.pending + 1);
    expect(after.enabled).toBe(before.enabled + 1);
    expect(after.noMfa).toBe(before.noMfa - 1);
  });
});
