/**
 * Finds the Admins tab's pages and counts its MFA states. Until its index is
 * prepared it asks the portal for each page (`listAdmins`); once prepared, it
 * keeps every admin's index entry (id, email, sign-in method, MFA status,
 * lock) in memory, searches, filters and counts there (about a millisecond
 * for 10,000 admins, against 150 ms or more for a search in IndexedDB) and
 * reads only the page's rows by id (`getAdmins`). The portal still checks the
 * session and the owner's role on every call.
 *
 * The index stays correct because it is brought up to date whenever the
 * portal says the admins changed (in this tab or another, see
 * `PortalApi.watchAdmins`): the changed admin's entry is read again after an
 * MFA change or a lock, the whole index after admins were added or replaced;
 * a page asked for after that waits for the new one. It belongs to one visit of the Admins tab: read when
 * the tab opens, dropped (its reading stopped) when the tab closes.
 */
import {
  countAdminMfa,
  patchAdminIndex,
  searchAdminIndex,
  type AdminIndexEntry,
  type AdminMfaCounts,
  type AdminSearchQuery,
} from '../../../shared/portal/admin-search';
import type { UserId } from '../../../shared/portal/model';
import type { AdminRow, AdminsChange, Page, PortalApi } from '../../../shared/portal/portal-api';

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
   * Follows changes to the admins: the index (if prepared) is brought up to
   * date and `listener` is called, told whether this tab made the change, so
   * the page in view can be asked for again. Returns a function that stops it.
   */
  watch(listener: (change: AdminsChange) => void): () => void;
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

  /** Reads the whole index (again), stopping a reading under way. */
  function readIndex(): void {
    stopReading.abort();
    stopReading = new AbortController();
    const reading = api.listAdminIndex(token, clock(), stopReading.signal);
    index = reading;
    forgetIfFailed(reading);
  }

  /**
   * Brings the index up to date for the admins that changed, reading only
   * their entries: after a toggle, a reading of 10,000 records would hold up
   * the next one (and the page's paint) for 100 ms or more.
   */
  function patchIndex(ids: readonly UserId[]): void {
    const base = index!;
    const patched = base.then(async (entries) => patchAdminIndex(entries, ids, await api.getAdminIndexEntries(token, ids, clock())));
    index = patched;
    forgetIfFailed(patched);
  }

  /**
   * A failed reading is forgotten, so the next page asks the portal directly and
   * `prepare` can try again; a page waiting for it reports the failure.
   */
  function forgetIfFailed(reading: Promise<readonly AdminIndexEntry[]>): void {
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
      // A status filter goes over every admin anyway: read the index for it (once, and kept for the
      // counts), rather than have the portal read every admin for this page and then again for the counts.
      if (query.mfa !== undefined && query.mfa !== 'all') prepare();
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
      return api.watchAdmins((change) => {
        // Brought up to date at once, so that a page asked for from now on waits for the new index.
        if (index && !disposed) {
          if (change.ids) patchIndex(change.ids);
          else readIndex();
        }
        listener(change);
      });
    },

    dispose() {
      disposed = true;
      stopReading.abort();
      index = undefined;
    },
  };
}
