/**
 * The signed-in session of the portal page: the token (kept in localStorage
 * so other tabs and the Link to QR window share the sign-in), the signed-in
 * user's profile, and the actions that change them.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PortalApi, ProfileView } from '../../../shared/portal/portal-api';
import { errorMessage, isSessionRejected } from './errors';

/** Where the session token is kept; shared by every portal tab and window. */
export const SESSION_STORAGE_KEY = 'portal.session';

/** Returns the stored session token, or null. Storage may be unavailable: that reads as signed out. */
export function readStoredToken(): string | null {
  try {
    return localStorage.getItem(SESSION_STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Stores the session token, or removes it when `token` is null. */
export function writeStoredToken(token: string | null): void {
  try {
    if (token === null) localStorage.removeItem(SESSION_STORAGE_KEY);
    else localStorage.setItem(SESSION_STORAGE_KEY, token);
  } catch {
    // Private mode without storage: the session lasts as long as the page.
  }
}

/** Where the session stands. */
export type SessionState =
  /** Checking a stored token with the domain. */
  | { status: 'loading' }
  /** Nobody is signed in; `notice` explains why when the session just ended. */
  | { status: 'signed_out'; notice: string | null }
  /** Signed in as `profile`. */
  | { status: 'signed_in'; token: string; profile: ProfileView };

/** The session model: its state and what can be done with it. */
export interface PortalSession {
  /** Where the session stands. */
  state: SessionState;
  /** A sign-in finished with this token: keep it and load the profile. */
  signedIn(token: string): Promise<void>;
  /** Signs out here and in every other tab. */
  signOut(): Promise<void>;
  /** The domain rejected the token: forget it and return to the login page. */
  expire(): void;
  /** Reloads the signed-in user's profile (after a change of their MFA state). */
  refreshProfile(): Promise<void>;
  /**
   * A change ended every session of the user and this tab got a fresh one
   * (MFA turned on or off, new recovery codes, a new password): swap to it at
   * once, keeping the page as it is, so nothing is sent with the dead token.
   */
  replaceToken(token: string): void;
}

/** Shown on the login page when a session ends without the user signing out. */
export const SESSION_ENDED_NOTICE = 'Your session has ended. Sign in again to continue.';

/**
 * The session model of the portal page. Follows the token across tabs: a
 * sign-out in one tab signs out the others, a sign-in in one signs in the others.
 *
 * @param api The portal's operations.
 */
export function usePortalSession(api: PortalApi): PortalSession {
  const [state, setState] = useState<SessionState>(() =>
    readStoredToken() ? { status: 'loading' } : { status: 'signed_out', notice: null },
  );
  // The token the latest load is for, so a slow, outdated load cannot win.
  const current = useRef<string | null>(readStoredToken());

  const load = useCallback(
    async (token: string) => {
      current.current = token;
      try {
        const profile = await api.getProfile(token, Date.now());
        if (current.current === token) setState({ status: 'signed_in', token, profile });
      } catch (e) {
        if (current.current !== token) return;
        current.current = null;
        // A rejected token is forgotten; after any other failure the token is
        // kept, so a reload can try again.
        if (isSessionRejected(e)) writeStoredToken(null);
        setState({ status: 'signed_out', notice: isSessionRejected(e) ? SESSION_ENDED_NOTICE : errorMessage(e) });
      }
    },
    [api],
  );

  useEffect(() => {
    const token = readStoredToken();
    if (token) void load(token);
    // Another tab signed in or out.
    const onStorage = (event: StorageEvent) => {
      if (event.key !== SESSION_STORAGE_KEY && event.key !== null) return;
      const next = readStoredToken();
      if (next === current.current) return;
      if (next) void load(next);
      else {
        current.current = null;
        setState({ status: 'signed_out', notice: null });
      }
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [load]);

  const signedIn = useCallback(
    async (token: string) => {
      writeStoredToken(token);
      await load(token);
    },
    [load],
  );

  const signOut = useCallback(async () => {
    const token = current.current;
    current.current = null;
    writeStoredToken(null);
    setState({ status: 'signed_out', notice: null });
    if (token) {
      // The local sign-out has happened already; the record is removed best-effort.
      await api.signOut(token).catch(() => undefined);
    }
  }, [api]);

  const expire = useCallback(() => {
    current.current = null;
    writeStoredToken(null);
    setState({ status: 'signed_out', notice: SESSION_ENDED_NOTICE });
  }, []);

  const refreshProfile = useCallback(async () => {
    const token = current.current;
    if (token) await load(token);
  }, [load]);

  const replaceToken = useCallback(
    (token: string) => {
      current.current = token;
      writeStoredToken(token);
      setState((s) => (s.status === 'signed_in' ? { ...s, token } : s));
      void load(token);
    },
    [load],
  );

  return { state, signedIn, signOut, expire, refreshProfile, replaceToken };
}
