/**
 * The Admins tab's model: the page of admins in view, the search, and the
 * owner's actions on one admin's MFA. A hook returning state and actions; the
 * rules (who may do what, what is audited) stay in shared/portal.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AdminRow, PortalApi } from '../../../shared/portal/portal-api';
import { openExtensionWindow } from '../open-window';
import { adminQrWindowPath, QR_WINDOW_SIZE } from '../qr-window/qr-window-path';
import { errorMessage, isSessionRejected } from '../model/errors';

/** Admins shown per page: small enough to render at once, whatever the account's size. */
export const ADMINS_PAGE_SIZE = 50;

/** How long the search waits after the last keystroke before asking (ms). */
export const SEARCH_DEBOUNCE_MS = 200;

/** What the Admins tab shows and can do. */
export interface AdminsModel {
  /** The search box's text, as typed. */
  search: string;
  /** The search that the rows in view answer (the debounced text). */
  appliedSearch: string;
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
  /** Updates the search text; the list follows shortly after. */
  setSearch(text: string): void;
  /** Shows the page that starts at `offset`. */
  goTo(offset: number): void;
  /** The MFA column's toggle. Resolves to whether it succeeded. */
  setMfa(row: AdminRow, enabled: boolean): Promise<boolean>;
  /** Reset MFA: voids the admin's secret and returns them to pending. Resolves to whether it succeeded. */
  resetMfa(row: AdminRow): Promise<boolean>;
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
  const [search, setSearchText] = useState('');
  const [query, setQuery] = useState({ search: '', offset: 0 });
  const [rows, setRows] = useState<AdminRow[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [loaded, setLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState<ReadonlySet<string>>(new Set());
  const requestId = useRef(0);
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const expiredRef = useRef(onSessionExpired);
  expiredRef.current = onSessionExpired;

  /** Shows an error's message; a session that ended goes back to sign-in. */
  const report = useCallback((e: unknown, show: (message: string) => void) => {
    if (isSessionRejected(e)) expiredRef.current();
    show(errorMessage(e));
  }, []);

  useEffect(() => {
    const id = ++requestId.current;
    setLoading(true);
    api
      .listAdmins(token, { search: query.search || undefined, offset: query.offset, limit: ADMINS_PAGE_SIZE }, Date.now())
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
  }, [api, token, query, report]);

  useEffect(() => () => clearTimeout(debounce.current), []);

  const setSearch = useCallback((text: string) => {
    setSearchText(text);
    clearTimeout(debounce.current);
    debounce.current = setTimeout(() => setQuery({ search: text.trim(), offset: 0 }), SEARCH_DEBOUNCE_MS);
  }, []);

  const goTo = useCallback((offset: number) => {
    setQuery((q) => ({ ...q, offset: Math.max(0, offset) }));
  }, []);

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

  const setMfa = useCallback(
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
    search,
    appliedSearch: query.search,
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
    goTo,
    setMfa,
    resetMfa,
    openQr,
  };
}
