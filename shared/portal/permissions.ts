/**
 * Who may do what. Everyone manages their own MFA on Profile; only the owner
 * manages other admins' MFA, unlocks them, and reads and exports the audit log. Enforced here, behind
 * every page, so a forged call from an admin's page is refused (and audited).
 */
import type { AppErrorCode } from '../errors';
import type { PortalUser, Role } from './model';

/** The operations only the owner may call. */
export type OwnerOperation =
  | 'listAdmins'
  | 'setAdminMfa'
  | 'viewAdminQr'
  | 'resetAdminMfa'
  | 'unlockAdmin'
  | 'listAudit'
  | 'exportAudit';

/** Every owner-only operation. */
export const OWNER_OPERATIONS: readonly OwnerOperation[] = [
  'listAdmins',
  'setAdminMfa',
  'viewAdminQr',
  'resetAdminMfa',
  'unlockAdmin',
  'listAudit',
  'exportAudit',
];

/** Returns whether a user of `role` may call an owner-only operation. */
export function mayPerform(role: Role, _operation: OwnerOperation): boolean {
  return role === 'owner';
}

/**
 * Returns why the owner may not manage `target`'s MFA from the Admins tab, or
 * null if they may: the admin must exist, must not be the owner themselves
 * (that is Profile's job), and must sign in with a password (MFA does not
 * apply to SSO users).
 */
export function findAdminTargetProblem(
  actor: Pick<PortalUser, 'id'>,
  target: Pick<PortalUser, 'id' | 'signIn'> | undefined,
): AppErrorCode | null {
  if (!target) return 'user_not_found';
  if (target.id === actor.id) return 'own_mfa_on_profile';
  if (target.signIn === 'sso') return 'mfa_not_applicable';
  return null;
}
