/**
 * The second-factor verifier's policy, pure: given a user's stored verifier
 * state, an attempt and the time, it decides and returns the next state.
 *
 * - Window: the current 30-second step and one step either side, nothing
 *   further (RFC 6238 §5.2).
 * - Replay: a step at or before the last accepted one is refused, the
 *   enrollment code's step included (RFC 6238 §5.2; NIST SP 800-63B §5.1.4.2).
 * - Throttling (NIST SP 800-63B §5.2.2, at most 100 consecutive failures):
 *   the count of consecutive failures resets ONLY on a success, never when a
 *   lock ends. Every 5th failure in a row locks for a time that doubles with
 *   each lock (15 min, 30 min, 1 h, 2 h, 4 h, 8 h, 16 h, then 24 h each), and
 *   the 100th locks hard: TOTP codes are refused until the owner unlocks the
 *   account, while a correct recovery code still signs in (and clears the
 *   lock). Recovery-code guesses count like any other failure, and every 5th
 *   of them under a hard lock locks for 24 h. Attempts while locked are refused
 *   without even checking the code, and are not counted.
 * - Input: digits only after removing whitespace; anything else fails.
 *
 * Callers show one message for every refusal; `reason` is for the audit log.
 */
import { normalizeOtpCode, verifyTotp } from '../otp/verify';
import type { TotpParams } from '../otp/totp';
import { normalizeRecoveryCode } from './recovery-codes';

/** The portal's TOTP parameters, as its QR codes announce them: SHA1, 6 digits, 30 seconds. */
export const PORTAL_TOTP = { algorithm: 'SHA1', digits: 6, period: 30 } as const satisfies Omit<TotpParams, 'secret'>;

/** Steps accepted on each side of the current one. */
export const VERIFY_WINDOW = 1;

/** Consecutive failures that lock the user (and every further multiple of it locks again). */
export const MAX_FAILED_ATTEMPTS = 5;

/** How long the first lock lasts (ms); each later one lasts twice the one before. */
export const LOCKOUT_MS = 15 * 60 * 1000;

/** The longest a timed lock lasts (ms). */
export const MAX_LOCKOUT_MS = 24 * 60 * 60 * 1000;

/** Consecutive failures that lock the account hard, until the owner unlocks it (NIST SP 800-63B §5.2.2). */
export const HARD_LOCK_FAILURES = 100;

/** The part of a user's record the verifier reads and writes. */
export interface VerifierState {
  /** The last accepted time step, or null if none was ever accepted. */
  lastAcceptedStep: number | null;
  /** Consecutive failures so far. */
  failedAttempts: number;
  /** Attempts are refused until this time (ms); null when not locked. */
  lockedUntil: number | null;
}

/** Why an attempt was refused (for the audit log only). */
export type RefusalReason =
  | 'malformed'
  | 'wrong_code'
  | 'replayed'
  | 'locked'
  | 'hard_locked'
  | 'wrong_recovery_code'
  | 'recovery_code_already_used';

/** A lock a failure started: timed (with its length), or hard. */
export type LockoutStart = { kind: 'timed'; durationMs: number } | { kind: 'hard' };

/** Where a user's lock stands, as the Admins tab shows it. */
export type LockView =
  | { status: 'none' }
  /** Codes are refused until `until` (ms). */
  | { status: 'timed'; until: number }
  /** TOTP codes are refused until the owner unlocks the account; a recovery code still signs in. */
  | { status: 'hard' };

/** What one attempt decided, with the state to store. */
export type AttemptOutcome =
  | {
      accepted: true;
      /** The state to store. */
      state: VerifierState;
      /** The accepted time step; null for a recovery code. */
      step: number | null;
    }
  | {
      accepted: false;
      /** The state to store. */
      state: VerifierState;
      /** Why it was refused. */
      reason: RefusalReason;
      /** Whether this failure started a lock. */
      lockedOut: boolean;
      /** The lock this failure started, or null. */
      lockout: LockoutStart | null;
    };

/** The verdict of the check proper, before the lockout bookkeeping. */
export type AttemptCheck = { ok: true; step: number | null } | { ok: false; reason: RefusalReason };

/** What a typed second factor looks like: a TOTP code, a recovery code, or neither. */
export type SecondFactorInput =
  | { kind: 'totp'; code: string }
  | { kind: 'recovery'; code: string }
  | { kind: 'malformed' };

/** A fresh verifier state: nothing accepted, no failures. */
export const INITIAL_VERIFIER_STATE: VerifierState = Object.freeze({
  lastAcceptedStep: null,
  failedAttempts: 0,
  lockedUntil: null,
});

/** Returns whether every attempt is refused at `now` (a timed lock is running). */
export function isLocked(state: VerifierState, now: number): boolean {
  return state.lockedUntil !== null && now < state.lockedUntil;
}

/** Returns whether the account is hard-locked: only a recovery code (or the owner) can lift it. */
export function isHardLocked(state: Pick<VerifierState, 'failedAttempts'>): boolean {
  return state.failedAttempts >= HARD_LOCK_FAILURES;
}

/** How long the `n`th timed lock in a row lasts (ms): 15 min doubling, at most {@link MAX_LOCKOUT_MS}. */
export function lockoutDuration(n: number): number {
  return Math.min(LOCKOUT_MS * 2 ** Math.max(0, n - 1), MAX_LOCKOUT_MS);
}

/** Where the lock stands at `now`: hard, timed (until when), or none. */
export function describeLock(state: Pick<VerifierState, 'failedAttempts' | 'lockedUntil'>, now: number): LockView {
  if (isHardLocked(state)) return { status: 'hard' };
  if (state.lockedUntil !== null && now < state.lockedUntil) return { status: 'timed', until: state.lockedUntil };
  return { status: 'none' };
}

/**
 * Tells a TOTP code (6 digits once whitespace is removed) from a recovery code
 * (`xxxxx-xxxxx`), by format alone.
 */
export function classifySecondFactor(input: unknown): SecondFactorInput {
  const totp = normalizeOtpCode(input, PORTAL_TOTP.digits);
  if (totp !== null) return { kind: 'totp', code: totp };
  const recovery = normalizeRecoveryCode(input);
  if (recovery !== null) return { kind: 'recovery', code: recovery };
  return { kind: 'malformed' };
}

/**
 * Applies the lockout policy around one check: while a timed lock runs,
 * `check` is not run and the attempt is refused; under a hard lock only a
 * recovery code is checked. A failure counts (the count survives the end of
 * a lock), every 5th in a row starts a longer timed lock and the 100th a hard
 * one; a success resets everything.
 *
 * @param factor What is tried: a recovery code is still checked under a hard lock.
 */
export function decideAttempt(
  state: VerifierState,
  now: number,
  check: () => AttemptCheck,
  factor: 'totp' | 'recovery' = 'totp',
): AttemptOutcome {
  const refuse = (reason: RefusalReason): AttemptOutcome => ({
    accepted: false,
    state: { ...state },
    reason,
    lockedOut: false,
    lockout: null,
  });
  if (isLocked(state, now)) return refuse('locked');
  if (isHardLocked(state) && factor !== 'recovery') return refuse('hard_locked');
  const result = check();
  if (result.ok) {
    return {
      accepted: true,
      step: result.step,
      state: { lastAcceptedStep: result.step ?? state.lastAcceptedStep, failedAttempts: 0, lockedUntil: null },
    };
  }
  const failedAttempts = state.failedAttempts + 1;
  let lockout: LockoutStart | null = null;
  // The 100th failure locks hard instead of for a time, so a recovery code can lift it at once.
  if (failedAttempts === HARD_LOCK_FAILURES) lockout = { kind: 'hard' };
  else if (failedAttempts % MAX_FAILED_ATTEMPTS === 0) {
    lockout = { kind: 'timed', durationMs: lockoutDuration(failedAttempts / MAX_FAILED_ATTEMPTS) };
  }
  return {
    accepted: false,
    reason: result.reason,
    lockedOut: lockout !== null,
    lockout,
    state: {
      lastAcceptedStep: state.lastAcceptedStep,
      failedAttempts,
      lockedUntil: lockout?.kind === 'timed' ? now + lockout.durationMs : null,
    },
  };
}

/**
 * Checks a TOTP code against a Base32 secret at `now`: the window, then
 * replay. Pure: no lockout bookkeeping (see {@link decideAttempt}).
 */
export function checkTotpCode(secret: string, code: unknown, now: number, lastAcceptedStep: number | null): AttemptCheck {
  const normalized = normalizeOtpCode(code, PORTAL_TOTP.digits);
  if (normalized === null) return { ok: false, reason: 'malformed' };
  const match = verifyTotp({ params: { ...PORTAL_TOTP, secret }, code: normalized, now, window: VERIFY_WINDOW });
  if (match === null) return { ok: false, reason: 'wrong_code' };
  if (lastAcceptedStep !== null && match.matchedStep <= lastAcceptedStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step: match.matchedStep };
}

/** One TOTP attempt under the whole policy: lockout, input, window and replay. */
export function verifyTotpAttempt(
  state: VerifierState,
  attempt: { secret: string; code: unknown; now: number },
): AttemptOutcome {
  return decideAttempt(state, attempt.now, () =>
    checkTotpCode(attempt.secret, attempt.code, attempt.now, state.lastAcceptedStep),
  );
}
