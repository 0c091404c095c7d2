/**
 * The portal's operations (PortalApi) over its store: every rule of sign-in,
 * MFA enrollment, the verifier, recovery codes, permissions and the audit log
 * is enforced here, behind the pages.
 *
 * Concurrency: anything that checks and changes a user (a code against the
 * replay guard and the failure count, an enrollment against its pending
 * secret) is decided inside ONE readwrite transaction by a synchronous
 * callback (`store.mutateUser`). The asynchronous work it needs (decrypting
 * the secret, hashing a recovery code or a password) is done before, and the
 * callback re-checks that what it was done for is still what is stored.
 *
 * Errors a person sees never say which check failed: one `invalid_credentials`
 * for an unknown email, an SSO user on the password form and a wrong password;
 * one `invalid_code` for a wrong, reused, malformed or locked-out code. The
 * reason goes to the audit log, which never holds a code, a password or a secret.
 *
 * Sessions end with the authentication they stood for (issue 11): turning MFA
 * on, off or resetting it (by the user or the owner), changing the password and
 * regenerating recovery codes end EVERY session of that user in the same
 * transaction. When the user made the change, the same transaction opens a
 * fresh session whose token the operation returns, so that tab stays signed in.
 */
import type { AppErrorCode } from '../errors';
import { AppError } from './portal-errors';
import { assertOtpTime } from '../otp/params';
import { generateSecret } from '../otp/secret';
import type { PortalStore, ThrottleChange, UserChange, UserSummary } from '../storage/portal-store';
import { isAdminMfaFilter, searchAdminIndex } from './admin-search';
import { findAuditFilterProblem } from './audit-filter';
import { lockoutReason, type AuditReason } from './audit-reasons';
import { createDemoUsers, DEMO_ACCOUNT_NAME, listDemoCredentials } from './demo-data';
import { createPendingMfa, describeMfa, isPendingLive, toEnrollmentView } from './enrollment';
import type {
  AuditAction,
  AuditEvent,
  LoginChallenge,
  PasswordHash,
  PasswordThrottle,
  PortalUser,
  SealedSecret,
  UserId,
} from './model';
import { findNewPasswordProblem, hashPassword, PBKDF2_ITERATIONS, verifyPassword } from './password';
import { INITIAL_PASSWORD_THROTTLE, reservePasswordAttempt } from './password-throttle';
import { findAdminTargetProblem, mayPerform, type OwnerOperation } from './permissions';
import type { AdminRow, EnrollmentView, MfaEnabled, PortalApi, ProfileView } from './portal-api';
import { findRecoveryCode, generateRecoveryCodes, hashRecoveryCodes, isLegacyRecoveryCodeHash } from './recovery-codes';
import { createSecretBox, generateSecretBoxKey, isSameSealedSecret, type SecretBox } from './secret-box';
import { createChallenge, createSession, isUnexpired } from './sessions';
import {
  checkTotpCode,
  classifySecondFactor,
  decideAttempt,
  describeLock,
  isHardLocked,
  type AttemptOutcome,
  type LockoutStart,
  type VerifierState,
} from './verifier';

/** What the service runs on. */
export interface PortalServiceDeps {
  /** The portal's persisted state. */
  store: PortalStore;
  /** Seals TOTP secrets; by default AES-GCM under the non-extractable key in the store's `keys`. */
  secretBox?: SecretBox;
  /**
   * PBKDF2 iterations for new password hashes. Production ({@link createPortal})
   * always uses {@link PBKDF2_ITERATIONS}; tests of other rules pass fewer to stay fast.
   * Stored hashes with fewer iterations than this are re-hashed at the next sign-in.
   */
  passwordIterations?: number;
}

/** Largest page the Admins tab and the audit log may ask for. */
export const MAX_PAGE_SIZE = 100;

/** Longest search text accepted (an email is at most 254 characters, RFC 5321 §4.5.3.1). */
const MAX_SEARCH_LENGTH = 254;

/**
 * What the second factor prepared outside the transaction: a decrypted secret,
 * a hashed recovery code, or nothing usable.
 */
type PreparedFactor =
  | { kind: 'totp'; code: string; secret: string; sealed: SealedSecret }
  /** The stored entry the code matched (checked again inside the transaction), or null. */
  | { kind: 'recovery'; match: string | null }
  | { kind: 'malformed' };

/** A pending enrollment decrypted outside the transaction and the recovery codes to issue if it is confirmed. */
interface PreparedEnrollment {
  sealed: SealedSecret;
  secret: string;
  recoveryCodes: string[];
  recoveryCodeHashes: string[];
}

/**
 * Makes the portal's operations over `deps.store`. Demo data is seeded on
 * first use (once, in one transaction, whichever tab gets there first).
 */
export function createPortalService(deps: PortalServiceDeps): PortalApi {
  const { store } = deps;
  const iterations = deps.passwordIterations ?? PBKDF2_ITERATIONS;
  const secretBox = deps.secretBox ?? createSecretBox(() => store.loadSecretKey(generateSecretBoxKey));
  const issuer = DEMO_ACCOUNT_NAME;

  let seeding: Promise<void> | undefined;
  let dummyHash: Promise<PasswordHash> | undefined;

  // ---- helpers -------------------------------------------------------------

  function ensureSeeded(now: number): Promise<void> {
    if (!seeding) {
      const running = (async () => {
        if ((await store.countUsers()) > 0) return;
        await store.seedUsers(await createDemoUsers(now, (password) => hashPassword(password, iterations)));
      })();
      seeding = running;
      running.catch(() => {
        if (seeding === running) seeding = undefined;
      });
    }
    return seeding;
  }

  /** A hash to verify against when there is no user, so an unknown email costs as long as a wrong password. */
  function getDummyHash(): Promise<PasswordHash> {
    dummyHash ??= hashPassword('no user has this password', iterations);
    return dummyHash;
  }

  function event(
    action: AuditAction,
    now: number,
    actor: string | null,
    subject: string | null,
    result: AuditEvent['result'],
    reason?: AuditReason,
  ): AuditEvent {
    const base: AuditEvent = { at: now, action, actor, subject, result };
    return reason === undefined ? base : { ...base, reason };
  }

  /** The signed-in user behind `token`; throws `session_expired` for a missing or expired session. */
  async function authenticate(token: string, now: number): Promise<PortalUser> {
    assertOtpTime(now);
    const session = await store.getSession(token);
    if (!session) throw new AppError('session_expired');
    if (!isUnexpired(session, now)) {
      await store.applyEffects({ deleteSession: session.token });
      throw new AppError('session_expired');
    }
    const user = await store.getUser(session.userId);
    if (!user) throw new AppError('session_expired');
    return user;
  }

  /** As `authenticate`, then refuses (and audits) anyone but the owner. */
  async function authenticateOwner(
    token: string,
    now: number,
    operation: OwnerOperation,
    subjectId?: UserId,
  ): Promise<PortalUser> {
    const user = await authenticate(token, now);
    if (!mayPerform(user.role, operation)) {
      const subject = typeof subjectId === 'string' ? ((await store.getUser(subjectId))?.email ?? null) : null;
      await store.applyEffects({ audit: [event('permission_denied', now, user.email, subject, 'failure', operation)] });
      throw new AppError('permission_denied', { operation });
    }
    return user;
  }

  /**
   * An enrollment the owner set is finished at sign-in, right after the
   * password (completeLoginEnrollment), never from a session: throws `mfa_setup_at_sign_in`.
   */
  function assertNotOwnerSet(user: PortalUser): void {
    if (user.mfa.status === 'pending' && user.mfa.setBy === 'owner') throw new AppError('mfa_setup_at_sign_in');
  }

  /** Throws `mfa_not_applicable` for SSO users, whose SSO application authenticates them. */
  function assertMfaApplies(user: PortalUser): void {
    if (user.signIn !== 'password' || !user.password) throw new AppError('mfa_not_applicable');
  }

  /**
   * Checks the password again before a sensitive change, under the same
   * throttle as the password step (a stolen session must not become a
   * password-guessing oracle); audits and throws `wrong_password` if it is wrong.
   */
  async function confirmPassword(user: PortalUser, password: string, now: number): Promise<void> {
    assertMfaApplies(user);
    const { throttle } = await reservePassword(user.email, user.email, now);
    if (await verifyPassword(password, user.password!)) {
      await store.throttlePasswordAttempt(user.email, () => ({ throttle: { ...INITIAL_PASSWORD_THROTTLE }, value: undefined }));
      return;
    }
    await store.applyEffects({
      audit: [event('sign_in_failed', now, user.email, user.email, 'failure', 'password_confirmation_failed')],
    });
    throw new AppError('wrong_password', retryDetails(throttle, now));
  }

  /** The owner's target admin, or the reason they cannot manage them. */
  async function loadAdminTarget(owner: PortalUser, adminId: UserId): Promise<PortalUser> {
    const target = typeof adminId === 'string' ? await store.getUser(adminId) : undefined;
    const problem = findAdminTargetProblem(owner, target);
    if (problem) throw new AppError(problem);
    return target!;
  }

  /** Re-checks the target inside a transaction (it may have changed since it was loaded). */
  function assertAdminTarget(owner: PortalUser, target: PortalUser | undefined): asserts target is PortalUser {
    const problem = findAdminTargetProblem(owner, target);
    if (problem) throw new AppError(problem);
  }

  function toAdminRow(user: PortalUser | UserSummary, now: number): AdminRow {
    const { id, email, name, role, signIn } = user;
    return { id, email, name, role, signIn, mfa: describeMfa(user, now), lock: describeLock(user, now) };
  }

  /**
   * The password step's gate, in one transaction: refuses (and audits) while
   * the account (or the unknown email) must wait, otherwise counts the attempt
   * as a failure until it succeeds. Returns the user read in that transaction
   * and the throttle as counted.
   */
  async function reservePassword(
    email: string,
    actor: string | null,
    now: number,
  ): Promise<{ user: PortalUser | undefined; throttle: PasswordThrottle }> {
    type Gate = { retryAt: number } | { user: PortalUser | undefined; throttle: PasswordThrottle };
    const gate = await store.throttlePasswordAttempt(email, (user, throttle): ThrottleChange<Gate> => {
      const decided = reservePasswordAttempt(throttle, now);
      if (!decided.allowed) {
        const audit = [event('sign_in_throttled', now, actor, user?.email ?? null, 'failure', 'too_many_wrong_passwords')];
        return { audit, value: { retryAt: decided.retryAt } };
      }
      return { throttle: decided.throttle, value: { user, throttle: decided.throttle } };
    });
    if ('retryAt' in gate) {
      throw new AppError('password_throttled', { retryAt: gate.retryAt, retryInSeconds: Math.ceil((gate.retryAt - now) / 1000) });
    }
    return gate;
  }

  /** The `details` of a refused password: when the next try is allowed, if this failure started a wait. */
  function retryDetails(throttle: PasswordThrottle, now: number): { retryAt?: number; retryInSeconds?: number } {
    if (throttle.retryAt === null) return {};
    return { retryAt: throttle.retryAt, retryInSeconds: Math.ceil((throttle.retryAt - now) / 1000) };
  }

  function verifierStateOf(user: PortalUser): VerifierState {
    return { lastAcceptedStep: user.lastAcceptedStep, failedAttempts: user.failedAttempts, lockedUntil: user.lockedUntil };
  }

  /** The audit events for a refused attempt: the refusal (replay or rejection), plus the lock it started, with its length. */
  function refusalEvents(
    outcome: AttemptOutcome & { accepted: false },
    actor: string,
    subject: string,
    now: number,
  ): AuditEvent[] {
    const events = [
      outcome.reason === 'replayed'
        ? event('code_replayed', now, actor, subject, 'failure', 'replayed')
        : event('code_rejected', now, actor, subject, 'failure', outcome.reason),
    ];
    if (outcome.lockout) events.push(lockoutEvent(outcome.lockout, actor, subject, now));
    return events;
  }

  /** `locked_out` with its length as the reason ("locked_for_30_minutes"), or `hard_locked`. */
  function lockoutEvent(lockout: LockoutStart, actor: string, subject: string, now: number): AuditEvent {
    if (lockout.kind === 'hard') return event('hard_locked', now, actor, subject, 'failure', 'too_many_failed_codes');
    return event('locked_out', now, actor, subject, 'failure', lockoutReason(lockout.durationMs));
  }

  /** Decrypts a TOTP code's secret or hashes a recovery code, before the transaction. */
  async function prepareSecondFactor(
    user: PortalUser & { mfa: { status: 'enabled' } },
    code: string,
  ): Promise<PreparedFactor> {
    const input = classifySecondFactor(code);
    if (input.kind === 'totp') {
      const secret = await secretBox.open(user.mfa.secret, user.id);
      return { kind: 'totp', code: input.code, secret, sealed: user.mfa.secret };
    }
    if (input.kind === 'recovery') {
      return { kind: 'recovery', match: await findRecoveryCode(user.id, input.code, user.recoveryCodeHashes) };
    }
    return { kind: 'malformed' };
  }

  /** Decrypts a pending secret and makes the recovery codes to issue if a code confirms it. */
  async function prepareEnrollment(user: PortalUser & { mfa: { status: 'pending' } }): Promise<PreparedEnrollment> {
    const secret = await secretBox.open(user.mfa.secret, user.id);
    const recoveryCodes = generateRecoveryCodes();
    const recoveryCodeHashes = await hashRecoveryCodes(user.id, recoveryCodes);
    return { sealed: user.mfa.secret, secret, recoveryCodes, recoveryCodeHashes };
  }

  /**
   * Inside the transaction: checks a code against the prepared pending secret;
   * on success turns MFA on with the new recovery codes and the code's step
   * marked as used. Returns the change and whether it was accepted.
   */
  function decideEnrollment(
    user: PortalUser,
    prepared: PreparedEnrollment,
    code: string,
    now: number,
  ): { accepted: boolean; user: PortalUser; audit: AuditEvent[] } {
    const outcome = decideAttempt(verifierStateOf(user), now, () =>
      checkTotpCode(prepared.secret, code, now, user.lastAcceptedStep),
    );
    if (!outcome.accepted) {
      const audit = refusalEvents(outcome, user.email, user.email, now);
      return { accepted: false, user: { ...user, ...outcome.state }, audit };
    }
    return {
      accepted: true,
      user: {
        ...user,
        ...outcome.state,
        mfa: { status: 'enabled', secret: prepared.sealed, enabledAt: now },
        recoveryCodeHashes: prepared.recoveryCodeHashes,
      },
      audit: [event('mfa_enabled', now, user.email, user.email, 'success')],
    };
  }

  /** Seals a fresh secret for `userId`; returns both forms. */
  async function makeSecret(userId: UserId): Promise<{ secret: string; sealed: SealedSecret }> {
    const secret = generateSecret();
    return { secret, sealed: await secretBox.seal(secret, userId) };
  }

  function assertPageQuery(query: { offset: number; limit: number; search?: string; mfa?: string; filter?: unknown }): void {
    const { offset, limit, search, mfa, filter } = query ?? ({} as typeof query);
    if (!Number.isSafeInteger(offset) || offset < 0) throw new AppError('page_invalid', { field: 'offset' });
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new AppError('page_invalid', { field: 'limit' });
    }
    if (search !== undefined && (typeof search !== 'string' || search.length > MAX_SEARCH_LENGTH)) {
      throw new AppError('page_invalid', { field: 'search' });
    }
    if (mfa !== undefined && !isAdminMfaFilter(mfa)) throw new AppError('page_invalid', { field: 'mfa' });
    assertAuditFilter(filter);
  }

  /** Refuses a malformed audit filter (`page_invalid`, naming the part). */
  function assertAuditFilter(filter: unknown): void {
    const problem = findAuditFilterProblem(filter);
    if (problem) throw new AppError('page_invalid', { field: problem });
  }

  /** A page's worth of user ids: an array of at most {@link MAX_PAGE_SIZE} strings. */
  function assertIds(ids: readonly UserId[]): void {
    if (!Array.isArray(ids) || ids.length > MAX_PAGE_SIZE || !ids.every((id) => typeof id === 'string')) {
      throw new AppError('page_invalid', { field: 'ids' });
    }
  }

  /** Loads a live challenge of `kind` and its user; throws `challenge_expired` otherwise. */
  async function loadChallenge(challengeId: string, kind: LoginChallenge['kind'], now: number): Promise<PortalUser> {
    assertOtpTime(now);
    const challenge = await store.getChallenge(challengeId);
    if (!challenge || challenge.kind !== kind) throw new AppError('challenge_expired');
    if (!isUnexpired(challenge, now)) {
      await store.applyEffects({ deleteChallenge: challenge.id });
      throw new AppError('challenge_expired');
    }
    const user = await store.getUser(challenge.userId);
    if (!user) throw new AppError('challenge_expired');
    return user;
  }

  /** Inside the transaction: the challenge is still there, live, of `kind`, and for this user. */
  function assertChallenge(
    challenge: LoginChallenge | undefined,
    user: PortalUser | undefined,
    kind: LoginChallenge['kind'],
    now: number,
  ): asserts user is PortalUser {
    if (!challenge || !user || challenge.userId !== user.id || challenge.kind !== kind || !isUnexpired(challenge, now)) {
      throw new AppError('challenge_expired');
    }
  }

  // ---- the operations ------------------------------------------------------

  return {
    async demoCredentials() {
      return listDemoCredentials();
    },

    async resetDemoData(now) {
      assertOtpTime(now);
      const users = await createDemoUsers(now, (password) => hashPassword(password, iterations));
      await store.replaceAll(users, [event('demo_reset', now, null, null, 'success')]);
      seeding = Promise.resolve();
    },

    async signInWithPassword(email, password, now) {
      assertOtpTime(now);
      await ensureSeeded(now);
      // Throttled per email BEFORE hashing, in one transaction. An email no user has gets
      // the same schedule from a record of its own (kept in a bounded store), so neither the
      // answer, its timing nor the delays tell which emails have an account.
      const { user, throttle } = await reservePassword(typeof email === 'string' ? email : '', null, now);
      const stored = user?.signIn === 'password' ? user.password : undefined;
      // Always one PBKDF2 run, so the time taken does not tell which emails exist.
      const matches = await verifyPassword(password, stored ?? (await getDummyHash()));
      if (!user || !stored || !matches) {
        const reason = !user ? 'unknown_email' : !stored ? 'sso_user_on_password_form' : 'wrong_password';
        await store.applyEffects({ audit: [event('sign_in_failed', now, null, user?.email ?? null, 'failure', reason)] });
        throw new AppError('invalid_credentials', retryDetails(throttle, now));
      }

      if (stored.iterations < iterations) {
        // The work factor was raised since this hash was made: upgrade it now that we have the password.
        const upgraded = await hashPassword(password, iterations);
        await store.mutateUser(user.id, (current) =>
          current?.password?.salt === stored.salt
            ? { user: { ...current, password: upgraded }, value: undefined }
            : { value: undefined },
        );
      }

      const next = await store.mutateUser(user.id, (current): UserChange<
        | { kind: 'signed_in'; token: string }
        | { kind: 'mfa_required'; challengeId: string }
        | { kind: 'enroll'; challengeId: string; sealed: SealedSecret }
      > => {
        if (!current) throw new AppError('invalid_credentials');
        const { mfa } = current;
        // The password was right: its failure count starts again.
        const passed: PortalUser = { ...current, passwordThrottle: { ...INITIAL_PASSWORD_THROTTLE } };
        if (mfa.status === 'enabled') {
          const challenge = createChallenge(current.id, 'mfa', now);
          return { user: passed, putChallenge: challenge, value: { kind: 'mfa_required', challengeId: challenge.id } };
        }
        if (mfa.status === 'pending' && mfa.setBy === 'owner') {
          const challenge = createChallenge(current.id, 'enroll', now);
          return { user: passed, putChallenge: challenge, value: { kind: 'enroll', challengeId: challenge.id, sealed: mfa.secret } };
        }
        // MFA off, or a self-started enrollment not yet confirmed (it is not on until confirmed).
        const session = createSession(current.id, now);
        return {
          user: passed,
          addSession: session,
          audit: [event('sign_in', now, current.email, current.email, 'success', 'password')],
          value: { kind: 'signed_in', token: session.token },
        };
      });
      if (next.kind !== 'enroll') return next;
      const secret = await secretBox.open(next.sealed, user.id);
      return {
        kind: 'enrollment_required',
        challengeId: next.challengeId,
        enrollment: toEnrollmentView(issuer, user.email, secret, null),
      };
    },

    async verifyLoginCode(challengeId, code, now) {
      const user = await loadChallenge(challengeId, 'mfa', now);
      if (user.mfa.status !== 'enabled') throw new AppError('challenge_expired');
      const prepared = await prepareSecondFactor(user as PortalUser & { mfa: { status: 'enabled' } }, code);

      const token = await store.mutateUser(
        user.id,
        (current, challenge): UserChange<string | null> => {
          assertChallenge(challenge, current, 'mfa', now);
          const { mfa } = current;
          if (mfa.status !== 'enabled') throw new AppError('challenge_expired');
          // The secret was decrypted before this transaction; it must still be the one stored.
          if (prepared.kind === 'totp' && !isSameSealedSecret(prepared.sealed, mfa.secret)) {
            throw new AppError('challenge_expired');
          }
          // The matched entry must still be stored: another tab may have used the same code meanwhile.
          const recoveryIndex =
            prepared.kind === 'recovery' && prepared.match !== null ? current.recoveryCodeHashes.indexOf(prepared.match) : -1;
          const wasHardLocked = isHardLocked(current);
          const outcome = decideAttempt(
            verifierStateOf(current),
            now,
            () => {
              if (prepared.kind === 'totp') {
                return checkTotpCode(prepared.secret, prepared.code, now, current.lastAcceptedStep);
              }
              if (prepared.kind === 'recovery') {
                if (recoveryIndex >= 0) return { ok: true, step: null };
                return { ok: false, reason: prepared.match === null ? 'wrong_recovery_code' : 'recovery_code_already_used' };
              }
              return { ok: false, reason: 'malformed' };
            },
            prepared.kind === 'recovery' ? 'recovery' : 'totp',
          );
          if (!outcome.accepted) {
            return {
              user: { ...current, ...outcome.state },
              audit: refusalEvents(outcome, current.email, current.email, now),
              value: null,
            };
          }
          const usedRecoveryCode = prepared.kind === 'recovery';
          const session = createSession(current.id, now);
          return {
            user: {
              ...current,
              ...outcome.state,
              recoveryCodeHashes: usedRecoveryCode
                ? current.recoveryCodeHashes.filter((_, i) => i !== recoveryIndex)
                : current.recoveryCodeHashes,
            },
            audit: [
              ...(usedRecoveryCode ? [event('recovery_code_used', now, current.email, current.email, 'success')] : []),
              ...(wasHardLocked ? [event('account_unlocked', now, current.email, current.email, 'success', 'recovery_code')] : []),
              event('sign_in', now, current.email, current.email, 'success', usedRecoveryCode ? 'recovery_code' : 'totp'),
            ],
            addSession: session,
            deleteChallenge: challenge!.id,
            value: session.token,
          };
        },
        { challengeId },
      );
      if (token === null) throw new AppError('invalid_code');
      return { kind: 'signed_in', token };
    },

    async completeLoginEnrollment(challengeId, code, now) {
      const user = await loadChallenge(challengeId, 'enroll', now);
      if (user.mfa.status !== 'pending' || user.mfa.setBy !== 'owner') throw new AppError('challenge_expired');
      const prepared = await prepareEnrollment(user as PortalUser & { mfa: { status: 'pending' } });

      const token = await store.mutateUser(
        user.id,
        (current, challenge): UserChange<string | null> => {
          assertChallenge(challenge, current, 'enroll', now);
          const { mfa } = current;
          if (mfa.status !== 'pending' || mfa.setBy !== 'owner' || !isSameSealedSecret(prepared.sealed, mfa.secret)) {
            throw new AppError('challenge_expired');
          }
          const decided = decideEnrollment(current, prepared, code, now);
          if (!decided.accepted) return { user: decided.user, audit: decided.audit, value: null };
          const session = createSession(current.id, now);
          return {
            user: decided.user,
            audit: [...decided.audit, event('sign_in', now, current.email, current.email, 'success', 'enrollment')],
            endSessionsOf: current.id,
            addSession: session,
            deleteChallenge: challenge!.id,
            value: session.token,
          };
        },
        { challengeId },
      );
      if (token === null) throw new AppError('invalid_code', { context: 'enrollment' });
      return { token, recoveryCodes: prepared.recoveryCodes };
    },

    async signInWithSso(email, now) {
      assertOtpTime(now);
      await ensureSeeded(now);
      const user = typeof email === 'string' ? await store.findUserByEmail(email) : undefined;
      if (!user || user.signIn !== 'sso') {
        const reason = user ? 'password_user_on_sso' : 'unknown_email';
        await store.applyEffects({ audit: [event('sign_in_failed', now, null, user?.email ?? null, 'failure', reason)] });
        throw new AppError('sso_not_available');
      }
      const session = createSession(user.id, now);
      await store.applyEffects({
        addSession: session,
        audit: [event('sso_sign_in', now, user.email, user.email, 'success')],
      });
      return { token: session.token };
    },

    async signOut(token) {
      if (typeof token === 'string' && token !== '') await store.applyEffects({ deleteSession: token });
    },

    async getProfile(token, now) {
      const user = await authenticate(token, now);
      const mfa = describeMfa(user, now);
      let enrollment: EnrollmentView | null = null;
      // Only a secret the user started here: one the owner set is shown at sign-in, after the
      // password, to finish it there; a session does not see it (it would hand a second
      // factor to whoever holds the session, without ever proving one).
      if (mfa === 'pending' && user.mfa.status === 'pending' && user.mfa.setBy === 'self') {
        const secret = await secretBox.open(user.mfa.secret, user.id);
        enrollment = toEnrollmentView(issuer, user.email, secret, user.mfa.expiresAt);
      }
      const profile: ProfileView = {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        signIn: user.signIn,
        mfa,
        enrollment,
        recoveryCodesLeft: mfa === 'enabled' ? user.recoveryCodeHashes.length : 0,
        recoveryCodesOutdated: mfa === 'enabled' && user.recoveryCodeHashes.some(isLegacyRecoveryCodeHash),
      };
      return profile;
    },

    async startEnrollment(token, now) {
      const user = await authenticate(token, now);
      assertMfaApplies(user);
      if (user.mfa.status === 'enabled') throw new AppError('mfa_already_enabled');
      assertNotOwnerSet(user);
      if (user.mfa.status === 'pending' && isPendingLive(user.mfa, now)) {
        const secret = await secretBox.open(user.mfa.secret, user.id);
        return toEnrollmentView(issuer, user.email, secret, user.mfa.expiresAt);
      }
      const fresh = await makeSecret(user.id);
      type Offer = { sealed: SealedSecret; expiresAt: number | null };
      const offered = await store.mutateUser(user.id, (current): UserChange<Offer> => {
        if (!current) throw new AppError('session_expired');
        const { mfa } = current;
        if (mfa.status === 'enabled') throw new AppError('mfa_already_enabled');
        assertNotOwnerSet(current);
        // Another tab may have started one meanwhile: offer that one rather than replace it.
        if (mfa.status === 'pending' && isPendingLive(mfa, now)) {
          return { value: { sealed: mfa.secret, expiresAt: mfa.expiresAt } };
        }
        const pending = createPendingMfa(fresh.sealed, 'self', now);
        return {
          user: { ...current, mfa: pending },
          audit: [event('mfa_enrollment_started', now, current.email, current.email, 'success')],
          value: { sealed: fresh.sealed, expiresAt: pending.status === 'pending' ? pending.expiresAt : null },
        };
      });
      const secret = offered.sealed === fresh.sealed ? fresh.secret : await secretBox.open(offered.sealed, user.id);
      return toEnrollmentView(issuer, user.email, secret, offered.expiresAt);
    },

    async confirmEnrollment(token, code, now) {
      const user = await authenticate(token, now);
      assertMfaApplies(user);
      const { mfa } = user;
      if (mfa.status === 'enabled') throw new AppError('mfa_already_enabled');
      if (mfa.status === 'disabled') throw new AppError('mfa_not_pending');
      assertNotOwnerSet(user);
      if (!isPendingLive(mfa, now)) throw new AppError('enrollment_expired');
      const prepared = await prepareEnrollment(user as PortalUser & { mfa: { status: 'pending' } });

      const fresh = await store.mutateUser(user.id, (current): UserChange<string | null> => {
        if (!current) throw new AppError('session_expired');
        const stored = current.mfa;
        if (stored.status === 'enabled') throw new AppError('mfa_already_enabled');
        if (stored.status !== 'pending') throw new AppError('mfa_not_pending');
        assertNotOwnerSet(current);
        // Replaced (another tab renewed it) or expired since it was shown: that code cannot confirm it.
        if (!isSameSealedSecret(prepared.sealed, stored.secret) || !isPendingLive(stored, now)) {
          throw new AppError('enrollment_expired');
        }
        const decided = decideEnrollment(current, prepared, code, now);
        if (!decided.accepted) return { user: decided.user, audit: decided.audit, value: null };
        // The password-only sessions of before MFA end; this tab goes on with a fresh one.
        const session = createSession(current.id, now);
        return { user: decided.user, audit: decided.audit, endSessionsOf: current.id, addSession: session, value: session.token };
      });
      if (fresh === null) throw new AppError('invalid_code', { context: 'enrollment' });
      return { recoveryCodes: prepared.recoveryCodes, token: fresh };
    },

    async renewSecret(token, password, now) {
      const user = await authenticate(token, now);
      await confirmPassword(user, password, now);
      if (user.mfa.status === 'enabled') throw new AppError('mfa_already_enabled');
      assertNotOwnerSet(user);
      const fresh = await makeSecret(user.id);
      const expiresAt = await store.mutateUser(user.id, (current): UserChange<number | null> => {
        if (!current) throw new AppError('session_expired');
        const { mfa } = current;
        if (mfa.status === 'enabled') throw new AppError('mfa_already_enabled');
        assertNotOwnerSet(current);
        const pending = createPendingMfa(fresh.sealed, 'self', now);
        return {
          user: { ...current, mfa: pending },
          audit: [event('mfa_secret_rotated', now, current.email, current.email, 'success')],
          value: pending.status === 'pending' ? pending.expiresAt : null,
        };
      });
      return toEnrollmentView(issuer, user.email, fresh.secret, expiresAt);
    },

    async disableMfa(token, password, now) {
      const user = await authenticate(token, now);
      await confirmPassword(user, password, now);
      const next = await store.mutateUser(user.id, (current): UserChange<string> => {
        if (!current) throw new AppError('session_expired');
        if (current.mfa.status === 'disabled') return { value: token };
        const session = createSession(current.id, now);
        return {
          // lastAcceptedStep is kept: a code used before can never be replayed, even after re-enrolling.
          user: { ...current, mfa: { status: 'disabled' }, recoveryCodeHashes: [] },
          audit: [event('mfa_disabled', now, current.email, current.email, 'success')],
          endSessionsOf: current.id,
          addSession: session,
          value: session.token,
        };
      });
      return { token: next };
    },

    async changePassword(token, currentPassword, newPassword, now) {
      const user = await authenticate(token, now);
      if (user.signIn !== 'password' || !user.password) throw new AppError('password_not_applicable');
      const problem = findNewPasswordProblem(newPassword);
      if (problem) throw new AppError('password_invalid', { field: 'new_password', reason: problem });
      await confirmPassword(user, currentPassword, now);
      if (newPassword === currentPassword) {
        throw new AppError('password_invalid', { field: 'new_password', reason: 'same_as_current' });
      }
      const hashed = await hashPassword(newPassword, iterations);
      const fresh = await store.mutateUser(user.id, (current): UserChange<string> => {
        // Changed in another tab meanwhile (which ended this session): this change is void.
        if (!current || current.password?.salt !== user.password!.salt) throw new AppError('session_expired');
        const session = createSession(current.id, now);
        return {
          user: { ...current, password: hashed, passwordThrottle: { ...INITIAL_PASSWORD_THROTTLE } },
          audit: [event('password_changed', now, current.email, current.email, 'success')],
          endSessionsOf: current.id,
          addSession: session,
          value: session.token,
        };
      });
      return { token: fresh };
    },

    async regenerateRecoveryCodes(token, password, now) {
      const user = await authenticate(token, now);
      await confirmPassword(user, password, now);
      if (user.mfa.status !== 'enabled') throw new AppError('mfa_not_enabled');
      const recoveryCodes = generateRecoveryCodes();
      const hashes = await hashRecoveryCodes(user.id, recoveryCodes);
      const fresh = await store.mutateUser(user.id, (current): UserChange<string> => {
        if (!current) throw new AppError('session_expired');
        if (current.mfa.status !== 'enabled') throw new AppError('mfa_not_enabled');
        const session = createSession(current.id, now);
        return {
          user: { ...current, recoveryCodeHashes: hashes },
          audit: [event('recovery_codes_regenerated', now, current.email, current.email, 'success')],
          endSessionsOf: current.id,
          addSession: session,
          value: session.token,
        };
      });
      return { recoveryCodes, token: fresh } satisfies MfaEnabled & { token: string };
    },

    async listAdmins(token, query, now) {
      await authenticateOwner(token, now, 'listAdmins');
      assertPageQuery(query);
      const { search, mfa, offset, limit } = query;
      if (mfa === undefined || mfa === 'all') {
        const page = await store.listUsers({ search, offset, limit });
        return { total: page.total, rows: page.rows.map((row) => toAdminRow(row, now)) };
      }
      // A status depends on the time (a setup started on Profile expires, a lock ends), so it is
      // decided here, over the index, by the same rule the Admins tab applies to its copy of it.
      const { ids, total } = searchAdminIndex(await store.listUserIndex(), { search, mfa, offset, limit }, now);
      const users = await store.getUserSummaries(ids);
      return { total, rows: users.map((user) => toAdminRow(user, now)) };
    },

    async listAdminIndex(token, now, signal) {
      // The same permission as the list it stands for.
      await authenticateOwner(token, now, 'listAdmins');
      return store.listUserIndex(signal);
    },

    async getAdmins(token, ids, now) {
      await authenticateOwner(token, now, 'listAdmins');
      assertIds(ids);
      const users = await store.getUserSummaries(ids);
      return users.map((user) => toAdminRow(user, now));
    },

    async getAdminIndexEntries(token, ids, now) {
      await authenticateOwner(token, now, 'listAdmins');
      assertIds(ids);
      return store.getUserIndexEntries(ids);
    },

    watchAdmins(listener) {
      return store.watchUsers((_change, source) => listener({ local: source.local, ids: source.ids }));
    },

    async setAdminMfa(token, adminId, enabled, now) {
      const owner = await authenticateOwner(token, now, 'setAdminMfa', adminId);
      const target = await loadAdminTarget(owner, adminId);
      // Sealed before the transaction, in case it turns out to need one (used only then).
      const fresh = enabled ? await makeSecret(target.id) : undefined;

      const updated = await store.mutateUser(target.id, (current): UserChange<PortalUser> => {
        assertAdminTarget(owner, current);
        const { mfa } = current;
        if (!enabled) {
          if (mfa.status === 'disabled') return { value: current };
          // With no second factor there is nothing left to lock: a later enrollment starts with a clean count
          // (lastAcceptedStep stays, so no code used before can replay).
          const next: PortalUser = {
            ...current,
            mfa: { status: 'disabled' },
            recoveryCodeHashes: [],
            failedAttempts: 0,
            lockedUntil: null,
          };
          const audit = [event('mfa_disabled', now, owner.email, current.email, 'success')];
          return { user: next, audit, endSessionsOf: current.id, value: next };
        }
        if (mfa.status === 'enabled' || (mfa.status === 'pending' && mfa.setBy === 'owner')) return { value: current };
        const pending: PortalUser['mfa'] =
          mfa.status === 'pending' && isPendingLive(mfa, now)
            ? // The admin has started their own: keep that secret (they may have scanned it) but make it required.
              { ...mfa, setBy: 'owner', expiresAt: null }
            : createPendingMfa(fresh!.sealed, 'owner', now);
        const next: PortalUser = { ...current, mfa: pending };
        const audit = [event('mfa_enrollment_started', now, owner.email, current.email, 'success')];
        // Their password-only sessions end: the next sign-in asks them to finish the enrollment.
        return { user: next, audit, endSessionsOf: current.id, value: next };
      });
      return toAdminRow(updated, now);
    },

    async viewAdminQr(token, adminId, now) {
      const owner = await authenticateOwner(token, now, 'viewAdminQr', adminId);
      const target = await loadAdminTarget(owner, adminId);
      const { mfa } = target;
      if (mfa.status !== 'pending' || !isPendingLive(mfa, now)) {
        await store.applyEffects({ audit: [event('qr_viewed', now, owner.email, target.email, 'failure', 'not_pending')] });
        throw new AppError('qr_unavailable');
      }
      const secret = await secretBox.open(mfa.secret, target.id);
      // Audited before the secret leaves: no view without its record.
      await store.applyEffects({ audit: [event('qr_viewed', now, owner.email, target.email, 'success')] });
      return toEnrollmentView(issuer, target.email, secret, mfa.expiresAt);
    },

    async resetAdminMfa(token, adminId, now) {
      const owner = await authenticateOwner(token, now, 'resetAdminMfa', adminId);
      const target = await loadAdminTarget(owner, adminId);
      if (target.mfa.status !== 'enabled') throw new AppError('mfa_not_enabled');
      const fresh = await makeSecret(target.id);
      const updated = await store.mutateUser(target.id, (current): UserChange<PortalUser> => {
        assertAdminTarget(owner, current);
        if (current.mfa.status !== 'enabled') throw new AppError('mfa_not_enabled');
        const next: PortalUser = {
          ...current,
          mfa: createPendingMfa(fresh.sealed, 'owner', now),
          recoveryCodeHashes: [],
          // A fresh start for the new secret; lastAcceptedStep stays, so no code used before can replay.
          failedAttempts: 0,
          lockedUntil: null,
        };
        const audit = [event('mfa_reset', now, owner.email, current.email, 'success')];
        return { user: next, audit, endSessionsOf: current.id, value: next };
      });
      return toAdminRow(updated, now);
    },

    async unlockAdmin(token, adminId, now) {
      const owner = await authenticateOwner(token, now, 'unlockAdmin', adminId);
      await loadAdminTarget(owner, adminId);
      const updated = await store.mutateUser(adminId, (current): UserChange<PortalUser> => {
        assertAdminTarget(owner, current);
        const { failedAttempts, lockedUntil, passwordThrottle } = current;
        if (failedAttempts === 0 && lockedUntil === null && passwordThrottle.failures === 0) return { value: current };
        // A fresh start for codes and passwords alike; lastAcceptedStep stays, so no code used before can replay.
        const next: PortalUser = {
          ...current,
          failedAttempts: 0,
          lockedUntil: null,
          passwordThrottle: { ...INITIAL_PASSWORD_THROTTLE },
        };
        return { user: next, audit: [event('account_unlocked', now, owner.email, current.email, 'success', 'by_owner')], value: next };
      });
      return toAdminRow(updated, now);
    },

    async listAudit(token, query, now) {
      await authenticateOwner(token, now, 'listAudit');
      assertPageQuery(query);
      return store.listAudit({ offset: query.offset, limit: query.limit, filter: query.filter });
    },

    async exportAudit(token, filter, now) {
      const owner = await authenticateOwner(token, now, 'exportAudit');
      assertAuditFilter(filter);
      const events = await store.readAudit(filter);
      // Recorded before the events are handed out: no export without its record.
      await store.applyEffects({ audit: [event('audit_exported', now, owner.email, null, 'success')] });
      return events;
    },
  };
}

/** Codes a page may switch on after a failed call, for reference: see shared/errors.ts for their messages. */
export type PortalErrorCode = Extract<
  AppErrorCode,
  | 'invalid_credentials'
  | 'invalid_code'
  | 'challenge_expired'
  | 'session_expired'
  | 'permission_denied'
  | 'mfa_not_applicable'
  | 'sso_not_available'
  | 'wrong_password'
  | 'enrollment_expired'
  | 'mfa_not_pending'
  | 'mfa_already_enabled'
  | 'mfa_not_enabled'
  | 'qr_unavailable'
  | 'own_mfa_on_profile'
  | 'user_not_found'
  | 'page_invalid'
  | 'mfa_secret_unreadable'
  | 'password_throttled'
  | 'password_invalid'
  | 'password_not_applicable'
  | 'mfa_setup_at_sign_in'
  | 'audit_filter_invalid'
>;
