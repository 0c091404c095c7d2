/**
 * The portal's operations: what the pages call, with every rule enforced
 * behind them. Every operation that needs a signed-in user takes the session
 * token and checks it; time always enters as `now` (ms since 1970).
 * Failures throw `AppError` (shared/errors.ts).
 */
import type { AdminIndexEntry, AdminMfaFilter } from './admin-search';
import type { AuditFilter } from './audit-filter';
import type { AuditEvent, Role, SignInMethod, UserId } from './model';
import type { LockView } from './verifier';

/** The result of the password step or of the second-factor step. */
export type SignInResult =
  | { kind: 'signed_in'; token: string }
  /** MFA is on: ask for a code (or a recovery code) for this challenge. */
  | { kind: 'mfa_required'; challengeId: string }
  /** The owner turned MFA on for this admin: show their QR and ask for a code to finish. */
  | { kind: 'enrollment_required'; challengeId: string; enrollment: EnrollmentView };

/** A secret offered for enrollment, as the user sees it. */
export interface EnrollmentView {
  /** The account's email: the QR code's label. */
  email: string;
  /** Base32, no padding; shown beneath the QR grouped in fours. */
  secret: string;
  /** `otpauth://totp/Acme%20MSP:<email>?secret=...&issuer=Acme%20MSP` */
  uri: string;
  /** When the pending secret is replaced by a new one (ms), or null when it does not expire. */
  expiresAt: number | null;
}

/** MFA as one row or one profile shows it. */
export type MfaDisplay = 'disabled' | 'pending' | 'enabled' | 'not_applicable';

/** What the Profile page shows. */
export interface ProfileView {
  id: UserId;
  email: string;
  name: string;
  role: Role;
  signIn: SignInMethod;
  mfa: MfaDisplay;
  /**
   * Present while an enrollment the user started is pending: the secret to scan
   * or type. One the owner set is shown only at sign-in, right after the password.
   */
  enrollment: EnrollmentView | null;
  /** How many unused recovery codes remain (when MFA is enabled). */
  recoveryCodesLeft: number;
  /** Some of them are of the old, weaker format (10 characters): the user should regenerate them. */
  recoveryCodesOutdated: boolean;
}

/** One row of the Admins tab. */
export interface AdminRow {
  id: UserId;
  email: string;
  name: string;
  role: Role;
  signIn: SignInMethod;
  mfa: MfaDisplay;
  /** Whether their codes are refused for now: timed (until when) or hard (until the owner unlocks them). */
  lock: LockView;
}

/** What `watchAdmins` says of a change. */
export interface AdminsChange {
  /** True when this tab made it. */
  local: boolean;
  /** The admins whose index entry changed, or null when admins were added, removed or replaced (read the whole index again). */
  ids: UserId[] | null;
}

/** A page of rows and how many match in all. */
export interface Page<T> {
  rows: T[];
  total: number;
}

/** After a change that ended every session of the user: the session this tab goes on with. */
export interface FreshSession {
  /** The new session's token; the one used for the call no longer works. */
  token: string;
}

/** After MFA is confirmed: the recovery codes, shown this once. */
export interface MfaEnabled {
  recoveryCodes: string[];
}

/** The portal's operations. */
export interface PortalApi {
  /** The demo credentials the login page shows. */
  demoCredentials(): Promise<Array<{ email: string; password: string; role: Role; signIn: SignInMethod }>>;
  /** Restores the demo reseller account (Acme MSP) and signs everyone out. */
  resetDemoData(now: number): Promise<void>;

  /** The password step. */
  signInWithPassword(email: string, password: string, now: number): Promise<SignInResult>;
  /** The second-factor step: a 6-digit code or a recovery code. */
  verifyLoginCode(challengeId: string, code: string, now: number): Promise<SignInResult & { kind: 'signed_in' }>;
  /** Finishes the enrollment the owner started, at the admin's first sign-in after it. */
  completeLoginEnrollment(challengeId: string, code: string, now: number): Promise<{ token: string } & MfaEnabled>;
  /** The simulated identity provider's assertion for an SSO user: no code is asked. */
  signInWithSso(email: string, now: number): Promise<{ token: string }>;
  signOut(token: string): Promise<void>;

  /** Profile (any signed-in user, for themselves). */
  getProfile(token: string, now: number): Promise<ProfileView>;
  /** Offers a pending secret (a fresh one when none or when the last expired). */
  startEnrollment(token: string, now: number): Promise<EnrollmentView>;
  /**
   * "MFA Enabled" + "Update Profile": turns MFA on only with a valid code for the pending secret.
   * Ends every session of the user and returns this tab's fresh one.
   */
  confirmEnrollment(token: string, code: string, now: number): Promise<MfaEnabled & FreshSession>;
  /** A new secret replaces the pending one (needs the password). */
  renewSecret(token: string, password: string, now: number): Promise<EnrollmentView>;
  /** Turns MFA off (needs the password). Ends every session of the user and returns this tab's fresh one. */
  disableMfa(token: string, password: string, now: number): Promise<FreshSession>;
  /**
   * A new set of 10 recovery codes; the old set stops working (needs the password).
   * Ends every session of the user and returns this tab's fresh one.
   */
  regenerateRecoveryCodes(token: string, password: string, now: number): Promise<MfaEnabled & FreshSession>;
  /**
   * Changes the password (needs the current one; the new one has 8 to 1024 characters and
   * differs from it). Ends every session of the user and returns this tab's fresh one.
   */
  changePassword(token: string, currentPassword: string, newPassword: string, now: number): Promise<FreshSession>;

  /**
   * Admins tab (owner only): a page of the admins whose email contains
   * `search` and whose MFA is in the state `mfa` at `now` (every admin when absent or `all`).
   */
  listAdmins(
    token: string,
    query: { search?: string; mfa?: AdminMfaFilter; offset: number; limit: number },
    now: number,
  ): Promise<Page<AdminRow>>;
  /**
   * The Admins tab's search index (owner only): every admin's id, email,
   * sign-in method, MFA status and lock, in email order, for
   * `searchAdminIndex` and `countAdminMfa` to work on in memory. Nothing else.
   * Aborting `signal` (the tab closed) stops the reading and rejects with its reason.
   */
  listAdminIndex(token: string, now: number, signal?: AbortSignal): Promise<AdminIndexEntry[]>;
  /**
   * The index entries of these admins (owner only; at most 100), in the order
   * asked, unknown ids left out: what a kept index needs after `watchAdmins`
   * names the admins that changed.
   */
  getAdminIndexEntries(token: string, ids: readonly UserId[], now: number): Promise<AdminIndexEntry[]>;
  /** The Admins tab's rows for these ids (owner only; at most 100), in the order asked; unknown ids are left out. */
  getAdmins(token: string, ids: readonly UserId[], now: number): Promise<AdminRow[]>;
  /**
   * Calls `listener` when admins were added or removed or what the index holds
   * of one changed (an email, their MFA, a lock), in this tab or another, so a
   * kept index can be brought up to date. It says whether the change was made
   * here (`local`) and, when one admin changed, their id (`ids`; null when
   * admins were added, removed or replaced): nothing else, so it needs no
   * session. Returns a function that stops it.
   */
  watchAdmins(listener: (change: AdminsChange) => void): () => void;
  /** The MFA column's toggle: on gives the admin a pending secret; off removes MFA. */
  setAdminMfa(token: string, adminId: UserId, enabled: boolean, now: number): Promise<AdminRow>;
  /** Link to QR: the admin's pending secret, only while their enrollment is pending. Audited. */
  viewAdminQr(token: string, adminId: UserId, now: number): Promise<EnrollmentView>;
  /** Voids a confirmed admin's secret and recovery codes and returns them to pending. */
  resetAdminMfa(token: string, adminId: UserId, now: number): Promise<AdminRow>;
  /** Lifts an admin's lock (timed or hard) and clears their code and password failure counts (owner only). Audited. */
  unlockAdmin(token: string, adminId: UserId, now: number): Promise<AdminRow>;
  /** Audit log (owner only): a page of the events matching `filter` (all when absent), newest first. */
  listAudit(token: string, query: { offset: number; limit: number; filter?: AuditFilter }, now: number): Promise<Page<AuditEvent>>;
  /**
   * Every event matching `filter`, newest first, for a CSV download (owner
   * only). The export itself is audited (`audit_exported`, after the events
   * are read, so it is not in them).
   */
  exportAudit(token: string, filter: AuditFilter, now: number): Promise<AuditEvent[]>;
}
