/**
 * Issue 11, finding 3: sessions do not outlive the authentication they stood
 * for. Every session of a user ends when their MFA is turned on, off or reset,
 * their password changes or their recovery codes are regenerated; the tab
 * that made the change goes on with a fresh session.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PortalApi } from '../../shared/portal/portal-api';
import type { UserId } from '../../shared/portal/model';
import { createSession } from '../../shared/portal/sessions';
import { closePortals, codeAt, DEMO, enableMfa, openTestPortal, rejection, signIn, STEP_MS, T0 } from './portal-helpers';

afterEach(closePortals);

/** Expects every token to be refused now. */
async function expectSignedOut(api: PortalApi, tokens: string[], now: number): Promise<void> {
  for (const token of tokens) await rejection(api.getProfile(token, now), 'session_expired');
}

/** Two password-only sessions of Alice (two devices) and the owner's. */
async function twoDevices() {
  const portal = openTestPortal();
  const { api, store } = portal;
  const first = await signIn(api, DEMO.alice, T0);
  const second = await signIn(api, DEMO.alice, T0);
  const owner = await signIn(api, DEMO.owner, T0);
  const aliceId = (await store.findUserByEmail(DEMO.alice.email))!.id as UserId;
  return { ...portal, first, second, owner, aliceId };
}

describe('PortalApi (sessions end with the authentication they stood for)', () => {
  it('ends the password-only sessions when the user turns MFA on, and gives this tab a fresh one', async () => {
    const { api, first, second, owner } = await twoDevices();
    const { secret } = await api.startEnrollment(first, T0);
    const { token } = await api.confirmEnrollment(first, codeAt(secret, T0), T0);
    await expectSignedOut(api, [first, second], T0);
    expect((await api.getProfile(token, T0)).mfa).toBe('enabled');
    // Nobody else's sessions end.
    await api.getProfile(owner, T0);
  });

  it('ends every session when the user turns MFA off', async () => {
    const { api, first } = await twoDevices();
    const enabled = await enableMfa(api, first, T0);
    const now = T0 + STEP_MS;
    const other = (await api.verifyLoginCode(await mfaChallenge(api, now), codeAt(enabled.secret, now), now)).token;
    const { token } = await api.disableMfa(enabled.token, DEMO.alice.password, now);
    await expectSignedOut(api, [enabled.token, other], now);
    expect((await api.getProfile(token, now)).mfa).toBe('disabled');
  });

  it('ends every session when the user regenerates the recovery codes', async () => {
    const { api, first } = await twoDevices();
    const enabled = await enableMfa(api, first, T0);
    const now = T0 + STEP_MS;
    const other = (await api.verifyLoginCode(await mfaChallenge(api, now), codeAt(enabled.secret, now), now)).token;
    const { token } = await api.regenerateRecoveryCodes(enabled.token, DEMO.alice.password, now);
    await expectSignedOut(api, [enabled.token, other], now);
    expect((await api.getProfile(token, now)).recoveryCodesLeft).toBe(10);
  });

  it('ends every session when the owner turns MFA on, off or resets it', async () => {
    const { api, first, second, owner, aliceId } = await twoDevices();
    // On: the password-only sessions of before end; the next sign-in asks to finish the enrollment.
    await api.setAdminMfa(owner, aliceId, true, T0);
    await expectSignedOut(api, [first, second], T0);
    const step = await api.signInWithPassword(DEMO.alice.email, DEMO.alice.password, T0);
    if (step.kind !== 'enrollment_required') throw new Error('expected the enrollment');
    const done = await api.completeLoginEnrollment(step.challengeId, codeAt(step.enrollment.secret, T0), T0);
    // Reset.
    const now = T0 + STEP_MS;
    const other = (await api.verifyLoginCode(await mfaChallenge(api, now), codeAt(step.enrollment.secret, now), now)).token;
    await api.resetAdminMfa(owner, aliceId, now);
    await expectSignedOut(api, [done.token, other], now);
    // Off.
    const again = await api.signInWithPassword(DEMO.alice.email, DEMO.alice.password, now);
    if (again.kind !== 'enrollment_required') throw new Error('expected the enrollment');
    const later = now + STEP_MS;
    const finished = await api.completeLoginEnrollment(again.challengeId, codeAt(again.enrollment.secret, later), later);
    await api.setAdminMfa(owner, aliceId, false, later);
    await expectSignedOut(api, [finished.token], later);
    await api.getProfile(owner, later);
  });

  it('ends the other sessions when an enrollment is finished at sign-in', async () => {
    const { api, owner, aliceId } = await twoDevices();
    await api.setAdminMfa(owner, aliceId, true, T0);
    const step = await api.signInWithPassword(DEMO.alice.email, DEMO.alice.password, T0);
    if (step.kind !== 'enrollment_required') throw new Error('expected the enrollment');
    const { token } = await api.completeLoginEnrollment(step.challengeId, codeAt(step.enrollment.secret, T0), T0);
    expect((await api.getProfile(token, T0)).mfa).toBe('enabled');
  });
});

describe('changePassword', () => {
  it('changes the password, ends every other session, and keeps this tab signed in', async () => {
    const { api, first, second } = await twoDevices();
    const { token } = await api.changePassword(first, DEMO.alice.password, 'a new long passphrase', T0);
    await expectSignedOut(api, [first, second], T0);
    expect((await api.getProfile(token, T0)).email).toBe(DEMO.alice.email);
    await rejection(api.signInWithPassword(DEMO.alice.email, DEMO.alice.password, T0), 'invalid_credentials');
    expect((await api.signInWithPassword(DEMO.alice.email, 'a new long passphrase', T0)).kind).toBe('signed_in');
  });

  it('audits the change, never the passwords', async () => {
    const { api, first, owner } = await twoDevices();
    await api.changePassword(first, DEMO.alice.password, 'a new long passphrase', T0);
    const rows = (await api.listAudit(owner, { offset: 0, limit: 10 }, T0)).rows;
    expect(rows.find((e) => e.action === 'password_changed')).toMatchObject({ actor: DEMO.alice.email, subject: DEMO.alice.email, result: 'success' });
    expect(JSON.stringify(rows)).not.toContain('a new long passphrase');
  });

  it.each([
    ['a password of 7 characters', 'seven77', 'too_short'],
    ['a password over 1024 characters', 'x'.repeat(1025), 'too_long'],
    ['the current password', DEMO.alice.password, 'same_as_current'],
  ])('refuses %s, changing nothing', async (_, next, reason) => {
    const { api, first } = await twoDevices();
    const error = await rejection(api.changePassword(first, DEMO.alice.password, next, T0), 'password_invalid');
    expect(error.details).toMatchObject({ field: 'new_password', reason });
    await api.getProfile(first, T0);
    expect((await api.signInWithPassword(DEMO.alice.email, DEMO.alice.password, T0)).kind).toBe('signed_in');
  });

  it.each([
    ['8 characters', '12345678'],
    ['64 characters', 'p'.repeat(64)],
    ['spaces and any characters, no composition rules', 'correct horse battery staple ✓ 🐎'],
  ])('accepts %s', async (_, next) => {
    const { api, first } = await twoDevices();
    const { token } = await api.changePassword(first, DEMO.alice.password, next, T0);
    await api.getProfile(token, T0);
    expect((await api.signInWithPassword(DEMO.alice.email, next, T0)).kind).toBe('signed_in');
  });

  it('needs the current password', async () => {
    const { api, first } = await twoDevices();
    await rejection(api.changePassword(first, 'not the password', 'a new long passphrase', T0), 'wrong_password');
    await api.getProfile(first, T0);
  });

  it('does not apply to SSO users', async () => {
    const { api } = openTestPortal();
    const { token } = await api.signInWithSso(DEMO.sam.email, T0);
    await rejection(api.changePassword(token, '', 'a new long passphrase', T0), 'password_not_applicable');
  });
});

describe('getProfile (a session never sees a secret it did not start)', () => {
  it("does not show the owner-set secret to a password-only session, nor hand it out by startEnrollment", async () => {
    const { api, store, owner, aliceId } = await twoDevices();
    await api.setAdminMfa(owner, aliceId, true, T0);
    // A session made without the enrollment step (as one from before could have been): it sees no secret.
    const session = createSession(aliceId, T0);
    await store.applyEffects({ addSession: session });
    const profile = await api.getProfile(session.token, T0);
    expect(profile).toMatchObject({ mfa: 'pending', enrollment: null });
    await rejection(api.startEnrollment(session.token, T0), 'mfa_setup_at_sign_in');
    await rejection(api.confirmEnrollment(session.token, '123456', T0), 'mfa_setup_at_sign_in');
    await rejection(api.renewSecret(session.token, DEMO.alice.password, T0), 'mfa_setup_at_sign_in');
  });
});

/** Alice's MFA prompt after the password at `now`. */
async function mfaChallenge(api: PortalApi, now: number): Promise<string> {
  const result = await api.signInWithPassword(DEMO.alice.email, DEMO.alice.password, now);
  if (result.kind !== 'mfa_required') throw new Error(`expected mfa_required, got ${result.kind}`);
  return result.challengeId;
}
