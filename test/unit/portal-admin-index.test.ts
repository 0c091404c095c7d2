/**
 * The Admins tab's search index through the portal's operations:
 * listAdminIndex, getAdmins and watchAdmins. Same permission as listAdmins,
 * nothing secret handed out, and every tab told when the admins change.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { UserId } from '../../shared/portal/model';
import type { PortalApi } from '../../shared/portal/portal-api';
import {
  closePortals,
  DEMO,
  dumpDatabase,
  enableMfa,
  flattenForSearch,
  openTestPortal,
  rejection,
  secretForms,
  signIn,
  T0,
} from './portal-helpers';

afterEach(closePortals);

/** A portal with the owner signed in, and the demo account's rows as listAdmins gives them. */
async function withOwner() {
  const portal = openTestPortal();
  const owner = await signIn(portal.api, DEMO.owner, T0);
  const { rows } = await portal.api.listAdmins(owner, { offset: 0, limit: 100 }, T0);
  const id = (email: string) => rows.find((r) => r.email === email)!.id;
  return { ...portal, owner, rows, id };
}

/** The two operations, called as the Admins tab calls them. */
const calls: Record<'listAdminIndex' | 'getAdmins', (api: PortalApi, token: string, ids: UserId[]) => Promise<unknown>> = {
  listAdminIndex: (api, token) => api.listAdminIndex(token, T0),
  getAdmins: (api, token, ids) => api.getAdmins(token, ids, T0),
};

describe('listAdminIndex', () => {
  it("gives the owner every admin's id, email, sign-in method, MFA status and lock, in the list's order, and nothing else", async () => {
    const { api, owner, rows } = await withOwner();
    const index = await api.listAdminIndex(owner, T0);
    expect(index.map(({ id, email }) => ({ id, email }))).toEqual(rows.map(({ id, email }) => ({ id, email })));
    for (const entry of index) {
      expect(Object.keys(entry).sort()).toEqual(['email', 'failedAttempts', 'id', 'lockedUntil', 'mfa', 'signIn']);
    }
  });
});

describe('getAdmins', () => {
  it('gives the rows asked for as listAdmins shows them, in the order asked, leaving out unknown ids', async () => {
    const { api, owner, id } = await withOwner();
    await api.setAdminMfa(owner, id(DEMO.bob.email), true, T0);
    const listed = (await api.listAdmins(owner, { offset: 0, limit: 100 }, T0)).rows;
    const byEmail = (email: string) => listed.find((r) => r.email === email)!;
    const asked = [DEMO.sam.email, DEMO.bob.email, DEMO.owner.email].map(id);
    const got = await api.getAdmins(owner, [asked[0]!, 'no-such-admin' as UserId, asked[1]!, asked[2]!], T0);
    expect(got).toEqual([byEmail(DEMO.sam.email), byEmail(DEMO.bob.email), byEmail(DEMO.owner.email)]);
    expect(got.map((r) => r.mfa)).toEqual(['not_applicable', 'pending', 'disabled']);
    expect(await api.getAdmins(owner, [], T0)).toEqual([]);
  });

  it.each([
    ['not a list', 'user-1'],
    ['more than a page', Array.from({ length: 101 }, (_, i) => `user-${i}`)],
    ['a number for an id', [1]],
  ])('refuses ids that are %s', async (_what, ids) => {
    const { api, owner } = await withOwner();
    const error = await rejection(api.getAdmins(owner, ids as unknown as UserId[], T0), 'page_invalid');
    expect(error.details.field).toBe('ids');
    expect(error.message).toBe('The page request is not valid: a page is at most 100 ids, each a string.');
  });
});

describe('listAdminIndex and getAdmins', () => {
  it.each([['listAdminIndex'], ['getAdmins']] as const)('refuse %s to an admin and to an SSO admin, and audit it', async (op) => {
    const { api, owner, id } = await withOwner();
    const alice = await signIn(api, DEMO.alice, T0);
    const sam = (await api.signInWithSso(DEMO.sam.email, T0)).token;
    const ids = [id(DEMO.bob.email)];
    await rejection(calls[op](api, alice, ids), 'permission_denied');
    await rejection(calls[op](api, sam, ids), 'permission_denied');
    const denials = (await api.listAudit(owner, { offset: 0, limit: 2 }, T0)).rows;
    expect(denials).toEqual([
      expect.objectContaining({ action: 'permission_denied', actor: DEMO.sam.email, result: 'failure', reason: 'listAdmins' }),
      expect.objectContaining({ action: 'permission_denied', actor: DEMO.alice.email, result: 'failure', reason: 'listAdmins' }),
    ]);
  });

  it.each([['listAdminIndex'], ['getAdmins']] as const)('refuse %s without a live session', async (op) => {
    const { api, owner, id } = await withOwner();
    await rejection(calls[op](api, 'not-a-session', [id(DEMO.bob.email)]), 'session_expired');
    await api.signOut(owner);
    await rejection(calls[op](api, owner, [id(DEMO.bob.email)]), 'session_expired');
  });

  it('hand out no password hash, secret or recovery code', async () => {
    const { api, owner, id, dbName } = await withOwner();
    const alice = await signIn(api, DEMO.alice, T0);
    const { secret: aliceSecret, recoveryCodes } = await enableMfa(api, alice, T0);
    await api.setAdminMfa(owner, id(DEMO.bob.email), true, T0);
    const { secret: bobSecret } = await api.viewAdminQr(owner, id(DEMO.bob.email), T0);

    const index = await api.listAdminIndex(owner, T0);
    const rows = await api.getAdmins(owner, index.map((entry) => entry.id), T0);
    const text = flattenForSearch([index, rows]).join('\n');
    for (const form of [...secretForms(aliceSecret), ...secretForms(bobSecret), ...recoveryCodes]) expect(text).not.toContain(form);
    const stored = (await dumpDatabase(dbName)).users as Array<{ password?: { hash: string; salt: string }; recoveryCodeHashes: string[] }>;
    for (const user of stored) {
      for (const hidden of [user.password?.hash, user.password?.salt, ...user.recoveryCodeHashes]) {
        if (hidden) expect(text).not.toContain(hidden);
      }
    }
  });
});

describe('getAdminIndexEntries', () => {
  it("gives the entries asked for, as the index holds them, in the order asked, leaving out unknown ids", async () => {
    const { api, owner, id } = await withOwner();
    await api.setAdminMfa(owner, id(DEMO.bob.email), true, T0);
    const index = await api.listAdminIndex(owner, T0);
    const byEmail = (email: string) => index.find((entry) => entry.email === email)!;
    const got = await api.getAdminIndexEntries(owner, [id(DEMO.bob.email), 'nobody' as UserId, id(DEMO.sam.email)], T0);
    expect(got).toEqual([byEmail(DEMO.bob.email), byEmail(DEMO.sam.email)]);
    expect(got[0]!.mfa).toEqual({ status: 'pending', expiresAt: null });
  });

  it('is refused to an admin, and for more than a page of ids', async () => {
    const { api, owner, id } = await withOwner();
    const alice = await signIn(api, DEMO.alice, T0);
    await rejection(api.getAdminIndexEntries(alice, [id(DEMO.bob.email)], T0), 'permission_denied');
    const many = Array.from({ length: 101 }, (_, i) => `user-${i}` as UserId);
    expect((await rejection(api.getAdminIndexEntries(owner, many, T0), 'page_invalid')).details.field).toBe('ids');
  });
});

describe('watchAdmins', () => {
  it('tells the owner when the admins change in another tab, and stops when asked', async () => {
    const here = await withOwner();
    const there = openTestPortal(here.dbName);
    let stoppedCalls = 0;
    const stop = here.api.watchAdmins(() => stoppedCalls++);
    stop();
    const told = new Promise<void>((resolve) => here.api.watchAdmins(() => resolve()));
    await there.api.resetDemoData(T0);
    await told;
    expect(stoppedCalls).toBe(0);
  });

  it("names the one admin changed, and says whether this tab changed them", async () => {
    const here = await withOwner();
    const there = openTestPortal(here.dbName);
    const heard: Array<{ local: boolean; ids: UserId[] | null }> = [];
    let wake = () => {};
    here.api.watchAdmins((change) => {
      heard.push(change);
      wake();
    });
    await here.api.setAdminMfa(here.owner, here.id(DEMO.bob.email), true, T0);
    const alice = await signIn(there.api, DEMO.alice, T0);
    await there.api.startEnrollment(alice, T0);
    while (heard.length < 2) await new Promise<void>((resolve) => (wake = resolve));
    expect(heard).toEqual([
      { local: true, ids: [here.id(DEMO.bob.email)] },
      { local: false, ids: [here.id(DEMO.alice.email)] },
    ]);
  });
});
