/**
 * Finds the Admins tab's pages and counts its MFA states. Until its index is
 * prepared it asks the portal for each page (`listAdmins`); once prepared, it
 * keeps every admin's index entry (id, email, sign-in method, MFA status,
 * lock) in memory, searches, filters and counts there (about a millisecond
 * for 10,000 admins, against 150 ms or more for a search in IndexedDB) and
 * reads only the page's rows by id (`getAdmins`). The portal still checks the
 * session and the owner's role on every call.
 *
 * The index stays correct because it is read again whenever the portal says
 * the admins changed (an add, a reset, an MFA change, a lock; in this tab or
 * another, see `PortalApi.watchAdmins`), and a page asked for after that
 * waits for the new one. It belongs to one visit of the Admins tab: read when
 * the tab opens, dropped (its reading stopped) when the tab closes.
 */
import {
  countAdminMfa,
  searchAdminIndex,
  type AdminIndexEntry,
  type AdminMfaCounts,
  type AdminSearchQuery,
} from '../../../shared/portal/admin-search';
import type { AdminRow, Page, PortalApi } from '../../../shared/portal/portal-api';

/** The Admins tab's pages. */
export interface AdminFinder {
  /** A window of the admins matching `query.search` and `query.mfa`, and how many match in all. */
  find(query: AdminSearchQuery): Promise<Page<AdminRow>>;
  /**
   * How many of the admins matching `search` are in each MFA state, and how
   * many have no MFA. Prepares the index if it is not, and waits for it.
   */
  count(search: string | undefined): Promise<AdminMfaCounts>;
  /** Starts reading the index, if it is not read or being read; later pages come from it. */
  prepare(): void;
  /**
   * Follows changes to the admins: the index (if prepared) is read again and
   * `listener` is called, told whether this tab made the change, so the page
   * in view can be asked for again. Returns a function that stops it.
   */
  watch(listener: (source: { local: boolean }) => void): () => void;
  /** Stops reading the index and forgets it: the tab has closed. */
  dispose(): void;
}

/**
 * Makes the Admins tab's finder.
 * @param api The portal's operations.
 * @param token The signed-in owner's session token.
 * @param clock The time passed to the portal (tests fix it).
 */
export function createAdminFinder(api: PortalApi, token: string, clock: () => number = Date.now): AdminFinder {
  /** The index, or the reading of it; undefined until prepared, and after a failed reading. */
  let index: Promise<readonly AdminIndexEntry[]> | undefined;
  /** Stops the reading under way, which a newer one or the tab's closing makes useless. */
  let stopReading = new AbortController();
  let disposed = false;

  function readIndex(): void {
    stopReading.abort();
    stopReading = new AbortController();
    const reading = api.listAdminIndex(token, clock(), stopReading.signal);
    index = reading;
    // A failed reading is forgotten, so the next page asks the portal directly and
    // `prepare` can try again; a page waiting for it reports the failure.
    reading.catch(() => {
      if (index === reading) index = undefined;
    });
  }

  /**
   * The newest index, or undefined when there is none. A reading replaced while
   * awaited (the admins changed) gives way to the newer one; one that failed
   * has been forgotten, so the page is asked of the portal directly.
   */
  async function latestIndex(): Promise<readonly AdminIndexEntry[] | undefined> {
    for (let reading = index; reading; reading = index) {
      const entries = await reading.catch(() => undefined);
      if (index === reading) return entries;
    }
    return undefined;
  }

  function prepare(): void {
    if (!index && !disposed) readIndex();
  }

  return {
    async find(query) {
      const entries = await latestIndex();
      if (!entries) return api.listAdmins(token, query, clock());
      const now = clock();
      const { ids, total } = searchAdminIndex(entries, query, now);
      return { rows: await api.getAdmins(token, ids, now), total };
    },

    async count(search) {
      prepare();
      for (let reading = index; reading; reading = index) {
        const entries = await reading;
        // Replaced while awaited (the admins changed): count the newer one.
        if (index === reading) return countAdminMfa(entries, search, clock());
      }
      throw new DOMException('The Admins tab has closed.', 'AbortError');
    },

    prepare,

    watch(listener) {
      return api.watchAdmins((source) => {
        // Read again at once, so that a page asked for from now on waits for the new index.
        if (index && !disposed) readIndex();
        listener(source);
      });
    },

    dispose() {
      disposed = true;
      stopReading.abort();
      index = undefined;
    },
  };
}
