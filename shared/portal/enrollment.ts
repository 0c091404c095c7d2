/**
 * MFA enrollment, pure: the pending state's lifetime, what a row or profile
 * shows, and the enrollment view with its Key URI.
 *
 * A secret the user starts on Profile is pending for 10 minutes, then a new
 * one is offered, so a QR code left on a screen stops being useful. One the
 * owner starts on the Admins tab waits until the admin confirms it at their
 * next sign-in. Either way MFA is on only once a code from it is accepted.
 */
import { formatOtpauthUri } from '../otp/otpauth-uri';
import type { EnrollmentView, MfaDisplay } from './portal-api';
import type { MfaState, SealedSecret, SignInMethod } from './model';
import { PORTAL_TOTP } from './verifier';

/** How long a secret started on Profile is offered (ms). */
export const SELF_ENROLLMENT_TTL_MS = 10 * 60 * 1000;

/** The least a display needs of a user's MFA: its status and, when pending, its expiry. */
export interface MfaShape {
  /** How the user signs in. */
  signIn: SignInMethod;
  /** The MFA status and, when pending, when it expires. */
  mfa: { status: MfaState['status']; expiresAt?: number | null };
}

/** Returns whether MFA is pending at `now`: pending, and either owner-set or not yet expired. */
export function isPendingLive(mfa: MfaShape['mfa'], now: number): boolean {
  return mfa.status === 'pending' && (mfa.expiresAt == null || now < mfa.expiresAt);
}

/**
 * What the MFA column or the Profile shows: `not_applicable` for SSO users
 * whatever is stored, and `disabled` for a pending secret that has expired.
 */
export function describeMfa(user: MfaShape, now: number): MfaDisplay {
  if (user.signIn === 'sso') return 'not_applicable';
  if (user.mfa.status === 'pending') return isPendingLive(user.mfa, now) ? 'pending' : 'disabled';
  return user.mfa.status;
}

/** A new pending state for a sealed secret; self-set ones expire after {@link SELF_ENROLLMENT_TTL_MS}. */
export function createPendingMfa(secret: SealedSecret, setBy: 'self' | 'owner', now: number): MfaState {
  return {
    status: 'pending',
    secret,
    setBy,
    createdAt: now,
    expiresAt: setBy === 'self' ? now + SELF_ENROLLMENT_TTL_MS : null,
  };
}

/**
 * The Key URI an authenticator scans:
 * `otpauth://totp/<issuer>:<email>?secret=...&issuer=<issuer>&algorithm=SHA1&digits=6&period=30`,
 * issuer and email percent-encoded.
 */
export function formatEnrollmentUri(issuer: string, email: string, secret: string): string {
  return formatOtpauthUri({ type: 'totp', issuer, label: email, secret, counter: 0, ...PORTAL_TOTP });
}

/** The enrollment as the user sees it: email, Base32 secret, Key URI and expiry. */
export function toEnrollmentView(
  issuer: string,
  email: string,
  secret: string,
  expiresAt: number | null,
): EnrollmentView {
  return { email, secret, uri: formatEnrollmentUri(issuer, email, secret), expiresAt };
}
