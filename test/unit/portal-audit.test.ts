import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/portal/model';
import type { PortalApi } from '../../shared/portal/portal-api';
import {
  closePortals,
  codeAt,
  DEMO,
  dumpDatabase,
  flattenForSearch,
  openTestPortal,
  rejection,
  secretForms,
  signIn,
  STEP_MS,
  T0,
  wrongCodeAt,
} from './portal-helpers';

afterEach(closePortals);

/** Every audit event, newest first, read page by page as the Audit log page does. */
async function readWholeAuditLog(api: PortalApi, owner: string, now: number): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await api.listAudit(owner, { offset, limit: 100 }, now);
    events.push(...page.rows);
    if (events.length >= page.total) return events;
  }
}

/**
 * Walks every flow that touches a secret, a code, a recovery code or a
 * password, and returns everything that must never be stored in the clear.
 */
async function runFullScenario() {
  const portal = openTestPortal();
  const { api, store } = portal;
  const secrets: string[] = [];
  const codes: string[] = [];
  const recovery: string[] = [];
  const use = (secret: string, now: number) => {
    const code = codeAt(secret, now);
    codes.push(code);
    return code;
  };
  const wrong = (secret: string, now: number) => {
    // A different wrong code each time, so each is searched for.
    const code = wrongCodeAt(secret, now, (codes.length * 271_829 + 314_159) % 1_000_000);
    codes.push(code);
    return code;
  };

  let owner = await signIn(api, DEMO.owner, T0);
  const ids = Object.fromEntries((await api.listAdmins(owner, { offset: 0, limit: 10 }, T0)).rows.map((r) => [r.email, r.id]));

  // The owner enrolls on Profile (one wrong code first).
  const ownerEnrollment = await api.startEnrollment(owner, T0);
  secrets.push(ownerEnrollment.secret);
  await rejection(api.confirmEnrollment(owner, wrong(ownerEnrollment.secret, T0), T0), 'invalid_code');
  const ownerEnabled = await api.confirmEnrollment(owner, use(ownerEnrollment.secret, T0), T0);
  recovery.push(...ownerEnabled.recoveryCodes);
  owner = ownerEnabled.token;

  // The owner turns Bob's MFA on, views his QR; Bob confirms at sign-in.
  let now = T0 + STEP_MS;
  await api.setAdminMfa(owner, ids[DEMO.bob.email]!, true, now);
  const bobQr = await api.viewAdminQr(owner, ids[DEMO.bob.email]!, now);
  secrets.push(bobQr.secret);
  const bobStep = await api.signInWithPassword(DEMO.bob.email, DEMO.bob.password, now);
  if (bobStep.kind !== 'enrollment_required') throw new Error('expected enrollment');
  const bob = await api.completeLoginEnrollment(bobStep.challengeId, use(bobQr.secret, now), now);
  recovery.push(...bob.recoveryCodes);

  // Bob: a replay, wrong codes up to a lockout, a valid code while locked.
  now += STEP_MS;
  const prompt = await api.signInWithPassword(DEMO.bob.email, DEMO.bob.password, now);
  if (prompt.kind !== 'mfa_required') throw new Error('expected the MFA prompt');
  await rejection(api.verifyLoginCode(prompt.challengeId, use(bobQr.secret, now - STEP_MS), now), 'invalid_code');
  for (let i = 0; i < 4; i++) await rejection(api.verifyLoginCode(prompt.challengeId, wrong(bobQr.secret, now), now));
  await rejection(api.verifyLoginCode(prompt.challengeId, use(bobQr.secret, now), now), 'invalid_code');

  // After the lock, a recovery code signs Bob in; he regenerates them.
  now += 16 * 60 * 1000;
  const again = await api.signInWithPassword(DEMO.bob.email, DEMO.bob.password, now);
  if (again.kind !== 'mfa_required') throw new Error('expected the MFA prompt');
  const bobToken = (await api.verifyLoginCode(again.challengeId, bob.recoveryCodes[0]!, now)).token;
  recovery.push(...(await api.regenerateRecoveryCodes(bobToken, DEMO.bob.password, now)).recoveryCodes);

  // Owner resets Bob (new secret, viewed), Alice tries the owner's operations, the owner turns Bob off.
  const reset = await api.resetAdminMfa(owner, ids[DEMO.bob.email]!, now);
  expect(reset.mfa).toBe('pending');
  secrets.push((await api.viewAdminQr(owner, ids[DEMO.bob.email]!, now)).secret);
  const alice = await signIn(api, DEMO.alice, now);
  await rejection(api.viewAdminQr(alice, ids[DEMO.bob.email]!, now), 'permission_denied');
  await rejection(api.listAudit(alice, { offset: 0, limit: 10 }, now), 'permission_denied');
  await api.setAdminMfa(owner, ids[DEMO.bob.email]!, false, now);

  // Alice renews a pending secret (and fails her password once) and disables it again.
  secrets.push((await api.startEnrollment(alice, now)).secret);
  await rejection(api.renewSecret(alice, DEMO.bob.password, now), 'wrong_password');
  secrets.push((await api.renewSecret(alice, DEMO.alice.password, now)).secret);
  await api.disableMfa(alice, DEMO.alice.password, now);

  // A failed sign-in with a password typed into the email field, and an SSO sign-in.
  await rejection(api.signInWithPassword(DEMO.carol.password, DEMO.carol.password, now), 'invalid_credentials');
  await api.signInWithSso(DEMO.sam.email, now);

  const passwords = [DEMO.owner, DEMO.alice, DEMO.bob, DEMO.carol].map((c) => c.password);
  return { portal, api, store, owner, now, secrets, codes: [...new Set(codes)], recovery, passwords };
}

describe('listAudit', () => {
  it('records every enrollment, confirmation, disable, reset, QR view, failed code, lockout, replay and permission denial', async () => {
    const { api, owner, now } = await runFullScenario();
    const events = await readWholeAuditLog(api, owner, now);
    const actions = new Set(events.map((e) => e.action));
    for (const action of [
      'mfa_enrollment_started',
      'mfa_enabled',
      'mfa_disabled',
      'mfa_reset',
      'mfa_secret_rotated',
      'qr_viewed',
      'code_rejected',
      'code_replayed',
      'locked_out',
      'recovery_code_used',
      'recovery_codes_regenerated',
      'permission_denied',
      'sign_in',
      'sign_in_failed',
      'sso_sign_in',
    ] as const) {
      expect(actions, action).toContain(action);
    }
    // Who, about whom, when, how it ended: e.g. the lockout.
    expect(events.find((e) => e.action === 'locked_out')).toMatchObject({
      actor: DEMO.bob.email,
      subject: DEMO.bob.email,
      result: 'failure',
      at: expect.any(Number),
    });
    // The valid code refused while locked is logged with its reason, which the user never sees.
    expect(events.some((e) => e.action === 'code_rejected' && e.reason === 'locked')).toBe(true);
    // Newest first.
    const times = events.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('never holds a code, a recovery code, a secret or a password', async () => {
    const { api, owner, now, secrets, codes, recovery, passwords, portal } = await runFullScenario();
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    expect(codes.length).toBeGreaterThanOrEqual(8);
    expect(recovery).toHaveLength(30);
    const viaApi = await readWholeAuditLog(api, owner, now);
    const raw = (await dumpDatabase(portal.dbName)).audit as AuditEvent[];
    expect(raw.length).toBe(viaApi.length);
    for (const event of [...viaApi, ...raw]) {
      // Times and ids are numbers that could contain six digits by chance; everything else is searched.
      const { at: _at, id: _id, ...rest } = event;
      const text = flattenForSearch(rest).join('\n');
      for (const code of codes) expect(text).not.toContain(code);
      for (const code of recovery) {
        expect(text).not.toContain(code);
        expect(text).not.toContain(code.replace(/-/g, ''));
      }
      for (const secret of secrets) for (const form of secretForms(secret)) expect(text).not.toContain(form);
      for (const password of passwords) expect(text).not.toContain(password);
    }
  });
});

describe('PortalStore (raw dump of the database)', () => {
  it('holds no secret in Base32 or hex, no password, and no recovery code', async () => {
    const { portal, secrets, recovery, passwords, api, owner, now } = await runFullScenario();
    // Leave one secret pending and one enabled in the database at dump time.
    const carol = await signIn(api, DEMO.carol, now);
    const pending = await api.startEnrollment(carol, now);
    const ids = (await api.listAdmins(owner, { search: 'alice', offset: 0, limit: 1 }, now)).rows;
    expect(ids).toHaveLength(1);
    const dump = await dumpDatabase(portal.dbName);
    const text = flattenForSearch(dump).join('\n');
    expect(dump.users).toHaveLength(5);
    expect(text).toContain(DEMO.carol.email); // the search itself works
    for (const secret of [...secrets, pending.secret]) {
      for (const form of secretForms(secret)) expect(text).not.toContain(form);
    }
    for (const password of passwords) expect(text).not.toContain(password);
    for (const code of recovery) {
      expect(text).not.toContain(code);
      expect(text).not.toContain(code.replace(/-/g, ''));
    }
    // The key that seals the secrets cannot be exported.
    const [key] = dump.keys as CryptoKey[];
    expect(key?.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key!)).rejects.toThrow();
  });
});
