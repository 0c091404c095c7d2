/**
 * The audit log in words: what each recorded action and result means to the
 * owner reading it.
 */
import type { AuditAction, AuditEvent } from '../../../shared/portal/model';

/** Each action as the owner reads it in the Action column. */
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
  demo_reset: 'Restored the demo data',
};

/**
 * Returns the words for an action, or a readable form of an action this
 * build does not know (recorded by a newer one).
 * @param action The recorded action.
 */
export function describeAuditAction(action: AuditAction | string): string {
  return (AUDIT_ACTION_WORDS as Record<string, string>)[action] ?? action.replace(/_/g, ' ');
}

/**
 * Returns the words for how an event ended.
 * @param result The recorded result.
 */
export function describeAuditResult(result: AuditEvent['result']): string {
  return result === 'success' ? 'Succeeded' : 'Failed';
}

/** Recorded reasons (short snake_case words, or the refused operation's name) in words. */
const AUDIT_REASON_WORDS: Record<string, string> = {
  wrong_code: 'Wrong code',
  replayed: 'Code already used',
  malformed: 'Not a 6-digit code',
  locked: 'Locked after too many wrong codes',
  hard_locked: 'Account locked: only a recovery code or the owner can unlock it',
  recovery_code_already_used: 'Recovery code already used',
  too_many_wrong_passwords: 'Too many wrong passwords in a row',
  by_owner: 'By the owner',
  recovery_code: 'With a recovery code',
  too_many_failed_codes: 'Too many wrong codes in a row',
  wrong_recovery_code: 'Wrong recovery code',
  not_pending: 'No MFA setup pending',
  unknown_email: 'Unknown email',
  wrong_password: 'Wrong password',
  password_confirmation_failed: 'Wrong password when confirming a change',
  sso_user_on_password_form: 'SSO user tried the password form',
  password_user_on_sso: 'Password user tried SSO',
  listAdmins: 'Opened the Admins tab',
  setAdminMfa: "Changed an admin's MFA",
  viewAdminQr: "Viewed an admin's QR code",
  resetAdminMfa: "Reset an admin's MFA",
  listAudit: 'Opened the audit log',
};

/**
 * Returns a recorded reason in words; a reason this build does not know is
 * shown readably as it was recorded.
 * @param reason The recorded reason, if any.
 */
export function describeAuditReason(reason: string | undefined): string {
  if (!reason) return '';
  const known = AUDIT_REASON_WORDS[reason];
  if (known) return known;
  const text = reason.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
