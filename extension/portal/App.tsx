/**
 * The portal's shell: the top bar every page shares, hash routing
 * (#/login, #/profile, #/admins, #/audit) and the session that decides
 * between the login page and the signed-in pages.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { PortalApi, ProfileView } from '../../shared/portal/portal-api';
import { TopBar, type NavTab } from './components/TopBar';
import { navigate, routeHash, useHashRoute, type Route } from './model/hash-route';
import { usePortalSession } from './model/session';
import type { PageProps } from './page-props';
import { AdminsPage } from './pages/AdminsPage';
import { AuditPage } from './pages/AuditPage';
import { LoginPage } from './pages/LoginPage';
import { ProfilePage } from './pages/ProfilePage';

/** Props of {@link App}. */
export interface AppProps {
  /** The portal's operations (the real domain on IndexedDB in the extension). */
  api: PortalApi;
}

/** The product's name, the last part of every page title. */
const PRODUCT_TITLE = 'Acme MSP Portal';

/** Each signed-in page's title. */
const PAGE_TITLES: Record<Exclude<Route, 'login'>, string> = { profile: 'Profile', admins: 'Admins', audit: 'Audit log' };

/** Where a user lands after signing in: the owner on the Admins tab, an admin on Profile. */
export function landingRoute(profile: ProfileView): Route {
  return profile.role === 'owner' ? 'admins' : 'profile';
}

/** The tabs of the top bar. Admins and Audit log are the owner's; the domain refuses them to others anyway. */
export function navTabs(profile: ProfileView, route: Route | null): NavTab[] {
  if (profile.role !== 'owner') return [];
  return (['admins', 'audit'] as const).map((tab) => ({ label: PAGE_TITLES[tab], href: routeHash(tab), current: route === tab }));
}

/** The portal page. */
export function App({ api }: AppProps) {
  const session = usePortalSession(api);
  const route = useHashRoute();
  const main = useRef<HTMLElement>(null);
  const previousRoute = useRef<Route | null>(null);
  const { state } = session;

  // Signed out: only the login page. Signed in: anywhere but the login page.
  useEffect(() => {
    if (state.status === 'signed_out' && route !== 'login') navigate('login', { replace: true });
    if (state.status === 'signed_in' && (route === 'login' || route === null)) navigate(landingRoute(state.profile), { replace: true });
  }, [state, route]);

  // Name the page, and after moving between pages put the focus on the new
  // page's heading, so a screen reader announces where the user now is.
  useEffect(() => {
    if (state.status !== 'signed_in' || route === null || route === 'login') {
      document.title = PRODUCT_TITLE;
      return;
    }
    document.title = `${PAGE_TITLES[route]} · ${PRODUCT_TITLE}`;
    if (previousRoute.current !== null && previousRoute.current !== route) {
      const heading = main.current?.querySelector<HTMLElement>('h1');
      if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading?.focus();
    }
    previousRoute.current = route;
  }, [state.status, route]);

  const skipLink = (
    <a
      class="skip-link"
      href="#main"
      onClick={(event) => {
        // The hash is the route: focus the main region instead of following the link.
        event.preventDefault();
        main.current?.focus();
      }}
    >
      Skip to main content
    </a>
  );

  if (state.status === 'loading') {
    return (
      <div class="splash" role="status">
        <span class="spinner spinner--large" aria-hidden="true" />
        Loading the portal…
      </div>
    );
  }

  if (state.status === 'signed_out') {
    return (
      <>
        {skipLink}
        <TopBar tabs={[]} user={null} profileHref={routeHash('profile')} onSignOut={() => undefined} />
        <main id="main" ref={main} tabIndex={-1}>
          <LoginPage api={api} onSignedIn={(token) => void session.signedIn(token)} notice={state.notice} />
        </main>
      </>
    );
  }

  const pageProps: PageProps = { api, token: state.token, profile: state.profile, onSessionExpired: session.expire };
  return (
    <>
      {skipLink}
      <TopBar
        tabs={navTabs(state.profile, route)}
        user={state.profile}
        profileHref={routeHash('profile')}
        onSignOut={() => void session.signOut()}
      />
      {/* Keyed by user, not token: a change that swaps the token (new password, MFA on) keeps the page and what it shows. */}
      <main id="main" ref={main} tabIndex={-1} key={state.profile.id}>
        {route === 'profile' && (
          <ProfilePage {...pageProps} onProfileChanged={() => void session.refreshProfile()} onTokenChanged={session.replaceToken} />
        )}
        {route === 'admins' && <AdminsPage {...pageProps} />}
        {route === 'audit' && <AuditPage {...pageProps} />}
      </main>
    </>
  );
}
