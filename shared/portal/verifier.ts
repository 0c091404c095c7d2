/**
 * The second-factor verifier's policy, pure: given a user's stored verifier
 * state, an attempt and the time, it decides and returns the next state.
 *
 * - Window: the current 30-second step and one step either side, nothing
 *   further (RFC 6238 §5.2).
 * - Replay: a step at or before the last accepted one is refused, the
 *   enrollment code's step included (RFC 6238 §5.2; NIST SP 800-63B §5.1.4.2).
 * - Throttling: after 5 consecutive failures the user is locked for 15
 *   minutes; attempts while locked are refused without even checking the code;
 *   a success resets the count (NIST SP 800-63B §5.2.2).
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

/** Consecutive failures that lock the user. */
export const MAX_FAILED_ATTEMPTS = 5;

/** How long a lock lasts (ms). */
export const LOCKOUT_MS = 15 * 60 * 1000;

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
export type RefusalReason = 'malformed' | 'wrong_code' | 'replayed' | 'locked' | 'wrong_recovery_code';

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

/** Returns whether attempts are refused at `now`. */
export function isLocked(state: VerifierState, now: number): boolean {
  return state.lockedUntil !== null && now < state.lockedUntil;
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
 * Applies the lockout policy around one check: while locked, `check` is not
 * run and the attempt is refused; an expired lock starts a fresh count;
 * a failure counts and the fifth in a row locks; a success resets.
 */
export function decideAttempt(state: VerifierState, now: number, check: () => AttemptCheck): AttemptOutcome {
  if (isLocked(state, now)) return { accepted: false, state: { ...state }, reason: 'locked', lockedOut: false };
  const current: VerifierState = state.lockedUntil === null ? state : { ...state, failedAttempts: 0, lockedUntil: null };
  const result = check();
  if (result.ok) {
    return {
      accepted: true,
      step: result.step,
      state: {
        lastAcceptedStep: result.step ?? current.lastAcceptedStep,
        failedAttempts: 0,
        lockedUntil: null,
      },
    };
  }
  const failedAttempts = current.failedAttempts + 1;
  const lockedOut = failedAttempts >= MAX_FAILED_ATTEMPTS;
  return {
    accepted: false,
    reason: result.reason,
    lockedOut,
    state: {
      lastAcceptedStep: current.lastAcceptedStep,
      failedAttempts,
      lockedUntil: lockedOut ? now + LOCKOUT_MS : null,
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
