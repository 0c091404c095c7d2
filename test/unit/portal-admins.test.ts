import { afterEach, describe, expect, it } from 'vitest';
import type { UserId } from '../../shared/portal/model';
import { OWNER_OPERATIONS, type OwnerOperation } from '../../shared/portal/permissions';
import type { PortalApi } from '../../shared/portal/portal-api';
import { closePortals, codeAt, DEMO, enableMfa, openTestPortal, rejection, signIn, STEP_MS, T0, testAdmin, wrongCodeAt, type TestPortal } from './portal-helpers';

afterEach(closePortals);

/** A day in ms. */
const DAY_MS = 24 * 60 * 60 * 1000;

/** A portal with the owner and Alice signed in, and every demo user's id by short name. */
async function withOwner(portal: TestPortal = openTestPortal()) {
  const { api } = portal;
  const owner = await signIn(api, DEMO.owner, T0);
  const alice = await signIn(api, DEMO.alice, T0);
  const { rows } = await api.listAdmins(owner, { offset: 0, limit: 100 }, T0);
  const id = (email: string) => rows.find((r) => r.email === email)!.id;
  const ids = { owner: id(DEMO.owner.email), alice: id(DEMO.alice.email), bob: id(DEMO.bob.email), sam: id(DEMO.sam.email) };
  return { ...portal, owner, alice, ids };
}

/** Bob's sign-in after the owner turned his MFA on: the enrollment view and challenge. */
async function bobEnrollmentStep(api: PortalApi, now: number) {
  const result = await api.signInWithPassword(DEMO.bob.email, DEMO.bob.password, now);
  if (result.kind !== 'enrollment_required') throw new Error(`expected enrollment_required, got ${result.kind}`);
  return result;
}

describe('mayPerform (every owner-only operation, through PortalApi)', () => {
  /** One call per owner-only operation, as an admin would forge it. */
  const calls: Record<OwnerOperation, (api: PortalApi, token: string, target: UserId) => Promise<unknown>> = {
    listAdmins: (api, token) => api.listAdmins(token, { offset: 0, limit: 10 }, T0),
    setAdminMfa: (api, token, target) => api.setAdminMfa(token, target, true, T0),
    viewAdminQr: (api, token, target) => api.viewAdminQr(token, target, T0),
    resetAdminMfa: (api, token, target) => api.resetAdminMfa(token, target, T0),
    unlockAdmin: (api, token, target) => api.unlockAdmin(token, target, T0),
    listAudit: (api, token) => api.listAudit(token, { offset: 0, limit: 10 }, T0),
    exportAudit: (api, token) => api.exportAudit(token, {}, T0),
  };

  it('covers every owner-only operation', () => {
    expect(Object.keys(calls).sort()).toEqual([...OWNER_OPERATIONS].sort());
  });

  it.each(OWNER_OPERATIONS.map((op) => [op]))('refuses %s to an admin, changes nothing, and audits it', async (op) => {
    const { api, owner, alice, ids } = await withOwner();
    await api.setAdminMfa(owner, ids.bob, true, T0);
    const before = (await api.listAdmins(owner, { search: 'bob', offset: 0, limit: 1 }, T0)).rows[0];
    await rejection(calls[op](api, alice, ids.bob), 'permission_denied');
    expect((await api.listAdmins(owner, { search: 'bob', offset: 0, limit: 1 }, T0)).rows[0]).toEqual(before);
    const [denial] = (await api.listAudit(owner, { offset: 0, limit: 1 }, T0)).rows;
    expect(denial).toMatchObject({ action: 'permission_denied', actor: DEMO.alice.email, result: 'failure', reason: op });
  });

  it('refuses an SSO admin too', async () => {
    const { api, ids } = await withOwner();
    const sam = (await api.signInWithSso(DEMO.sam.email, T0)).token;
    await rejection(api.viewAdminQr(sam, ids.bob, T0), 'permission_denied');
  });

  it.each([['setAdminMfa'], ['viewAdminQr'], ['resetAdminMfa']] as const)(
    'sends the owner acting on their own row to Profile (%s)',
    async (op) => {
      const { api, owner, ids } = await withOwner();
      const run = {
        setAdminMfa: () => api.setAdminMfa(owner, ids.owner, true, T0),
        viewAdminQr: () => api.viewAdminQr(owner, ids.owner, T0),
        resetAdminMfa: () => api.resetAdminMfa(owner, ids.owner, T0),
      }[op];
      await rejection(run(), 'own_mfa_on_profile');
    },
  );

  it.each([['setAdminMfa'], ['viewAdminQr'], ['resetAdminMfa']] as const)('says MFA is not applicable to an SSO admin (%s)', async (op) => {
    const { api, owner, ids } = await withOwner();
    const run = {
      setAdminMfa: () => api.setAdminMfa(owner, ids.sam, true, T0),
      viewAdminQr: () => api.viewAdminQr(owner, ids.sam, T0),
      resetAdminMfa: () => api.resetAdminMfa(owner, ids.sam, T0),
    }[op];
    await rejection(run(), 'mfa_not_applicable');
  });

  it('reports an unknown admin', async () => {
    const { api, owner } = await withOwner();
    await rejection(api.setAdminMfa(owner, 'no-such-id' as UserId, true, T0), 'user_not_found');
  });
});

describe('listAdmins', () => {
  it('lists the demo account with each MFA state, SSO as not applicable', async () => {
    const { api, owner } = await withOwner();
    const { rows, total } = await api.listAdmins(owner, { offset: 0, limit: 10 }, T0);
    expect(total).toBe(5);
    expect(rows.map((r) => [r.email, r.role, r.signIn, r.mfa])).toEqual([
      [DEMO.alice.email, 'admin', 'password', 'disabled'],
      [DEMO.bob.email, 'admin', 'password', 'disabled'],
      [DEMO.carol.email, 'admin', 'password', 'disabled'],
      [DEMO.owner.email, 'owner', 'password', 'disabled'],
      [DEMO.sam.email, 'admin', 'sso', 'not_applicable'],
    ]);
  });

  it.each([
    [{ offset: -1, limit: 10 }, 'offset', 'the offset must be a whole number, 0 or more'],
    [{ offset: 0.5, limit: 10 }, 'offset', 'the offset must be a whole number, 0 or more'],
    [{ offset: 0, limit: 0 }, 'limit', 'the page size must be a whole number from 1 to 100'],
    [{ offset: 0, limit: 101 }, 'limit', 'the page size must be a whole number from 1 to 100'],
    [{ offset: 0, limit: 10, search: 'x'.repeat(255) }, 'search', 'the search must be text of at most 254 characters'],
  ])('refuses the page request %j', async (query, field, rule) => {
    const { api, owner } = await withOwner();
    const error = await rejection(api.listAdmins(owner, query, T0), 'page_invalid');
    expect(error.details.field).toBe(field);
    expect(error.message).toBe(`The page request is not valid: ${rule}.`);
  });

  it('pages and searches 10,000 admins', async () => {
    const portal = openTestPortal();
    const { api, owner } = await withOwner(portal);
    const bulk = Array.from({ length: 10_000 }, (_, i) => testAdmin(`bulk-${i}`, `tech-${String(i).padStart(5, '0')}@clients.example`));
    await portal.store.addUsers(bulk);
    const found = await api.listAdmins(owner, { search: 'TECH-0999', offset: 0, limit: 25 }, T0);
    const page = await api.listAdmins(owner, { offset: 9_990, limit: 25 }, T0);
    expect(found.total).toBe(10);
    expect(found.rows[0]?.email).toBe('tech-09990@clients.example');
    expect(page.total).toBe(10_005);
    expect(page.rows).toHaveLength(15);
  });
});

describe('setAdminMfa', () => {
  it('gives the admin an owner-set pending secret that does not expire, finished at their next sign-in', async () => {
    const { api, owner, ids } = await withOwner();
    const row = await api.setAdminMfa(owner, ids.bob, true, T0);
    expect(row).toMatchObject({ email: DEMO.bob.email, mfa: 'pending' });

    const qr = await api.viewAdminQr(owner, ids.bob, T0);
    expect(qr).toMatchObject({ email: DEMO.bob.email, expiresAt: null });
    expect(qr.uri).toContain('otpauth://totp/Acme%20MSP:bob%40acme-msp.example?secret=');

    // A month later it is still pending, and the sign-in shows the same secret.
    const later = T0 + 30 * DAY_MS;
    const step = await bobEnrollmentStep(api, later);
    expect(step.enrollment).toEqual(qr);
    await rejection(api.completeLoginEnrollment(step.challengeId, wrongCodeAt(qr.secret, later), later), 'invalid_code');
    const { token, recoveryCodes } = await api.completeLoginEnrollment(step.challengeId, codeAt(qr.secret, later), later);
    expect(recoveryCodes).toHaveLength(10);
    expect(await api.getProfile(token, later)).toMatchObject({ mfa: 'enabled', recoveryCodesLeft: 10 });
    expect((await api.listAdmins(owner, { search: 'bob', offset: 0, limit: 1 }, T0)).rows[0]?.mfa).toBe('enabled');

    // From now on Bob gets the MFA prompt, and his enrollment code cannot be replayed.
    const next = await api.signInWithPassword(DEMO.bob.email, DEMO.bob.password, later);
    expect(next.kind).toBe('mfa_required');
    if (next.kind === 'mfa_required') await rejection(api.verifyLoginCode(next.challengeId, codeAt(qr.secret, later), later), 'invalid_code');
  });

  it('is idempotent: turning it on twice keeps the same secret', async () => {
    const { api, owner, ids } = await withOwner();
    await api.setAdminMfa(owner, ids.bob, true, T0);
    const first = await api.viewAdminQr(owner, ids.bob, T0);
    await api.setAdminMfa(owner, ids.bob, true, T0 + 1);
    expect((await api.viewAdminQr(owner, ids.bob, T0 + 1)).secret).toBe(first.secret);
  });

  it("makes an admin's own pending enrollment required, keeping its secret", async () => {
    const { api, owner, alice, ids } = await withOwner();
    const own = await api.startEnrollment(alice, T0);
    await api.setAdminMfa(owner, ids.alice, true, T0);
    const result = await api.signInWithPassword(DEMO.alice.email, DEMO.alice.password, T0 + DAY_MS);
    expect(result.kind).toBe('enrollment_required');
    if (result.kind === 'enrollment_required') expect(result.enrollment.secret).toBe(own.secret);
  });

  it('turns MFA off for an admin and audits it', async () => {
    const { api, owner, ids } = await withOwner();
    const bob = await signIn(api, DEMO.bob, T0);
    await enableMfa(api, bob, T0);
    const row = await api.setAdminMfa(owner, ids.bob, false, T0 + 1);
    expect(row.mfa).toBe('disabled');
    expect((await api.signInWithPassword(DEMO.bob.email, DEMO.bob.password, T0 + 2)).kind).toBe('signed_in');
    const [event] = (await api.listAudit(owner, { offset: 0, limit: 5 }, T0 + 2)).rows.filter((e) => e.action === 'mfa_disabled');
    expect(event).toMatchObject({ actor: DEMO.owner.email, subject: DEMO.bob.email, result: 'success' });
  });
});

describe('viewAdminQr', () => {
  it('shows the QR only while the enrollment is pending, and audits every view', async () => {
    const { api, owner, ids } = await withOwner();
    await rejection(api.viewAdminQr(owner, ids.bob, T0), 'qr_unavailable');
    await api.setAdminMfa(owner, ids.bob, true, T0);
    const qr = await api.viewAdminQr(owner, ids.bob, T0);
    const step = await bobEnrollmentStep(api, T0);
    await api.completeLoginEnrollment(step.challengeId, codeAt(qr.secret, T0), T0);
    await rejection(api.viewAdminQr(owner, ids.bob, T0), 'qr_unavailable');
    const views = (await api.listAudit(owner, { offset: 0, limit: 50 }, T0)).rows.filter((e) => e.action === 'qr_viewed');
    expect(views.map((e) => [e.actor, e.subject, e.result])).toEqual([
      [DEMO.owner.email, DEMO.bob.email, 'failure'],
      [DEMO.owner.email, DEMO.bob.email, 'success'],
      [DEMO.owner.email, DEMO.bob.email, 'failure'],
    ]);
  });
});

describe('resetAdminMfa', () => {
  it('voids the secret and recovery codes and returns the admin to pending with a new secret', async () => {
    const { api, store, owner, ids } = await withOwner();
    const bob = await signIn(api, DEMO.bob, T0);
    const { secret: old, recoveryCodes } = await enableMfa(api, bob, T0);
    await rejection(api.resetAdminMfa(owner, ids.alice, T0), 'mfa_not_enabled');

    const now = T0 + 10 * STEP_MS;
    expect((await api.resetAdminMfa(owner, ids.bob, now)).mfa).toBe('pending');
    const stored = await store.getUser(ids.bob);
    expect(stored).toMatchObject({ recoveryCodeHashes: [], lastAcceptedStep: T0 / STEP_MS });

    const step = await bobEnrollmentStep(api, now);
    expect(step.enrollment.secret).not.toBe(old);
    // Neither the old secret's codes nor a recovery code finish the new enrollment.
    await rejection(api.completeLoginEnrollment(step.challengeId, codeAt(old, now), now), 'invalid_code');
    await rejection(api.completeLoginEnrollment(step.challengeId, recoveryCodes[0]!, now), 'invalid_code');
    await api.completeLoginEnrollment(step.challengeId, codeAt(step.enrollment.secret, now), now);
    const audit = (await api.listAudit(owner, { offset: 0, limit: 50 }, now)).rows;
    expect(audit.find((e) => e.action === 'mfa_reset')).toMatchObject({ actor: DEMO.owner.email, subject: DEMO.bob.email });
  });
});

describe('completeLoginEnrollment', () => {
  it('refuses an expired or unknown challenge', async () => {
    const { api, owner, ids } = await withOwner();
    await api.setAdminMfa(owner, ids.bob, true, T0);
    const step = await bobEnrollmentStep(api, T0);
    const late = T0 + 10 * 60 * 1000;
    await rejection(api.completeLoginEnrollment(step.challengeId, codeAt(step.enrollment.secret, late), late), 'challenge_expired');
    await rejection(api.completeLoginEnrollment('nope', codeAt(step.enrollment.secret, T0), T0), 'challenge_expired');
  });

  it('refuses once the owner has turned MFA off meanwhile', async () => {
    const { api, owner, ids } = await withOwner();
    await api.setAdminMfa(owner, ids.bob, true, T0);
    const step = await bobEnrollmentStep(api, T0);
    await api.setAdminMfa(owner, ids.bob, false, T0);
    await rejection(api.completeLoginEnrollment(step.challengeId, codeAt(step.enrollment.secret, T0), T0), 'challenge_expired');
  });
});
