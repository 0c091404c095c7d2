/**
 * The production wiring: createPortal() on the real database name, with the
 * production work factor. The only file that pays for 600,000-iteration
 * PBKDF2 (about 0.3 s per hash in Node).
 */
import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { listDemoCredentials } from '../../shared/portal/demo-data';
import { createPortal } from '../../shared/portal/index';
import type { PortalUser } from '../../shared/portal/model';
import { PBKDF2_ITERATIONS } from '../../shared/portal/password';
import { createPortalService } from '../../shared/portal/portal-service';
import { openPortalDb, PORTAL_DB_NAME } from '../../shared/storage/portal-db';
import { createPortalStore } from '../../shared/storage/portal-store';
import { closePortals, DEMO, dumpDatabase, flattenForSearch, openTestPortal, signIn, T0, TEST_ITERATIONS } from './portal-helpers';

afterAll(closePortals);

describe('createPortal', () => {
  it('seeds the demo account in the "portal" database with 600,000-iteration PBKDF2-SHA256 hashes', async () => {
    expect(PBKDF2_ITERATIONS).toBe(600_000);
    const api = createPortal();
    const token = await signIn(api, DEMO.owner, T0);
    expect((await api.getProfile(token, T0)).role).toBe('owner');
    const users = (await dumpDatabase(PORTAL_DB_NAME)).users as PortalUser[];
    const hashed = users.filter((u) => u.signIn === 'password');
    expect(hashed).toHaveLength(4);
    for (const user of hashed) {
      expect(user.password).toMatchObject({ algorithm: 'PBKDF2-SHA256', iterations: 600_000 });
      expect(Buffer.from(user.password!.salt, 'base64')).toHaveLength(16);
    }
    const text = flattenForSearch(users).join('\n');
    for (const { password } of listDemoCredentials().filter((c) => c.password)) expect(text).not.toContain(password);
  });
});

describe('demoCredentials', () => {
  it('lists the owner, at least three password admins and one SSO admin, all on acme-msp.example', async () => {
    const { api } = openTestPortal();
    const credentials = await api.demoCredentials();
    expect(credentials.filter((c) => c.role === 'owner')).toHaveLength(1);
    expect(credentials.filter((c) => c.role === 'admin' && c.signIn === 'password').length).toBeGreaterThanOrEqual(3);
    expect(credentials.filter((c) => c.signIn === 'sso')).toHaveLength(1);
    for (const c of credentials) expect(c.email).toMatch(/@acme-msp\.example$/);
  });

  it('lists passwords that sign in, with nobody asked for MFA', async () => {
    const { api } = openTestPortal();
    for (const c of await api.demoCredentials()) {
      const result = c.signIn === 'sso' ? await api.signInWithSso(c.email, T0) : await api.signInWithPassword(c.email, c.password, T0);
      expect('token' in result ? result.token : null, c.email).toEqual(expect.any(String));
    }
  });
});

describe('resetDemoData', () => {
  it('restores the demo account, signs everyone out and leaves one demo_reset audit event', async () => {
    const { api, store } = openTestPortal();
    const owner = await signIn(api, DEMO.owner, T0);
    const alice = await signIn(api, DEMO.alice, T0);
    await api.startEnrollment(alice, T0);
    await api.resetDemoData(T0 + 1);
    await expect(api.getProfile(owner, T0 + 1)).rejects.toMatchObject({ code: 'session_expired' });
    const fresh = await signIn(api, DEMO.owner, T0 + 2);
    const { rows } = await api.listAdmins(fresh, { offset: 0, limit: 10 }, T0 + 2);
    expect(rows.map((r) => r.mfa)).toEqual(['disabled', 'disabled', 'disabled', 'disabled', 'not_applicable']);
    const audit = await api.listAudit(fresh, { offset: 0, limit: 10 }, T0 + 2);
    expect(audit.rows.map((e) => e.action)).toEqual(['sign_in', 'demo_reset']);
    expect(await store.countUsers()).toBe(5);
  });
});

describe('createPortalService (demo seeding)', () => {
  it('seeds once, at first use, even when two tabs start together', async () => {
    const { api, dbName, store } = openTestPortal();
    const { api: otherTab } = openTestPortal(dbName);
    expect(await store.countUsers()).toBe(0);
    await Promise.all([signIn(api, DEMO.bob, T0), signIn(otherTab, DEMO.carol, T0)]);
    expect(await store.countUsers()).toBe(5);
    const users = (await dumpDatabase(dbName)).users as PortalUser[];
    expect(new Set(users.map((u) => u.email)).size).toBe(5);
  });
});

describe('signInWithPassword (work factor upgrade)', () => {
  it('re-hashes a stored password with more iterations at the next sign-in', async () => {
    const { dbName } = openTestPortal();
    const { api: old } = openTestPortal(dbName);
    await signIn(old, DEMO.bob, T0); // seeds with TEST_ITERATIONS
    const stronger = createPortalService({ store: createPortalStore(() => openPortalDb(dbName)), passwordIterations: TEST_ITERATIONS * 2 });
    await signIn(stronger, DEMO.bob, T0);
    const users = (await dumpDatabase(dbName)).users as PortalUser[];
    expect(users.find((u) => u.email === DEMO.bob.email)?.password?.iterations).toBe(TEST_ITERATIONS * 2);
    expect(users.find((u) => u.email === DEMO.carol.email)?.password?.iterations).toBe(TEST_ITERATIONS);
    // The new hash still verifies, through either instance.
    await signIn(old, DEMO.bob, T0);
  });
});
