/**
 * The Audit log page's model: one page of events, newest first, filtered by
 * person, kind of event and dates (in the owner's time zone), and the CSV
 * download of everything the filter matches. A hook returning state and
 * actions; what matches and what a day is are decided in shared/portal
 * (audit-filter.ts, local-dates.ts), and the filter is kept in the address
 * (`#/audit?person=…&event=…&from=…&to=…&page=…`), so a reload keeps it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isAppError } from '../../../shared/errors';
import { toAuditFilter, type AuditFilter } from '../../../shared/portal/audit-filter';
import type { AuditEvent } from '../../../shared/portal/model';
import type { PortalApi } from '../../../shared/portal/portal-api';
import { errorMessage, isSessionRejected } from '../model/errors';
import { useRouteState } from '../model/hash-route';

/** Events shown per page. */
export const AUDIT_PAGE_SIZE = 50;

/** The filter as the owner set it, and the page. */
export interface AuditView {
  /** Part of an email: who did it or whom it was about. */
  person: string;
  /** A kind of event (an `AuditAction`), or '' for every kind. */
  event: string;
  /** The first day shown, `YYYY-MM-DD`, or ''. */
  from: string;
  /** The last day shown, `YYYY-MM-DD`, or ''. */
  to: string;
  /** Index of the first event in view. */
  offset: number;
}

/** A part of the filter the owner got wrong, and what to do about it. */
export interface AuditFilterProblem {
  /** The field at fault, as the page names its inputs. */
  field: 'person' | 'event' | 'from' | 'to';
  /** The message to show. */
  message: string;
}

/** Longest page number read from the address: far past any log's last page. */
const MAX_PAGE = 1_000_000;

/** Reads the view from the hash parameters; anything unreadable is left for the filter to report, or defaults. */
export function parseAuditView(params: URLSearchParams): AuditView {
  const page = Number(params.get('page') ?? '1');
  return {
    person: params.get('person') ?? '',
    event: params.get('event') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    offset: Number.isSafeInteger(page) && page >= 1 && page <= MAX_PAGE ? (page - 1) * AUDIT_PAGE_SIZE : 0,
  };
}

/** Writes the view as hash parameters, leaving out what is blank and the first page. */
export function formatAuditView(view: AuditView): Record<string, string> {
  const page = Math.floor(view.offset / AUDIT_PAGE_SIZE) + 1;
  return { person: view.person, event: view.event, from: view.from, to: view.to, page: page === 1 ? '' : String(page) };
}

/** What the Audit log page shows and can do. */
export interface AuditModel {
  /** The filter as set, and the page. */
  view: AuditView;
  /** Whether any part of the filter is set. */
  filtered: boolean;
  /** The part of the filter that is wrong, or null. */
  filterProblem: AuditFilterProblem | null;
  /** The events on the current page, newest first. */
  events: AuditEvent[];
  /** How many events match in all. */
  total: number;
  /** Events per page. */
  limit: number;
  /** True while a page is being fetched. */
  loading: boolean;
  /** True once the first page has arrived (or failed). */
  loaded: boolean;
  /** Why the log could not be shown (e.g. not the owner), or null. */
  error: string | null;
  /** The time zone the dates are days of (the browser's). */
  timeZone: string;
  /** True while the CSV is being made. */
  exporting: boolean;
  /** What the last download did, for the live region ('' before any). */
  exportStatus: string;
  /** Why the last download failed, or null. */
  exportError: string | null;
  /** Changes part of the filter; the list starts again from its first page. */
  setFilter(change: Partial<Omit<AuditView, 'offset'>>): void;
  /** Clears every part of the filter. */
  clearFilter(): void;
  /** Shows the page that starts at `offset`. */
  goTo(offset: number): void;
  /** Fetches the current page again, to see new events. */
  refresh(): void;
  /** Downloads every event the filter matches as a CSV file. */
  exportCsv(): Promise<void>;
}

/** The browser's time zone, e.g. "Europe/Paris": the days of the date filter are its days. */
function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The filter for a view, or the part the owner got wrong. */
function buildFilter(view: AuditView, timeZone: string): { filter: AuditFilter } | { problem: AuditFilterProblem } {
  try {
    return { filter: toAuditFilter({ person: view.person, action: view.event, fromDate: view.from, toDate: view.to }, timeZone) };
  } catch (e) {
    if (!isAppError(e, 'audit_filter_invalid')) throw e;
    const field = e.details.field;
    // A time zone the browser cannot use is the dates' problem: clearing them is the way out.
    const named = field === 'person' || field === 'event' || field === 'to' ? field : 'from';
    return { problem: { field: named, message: e.message } };
  }
}

/** Saves `text` as a file named `name` through the browser's download. */
function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it has started; the URL would otherwise live as long as the page.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The Audit log's state and actions.
 * @param api The portal's operations.
 * @param token The signed-in owner's session token.
 * @param onSessionExpired Called when the session has ended, to return to sign-in.
 */
export function useAudit(api: PortalApi, token: string, onSessionExpired: () => void): AuditModel {
  const [view, setView] = useRouteState('audit', parseAuditView, formatAuditView);
  const [generation, setGeneration] = useState(0);
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportStatus, setExportStatus] = useState('');
  const [exportError, setExportError] = useState<string | null>(null);
  const requestId = useRef(0);
  const expiredRef = useRef(onSessionExpired);
  expiredRef.current = onSessionExpired;
  const timeZone = useMemo(browserTimeZone, []);

  // Keyed by the filter's values (not the page), so paging builds nothing new.
  const built = useMemo(() => buildFilter(view, timeZone), [view.person, view.event, view.from, view.to, timeZone]);
  const filter = 'filter' in built ? built.filter : null;
  const filterProblem = 'problem' in built ? built.problem : null;
  const filterKey = JSON.stringify(filter);

  useEffect(() => {
    const id = ++requestId.current;
    if (!filter) {
      // Nothing is asked for until the filter can be read: its message says what to fix.
      setEvents([]);
      setTotal(0);
      setLoading(false);
      setLoaded(true);
      return;
    }
    setLoading(true);
    api
      .listAudit(token, { offset: view.offset, limit: AUDIT_PAGE_SIZE, filter }, Date.now())
      .then(
        (page) => {
          if (id !== requestId.current) return;
          setEvents(page.rows);
          setTotal(page.total);
          setError(null);
        },
        (e: unknown) => {
          if (id !== requestId.current) return;
          if (isSessionRejected(e)) expiredRef.current();
          setEvents([]);
          setTotal(0);
          setError(errorMessage(e));
        },
      )
      .finally(() => {
        if (id !== requestId.current) return;
        setLoading(false);
        setLoaded(true);
      });
    // Keyed by the filter's text (`filter` itself is a new object whenever it is built again).
  }, [api, token, filterKey, view.offset, generation]);

  // A page past the end (the address kept page 9 of a list that has since shrunk): show the last one.
  useEffect(() => {
    if (loaded && !loading && events.length === 0 && total > 0 && view.offset > 0) {
      setView((v) => ({ ...v, offset: Math.floor((total - 1) / AUDIT_PAGE_SIZE) * AUDIT_PAGE_SIZE }));
    }
  }, [loaded, loading, events.length, total, view.offset, setView]);

  const setFilter = useCallback(
    (change: Partial<Omit<AuditView, 'offset'>>) => setView((v) => ({ ...v, ...change, offset: 0 })),
    [setView],
  );
  const clearFilter = useCallback(() => setView({ person: '', event: '', from: '', to: '', offset: 0 }), [setView]);
  const goTo = useCallback((next: number) => setView((v) => ({ ...v, offset: Math.max(0, next) })), [setView]);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);

  const exportCsv = useCallback(async () => {
    if (!filter || exporting) return;
    setExporting(true);
    setExportError(null);
    setExportStatus('Preparing the CSV file…');
    try {
      const now = Date.now();
      // papaparse and the file's layout load only now, on the first download.
      const [rows, csv] = await Promise.all([api.exportAudit(token, filter, now), import('./audit-csv')]);
      const name = csv.auditCsvFileName(now, timeZone);
      download(csv.formatAuditCsv(rows, timeZone), name);
      setExportStatus(`Downloaded ${name}: ${rows.length.toLocaleString('en-US')} event${rows.length === 1 ? '' : 's'}.`);
      // The download is itself recorded: show it.
      setGeneration((g) => g + 1);
    } catch (e) {
      if (isSessionRejected(e)) expiredRef.current();
      setExportStatus('');
      setExportError(errorMessage(e));
    } finally {
      setExporting(false);
    }
  }, [api, token, filterKey, timeZone, exporting]);

  const filtered = view.person.trim() !== '' || view.event !== '' || view.from !== '' || view.to !== '';
  return {
    view,
    filtered,
    filterProblem,
    events,
    total,
    limit: AUDIT_PAGE_SIZE,
    loading,
    loaded,
    error,
    timeZone,
    exporting,
    exportStatus,
    exportError,
    setFilter,
    clearFilter,
    goTo,
    refresh,
    exportCsv,
  };
}
