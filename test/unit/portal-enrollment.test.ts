import { afterEach, describe, expect, it } from 'vitest';
import { parseOtpauthUri } from '../../shared/otp/otpauth-uri';
import { describeMfa, formatEnrollmentUri, SELF_ENROLLMENT_TTL_MS } from '../../shared/portal/enrollment';
import { closePortals, codeAt, DEMO, enableMfa, openTestPortal, rejection, signIn, STEP_MS, T0, wrongCodeAt } from './portal-helpers';

afterEach(closePortals);

describe('formatEnrollmentUri', () => {
  it('makes otpauth://totp/Acme%20MSP:<email>?secret=...&issuer=Acme%20MSP with SHA1, 6 digits, 30 s', () => {
    const uri = formatEnrollmentUri('Acme MSP', 'alice@acme-msp.example', 'JBSWY3DPEHPK3PXP');
    expect(uri).toBe(
      'otpauth://totp/Acme%20MSP:alice%40acme-msp.example?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20MSP&algorithm=SHA1&digits=6&period=30',
    );
    expect(parseOtpauthUri(uri)).toMatchObject({
      type: 'totp',
      issuer: 'Acme MSP',
      label: 'alice@acme-msp.example',
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });
});

describe('describeMfa', () => {
  it.each([
    ['an SSO user, whatever is stored', { signIn: 'sso', mfa: { status: 'enabled' } }, 'not_applicable'],
    ['MFA off', { signIn: 'password', mfa: { status: 'disabled' } }, 'disabled'],
    ['MFA on', { signIn: 'password', mfa: { status: 'enabled' } }, 'enabled'],
    ['an owner-set pending secret', { signIn: 'password', mfa: { status: 'pending', expiresAt: null } }, 'pending'],
    ['a live self-set pending secret', { signIn: 'password', mfa: { status: 'pending', expiresAt: T0 + 1 } }, 'pending'],
    ['an expired self-set pending secret', { signIn: 'password', mfa: { status: 'pending', expiresAt: T0 } }, 'disabled'],
  ] as const)('shows %s as %s', (_name, user, expected) => {
    expect(describeMfa(user, T0)).toBe(expected);
  });
});

describe('startEnrollment', () => {
  it('offers a pending secret with its QR link, for 10 minutes', async () => {
    const { api } = openTestPortal();
    const token = await signIn(api, DEMO.alice, T0);
    const view = await api.startEnrollment(token, T0);
    expect(view.email).toBe(DEMO.alice.email);
    expect(view.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(view.uri).toBe(formatEnrollmentUri('Acme MSP', DEMO.alice.email, view.secret));
    expect(view.expiresAt).toBe(T0 + SELF_ENROLLMENT_TTL_MS);
    expect(SELF_ENROLLMENT_TTL_MS).toBe(10 * 60 * 1000);
    expect(await api.getProfile(token, T0)).toMatchObject({ mfa: 'pending', enrollment: view });
  });

  it('offers the same secret until it expires, then a new one', async () => {
    const { api } = openTestPortal();
    const token = await signIn(api, DEMO.alice, T0);
    const first = await api.startEnrollment(token, T0);
    expect((await api.startEnrollment(token, T0 + SELF_ENROLLMENT_TTL_MS - 1)).secret).toBe(first.secret);
    const expired = T0 + SELF_ENROLLMENT_TTL_MS;
    expect(await api.getProfile(token, expired)).toMatchObject({ mfa: 'disabled', enrollment: null });
    const second = await api.startEnrollment(token, expired);
    expect(second.secret).not.toBe(first.secret);
    expect(second.expiresAt).toBe(expired + SELF_ENROLLMENT_TTL_MS);
  });

  it('refuses when MFA is already on, and for an SSO user', async () => {
    const { api } = openTestPortal();
    const { token } = await enableMfa(api, await signIn(api, DEMO.alice, T0), T0);
    await rejection(api.startEnrollment(token, T0), 'mfa_already_enabled');
    const sam = (await api.signInWithSso(DEMO.sam.email, T0)).token;
    await rejection(api.startEnrollment(sam, T0), 'mfa_not_applicable');
  });
});

describe('confirmEnrollment', () => {
  it('turns MFA on only with a valid code for the pending secret, and returns 10 recovery codes once', async () => {
    const { api } = openTestPortal();
    const token = await signIn(api, DEMO.alice, T0);
    const { secret } = await api.startEnrollment(token, T0);
    const wrong = await rejection(api.confirmEnrollment(token, wrongCodeAt(secret, T0), T0), 'invalid_code');
    expect(wrong.message).not.toMatch(/recovery/);
    expect((await api.getProfile(token, T0)).mfa).toBe('pending');
    const { recoveryCodes, token: fresh } = await api.confirmEnrollment(token, codeAt(secret, T0), T0);
    expect(recoveryCodes).toHaveLength(10);
    expect(await api.getProfile(fresh, T0)).toMatchObject({ mfa: 'enabled', enrollment: null, recoveryCodesLeft: 10 });
  });

  it('marks the confirming code as used', async () => {
    const { api, store } = openTestPortal();
    const token = await signIn(api, DEMO.alice, T0);
    const { secret } = await enableMfa(api, token, T0);
    expect((await store.findUserByEmail(DEMO.alice.email))?.lastAcceptedStep).toBe(T0 / STEP_MS);
    const result = await api.signInWithPassword(DEMO.alice.email, DEMO.alice.password, T0 + 1);
    if (result.kind !== 'mfa_required') throw new Error('expected the MFA prompt');
    await rejection(api.verifyLoginCode(result.challengeId, codeAt(secret, T0), T0 + 1), 'invalid_code');
  });

  it('refuses a code for an expired pending secret', async () => {
    const { api } = openTestPortal();
    const token = await signIn(api, DEMO.alice, T0);
    const { secret } = await api.startEnrollment(token, T0);
    const late = T0 + SELF_ENROLLMENT_TTL_MS;
    await rejection(api.confirmEnrollment(token, codeAt(secret, late), late), 'enrollment_expired');
  });

  it('refuses a code for a secret replaced in another tab', async () => {
    const { api, dbName } = openTestPortal();
    const { api: otherTab } = openTestPortal(dbName);
    const token = await signIn(api, DEMO.alice, T0);
    const { secret: old } = await api.startEnrollment(token, T0);
    const { secret: fresh } = await otherTab.renewSecret(token, DEMO.alice.password, T0);
    expect(fresh).not.toBe(old);
    await rejection(api.confirmEnrollment(token, codeAt(old, T0), T0), 'invalid_code');
    await api.confirmEnrollment(token, codeAt(fresh, T0), T0);
  });

  it('refuses when nothing is pending', async () => {
    const { api } = openTestPortal();
    const token = await signIn(api, DEMO.alice, T0);
    await rejection(api.confirmEnrollment(token, '123456', T0), 'mfa_not_pending');
  });

  it('is subject to the lockout', async () => {
    const { api } = openTestPortal();
    const token = await signIn(api, DEMO.alice, T0);
    const { secret } = await api.startEnrollment(token, T0);
    for (let i = 0; i < 5; i++) await rejection(api.confirmEnrollment(token, wrongCodeAt(secret, T0), T0), 'invalid_code');
    await rejection(api.confirmEnrollment(token, codeAt(secret, T0), T0), 'invalid_code');
  });
});

describe('renewSecret', () => {
  it('needs the password and replaces the pending secret', async () => {
    const { api } = openTestPortal();
    const token = await signIn(api, DEMO.alice, T0);
    const first = await api.startEnrollment(token, T0);
    await rejection(api.renewSecret(token, 'wrong', T0), 'wrong_password');
    expect((await api.getProfile(token, T0)).enrollment?.secret).toBe(first.secret);
    const renewed = await api.renewSecret(token, DEMO.alice.password, T0 + 1000);
    expect(renewed.secret).not.toBe(first.secret);
    expect(renewed.expiresAt).toBe(T0 + 1000 + SELF_ENROLLMENT_TTL_MS);
    expect((await api.getProfile(token, T0 + 1000)).enrollment?.secret).toBe(renewed.secret);
  });

  it('refuses while MFA is on', async () => {
    const { api } = openTestPortal();
    const { token } = await enableMfa(api, await signIn(api, DEMO.alice, T0), T0);
    await rejection(api.renewSecret(token, DEMO.alice.password, T0), 'mfa_already_enabled');
  });
});

describe('disableMfa', () => {
  it('needs the password, then turns MFA off and voids the recovery codes', async () => {
    const { api, store } = openTestPortal();
    const { token } = await enableMfa(api, await signIn(api, DEMO.alice, T0), T0);
    await rejection(api.disableMfa(token, DEMO.bob.password, T0), 'wrong_password');
    expect((await api.getProfile(token, T0)).mfa).toBe('enabled');
    const { token: fresh } = await api.disableMfa(token, DEMO.alice.password, T0);
    expect(await api.getProfile(fresh, T0)).toMatchObject({ mfa: 'disabled', recoveryCodesLeft: 0 });
    expect((await store.findUserByEmail(DEMO.alice.email))?.recoveryCodeHashes).toEqual([]);
    expect((await api.signInWithPassword(DEMO.alice.email, DEMO.alice.password, T0)).kind).toBe('signed_in');
  });

  it('keeps the last accepted step, so re-enrolling within the same 30 seconds cannot reuse a code', async () => {
    const { api } = openTestPortal();
    const enabled = await enableMfa(api, await signIn(api, DEMO.alice, T0), T0);
    const { token } = await api.disableMfa(enabled.token, DEMO.alice.password, T0);
    const { secret } = await api.startEnrollment(token, T0);
    await rejection(api.confirmEnrollment(token, codeAt(secret, T0), T0), 'invalid_code');
    expect((await api.confirmEnrollment(token, codeAt(secret, T0 + STEP_MS), T0 + STEP_MS)).recoveryCodes).toHaveLength(10);
  });

  it('does not apply to SSO users', async () => {
    const { api } = openTestPortal();
    const sam = (await api.signInWithSso(DEMO.sam.email, T0)).token;
    await rejection(api.disableMfa(sam, '', T0), 'mfa_not_applicable');
    await rejection(api.renewSecret(sam, '', T0), 'mfa_not_applicable');
    await rejection(api.regenerateRecoveryCodes(sam, '', T0), 'mfa_not_applicable');
    await rejection(api.confirmEnrollment(sam, '123456', T0), 'mfa_not_applicable');
  });
});
