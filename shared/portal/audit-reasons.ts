/**
 * Every reason the portal writes into an audit event, as one closed list, so
 * the Audit log, its filter and its CSV export can give each one words (and a
 * test can prove they do). A reason says why something failed (a wrong code,
 * a lock) or how it was done (a sign-in with a password or a recovery code);
 * it never holds a code, a password or a secret.
 */
import type { OwnerOperation } from './permissions';
import { lockoutDuration, MAX_LOCKOUT_MS, type RefusalReason } from './verifier';

/** How a successful sign-in was made: the `sign_in` event's reason. */
export type SignInMethodReason = 'password' | 'totp' | 'recovery_code' | 'enrollment';

/** Why a password or an SSO sign-in, or a password confirmation, failed: the `sign_in_failed` event's reason. */
export type SignInFailureReason =
  | 'unknown_email'
  | 'wrong_password'
  | 'sso_user_on_password_form'
  | 'password_user_on_sso'
  | 'password_confirmation_failed';

/**
 * How long a timed lock lasts, as `locked_out` records it:
 * `locked_for_15_minutes`, `locked_for_1_hour`, `locked_for_2_hours`...
 */
export type LockoutReason = `locked_for_${number}_minutes` | 'locked_for_1_hour' | `locked_for_${number}_hours`;

/** Reasons of one event each: a throttled password, a hard lock, the owner's unlock, a QR asked for when none is pending. */
export type OtherAuditReason = 'too_many_wrong_passwords' | 'too_many_failed_codes' | 'by_owner' | 'not_pending';

/** Any reason an audit event may hold; a `permission_denied` event holds the refused operation's name. */
export type AuditReason =
  | RefusalReason
  | SignInMethodReason
  | SignInFailureReason
  | LockoutReason
  | OtherAuditReason
  | OwnerOperation;

/**
 * The reasons with a fixed name. A record rather than a list, so the compiler
 * refuses it when a member of one of the unions above is missing.
 */
const FIXED_REASONS: Record<Exclude<AuditReason, LockoutReason>, true> = {
  malformed: true,
  wrong_code: true,
  replayed: true,
  locked: true,
  hard_locked: true,
  wrong_recovery_code: true,
  recovery_code_already_used: true,
  password: true,
  totp: true,
  recovery_code: true,
  enrollment: true,
  unknown_email: true,
  wrong_password: true,
  sso_user_on_password_form: true,
  password_user_on_sso: true,
  password_confirmation_failed: true,
  too_many_wrong_passwords: true,
  too_many_failed_codes: true,
  by_owner: true,
  not_pending: true,
  listAdmins: true,
  setAdminMfa: true,
  viewAdminQr: true,
  resetAdminMfa: true,
  unlockAdmin: true,
  listAudit: true,
  exportAudit: true,
};

/** The reason `locked_out` records for a timed lock of `durationMs`: "locked_for_30_minutes", "locked_for_1_hour". */
export function lockoutReason(durationMs: number): LockoutReason {
  const minutes = durationMs / 60_000;
  if (minutes < 60) return `locked_for_${minutes}_minutes`;
  return minutes === 60 ? 'locked_for_1_hour' : `locked_for_${minutes / 60}_hours`;
}

/** Every length a timed lock can have, shortest first: the lockout policy's schedule (verifier.ts), up to its cap. */
function listLockoutReasons(): LockoutReason[] {
  const reasons: LockoutReason[] = [];
  for (let n = 1; ; n++) {
    const duration = lockoutDuration(n);
    reasons.push(lockoutReason(duration));
    if (duration >= MAX_LOCKOUT_MS) return reasons;
  }
}

/** Every reason the portal can write, fixed ones first, then each lock length. */
export const AUDIT_REASONS: readonly AuditReason[] = Object.freeze([
  ...(Object.keys(FIXED_REASONS) as Array<keyof typeof FIXED_REASONS>),
  ...listLockoutReasons(),
]);

