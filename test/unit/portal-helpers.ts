/**
 * Shared set-up for the portal's unit tests: a service over its own fresh
 * fake IndexedDB database, fast password hashing (production's 600,000
 * iterations are asserted once, in portal-production.test.ts), codes
 * computed from a secret at a given time, and a raw dump of the database.
 */
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { expect } from 'vitest';
import { AppError, type AppErrorCode } from '../../shared/errors';
import { decodeBase32 } from '../../shared/otp/base32';
import { generateTotp } from '../../shared/otp/totp';
import { listDemoCredentials } from '../../shared/portal/demo-data';
import type { PortalUser, UserId } from '../../shared/portal/model';
import type { PortalApi } from '../../shared/portal/portal-api';
import { createPortalService } from '../../shared/portal/portal-service';
import { PORTAL_TOTP } from '../../shared/portal/verifier';
import { openPortalDb } from '../../shared/storage/portal-db';
import { createPortalStore, type PortalStore } from '../../shared/storage/portal-store';

/** A fixed time on a 30-second step boundary (step 58,920,000), in ms. */
export const T0 = 1_767_600_000_000;

/** One TOTP step in ms. */
export const STEP_MS = 30_000;

/** PBKDF2 iterations for tests of everything but the work factor itself. */
export const TEST_ITERATIONS = 1_000;

/** The demo users' credentials by short name. */
export const DEMO = (() => {
  const byEmail = new Map(listDemoCredentials().map((c) => [c.email, c]));
  const get = (email: string) => {
    const credential = byEmail.get(email);
    if (!credential) throw new Error(`no demo user ${email}`);
    return credential;
  };
  return {
    owner: get('owner@acme-msp.example'),
    alice: get('alice@acme-msp.example'),
    bob: get('bob@acme-msp.example'),
    carol: get('carol@acme-msp.example'),
    sam: get('sam.sso@acme-msp.example'),
  };
})();

/** A portal over a database of its own. */
export interface TestPortal {
  api: PortalApi;
  store: PortalStore;
  /** The database's name, for a second instance or a dump. */
  dbName: string;
}

const opened: PortalStore[] = [];

/** Closes every store a test opened (call from afterEach). */
export async function closePortals(): Promise<void> {
  await Promise.all(opened.splice(0).map((store) => store.close()));
}

/** A portal service over `dbName` (a fresh database unless given: pass one to get a second "tab"). */
export function openTestPortal(dbName = `portal-test-${crypto.randomUUID()}`): TestPortal {
  const store = createPortalStore(() => openPortalDb(dbName));
  opened.push(store);
  return { api: createPortalService({ store, passwordIterations: TEST_ITERATIONS }), store, dbName };
}

/** The code an authenticator shows for `secret` at `now`. */
export function codeAt(secret: string, now: number): string {
  return generateTotp({ ...PORTAL_TOTP, secret }, now);
}

/** A 6-digit code that matches none of the steps the verifier accepts at `now`; the first such from `from` up. */
export function wrongCodeAt(secret: string, now: number, from = 0): string {
  const valid = new Set([-1, 0, 1].map((d) => codeAt(secret, now + d * STEP_MS)));
  for (let n = from; ; n = (n + 1) % 1_000_000) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

/** Awaits a promise that must reject with an AppError (of `code`, if given) and returns it. */
export async function rejection(promise: Promise<unknown>, code?: AppErrorCode): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  if (code) expect((error as AppError).code).toBe(code);
  return error as AppError;
}

/** Signs in a user whose password alone suffices and returns the session token. */
export async function signIn(api: PortalApi, credential: { email: string; password: string }, now: number): Promise<string> {
  const result = await api.signInWithPassword(credential.email, credential.password, now);
  if (result.kind !== 'signed_in') throw new Error(`expected signed_in, got ${result.kind}`);
  return result.token;
}

/**
 * Turns MFA on for a signed-in user via Profile at `now`; returns the secret,
 * the recovery codes and the fresh session token (turning MFA on ends the old one).
 */
export async function enableMfa(
  api: PortalApi,
  token: string,
  now: number,
): Promise<{ secret: string; recoveryCodes: string[]; token: string }> {
  const { secret } = await api.startEnrollment(token, now);
  const { recoveryCodes, token: fresh } = await api.confirmEnrollment(token, codeAt(secret, now), now);
  return { secret, recoveryCodes, token: fresh };
}

/** Every record of every store of the database `dbName`, read directly (a "raw dump"). */
export async function dumpDatabase(dbName: string): Promise<Record<string, unknown[]>> {
  const db = await openDB(dbName);
  try {
    const dump: Record<string, unknown[]> = {};
    for (const name of Array.from(db.objectStoreNames)) dump[name] = await db.getAll(name);
    return dump;
  } finally {
    db.close();
  }
}

/**
 * Every readable form of a value's content, for searching a dump: strings as
 * they are, numbers as text, and byte arrays as hex, base64, Base32 and
 * Latin-1 text.
 */
export function flattenForSearch(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'number' || typeof value === 'boolean') out.push(String(value));
  else if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
    const bytes = value instanceof Uint8Array ? value : new Uint8Array(value);
    out.push(Buffer.from(bytes).toString('hex'), Buffer.from(bytes).toString('base64'), Buffer.from(bytes).toString('latin1'));
  } else if (Array.isArray(value)) for (const item of value) flattenForSearch(item, out);
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      flattenForSearch(item, out);
    }
  }
  return out;
}

/** The forms a TOTP secret could leak in: Base32, hex (both cases), base64 and its raw bytes as Latin-1. */
export function secretForms(secret: string): string[] {
  const bytes = Buffer.from(decodeBase32(secret));
  return [secret, secret.toLowerCase(), bytes.toString('hex'), bytes.toString('hex').toUpperCase(), bytes.toString('base64'), bytes.toString('latin1')];
}

/** An admin record for tests with many people: signs in with a password, MFA off, never failed; `fields` override. */
export function testAdmin(id: string, email: string, fields: Partial<PortalUser> = {}): PortalUser {
  return {
    id: id as UserId,
    email,
    name: `Admin ${id}`,
    role: 'admin',
    signIn: 'password',
    mfa: { status: 'disabled' },
    lastAcceptedStep: null,
    recoveryCodeHashes: [],
    failedAttempts: 0,
    lockedUntil: null,
    passwordThrottle: { failures: 0, retryAt: null, lastFailureAt: null },
    createdAt: T0,
    ...fields,
  };
}

/** How recovery codes of the old format (`xxxxx-xxxxx`) were stored: bare SHA-256 (hex) of `<user id>:<code>`. */
export async function legacyRecoveryCodeHash(userId: string, code: string): Promise<string> {
  const canonical = code.replace(/-/g, '').toLowerCase();
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${userId}:${canonical}`));
  return Buffer.from(digest).toString('hex');
}
