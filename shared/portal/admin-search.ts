/**
 * The Admins tab's search, run in memory over an index of the admins' ids
 * and emails. It is the rule `PortalStore.listUsers` applies in IndexedDB (a
 * case-insensitive substring of the email; the matches in email order, then
 * a window of them), done on an array: well under a millisecond for 10,000
 * admins, where a walk over IndexedDB takes 150 ms or more (issue 7, item 5).
 * The index holds nothing the Admins tab does not show anyway.
 */
import type { UserId } from './model';

/** One admin in the search index. */
export interface AdminIndexEntry {
  /** The admin's id: a page's rows are read by it. */
  id: UserId;
  /** The admin's email, lower-case (as stored): what the search matches. */
  email: string;
}

/** Which admins to show: the search text and a window of its matches. */
export interface AdminSearchQuery {
  /** Part of an email; blank or absent matches everyone. */
  search?: string;
  /** How many matches to skip, 0 or more. */
  offset: number;
  /** How many matches at most, 1 or more. */
  limit: number;
}

/** The ids of a window of matches, and how many match in all. */
export interface AdminSearchResult {
  /** The ids of the matches in the window, in email order. */
  ids: UserId[];
  /** How many admins match in all. */
  total: number;
}

/** The text a search compares: trimmed and lower-case, as stored emails are. */
export function normalizeSearch(text: string | undefined): string {
  return typeof text === 'string' ? text.trim().toLowerCase() : '';
}

/**
 * Finds a window of the admins whose email contains `query.search`.
 * @param index Every admin, in email order (as `PortalApi.listAdminIndex` returns them).
 * @param query The search and the window.
 */
export function searchAdminIndex(index: readonly AdminIndexEntry[], query: AdminSearchQuery): AdminSearchResult {
  const { offset, limit } = query;
  const needle = normalizeSearch(query.search);
  if (needle === '') return { ids: index.slice(offset, offset + limit).map((entry) => entry.id), total: index.length };
  const ids: UserId[] = [];
  let total = 0;
  for (const entry of index) {
    if (!entry.email.includes(needle)) continue;
    if (total >= offset && ids.length < limit) ids.push(entry.id);
    total++;
  }
  return { ids, total };
}
