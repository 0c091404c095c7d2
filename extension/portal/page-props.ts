/**
 * The props every signed-in page of the portal receives from the shell
 * (App.tsx). Pages get the domain only through `api`, and time as
 * `Date.now()` passed on each call.
 */
import type { PortalApi, ProfileView } from '../../shared/portal/portal-api';

/** What the shell hands to a signed-in page (Profile, Admins, Audit log). */
export interface PageProps {
  /** The portal's operations; every rule is enforced behind them. */
  api: PortalApi;
  /** The signed-in session token (kept in localStorage as 'portal.session'). */
  token: string;
  /** The signed-in user as of the last refresh: role, email, MFA state. */
  profile: ProfileView;
  /**
   * Call when the api rejects the token (signed out elsewhere, expired):
   * the shell forgets the token and returns to the login page.
   */
  onSessionExpired(): void;
}
