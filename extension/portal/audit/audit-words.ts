/**
 * The audit log in words: what each recorded kind of event, reason and result
 * means to the owner reading it, on the Audit log page, in its Event filter
 * and in the CSV download. One table each, covering every value the domain
 * can write (AUDIT_ACTIONS in shared/portal/model.ts, AUDIT_REASONS in
 * shared/portal/audit-reasons.ts); a unit test fails on any missing word.
 */
import type { AuditReason, LockoutReason } from '../../../shared/portal/audit-reasons';
import type { AuditAction, AuditEvent } from '../../../shared/portal/model';

/** Each kind of event as the owner reads it in the Event column. */
export const AUDIT_ACTION_WORDS: Record<AuditAction, string> = {
  sign_in: 'Signed in',
  sign_in_failed: 'Sign-in failed',
  sso_sign_in: 'Signed in with SSO',
  mfa_enrollment_started: 'Turned MFA on (waiting for the QR code to be scanned)',
  mfa_enabled: 'Confirmed MFA with a code',
  mfa_disabled: 'Turned MFA off',
  mfa_reset: 'Reset MFA',
  mfa_secret_rotated: 'Replaced the secret key',
  qr_viewed: 'Viewed the QR code',
  code_rejected: 'Entered a wrong code',
  code_replayed: 'Reused a code that was already used',
  locked_out: 'Locked out after too many wrong codes',
  hard_locked: 'Locked until the owner unlocks the account (100 wrong codes in a row)',
  account_unlocked: 'Unlocked the account',
  sign_in_throttled: 'Refused a password: too many wrong ones, wait before trying again',
  password_changed: 'Changed the password (every other session signed out)',
  recovery_code_used: 'Signed in with a recovery code',
  recovery_codes_regenerated: 'Made new recovery codes',
  permission_denied: 'Tried something only the owner may do',
  audit_exported: 'Downloaded the audit log as CSV',
  demo_reset: 'Restored the demo data',
};

/** The reasons with a fixed name, in words. */
const FIXED_REASON_WORDS: Record<Exclude<AuditReason, LockoutReason>, string> = {
  // Why a code was refused.
  malformed: 'Neither a 6-digit code nor a recovery code',
  wrong_code: 'Wrong code',
  replayed: 'Code already used',
  locked: 'Refused unchecked: codes were locked out for a while',
  hard_locked: 'Refused unchecked: codes are locked until the owner unlocks the account',
  wrong_recovery_code: 'Wrong recovery code',
  recovery_code_already_used: 'Recovery code already used',
  // How a sign-in was made (and how a hard lock was lifted: a recovery code).
  password: 'With the password alone (MFA not on)',
  totp: 'With a code from the authenticator app',
  recovery_code: 'With a recovery code',
  enrollment: 'With the first code of the MFA setup the owner started',
  // Why a sign-in or a password confirmation failed.
  unknown_email: 'No user has this email',
  wrong_password: 'Wrong password',
  sso_user_on_password_form: 'An SSO user tried the password form',
  password_user_on_sso: 'A password user tried SSO',
  password_confirmation_failed: 'Wrong password when confirming a change',
  // One event each.
  too_many_wrong_passwords: 'Too many wrong passwords in a row',
  too_many_failed_codes: '100 wrong codes in a row',
  by_owner: 'By the owner',
  not_pending: 'No MFA setup was pending',
  // What an admin tried that only the owner may do.
  listAdmins: 'Opening the Admins tab',
  setAdminMfa: "Changing an admin's MFA",
  viewAdminQr: "Viewing an admin's QR code",
  resetAdminMfa: "Resetting an admin's MFA",
  unlockAdmin: 'Unlocking an admin',
  listAudit: 'Opening the audit log',
  exportAudit: 'Downloading the audit log',
};

/** The length of each timed lock the policy can start (15 minutes doubling up to 24 hours). */
const LOCKOUT_WORDS: Readonly<Record<string, string>> = {
  locked_for_15_minutes: 'Locked for 15 minutes',
  locked_for_30_minutes: 'Locked for 30 minutes',
  locked_for_1_hour: 'Locked for 1 hour',
  locked_for_2_hours: 'Locked for 2 hours',
  locked_for_4_hours: 'Locked for 4 hours',
  locked_for_8_hours: 'Locked for 8 hours',
  locked_for_16_hours: 'Locked for 16 hours',
  locked_for_24_hours: 'Locked for 24 hours',
};

/** Every reason the portal records, in words, for the Reason column. */
export const AUDIT_REASON_WORDS: Readonly<Record<string, string>> = { ...FIXED_REASON_WORDS, ...LOCKOUT_WORDS };

/**
 * Returns the words for a kind of event, or a readable form of one this build
 * does not know (recorded by a newer one).
 * @param action The recorded kind.
 */
export function describeAuditAction(action: AuditAction | string): string {
  return wordsFor(AUDIT_ACTION_WORDS, action) ?? action.replace(/_/g, ' ');
}

/** The table's own entry for `key` (never an inherited one such as "toString"), or undefined. */
function wordsFor(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

/**
 * Returns the words for how an event ended.
 * @param result The recorded result.
 */
export function describeAuditResult(result: AuditEvent['result']): string {
  return result === 'success' ? 'Succeeded' : 'Failed';
}

/**
 * Returns a recorded reason in words; a reason this build does not know (a
 * newer one's) is shown readably as it was recorded.
 * @param reason The recorded reason, if any.
 */
export function describeAuditReason(reason: string | undefined): string {
  if (!reason) return '';
  const known = wordsFor(AUDIT_REASON_WORDS, reason);
  if (known) return known;
  const text = reason.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
