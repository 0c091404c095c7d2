/**
 * The Audit log page's model: one page of events, newest first.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { AuditEvent } from '../../../shared/portal/model';
import type { PortalApi } from '../../../shared/portal/portal-api';
import { errorMessage, isSessionRejected } from '../model/errors';

/** Events shown per page. */
export const AUDIT_PAGE_SIZE = 50;

/** What the Audit log page shows and can do. */
export interface AuditModel {
  /** The events on the current page, newest first. */
  events: AuditEvent[];
  /** How many events there are in all. */
  total: number;
  /** Index of the first event in view. */
  offset: number;
  /** Events per page. */
  limit: number;
  /** True while a page is being fetched. */
  loading: boolean;
  /** True once the first page has arrived (or failed). */
  loaded: boolean;
  /** Why the log could not be shown (e.g. not the owner), or null. */
  error: string | null;
  /** Shows the page that starts at `offset`. */
  goTo(offset: number): void;
  /** Fetches the current page again, to see new events. */
  refresh(): void;
}

/**
 * The Audit log's state and actions.
 * @param api The portal's operations.
 * @param token The signed-in owner's session token.
 * @param onSessionExpired Called when the session has ended, to return to sign-in.
 */
export function useAudit(api: PortalApi, token: string, onSessionExpired: () => void): AuditModel {
  const [offset, setOffset] = useState(0);
  const [generation, setGeneration] = useState(0);
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const requestId = useRef(0);
  const expiredRef = useRef(onSessionExpired);
  expiredRef.current = onSessionExpired;

  useEffect(() => {
    const id = ++requestId.current;
    setLoading(true);
    api
      .listAudit(token, { offset, limit: AUDIT_PAGE_SIZE }, Date.now())
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
  }, [api, token, offset, generation]);

  const goTo = useCallback((next: number) => setOffset(Math.max(0, next)), []);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);

  return { events, total, offset, limit: AUDIT_PAGE_SIZE, loading, loaded, error, goTo, refresh };
}
