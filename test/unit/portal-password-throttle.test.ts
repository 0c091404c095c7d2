/**
 * Issue 11, finding 2: the password step is throttled per account, in the
 * transaction that decides, the same way for an email no user has.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { PortalApi } from '../../shared/portal/portal-api';
import {
  FIRST_PASSWORD_DELAY_MS,
  INITIAL_PASSWORD_THROTTLE,
  MAX_PASSWORD_DELAY_MS,
  passwordDelay,
  reservePasswordAttempt,
} from '../../shared/portal/password-throttle';
import { openPortalDb } from '../../shared/storage/portal-db';
import { createPortalStore, MAX_UNKNOWN_EMAIL_THROTTLES } from '../../shared/storage/portal-store';
import { closePortals, DEMO, enableMfa, openTestPortal, rejection, signIn, T0, testAdmin } from './portal-helpers';

afterEach(closePortals);

const UNKNOWN = 'nobody@acme-msp.example';

/** What a password attempt answered: the error's code, message and wait, or 'signed_in'. */
async function attempt(api: PortalApi, email: string, password: string, now: number) {
  try {
    await api.signInWithPassword(email, password, now);
    return 'signed_in';
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { code: e.code, message: e.message, retryInSeconds: e.details.retryInSeconds };
  }
}

describe('passwordDelay', () => {
  it('costs nothing for 4 failures, then waits 5 seconds doubling up to 15 minutes', () => {
    expect(FIRST_PASSWORD_DELAY_MS).toBe(5_000);
    expect(MAX_PASSWORD_DELAY_MS).toBe(15 * 60 * 1000);
    expect(Array.from({ length: 15 }, (_, i) => passwordDelay(i + 1) / 1000)).toEqual([
      0, 0, 0, 0, 5, 10, 20, 40, 80, 160, 320, 640, 900, 900, 900,
    ]);
  });
});

describe('reservePasswordAttempt', () => {
  it('counts the attempt as a failure before the password is checked, and refuses while a wait runs', () => {
    let throttle = INITIAL_PASSWORD_THROTTLE;
    for (let i = 0; i < 5; i++) {
      const gate = reservePasswordAttempt(throttle, 1_000);
      if (!gate.allowed) throw new Error('refused too early');
      throttle = gate.throttle;
    }
    expect(throttle).toEqual({ failures: 5, retryAt: 6_000, lastFailureAt: 1_000 });
    expect(reservePasswordAttempt(throttle, 5_999)).toEqual({ allowed: false, retryAt: 6_000 });
    expect(reservePasswordAttempt(throttle, 6_000)).toMatchObject({ allowed: true, throttle: { failures: 6, retryAt: 16_000 } });
  });
});

describe('signInWithPassword (throttled)', () => {
  it('refuses the right password after 60 wrong ones in a row, until the wait is over (issue 11)', async () => {
    const { api } = openTestPortal();
    for (let i = 0; i < 60; i++) await rejection(api.signInWithPassword(DEMO.bob.email, `wrong ${i}`, T0));
    const refused = await rejection(api.signInWithPassword(DEMO.bob.email, DEMO.bob.password, T0), 'password_throttled');
    expect(refused.message).toMatch(/Wait 5 seconds/);
    expect(refused.details).toMatchObject({ retryAt: T0 + 5_000, retryInSeconds: 5 });
    expect(refused.message).not.toContain(DEMO.bob.password);
    expect(await attempt(api, DEMO.bob.email, DEMO.bob.password, T0 + 5_000)).toBe('signed_in');
  });

  it('tells the wait at the failure that starts it, and checks no password during it', async () => {
    const { api } = openTestPortal();
    let now = T0;
    const waits: unknown[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = await attempt(api, DEMO.bob.email, 'wrong password', now);
      if (answer === 'signed_in') throw new Error('signed in with a wrong password');
      expect(answer.code).toBe('invalid_credentials');
      waits.push(answer.retryInSeconds);
      // One second too early: refused without checking, and the wait does not grow.
      if (typeof answer.retryInSeconds === 'number') {
        const early = now + answer.retryInSeconds * 1000 - 1000;
        expect(await attempt(api, DEMO.bob.email, DEMO.bob.password, early)).toMatchObject({ code: 'password_throttled', retryInSeconds: 1 });
        now += answer.retryInSeconds * 1000;
      }
    }
    expect(waits).toEqual([undefined, undefined, undefined, undefined, 5, 10, 20, 40, 80, 160]);
    const last = await attempt(api, DEMO.bob.email, 'wrong password', now);
    expect(last).toMatchObject({ code: 'invalid_credentials', retryInSeconds: 320 });
    expect((last as { message: string }).message).toMatch(/try again in 6 minutes/);
  });

  it('answers an unknown email exactly as an existing one: same messages, same waits', async () => {
    const { api } = openTestPortal();
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    let now = T0;
    for (let i = 0; i < 8; i++) {
      known.push(await attempt(api, DEMO.bob.email, 'wrong password', now));
      unknown.push(await attempt(api, UNKNOWN, 'wrong password', now));
      known.push(await attempt(api, DEMO.bob.email, 'wrong password', now));
      unknown.push(await attempt(api, ` ${UNKNOWN.toUpperCase()} `, 'wrong password', now));
      now += 7_000;
    }
    expect(unknown).toEqual(known);
    expect(known.some((a) => (a as { code: string }).code === 'password_throttled')).toBe(true);
  });

  it('counts attempts made in parallel (several tabs) one by one: only 5 passwords get checked', async () => {
    const { api, dbName } = openTestPortal();
    const { api: otherTab } = openTestPortal(dbName);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => attempt(i % 2 ? otherTab : api, DEMO.bob.email, i === 11 ? DEMO.bob.password : 'wrong', T0)),
    );
    const codes = answers.map((a) => (a === 'signed_in' ? a : a.code));
    expect(codes.filter((c) => c === 'password_throttled')).toHaveLength(7);
    expect(codes.filter((c) => c !== 'password_throttled')).toHaveLength(5);
  });

  it('starts the count again after a successful sign-in', async () => {
    const { api, store } = openTestPortal();
    for (let i = 0; i < 4; i++) await rejection(api.signInWithPassword(DEMO.bob.email, 'wrong', T0), 'invalid_credentials');
    await signIn(api, DEMO.bob, T0);
    expect((await store.findUserByEmail(DEMO.bob.email))?.passwordThrottle).toEqual({ failures: 0, retryAt: null, lastFailureAt: null });
    for (let i = 0; i < 4; i++) await rejection(api.signInWithPassword(DEMO.bob.email, 'wrong', T0), 'invalid_credentials');
    expect(await attempt(api, DEMO.bob.email, DEMO.bob.password, T0)).toBe('signed_in');
  });

  it('starts the count again once the password is right, even if a code is still to come', async () => {
    const { api, store } = openTestPortal();
    await enableMfa(api, await signIn(api, DEMO.alice, T0), T0);
    for (let i = 0; i < 3; i++) await rejection(api.signInWithPassword(DEMO.alice.email, 'wrong', T0));
    expect((await api.signInWithPassword(DEMO.alice.email, DEMO.alice.password, T0)).kind).toBe('mfa_required');
    expect((await store.findUserByEmail(DEMO.alice.email))?.passwordThrottle.failures).toBe(0);
  });

  it('audits each refusal during a wait, naming the account but never the password', async () => {
    const { api } = openTestPortal();
    for (let i = 0; i < 5; i++) await rejection(api.signInWithPassword(DEMO.bob.email, 'wrong', T0));
    await rejection(api.signInWithPassword(DEMO.bob.email, DEMO.bob.password, T0), 'password_throttled');
    const owner = await signIn(api, DEMO.owner, T0 + 1);
    const rows = (await api.listAudit(owner, { offset: 0, limit: 20 }, T0 + 1)).rows;
    const throttled = rows.filter((e) => e.action === 'sign_in_throttled');
    expect(throttled).toHaveLength(1);
    expect(throttled[0]).toMatchObject({ actor: null, subject: DEMO.bob.email, result: 'failure', reason: 'too_many_wrong_passwords' });
    expect(JSON.stringify(rows)).not.toContain(DEMO.bob.password);
  });

  it('throttles the password asked again before a change (a stolen session cannot guess it)', async () => {
    const { api } = openTestPortal();
    const { token } = await enableMfa(api, await signIn(api, DEMO.alice, T0), T0);
    for (let i = 0; i < 5; i++) await rejection(api.disableMfa(token, 'wrong', T0), 'wrong_password');
    const refused = await rejection(api.disableMfa(token, DEMO.alice.password, T0), 'password_throttled');
    expect(refused.details.retryInSeconds).toBe(5);
    expect((await api.getProfile(token, T0)).mfa).toBe('enabled');
  });
});

describe('PortalStore.throttlePasswordAttempt (unknown emails)', () => {
  it(`keeps at most ${MAX_UNKNOWN_EMAIL_THROTTLES} unknown emails, dropping the oldest first`, async () => {
    expect(MAX_UNKNOWN_EMAIL_THROTTLES).toBe(10_000);
    const dbName = `portal-test-${crypto.randomUUID()}`;
    const store = createPortalStore(() => openPortalDb(dbName), { maxUnknownEmailThrottles: 3 });
    const fail = (email: string, at: number) =>
      store.throttlePasswordAttempt(email, () => ({ throttle: { failures: 1, retryAt: null, lastFailureAt: at }, value: undefined }));
    const read = (email: string) => store.throttlePasswordAttempt(email, (_, throttle) => ({ value: throttle }));
    for (const [i, email] of ['a@x.example', 'b@x.example', 'c@x.example', 'd@x.example'].entries()) await fail(email, T0 + i);
    expect((await read('a@x.example')).failures).toBe(0);
    for (const email of ['b@x.example', 'c@x.example', 'd@x.example']) expect((await read(email)).failures).toBe(1);
    // A real account is never dropped: its throttle lives on its own record.
    await store.addUsers([testAdmin('u1', 'real@x.example')]);
    await fail('real@x.example', T0);
    for (const [i, email] of ['e@x.example', 'f@x.example', 'g@x.example', 'h@x.example'].entries()) await fail(email, T0 + 10 + i);
    expect((await read('real@x.example')).failures).toBe(1);
    await store.close();
  });

  it('forgets every unknown email when the demo data is reset', async () => {
    const { api } = openTestPortal();
    for (let i = 0; i < 5; i++) await rejection(api.signInWithPassword(UNKNOWN, 'wrong', T0), 'invalid_credentials');
    await rejection(api.signInWithPassword(UNKNOWN, 'wrong', T0), 'password_throttled');
    await api.resetDemoData(T0);
    await rejection(api.signInWithPassword(UNKNOWN, 'wrong', T0), 'invalid_credentials');
  });
});
