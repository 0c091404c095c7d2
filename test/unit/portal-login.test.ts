import { afterEach, describe, expect, it } from 'vitest';
import { LOCKOUT_MS } from '../../shared/portal/verifier';
import { MFA_CHALLENGE_TTL_MS, SESSION_TTL_MS } from '../../shared/portal/sessions';
import type { PortalApi } from '../../shared/portal/portal-api';
import {
  closePortals,
  codeAt,
  DEMO,
  enableMfa,
  legacyRecoveryCodeHash,
  openTestPortal,
  rejection,
  signIn,
  STEP_MS,
  T0,
  wrongCodeAt,
} from './portal-helpers';

afterEach(closePortals);

/** Signs in with the password and returns the MFA challenge id (fails if no MFA prompt). */
async function passwordStep(api: PortalApi, credential: { email: string; password: string }, now: number): Promise<string> {
  const result = await api.signInWithPassword(credential.email, credential.password, now);
  if (result.kind !== 'mfa_required') throw new Error(`expected mfa_required, got ${result.kind}`);
  return result.challengeId;
}

/** Alice with MFA enabled at T0 (enrollment code of step T0 used); returns her secret and recovery codes. */
async function aliceWithMfa(api: PortalApi) {
  const token = await signIn(api, DEMO.alice, T0);
  const enrolled = await enableMfa(api, token, T0);
  await api.signOut(token);
  return enrolled;
}

describe('signInWithPassword', () => {
  it('signs a user without MFA straight in', async () => {
    const { api } = openTestPortal();
    const result = await api.signInWithPassword(DEMO.bob.email, DEMO.bob.password, T0);
    expect(result.kind).toBe('signed_in');
    const profile = await api.getProfile((result as { token: string }).token, T0);
    expect(profile).toMatchObject({ email: DEMO.bob.email, role: 'admin', mfa: 'disabled' });
  });

  it('accepts the email in any case and with surrounding spaces', async () => {
    const { api } = openTestPortal();
    expect((await api.signInWithPassword(' BOB@Acme-MSP.example ', DEMO.bob.password, T0)).kind).toBe('signed_in');
  });

  it('gives the same error and message for an unknown email, a wrong password and an SSO user', async () => {
    const { api } = openTestPortal();
    const errors = await Promise.all([
      rejection(api.signInWithPassword('nobody@acme-msp.example', DEMO.bob.password, T0), 'invalid_credentials'),
      rejection(api.signInWithPassword(DEMO.bob.email, `${DEMO.bob.password}x`, T0), 'invalid_credentials'),
      rejection(api.signInWithPassword(DEMO.sam.email, '', T0), 'invalid_credentials'),
      rejection(api.signInWithPassword(DEMO.sam.email, DEMO.bob.password, T0), 'invalid_credentials'),
    ]);
    expect(new Set(errors.map((e) => e.message)).size).toBe(1);
  });

  it('asks for a code when MFA is on, and the code signs in', async () => {
    const { api } = openTestPortal();
    const { secret } = await aliceWithMfa(api);
    const now = T0 + 10 * STEP_MS;
    const challengeId = await passwordStep(api, DEMO.alice, now);
    const { token } = await api.verifyLoginCode(challengeId, codeAt(secret, now), now);
    expect((await api.getProfile(token, now)).mfa).toBe('enabled');
  });

  it('signs in a user whose own enrollment is only pending (MFA is not on until confirmed)', async () => {
    const { api } = openTestPortal();
    const token = await signIn(api, DEMO.alice, T0);
    await api.startEnrollment(token, T0);
    expect((await api.signInWithPassword(DEMO.alice.email, DEMO.alice.password, T0 + 1000)).kind).toBe('signed_in');
  });
});

describe('verifyLoginCode', () => {
  it('accepts one step either side of now and nothing further', async () => {
    const { api } = openTestPortal();
    const { secret } = await aliceWithMfa(api);
    const now = T0 + 100 * STEP_MS;
    const attempt = async (offsetSteps: number) => {
      const challengeId = await passwordStep(api, DEMO.alice, now);
      return api.verifyLoginCode(challengeId, codeAt(secret, now + offsetSteps * STEP_MS), now).then(
        () => true,
        () => false,
      );
    };
    // Order matters (replay): the past first, then the future.
    expect(await attempt(-2)).toBe(false);
    expect(await attempt(-1)).toBe(true);
    expect(await attempt(+2)).toBe(false);
    expect(await attempt(+1)).toBe(true);
  });

  it('refuses the code that confirmed the enrollment', async () => {
    const { api } = openTestPortal();
    const { secret } = await aliceWithMfa(api);
    const challengeId = await passwordStep(api, DEMO.alice, T0 + 1000);
    await rejection(api.verifyLoginCode(challengeId, codeAt(secret, T0), T0 + 1000), 'invalid_code');
    // The next step's code works (and proves the challenge was still usable).
    const next = T0 + STEP_MS;
    expect((await api.verifyLoginCode(challengeId, codeAt(secret, next), next)).kind).toBe('signed_in');
  });

  it('accepts a code once: a second sign-in with it is refused', async () => {
    const { api } = openTestPortal();
    const { secret } = await aliceWithMfa(api);
    const now = T0 + 20 * STEP_MS;
    await api.verifyLoginCode(await passwordStep(api, DEMO.alice, now), codeAt(secret, now), now);
    await rejection(api.verifyLoginCode(await passwordStep(api, DEMO.alice, now), codeAt(secret, now), now), 'invalid_code');
  });

  it('lets only one of two tabs submitting the same code at once succeed', async () => {
    const { api, dbName } = openTestPortal();
    const { api: otherTab } = openTestPortal(dbName);
    const { secret } = await aliceWithMfa(api);
    const now = T0 + 30 * STEP_MS;
    const [a, b] = await Promise.all([passwordStep(api, DEMO.alice, now), passwordStep(otherTab, DEMO.alice, now)]);
    const results = await Promise.allSettled([
      api.verifyLoginCode(a, codeAt(secret, now), now),
      otherTab.verifyLoginCode(b, codeAt(secret, now), now),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'invalid_code' } });
  });

  it('gives the same message for a wrong, a replayed and a locked-out code', async () => {
    const { api } = openTestPortal();
    const { secret } = await aliceWithMfa(api);
    const now = T0 + 40 * STEP_MS;
    const challengeId = await passwordStep(api, DEMO.alice, now);
    const wrong = await rejection(api.verifyLoginCode(challengeId, wrongCodeAt(secret, now), now), 'invalid_code');
    const replayed = await rejection(api.verifyLoginCode(challengeId, codeAt(secret, T0), now), 'invalid_code');
    for (let i = 0; i < 3; i++) await rejection(api.verifyLoginCode(challengeId, wrongCodeAt(secret, now), now));
    const locked = await rejection(api.verifyLoginCode(challengeId, codeAt(secret, now), now), 'invalid_code');
    expect(replayed.message).toBe(wrong.message);
    expect(locked.message).toBe(wrong.message);
    expect(wrong.message).not.toMatch(/\d{6}/);
  });

  it.each([['12345'], ['1234567'], ['12a456'], ['123-456'], ['']])('counts malformed input %j as a failure', async (input) => {
    const { api, store } = openTestPortal();
    const { secret } = await aliceWithMfa(api);
    const now = T0 + 50 * STEP_MS;
    const challengeId = await passwordStep(api, DEMO.alice, now);
    await rejection(api.verifyLoginCode(challengeId, input, now), 'invalid_code');
    expect((await store.findUserByEmail(DEMO.alice.email))?.failedAttempts).toBe(1);
    // Spaces are not malformed: "123 456" is six digits.
    const code = codeAt(secret, now);
    expect((await api.verifyLoginCode(challengeId, `${code.slice(0, 3)} ${code.slice(3)}`, now)).kind).toBe('signed_in');
  });

  it('refuses a challenge after 5 minutes, and an unknown one', async () => {
    const { api } = openTestPortal();
    const { secret } = await aliceWithMfa(api);
    const now = T0 + 60 * STEP_MS;
    const challengeId = await passwordStep(api, DEMO.alice, now);
    const late = now + MFA_CHALLENGE_TTL_MS;
    await rejection(api.verifyLoginCode(challengeId, codeAt(secret, late), late), 'challenge_expired');
    await rejection(api.verifyLoginCode('no-such-challenge', codeAt(secret, now), now), 'challenge_expired');
  });

  it('does not take a challenge made for an enrollment', async () => {
    const { api } = openTestPortal();
    const owner = await signIn(api, DEMO.owner, T0);
    const bob = (await api.listAdmins(owner, { search: 'bob', offset: 0, limit: 1 }, T0)).rows[0]!;
    await api.setAdminMfa(owner, bob.id, true, T0);
    const result = await api.signInWithPassword(DEMO.bob.email, DEMO.bob.password, T0);
    expect(result.kind).toBe('enrollment_required');
    if (result.kind !== 'enrollment_required') return;
    await rejection(api.verifyLoginCode(result.challengeId, codeAt(result.enrollment.secret, T0), T0), 'challenge_expired');
  });
});

describe('verifyLoginCode (lockout)', () => {
  it('locks after 5 consecutive failures, refuses a valid code while locked, and lifts after 15 minutes', async () => {
    const { api, store } = openTestPortal();
    const { secret } = await aliceWithMfa(api);
    const now = T0 + 70 * STEP_MS;
    const challengeId = await passwordStep(api, DEMO.alice, now);
    for (let i = 0; i < 5; i++) await rejection(api.verifyLoginCode(challengeId, wrongCodeAt(secret, now), now), 'invalid_code');
    const stored = await store.findUserByEmail(DEMO.alice.email);
    expect(stored).toMatchObject({ failedAttempts: 5, lockedUntil: now + LOCKOUT_MS });

    const stillLocked = now + LOCKOUT_MS - 1;
    const again = await passwordStep(api, DEMO.alice, stillLocked);
    await rejection(api.verifyLoginCode(again, codeAt(secret, stillLocked), stillLocked), 'invalid_code');

    const unlocked = now + LOCKOUT_MS;
    const fresh = await passwordStep(api, DEMO.alice, unlocked);
    expect((await api.verifyLoginCode(fresh, codeAt(secret, unlocked), unlocked)).kind).toBe('signed_in');
    expect(await store.findUserByEmail(DEMO.alice.email)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('counts failures in storage, across tabs and reloads', async () => {
    const { api, dbName } = openTestPortal();
    const { secret } = await aliceWithMfa(api);
    const now = T0 + 80 * STEP_MS;
    const first = await passwordStep(api, DEMO.alice, now);
    for (let i = 0; i < 3; i++) await rejection(api.verifyLoginCode(first, wrongCodeAt(secret, now), now));
    // A second tab (a new service and connection) continues the count: two more failures lock.
    const { api: otherTab } = openTestPortal(dbName);
    const second = await passwordStep(otherTab, DEMO.alice, now);
    for (let i = 0; i < 2; i++) await rejection(otherTab.verifyLoginCode(second, wrongCodeAt(secret, now), now));
    await rejection(otherTab.verifyLoginCode(second, codeAt(secret, now), now), 'invalid_code');
    await rejection(api.verifyLoginCode(first, codeAt(secret, now), now), 'invalid_code');
  });

  it('resets the count on success', async () => {
    const { api, store } = openTestPortal();
    const { secret } = await aliceWithMfa(api);
    const now = T0 + 90 * STEP_MS;
    const first = await passwordStep(api, DEMO.alice, now);
    for (let i = 0; i < 4; i++) await rejection(api.verifyLoginCode(first, wrongCodeAt(secret, now), now));
    await api.verifyLoginCode(first, codeAt(secret, now), now);
    expect((await store.findUserByEmail(DEMO.alice.email))?.failedAttempts).toBe(0);
    const later = now + STEP_MS;
    const second = await passwordStep(api, DEMO.alice, later);
    for (let i = 0; i < 4; i++) await rejection(api.verifyLoginCode(second, wrongCodeAt(secret, later), later));
    expect((await api.verifyLoginCode(second, codeAt(secret, later), later)).kind).toBe('signed_in');
  });

  it('refuses a recovery code while locked too', async () => {
    const { api } = openTestPortal();
    const { secret, recoveryCodes } = await aliceWithMfa(api);
    const now = T0 + 95 * STEP_MS;
    const challengeId = await passwordStep(api, DEMO.alice, now);
    for (let i = 0; i < 5; i++) await rejection(api.verifyLoginCode(challengeId, wrongCodeAt(secret, now), now));
    await rejection(api.verifyLoginCode(challengeId, recoveryCodes[0]!, now), 'invalid_code');
  });
});

describe('verifyLoginCode (recovery codes)', () => {
  it('signs in with a recovery code instead of a TOTP code, once per code', async () => {
    const { api } = openTestPortal();
    const { recoveryCodes } = await aliceWithMfa(api);
    expect(recoveryCodes).toHaveLength(10);
    const now = T0 + 5 * STEP_MS;
    const { token } = await api.verifyLoginCode(await passwordStep(api, DEMO.alice, now), recoveryCodes[3]!, now);
    expect((await api.getProfile(token, now)).recoveryCodesLeft).toBe(9);
    await rejection(api.verifyLoginCode(await passwordStep(api, DEMO.alice, now), recoveryCodes[3]!, now), 'invalid_code');
  });

  it('accepts a recovery code typed in capitals, without the dash or with spaces', async () => {
    const { api } = openTestPortal();
    const { recoveryCodes } = await aliceWithMfa(api);
    const now = T0 + 6 * STEP_MS;
    const typed = [recoveryCodes[0]!.toUpperCase(), recoveryCodes[1]!.replace('-', ''), recoveryCodes[2]!.replace('-', ' ')];
    for (const code of typed) {
      expect((await api.verifyLoginCode(await passwordStep(api, DEMO.alice, now), code, now)).kind).toBe('signed_in');
    }
  });

  it('voids the old set when regenerated', async () => {
    const { api } = openTestPortal();
    const { recoveryCodes: old } = await aliceWithMfa(api);
    const now = T0 + 7 * STEP_MS;
    const token = (await api.verifyLoginCode(await passwordStep(api, DEMO.alice, now), old[0]!, now)).token;
    const { recoveryCodes: fresh, token: kept } = await api.regenerateRecoveryCodes(token, DEMO.alice.password, now);
    expect(fresh).toHaveLength(10);
    expect(fresh.some((code) => old.includes(code))).toBe(false);
    await rejection(api.verifyLoginCode(await passwordStep(api, DEMO.alice, now), old[1]!, now), 'invalid_code');
    expect((await api.verifyLoginCode(await passwordStep(api, DEMO.alice, now), fresh[1]!, now)).kind).toBe('signed_in');
    expect((await api.getProfile(kept, now)).recoveryCodesLeft).toBe(9);
  });

  it('needs the password to regenerate, and keeps the old set when it is wrong', async () => {
    const { api } = openTestPortal();
    const { recoveryCodes } = await aliceWithMfa(api);
    const now = T0 + 8 * STEP_MS;
    const { token } = await api.verifyLoginCode(await passwordStep(api, DEMO.alice, now), recoveryCodes[0]!, now);
    await rejection(api.regenerateRecoveryCodes(token, DEMO.bob.password, now), 'wrong_password');
    expect((await api.verifyLoginCode(await passwordStep(api, DEMO.alice, now), recoveryCodes[1]!, now)).kind).toBe('signed_in');
  });
});

describe('verifyLoginCode (recovery codes: single use and stored form)', () => {
  it('lets exactly one of two tabs submitting the same recovery code at once sign in', async () => {
    const { api, dbName, store } = openTestPortal();
    const { recoveryCodes } = await aliceWithMfa(api);
    const { api: otherTab } = openTestPortal(dbName);
    const now = T0 + 9 * STEP_MS;
    const [a, b] = await Promise.all([passwordStep(api, DEMO.alice, now), passwordStep(otherTab, DEMO.alice, now)]);
    const results = await Promise.allSettled([
      api.verifyLoginCode(a, recoveryCodes[4]!, now),
      otherTab.verifyLoginCode(b, recoveryCodes[4]!, now),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'invalid_code' });
    expect((await store.findUserByEmail(DEMO.alice.email))?.recoveryCodeHashes).toHaveLength(9);
  });

  it('stores each code as a salted HMAC, never as the bare SHA-256 an offline search could test (issue 11)', async () => {
    const { api, store } = openTestPortal();
    const { recoveryCodes } = await aliceWithMfa(api);
    const user = (await store.findUserByEmail(DEMO.alice.email))!;
    expect(user.recoveryCodeHashes).toHaveLength(10);
    for (const stored of user.recoveryCodeHashes) expect(stored).toMatch(/^hmac-sha256:[0-9a-f]{32}:[0-9a-f]{64}$/);
    const bare = await Promise.all(recoveryCodes.map((code) => legacyRecoveryCodeHash(user.id, code.replace(/-/g, ''))));
    for (const hash of bare) expect(user.recoveryCodeHashes.join()).not.toContain(hash);
    expect(recoveryCodes[0]).toMatch(/^(?:[0-9a-z]{4}-){5}[0-9a-z]{4}$/);
  });

  it('keeps accepting codes of the old format stored before, once each, and asks for a new set until regenerated', async () => {
    const { api, store } = openTestPortal();
    await aliceWithMfa(api);
    const id = (await store.findUserByEmail(DEMO.alice.email))!.id;
    const old = ['abcde-fghjk', 'mnpqr-stvwx'];
    const hashes = await Promise.all(old.map((code) => legacyRecoveryCodeHash(id, code)));
    await store.mutateUser(id, (user) => ({ user: { ...user!, recoveryCodeHashes: hashes }, value: undefined }));
    const now = T0 + 11 * STEP_MS;
    const { token } = await api.verifyLoginCode(await passwordStep(api, DEMO.alice, now), 'ABCDE FGHJK', now);
    expect(await api.getProfile(token, now)).toMatchObject({ recoveryCodesLeft: 1, recoveryCodesOutdated: true });
    await rejection(api.verifyLoginCode(await passwordStep(api, DEMO.alice, now), old[0]!, now), 'invalid_code');
    const { token: fresh } = await api.regenerateRecoveryCodes(token, DEMO.alice.password, now);
    expect(await api.getProfile(fresh, now)).toMatchObject({ recoveryCodesLeft: 10, recoveryCodesOutdated: false });
    await rejection(api.verifyLoginCode(await passwordStep(api, DEMO.alice, now), old[1]!, now), 'invalid_code');
  });
});

describe('signInWithSso', () => {
  it('signs an SSO user in without a code', async () => {
    const { api } = openTestPortal();
    const { token } = await api.signInWithSso(DEMO.sam.email, T0);
    expect(await api.getProfile(token, T0)).toMatchObject({ email: DEMO.sam.email, signIn: 'sso', mfa: 'not_applicable' });
  });

  it('refuses a password user, even one with MFA on, and an unknown email', async () => {
    const { api } = openTestPortal();
    await aliceWithMfa(api);
    await rejection(api.signInWithSso(DEMO.alice.email, T0 + STEP_MS), 'sso_not_available');
    await rejection(api.signInWithSso(DEMO.bob.email, T0), 'sso_not_available');
    await rejection(api.signInWithSso('nobody@acme-msp.example', T0), 'sso_not_available');
  });
});

describe('PortalApi (sessions)', () => {
  it('last 12 hours', async () => {
    const { api } = openTestPortal();
    const token = await signIn(api, DEMO.bob, T0);
    expect(SESSION_TTL_MS).toBe(12 * 60 * 60 * 1000);
    await api.getProfile(token, T0 + SESSION_TTL_MS - 1);
    await rejection(api.getProfile(token, T0 + SESSION_TTL_MS), 'session_expired');
    // Removed once found expired.
    await rejection(api.getProfile(token, T0), 'session_expired');
  });

  it('end at sign-out', async () => {
    const { api } = openTestPortal();
    const token = await signIn(api, DEMO.bob, T0);
    await api.signOut(token);
    await rejection(api.getProfile(token, T0), 'session_expired');
  });

  it('are random 256-bit tokens', async () => {
    const { api } = openTestPortal();
    const [a, b] = await Promise.all([signIn(api, DEMO.bob, T0), signIn(api, DEMO.bob, T0)]);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });

  it.each([[''], ['forged-token']])('refuse the token %j', async (token) => {
    const { api } = openTestPortal();
    await rejection(api.getProfile(token, T0), 'session_expired');
  });
});
