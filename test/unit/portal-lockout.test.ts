/**
 * Issue 11, finding 1: guessing codes is capped over time. The failure count
 * survives the end of a lock, locks grow, and 100 failures in a row lock the
 * account until the owner unlocks it or a recovery code is used.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PortalApi } from '../../shared/portal/portal-api';
import type { UserId } from '../../shared/portal/model';
import type { PortalStore } from '../../shared/storage/portal-store';
import { closePortals, codeAt, DEMO, enableMfa, openTestPortal, rejection, signIn, STEP_MS, T0, wrongCodeAt } from './portal-helpers';

afterEach(closePortals);

const DAY_MS = 24 * 60 * 60 * 1000;

/** Signs in with the password and returns the MFA challenge id. */
async function passwordStep(api: PortalApi, now: number): Promise<string> {
  const result = await api.signInWithPassword(DEMO.alice.email, DEMO.alice.password, now);
  if (result.kind !== 'mfa_required') throw new Error(`expected mfa_required, got ${result.kind}`);
  return result.challengeId;
}

/** Alice with MFA on (enrolled at T0); her secret, recovery codes and id. */
async function aliceWithMfa(api: PortalApi, store: PortalStore) {
  const enrolled = await enableMfa(api, await signIn(api, DEMO.alice, T0), T0);
  const id = (await store.findUserByEmail(DEMO.alice.email))!.id;
  return { ...enrolled, id };
}

/**
 * An attacker who has the password guesses codes as fast as the portal lets
 * them, from `start`, until `stop` says enough; waits out every lock. Returns
 * how many guesses were checked and the time reached.
 */
async function guessUntil(
  api: PortalApi,
  store: PortalStore,
  secret: string,
  start: number,
  stop: (guesses: number, now: number) => boolean,
): Promise<{ guesses: number; now: number }> {
  let now = start;
  let guesses = 0;
  let challenge = await passwordStep(api, now);
  for (;;) {
    const user = (await store.findUserByEmail(DEMO.alice.email))!;
    if (user.lockedUntil !== null && user.lockedUntil > now) {
      now = user.lockedUntil;
      challenge = await passwordStep(api, now);
    }
    if (stop(guesses, now)) return { guesses, now };
    await rejection(api.verifyLoginCode(challenge, wrongCodeAt(secret, now), now), 'invalid_code');
    guesses++;
  }
}

describe('verifyLoginCode (lockouts that grow)', () => {
  it('lets an attacker with the password check at most 35 codes in the first day (it was ~480)', async () => {
    const { api, store } = openTestPortal();
    const { secret } = await aliceWithMfa(api, store);
    const start = T0 + 10 * STEP_MS;
    const { guesses } = await guessUntil(api, store, secret, start, (_, now) => now >= start + DAY_MS);
    // 15 min + 30 + 1 h + 2 h + 4 h + 8 h = 15 h 45 min for 30 guesses; the 35th starts a 16-hour lock.
    expect(guesses).toBe(35);
  });

  it('audits each lock with its length, doubling from 15 minutes to at most 24 hours', async () => {
    const { api, store } = openTestPortal();
    const { secret } = await aliceWithMfa(api, store);
    const { now } = await guessUntil(api, store, secret, T0 + 10 * STEP_MS, (guesses) => guesses === 50);
    const owner = await signIn(api, DEMO.owner, now);
    const locks = (await api.listAudit(owner, { offset: 0, limit: 100 }, now)).rows
      .filter((e) => e.action === 'locked_out')
      .reverse();
    expect(locks.map((e) => e.reason)).toEqual([
      'locked_for_15_minutes',
      'locked_for_30_minutes',
      'locked_for_1_hour',
      'locked_for_2_hours',
      'locked_for_4_hours',
      'locked_for_8_hours',
      'locked_for_16_hours',
      'locked_for_24_hours',
      'locked_for_24_hours',
      'locked_for_24_hours',
    ]);
    expect(locks[0]).toMatchObject({ actor: DEMO.alice.email, subject: DEMO.alice.email, result: 'failure' });
  });
});

describe('verifyLoginCode (hard lock at 100 failures in a row)', () => {
  it('refuses valid TOTP codes for good after 100 failures, and audits the hard lock', async () => {
    const { api, store } = openTestPortal();
    const { secret } = await aliceWithMfa(api, store);
    const { now } = await guessUntil(api, store, secret, T0 + 10 * STEP_MS, (guesses) => guesses === 100);
    expect((await store.findUserByEmail(DEMO.alice.email))?.failedAttempts).toBe(100);
    const yearLater = now + 365 * DAY_MS;
    await rejection(api.verifyLoginCode(await passwordStep(api, yearLater), codeAt(secret, yearLater), yearLater), 'invalid_code');
    const owner = await signIn(api, DEMO.owner, yearLater);
    const audit = (await api.listAudit(owner, { offset: 0, limit: 20 }, yearLater)).rows;
    expect(audit.find((e) => e.action === 'hard_locked')).toMatchObject({ subject: DEMO.alice.email, result: 'failure' });
    expect(audit.find((e) => e.action === 'code_rejected')).toMatchObject({ reason: 'hard_locked' });
  });

  it('still lets a correct recovery code in, which clears the lock (audited)', async () => {
    const { api, store } = openTestPortal();
    const { secret, recoveryCodes, id } = await aliceWithMfa(api, store);
    await store.mutateUser(id, (user) => ({ user: { ...user!, failedAttempts: 100, lockedUntil: null }, value: undefined }));
    const now = T0 + DAY_MS;
    const challenge = await passwordStep(api, now);
    // A wrong recovery code counts (101), a right one signs in.
    await rejection(api.verifyLoginCode(challenge, 'zzzz-zzzz-zzzz-zzzz-zzzz-zzzz', now), 'invalid_code');
    expect((await store.getUser(id))?.failedAttempts).toBe(101);
    const { token } = await api.verifyLoginCode(challenge, recoveryCodes[0]!, now);
    expect(await store.getUser(id)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    // TOTP works again.
    const later = now + STEP_MS;
    expect((await api.verifyLoginCode(await passwordStep(api, later), codeAt(secret, later), later)).kind).toBe('signed_in');
    const owner = await signIn(api, DEMO.owner, later);
    const unlocked = (await api.listAudit(owner, { offset: 0, limit: 20 }, later)).rows.find((e) => e.action === 'account_unlocked');
    expect(unlocked).toMatchObject({ actor: DEMO.alice.email, subject: DEMO.alice.email, reason: 'recovery_code' });
    expect((await api.getProfile(token, now)).recoveryCodesLeft).toBe(9);
  });
});

describe('unlockAdmin', () => {
  /** The owner's session, Alice (MFA on) and her id. */
  async function ownerAndAlice() {
    const portal = openTestPortal();
    const alice = await aliceWithMfa(portal.api, portal.store);
    const owner = await signIn(portal.api, DEMO.owner, T0);
    return { ...portal, owner, alice };
  }

  async function aliceRow(api: PortalApi, owner: string, id: UserId, now: number) {
    const [row] = await api.getAdmins(owner, [id], now);
    return row!;
  }

  it('shows on the Admins tab who is locked: until when, or hard', async () => {
    const { api, store, owner, alice } = await ownerAndAlice();
    const now = T0 + 10 * STEP_MS;
    expect((await aliceRow(api, owner, alice.id, now)).lock).toEqual({ status: 'none' });
    const challenge = await passwordStep(api, now);
    for (let i = 0; i < 5; i++) await rejection(api.verifyLoginCode(challenge, wrongCodeAt(alice.secret, now), now));
    expect((await aliceRow(api, owner, alice.id, now)).lock).toEqual({ status: 'timed', until: now + 15 * 60 * 1000 });
    const listed = (await api.listAdmins(owner, { search: 'alice', offset: 0, limit: 5 }, now)).rows[0];
    expect(listed?.lock).toEqual({ status: 'timed', until: now + 15 * 60 * 1000 });
    await store.mutateUser(alice.id, (user) => ({ user: { ...user!, failedAttempts: 100, lockedUntil: null }, value: undefined }));
    expect((await aliceRow(api, owner, alice.id, now)).lock).toEqual({ status: 'hard' });
  });

  it('lets the owner lift a hard lock: valid codes work again, and the unlock is audited with who did it', async () => {
    const { api, store, owner, alice } = await ownerAndAlice();
    await store.mutateUser(alice.id, (user) => ({ user: { ...user!, failedAttempts: 100, lockedUntil: null }, value: undefined }));
    const now = T0 + 10 * STEP_MS;
    await rejection(api.verifyLoginCode(await passwordStep(api, now), codeAt(alice.secret, now), now), 'invalid_code');
    const row = await api.unlockAdmin(owner, alice.id, now);
    expect(row.lock).toEqual({ status: 'none' });
    expect(await store.getUser(alice.id)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    const later = now + STEP_MS;
    expect((await api.verifyLoginCode(await passwordStep(api, later), codeAt(alice.secret, later), later)).kind).toBe('signed_in');
    const event = (await api.listAudit(owner, { offset: 0, limit: 20 }, later)).rows.find((e) => e.action === 'account_unlocked');
    expect(event).toMatchObject({ actor: DEMO.owner.email, subject: DEMO.alice.email, result: 'success', reason: 'by_owner' });
  });

  it('lifts a timed lock and the password delays too', async () => {
    const { api, store, owner, alice } = await ownerAndAlice();
    const now = T0 + 10 * STEP_MS;
    const challenge = await passwordStep(api, now);
    for (let i = 0; i < 5; i++) await rejection(api.verifyLoginCode(challenge, wrongCodeAt(alice.secret, now), now));
    for (let i = 0; i < 5; i++) await rejection(api.signInWithPassword(DEMO.alice.email, 'wrong password', now));
    await rejection(api.signInWithPassword(DEMO.alice.email, DEMO.alice.password, now), 'password_throttled');
    await api.unlockAdmin(owner, alice.id, now);
    expect((await store.getUser(alice.id))?.passwordThrottle).toEqual({ failures: 0, retryAt: null, lastFailureAt: null });
    expect((await api.verifyLoginCode(await passwordStep(api, now), codeAt(alice.secret, now), now)).kind).toBe('signed_in');
  });

  it("clears the lock when the owner turns the admin's MFA off, so a later enrollment is not refused", async () => {
    const { api, store, owner, alice } = await ownerAndAlice();
    await store.mutateUser(alice.id, (user) => ({ user: { ...user!, failedAttempts: 100, lockedUntil: null }, value: undefined }));
    expect((await api.setAdminMfa(owner, alice.id, false, T0)).lock).toEqual({ status: 'none' });
    const now = T0 + 10 * STEP_MS;
    const { secret } = await api.startEnrollment(await signIn(api, DEMO.alice, now), now);
    const session = await signIn(api, DEMO.alice, now);
    expect((await api.confirmEnrollment(session, codeAt(secret, now), now)).recoveryCodes).toHaveLength(10);
  });

  it('refuses the owner themselves and SSO users, as the other Admins tab operations do', async () => {
    const { api, store, owner } = await ownerAndAlice();
    const ownerId = (await store.findUserByEmail(DEMO.owner.email))!.id;
    const samId = (await store.findUserByEmail(DEMO.sam.email))!.id;
    await rejection(api.unlockAdmin(owner, ownerId, T0), 'own_mfa_on_profile');
    await rejection(api.unlockAdmin(owner, samId, T0), 'mfa_not_applicable');
  });
});
