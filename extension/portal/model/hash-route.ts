/**
 * Hash routing for the portal page: `#/login`, `#/profile`, `#/admins`,
 * `#/audit`. The hash keeps routes working in an extension page, which has
 * no server to answer other paths.
 *
 * A page may keep what it shows after the route, as parameters
 * (`#/admins?mfa=disabled&q=acme&page=2`), so a reload, a bookmark or Back
 * returns to the same view: see {@link useRouteState}. The hash never leaves
 * the browser (an extension page is not fetched from a server).
 */
import { useEffect, useRef, useState } from 'preact/hooks';

/** A page of the portal. */
export type Route = 'login' | 'profile' | 'admins' | 'audit';

/** Every route, in the order the routes are documented. */
export const ROUTES: readonly Route[] = ['login', 'profile', 'admins', 'audit'];

/** Returns the route a hash names, or null when it names none (e.g. "" or "#/nowhere"). */
export function parseRoute(hash: string): Route | null {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return (ROUTES as readonly string[]).includes(name) ? (name as Route) : null;
}

/** Returns the hash for a route and its parameters: `#/profile`, `#/admins?mfa=disabled`. Empty parameters are left out. */
export function routeHash(route: Route, params: Readonly<Record<string, string>> = {}): string {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== '')).toString();
  return query ? `#/${route}?${query}` : `#/${route}`;
}

/** The parameters after the route in a hash: `#/admins?mfa=disabled` gives `mfa=disabled`. */
export function parseRouteParams(hash: string): URLSearchParams {
  const at = hash.indexOf('?');
  return new URLSearchParams(at >= 0 ? hash.slice(at + 1) : '');
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

/**
 * A page's state kept in the hash after its route, so a reload keeps it. The
 * state is read from the hash when the page opens and whenever the hash
 * changes (Back, a link, an edit of the address); setting it replaces the
 * current history entry (typing in a search box must not add one per key).
 *
 * @param route The page's route.
 * @param parse Reads the state from the parameters; must accept anything (the address can be edited by hand).
 * @param format Writes the state as parameters; values equal to '' are left out.
 */
export function useRouteState<T>(
  route: Route,
  parse: (params: URLSearchParams) => T,
  format: (state: T) => Record<string, string>,
): [T, (update: T | ((current: T) => T)) => void] {
  const [state, setState] = useState<T>(() => parse(parseRouteParams(location.hash)));
  const formatRef = useRef(format);
  formatRef.current = format;
  const parseRef = useRef(parse);
  parseRef.current = parse;

  useEffect(() => {
    const follow = () => {
      if (parseRoute(location.hash) !== route) return;
      const next = parseRef.current(parseRouteParams(location.hash));
      // Only a different view: a new object for the same state would ask for the same page again.
      setState((current) => (routeHash(route, formatRef.current(current)) === routeHash(route, formatRef.current(next)) ? current : next));
    };
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [route]);

  // The address follows the state (written in its canonical form, so a hand-edited one is tidied).
  useEffect(() => {
    const hash = routeHash(route, formatRef.current(state));
    // Only while on this page: an answer that arrives after leaving it must not bring the route back.
    if (parseRoute(location.hash) === route && location.hash !== hash) history.replaceState(history.state, '', hash);
  }, [route, state]);

  return [state, setState];
}
