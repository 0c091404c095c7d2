/**
 * The Admins tab's model: the page of admins in view, the search, the MFA
 * status filter with its counts, and the owner's actions on one admin's MFA.
 * A hook returning state and actions; the rules (who may do what, what is
 * audited, what each status means) stay in shared/portal.
 *
 * The search runs at every keystroke, without waiting for typing to pause: it
 * is answered from the finder's index in memory (see admin-finder.ts), so each
 * answer is a few milliseconds, and an answer that comes back after a newer
 * one was asked for is dropped. The view (search, status, page) is kept in
 * the address (`#/admins?q=…&mfa=…&page=…`), so a reload keeps it.
 *
 * A change the owner makes here (a toggle, a reset, an unlock) updates its
 * row in place and the counts at once, but does not filter the page again:
 * the row just toggled stays under the pointer instead of vanishing from a
 * "Disabled" list (and the next row sliding under the next click). The page
 * is filtered again when the owner changes the search, status or page, and
 * when a change comes from elsewhere (another tab, an admin's own sign-in).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { AdminMfaCounts, AdminMfaFilter } from '../../../shared/portal/admin-search';
import type { AdminRow, PortalApi } from '../../../shared/portal/portal-api';
import { openExtensionWindow } from '../open-window';
import { adminQrWindowPath, QR_WINDOW_SIZE } from '../qr-window/qr-window-path';
import { errorMessage, isSessionRejected } from '../model/errors';
import { useRouteState } from '../model/hash-route';
import { createAdminFinder } from './admin-finder';
import { ADMINS_PAGE_SIZE, formatAdminsView, parseAdminsView } from './admins-view';

export { ADMINS_PAGE_SIZE } from './admins-view';

/** What the Admins tab shows and can do. */
export interface AdminsModel {
  /** The search box's text, as typed. */
  search: string;
  /** The search that the rows in view answer (the text, trimmed). */
  appliedSearch: string;
  /** The MFA status chosen. */
  mfa: AdminMfaFilter;
  /** How many of the admins matching the search are in each MFA state; null until the index is read (or if it cannot be). */
  counts: AdminMfaCounts | null;
  /** The admins on the current page. */
  rows: AdminRow[];
  /** How many admins match the search in all. */
  total: number;
  /** Index of the first row in view. */
  offset: number;
  /** Rows per page. */
  limit: number;
  /** True while a page is being fetched. */
  loading: boolean;
  /** True once the first page has arrived (or failed). */
  loaded: boolean;
  /** Why the list could not be shown (e.g. not the owner), or null. */
  loadError: string | null;
  /** Why the last action failed, or null. */
  actionError: string | null;
  /** The outcome of the last action, for the live region. */
  status: string;
  /** Ids of admins whose change is being saved. */
  saving: ReadonlySet<string>;
  /** Updates the search text; the list follows. */
  setSearch(text: string): void;
  /** Shows the admins in one MFA state (or all), from the first page. */
  setMfa(filter: AdminMfaFilter): void;
  /** Shows the page that starts at `offset`. */
  goTo(offset: number): void;
  /** The MFA column's toggle. Resolves to whether it succeeded. */
  setAdminMfa(row: AdminRow, enabled: boolean): Promise<boolean>;
  /** Reset MFA: voids the admin's secret and returns them to pending. Resolves to whether it succeeded. */
  resetMfa(row: AdminRow): Promise<boolean>;
  /** Lifts an admin's lock (after too many wrong codes or passwords); resolves to whether it was saved. */
  unlock(row: AdminRow): Promise<boolean>;
  /** Link to QR: opens the admin's QR code in an additional window. */
  openQr(row: AdminRow): Promise<void>;
}

/**
 * The Admins tab's state and actions.
 * @param api The portal's operations.
 * @param token The signed-in owner's session token.
 * @param onSessionExpired Called when the session has ended, to return to sign-in.
 */
export function useAdmins(api: PortalApi, token: string, onSessionExpired: () => void): AdminsModel {
  const [view, setView] = useRouteState('admins', parseAdminsView, formatAdminsView);
  const appliedSearch = view.search.trim();
  // Keyed by what is asked, not by the text as typed: a trailing space asks for nothing new.
  const query = useMemo(() => ({ search: appliedSearch, mfa: view.mfa, offset: view.offset }), [appliedSearch, view.mfa, view.offset]);
  const [rows, setRows] = useState<AdminRow[]>([]);
  const [counts, setCounts] = useState<AdminMfaCounts | null>(null);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState<ReadonlySet<string>>(new Set());
  /** Counts the changes to the admins made elsewhere while the tab is open: each one asks for the page again. */
  const [changes, setChanges] = useState(0);
  /** Counts every change to the admins (this tab's own too): each one counts the states again. */
  const [countChanges, setCountChanges] = useState(0);
  const requestId = useRef(0);
  const countId = useRef(0);
  const finder = useMemo(() => createAdminFinder(api, token), [api, token]);
  const expiredRef = useRef(onSessionExpired);
  expiredRef.current = onSessionExpired;

  /** Shows an error's message; a session that ended goes back to sign-in. */
  const report = useCallback((e: unknown, show: (message: string) => void) => {
    if (isSessionRejected(e)) expiredRef.current();
    show(errorMessage(e));
  }, []);

  useEffect(() => {
    const stopWatching = finder.watch(({ local }) => {
      if (!local) setChanges((n) => n + 1);
      setCountChanges((n) => n + 1);
    });
    return () => {
      stopWatching();
      finder.dispose();
    };
  }, [finder]);

  // A layout effect runs as soon as the page is rendered, where an effect would
  // wait for the next frame to be painted: the request goes out a frame sooner.
  useLayoutEffect(() => {
    const id = ++requestId.current;
    setLoading(true);
    finder
      .find({ search: query.search || undefined, mfa: query.mfa, offset: query.offset, limit: ADMINS_PAGE_SIZE })
      .then(
        (page) => {
          // A slower, older answer must not overwrite a newer one.
          if (id !== requestId.current) return;
          setRows(page.rows);
          setTotal(page.total);
          setLoadError(null);
        },
        (e: unknown) => {
          if (id !== requestId.current) return;
          setRows([]);
          setTotal(0);
          report(e, setLoadError);
        },
      )
      .finally(() => {
        if (id !== requestId.current) return;
        setLoading(false);
        setLoaded(true);
      });
  }, [finder, query, changes, report]);

  // Effects run after the browser has painted: the index is read (by counting) once the
  // first page is on screen, so it never delays it, and is ready before the first search.
  // Not after a refusal: asking again would only be refused (and audited) again.
  const ready = loaded && !loadError;
  useEffect(() => {
    if (!ready) return;
    const id = ++countId.current;
    finder.count(appliedSearch || undefined).then(
      (next) => {
        if (id === countId.current) setCounts(next);
      },
      // Without the index there are no counts; the pages still come from the portal.
      () => {
        if (id === countId.current) setCounts(null);
      },
    );
  }, [finder, ready, appliedSearch, countChanges]);

  // A page past the end (the address kept page 9 of a list that has since shrunk): show the last one.
  useEffect(() => {
    if (loaded && !loading && rows.length === 0 && total > 0 && query.offset > 0) {
      setView((v) => ({ ...v, offset: Math.floor((total - 1) / ADMINS_PAGE_SIZE) * ADMINS_PAGE_SIZE }));
    }
  }, [loaded, loading, rows.length, total, query.offset, setView]);

  const setSearch = useCallback((text: string) => {
    setView((v) => (v.search === text ? v : { ...v, search: text, offset: v.search.trim() === text.trim() ? v.offset : 0 }));
  }, [setView]);

  const setMfa = useCallback((mfa: AdminMfaFilter) => {
    setView((v) => (v.mfa === mfa ? v : { ...v, mfa, offset: 0 }));
  }, [setView]);

  const goTo = useCallback((offset: number) => {
    setView((v) => ({ ...v, offset: Math.max(0, offset) }));
  }, [setView]);

  /** Runs one change to one admin, marking the row as saving and replacing it with the result. */
  const change = useCallback(
    async (row: AdminRow, run: () => Promise<AdminRow>, done: (updated: AdminRow) => string): Promise<boolean> => {
      setSaving((s) => new Set(s).add(row.id));
      setActionError(null);
      setStatus(`Saving MFA for ${row.email}…`);
      try {
        const updated = await run();
        setRows((rs) => rs.map((r) => (r.id === updated.id ? updated : r)));
        setStatus(done(updated));
        return true;
      } catch (e) {
        setStatus('');
        report(e, setActionError);
        return false;
      } finally {
        setSaving((s) => {
          const next = new Set(s);
          next.delete(row.id);
          return next;
        });
      }
    },
    [report],
  );

  const setAdminMfa = useCallback(
    (row: AdminRow, enabled: boolean) =>
      change(
        row,
        () => api.setAdminMfa(token, row.id, enabled, Date.now()),
        (updated) =>
          updated.mfa === 'disabled'
            ? `MFA is now disabled for ${updated.email}: they sign in with their password alone.`
            : `MFA is now enabled for ${updated.email}, waiting for them to scan the QR code. Use Link to QR to show it to them.`,
      ),
    [api, token, change],
  );

  const resetMfa = useCallback(
    (row: AdminRow) =>
      change(
        row,
        () => api.resetAdminMfa(token, row.id, Date.now()),
        (updated) =>
          `MFA was reset for ${updated.email}: their old codes and recovery codes no longer work. Use Link to QR to give them a new QR code.`,
      ),
    [api, token, change],
  );

  const unlock = useCallback(
    (row: AdminRow) =>
      change(
        row,
        () => api.unlockAdmin(token, row.id, Date.now()),
        (updated) => `${updated.email} is unlocked: they can sign in with a code from their authenticator app again.`,
      ),
    [api, token, change],
  );

  const openQr = useCallback(
    async (row: AdminRow) => {
      setActionError(null);
      try {
        await openExtensionWindow(adminQrWindowPath(row.id), QR_WINDOW_SIZE);
        setStatus(`The QR code for ${row.email} opened in a new window.`);
      } catch {
        setActionError(`The QR code window for ${row.email} could not be opened. Allow pop-up windows for the portal and try again.`);
      }
    },
    [],
  );

  return {
    search: view.search,
    appliedSearch,
    mfa: view.mfa,
    counts,
    rows,
    total,
    offset: query.offset,
    limit: ADMINS_PAGE_SIZE,
    loading,
    loaded,
    loadError,
    actionError,
    status,
    saving,
    setSearch,
    setMfa,
    goTo,
    setAdminMfa,
    resetMfa,
    unlock,
    openQr,
  };
}
