/**
 * Hash routing for the portal page: `#/login`, `#/profile`, `#/admins`,
 * `#/audit`. The hash keeps routes working in an extension page, which has
 * no server to answer other paths.
 */
import { useEffect, useState } from 'preact/hooks';

/** A page of the portal. */
export type Route = 'login' | 'profile' | 'admins' | 'audit';

/** Every route, in the order the routes are documented. */
export const ROUTES: readonly Route[] = ['login', 'profile', 'admins', 'audit'];

/** Returns the route a hash names, or null when it names none (e.g. "" or "#/nowhere"). */
export function parseRoute(hash: string): Route | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : null;
}

/** Returns the hash for a route: `#/profile`. */
export function routeHash(route: Route): string {
  return `#/${route}`;
}

/** Goes to a route; `replace` swaps the current history entry instead of adding one (redirects). */
export function navigate(route: Route, { replace = false }: { replace?: boolean } = {}): void {
  const hash = routeHash(route);
  if (location.hash === hash) return;
  if (replace) {
    history.replaceState(history.state, '', hash);
    // replaceState fires no hashchange: tell the listeners ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = hash;
  }
}

/** The route in the address bar, following back/forward and links. */
export function useHashRoute(): Route | null {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
