/**
 * The workloads of items 3 and 7 of `npm run bench`, written once and run
 * both in Chromium (bundled by scripts/bench/lib/build.js the way the PWA is
 * built: item 3's codes come from WebCrypto, item 7's from otpauth's browser
 * build) and in Node (loaded through Vite's module runner, where otpauth
 * resolves to its node:crypto build, WebCrypto is Node's and IndexedDB is
 * fake-indexeddb). Nothing here asserts a time.
 */
import { encodeBase32, generateTotp, totpStep } from '../../../shared/otp';
import type { OtpAlgorithm } from '../../../shared/otp/types';
import { createCodeBook, prepareCodes } from '../../../pwa/app/model/codes';
import { listDemoCredentials } from '../../../shared/portal/demo-data';
import { createPortalService } from '../../../shared/portal/portal-service';
import { INITIAL_VERIFIER_STATE, PORTAL_TOTP, verifyTotpAttempt, type VerifierState } from '../../../shared/portal/verifier';
import { openPortalDb } from '../../../shared/storage/portal-db';
import { createPortalStore } from '../../../shared/storage/portal-store';
import { createVaultAccount, type AccountId } from '../../../shared/vault/account';

/** Secret lengths per algorithm: the HMAC block-friendly sizes of RFC 6238 Appendix B. */
const SECRET_BYTES: Record<OtpAlgorithm, number> = { SHA1: 20, SHA256: 32, SHA512: 64 } as Record<OtpAlgorithm, number>;

/** A deterministic account set: `count` Base32 secrets for `algorithm` (xorshift bytes, the same in Node and the browser). */
export function benchSecrets(algorithm: OtpAlgorithm, count: number): string[] {
  let state = 0x2545f491 ^ (SECRET_BYTES[algorithm] * 7919);
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state & 0xff;
  };
  return Array.from({ length: count }, () => encodeBase32(Uint8Array.from({ length: SECRET_BYTES[algorithm] }, next)));
}

/** Figures of code generation for one algorithm. */
export interface CodesFigures {
  algorithm: OtpAlgorithm;
  /** Milliseconds per refresh (one code for each account), one per round. */
  refreshMs: number[];
  /** Milliseconds per refresh with a new code book each time (every key imported again). */
  unmemoizedMs: number[];
  /** The codes of the last refresh, to check the baseline computes the same ones. */
  codes: string[];
}

/**
 * Item 3: the codes list's refresh, as the PWA computes it
 * (pwa/app/model/codes.ts): the list's code book, where each account's key is
 * imported once, and `prepareCodes`, which asks for every account's code of
 * the step at once and resolves when all are there. `rounds` refreshes at
 * successive steps. `now` must be early in its step (before the "next code"
 * mark), so a refresh is one code per account.
 */
export async function benchCodes(algorithm: OtpAlgorithm, count: number, rounds: number, now: number): Promise<CodesFigures> {
  const accounts = benchSecrets(algorithm, count).map((secret, i) =>
    createVaultAccount({ type: 'totp', issuer: 'Bench', label: `account ${i}`, secret, algorithm, digits: 6, period: 30, counter: 0 }, now, `bench-${i}` as AccountId),
  );
  const book = createCodeBook();
  const step = totpStep(now, 30);
  const refreshMs: number[] = [];
  const unmemoizedMs: number[] = [];
  // One untimed refresh imports the keys (as showing the cards does) and warms up the JIT.
  await prepareCodes(book, accounts, now - 30_000);
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    await prepareCodes(book, accounts, now + round * 30_000);
    refreshMs.push(performance.now() - start);
    const again = performance.now();
    await prepareCodes(createCodeBook(), accounts, now + round * 30_000);
    unmemoizedMs.push(performance.now() - again);
  }
  // The codes of the last round's step.
  const codes = accounts.map((account) => {
    const result = book.peek(account, step + rounds - 1);
    if (!result || !('code' in result)) throw new Error(`item 3: no code for ${account.label}`);
    return result.code;
  });
  return { algorithm, refreshMs, unmemoizedMs, codes };
}

/**
 * Item 7, pure: `attempts` login-code checks through the verifier's policy
 * (window ±1 and the replay check), two steps apart (so the previous step's
 * code is never a replay): a third the current code, a third the previous
 * step's (accepted in the window), a third a wrong code (three HMACs, no
 * match). Returns checks per second, for each of `rounds`.
 */
export function benchVerifierPure(attempts: number, rounds: number, start: number): { checksPerSecond: number[]; accepted: number } {
  const secret = benchSecrets('SHA1' as OtpAlgorithm, 1)[0];
  const plan = Array.from({ length: attempts }, (_, i) => {
    const now = start + i * 60_000;
    const kind = i % 3;
    const code = kind === 0 ? generateTotp({ ...PORTAL_TOTP, secret }, now) : kind === 1 ? generateTotp({ ...PORTAL_TOTP, secret }, now - 30_000) : wrongCode(secret, now);
    return { now, code };
  });
  const checksPerSecond: number[] = [];
  let accepted = 0;
  for (let round = -1; round < rounds; round++) {
    let state: VerifierState = INITIAL_VERIFIER_STATE;
    accepted = 0;
    const begin = performance.now();
    for (const { now, code } of plan) {
      const outcome = verifyTotpAttempt(state, { secret, code, now });
      // A wrong code counts towards the lockout; reset it as a success would, so the run never locks.
      state = outcome.accepted ? outcome.state : { ...outcome.state, failedAttempts: 0 };
      if (outcome.accepted) accepted++;
    }
    // Round -1 warms up the JIT.
    if (round >= 0) checksPerSecond.push((attempts * 1000) / (performance.now() - begin));
  }
  return { checksPerSecond, accepted };
}

/** A 6-digit code that none of the three accepted steps around `now` gives. */
export function wrongCode(secret: string, now: number): string {
  const near = new Set([-1, 0, 1].map((d) => generateTotp({ ...PORTAL_TOTP, secret }, now + d * 30_000)));
  for (let n = 0; ; n++) {
    const candidate = String((Number(generateTotp({ ...PORTAL_TOTP, secret }, now)) + 500_000 + n) % 1_000_000).padStart(6, '0');
    if (!near.has(candidate)) return candidate;
  }
}

/**
 * Item 7 with storage: the portal's real `verifyLoginCode` (challenge and user
 * read, secret unsealed, then one readwrite transaction that checks window and
 * replay against the stored state and writes the user, the audit event and the
 * session), over IndexedDB. Alice gets MFA first, through the Profile calls;
 * every check is then a fresh sign-in's challenge (not timed) and its code
 * (timed), one step later than the last. Returns the ms of each check.
 */
export async function benchVerifierStored(checks: number, start: number): Promise<{ checkMs: number[]; accepted: number }> {
  const dbName = `bench-portal-${Math.random().toString(36).slice(2)}`;
  const store = createPortalStore(() => openPortalDb(dbName));
  // Few PBKDF2 iterations: signing in is not what is measured.
  const api = createPortalService({ store, passwordIterations: 1_000 });
  const alice = listDemoCredentials().find((user) => user.email.startsWith('alice@'))!;
  const signedIn = await api.signInWithPassword(alice.email, alice.password, start);
  if (signedIn.kind !== 'signed_in') throw new Error(`alice: expected signed_in, got ${signedIn.kind}`);
  const { secret } = await api.startEnrollment(signedIn.token, start);
  // Turning MFA on ends the password-only session and opens a fresh one: sign that one out.
  const enabled = await api.confirmEnrollment(signedIn.token, generateTotp({ ...PORTAL_TOTP, secret }, start), start);
  await api.signOut(enabled.token);

  const checkMs: number[] = [];
  let accepted = 0;
  for (let i = 1; i <= checks + 3; i++) {
    const now = start + i * 30_000;
    const challenge = await api.signInWithPassword(alice.email, alice.password, now);
    if (challenge.kind !== 'mfa_required') throw new Error(`alice: expected mfa_required, got ${challenge.kind}`);
    const code = generateTotp({ ...PORTAL_TOTP, secret }, now);
    const begin = performance.now();
    const result = await api.verifyLoginCode(challenge.challengeId, code, now);
    const ms = performance.now() - begin;
    if (result.kind === 'signed_in') accepted++;
    // The first three warm up the JIT and the database.
    if (i > 3) checkMs.push(ms);
  }
  await store.close();
  return { checkMs, accepted: accepted - 3 };
}

/**
 * The near-limit baseline of a stored check: what any verifier with replay
 * protection must do at least, in raw IndexedDB: one readwrite transaction
 * that reads the user record and writes it back (the new last step) and adds
 * one audit record. Returns the ms of each round trip.
 */
export async function benchRawIdbRoundTrip(count: number): Promise<number[]> {
  const name = `bench-raw-${Math.random().toString(36).slice(2)}`;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => {
      open.result.createObjectStore('users', { keyPath: 'id' });
      open.result.createObjectStore('audit', { autoIncrement: true });
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const user = { id: 'u1', email: 'alice@acme-msp.example', lastAcceptedStep: 0, failedAttempts: 0, lockedUntil: null, mfa: { status: 'enabled', secret: { iv: 'x'.repeat(16), data: 'y'.repeat(64) } } };
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('users', 'readwrite');
    tx.objectStore('users').put(user);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  const times: number[] = [];
  for (let i = 0; i < count + 3; i++) {
    const begin = performance.now();
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(['users', 'audit'], 'readwrite');
      const users = tx.objectStore('users');
      const get = users.get('u1');
      get.onsuccess = () => {
        const record = get.result as typeof user;
        users.put({ ...record, lastAcceptedStep: record.lastAcceptedStep + 1 });
        tx.objectStore('audit').add({ type: 'sign_in', at: i, actor: record.email });
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    if (i >= 3) times.push(performance.now() - begin);
  }
  db.close();
  return times;
}
