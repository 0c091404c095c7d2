/**
 * The portal's data model: the people of one reseller (MSP) account, their
 * MFA state, their sessions and the audit trail. Plain, structured-cloneable
 * data, so it stores in IndexedDB as it is.
 */

import type { AuditReason } from './audit-reasons';

/** A user's id (random UUID). */
export type UserId = string & { readonly __brand: 'UserId' };

/** Who a user is in the reseller account. The owner manages the other admins. */
export type Role = 'owner' | 'admin';

/** How a user signs in. SSO users are authenticated by their SSO application, so MFA does not apply. */
export type SignInMethod = 'password' | 'sso';

/** A password stored as a salted PBKDF2-SHA256 hash, never in plain text. */
export interface PasswordHash {
  /** Always PBKDF2 with HMAC-SHA256. */
  algorithm: 'PBKDF2-SHA256';
  /** Iteration count used for this hash (at least 600,000; stored so it can be raised later). */
  iterations: number;
  /** Random 16-byte salt, base64. */
  salt: string;
  /** Derived 32-byte key, base64. */
  hash: string;
}

/** A TOTP secret encrypted with AES-GCM under the portal's non-extractable key. */
export interface SealedSecret {
  /** 12-byte AES-GCM nonce. */
  iv: Uint8Array;
  /** Ciphertext with its 16-byte tag. */
  data: Uint8Array;
}

/**
 * Where a user's MFA stands.
 * - `disabled`: no second factor; password alone signs in.
 * - `pending`: a secret exists but no code from it has been accepted yet, so
 *   MFA is not on. Set by the user on Profile (expires after 10 minutes) or by
 *   the owner on the Admins tab (kept until the admin confirms it at sign-in).
 * - `enabled`: every sign-in needs a code (or a recovery code).
 */
export type MfaState =
  | { status: 'disabled' }
  | {
      status: 'pending';
      /** The secret the user is to load into an authenticator. */
      secret: SealedSecret;
      /** Who started the enrollment: the user on Profile, or the owner on the Admins tab. */
      setBy: 'self' | 'owner';
      /** When the pending secret was made (ms). */
      createdAt: number;
      /** When it stops being offered (ms); null when set by the owner. */
      expiresAt: number | null;
    }
  | {
      status: 'enabled';
      /** The confirmed secret. */
      secret: SealedSecret;
      /** When MFA was confirmed (ms). */
      enabledAt: number;
    };

/** A person with access to the reseller account. */
export interface PortalUser {
  id: UserId;
  /** Sign-in name and what the QR code's label shows; stored lower-case. */
  email: string;
  /** Display name. */
  name: string;
  role: Role;
  signIn: SignInMethod;
  /** Absent for SSO users, who have no portal password. */
  password?: PasswordHash;
  mfa: MfaState;
  /**
   * The last TOTP time step accepted for this user, the enrollment code's
   * included; a code for this step or an earlier one is a replay (RFC 6238 §5.2).
   */
  lastAcceptedStep: number | null;
  /**
   * The stored forms of the recovery codes not yet used: `hmac-sha256:<salt>:<mac>`
   * (see recovery-codes.ts), or, for sets made before that format, a bare
   * SHA-256 hex digest (still accepted until used or regenerated).
   */
  recoveryCodeHashes: string[];
  /**
   * Consecutive failed second-factor attempts, stored so they count across tabs
   * and reloads; reset only by a success or the owner's unlock. 100 or more is a hard lock.
   */
  failedAttempts: number;
  /** Codes are refused until this time (ms), even a valid one; null when no timed lock was started. */
  lockedUntil: number | null;
  /** Wrong passwords in a row and the wait they impose (password-throttle.ts). */
  passwordThrottle: PasswordThrottle;
  createdAt: number;
}

/** One account's (or one unknown email's) password failures. */
export interface PasswordThrottle {
  /** Wrong passwords in a row (attempts under way included). */
  failures: number;
  /** No password is checked before this time (ms); null when there is no wait. */
  retryAt: number | null;
  /** When the last attempt was counted (ms), or null; the oldest unknown-email records are dropped first. */
  lastFailureAt: number | null;
}

/** The password throttle of an email no user has, kept so it answers exactly as a real account would. */
export interface UnknownEmailThrottle extends PasswordThrottle {
  /** The normalised (trimmed, lower-case) email tried. */
  email: string;
}

/** A signed-in browser: the token lives in the page's storage, the record here. */
export interface Session {
  /** Random 256-bit token, base64url. */
  token: string;
  userId: UserId;
  createdAt: number;
  /** The session ends at this time (ms). */
  expiresAt: number;
}

/**
 * A sign-in that passed the password and waits for the second factor (or for
 * the admin to finish the enrollment the owner started). Short-lived.
 */
export interface LoginChallenge {
  /** Random id, base64url. */
  id: string;
  userId: UserId;
  /** What the user must do next. */
  kind: 'mfa' | 'enroll';
  createdAt: number;
  expiresAt: number;
}

/**
 * What an audit event records: every kind of event the portal writes, in the
 * order the Audit log's filter lists them. The type is derived from this list,
 * so a kind cannot be written without being listed (and given words).
 */
export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sso_sign_in',
  'mfa_enrollment_started',
  'mfa_enabled',
  'mfa_disabled',
  'mfa_reset',
  'mfa_secret_rotated',
  'qr_viewed',
  'code_rejected',
  'code_replayed',
  'locked_out',
  'hard_locked',
  'account_unlocked',
  'sign_in_throttled',
  'password_changed',
  'recovery_code_used',
  'recovery_codes_regenerated',
  'permission_denied',
  'audit_exported',
  'demo_reset',
] as const;

/** One kind of audit event (see {@link AUDIT_ACTIONS}). */
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One line of the audit log: who did what to whom, when, and how it ended. Never a code or a secret. */
export interface AuditEvent {
  /** Auto-incremented by the store. */
  id?: number;
  at: number;
  action: AuditAction;
  /** The user who acted (email), or null for an anonymous attempt. */
  actor: string | null;
  /** The user acted upon (email). */
  subject: string | null;
  result: 'success' | 'failure';
  /**
   * Why it failed (wrong code, replay, locked...) or how it was done (a sign-in
   * with a password, a code, a recovery code), for the owner's eyes only. Every
   * value the portal writes is listed in `AUDIT_REASONS` (audit-reasons.ts);
   * an event recorded by another version may hold one this version does not know.
   */
  reason?: AuditReason;
}
