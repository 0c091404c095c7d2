/**
 * The Admins tab's search and MFA status filter, run in memory over an index
 * of the admins (ids, emails and where their MFA stands). It is the rule
 * `PortalStore.listUsers` applies in IndexedDB for a search (a case-insensitive
 * substring of the email; the matches in email order, then a window of them),
 * with the status filter and the counts of each status on top, done on an
 * array: about a millisecond for 10,000 admins, where a walk over IndexedDB
 * takes 150 ms or more (issue 7, item 5). The index holds nothing the Admins
 * tab does not show anyway: no secret, hash or recovery code.
 */
import { describeMfa } from './enrollment';
import type { MfaState, SignInMethod, UserId } from './model';
import { describeLock } from './verifier';

/** One admin in the search index. */
export interface AdminIndexEntry {
  /** The admin's id: a page's rows are read by it. */
  id: UserId;
  /** The admin's email, lower-case (as stored): what the search matches. */
  email: string;
  /** Password or SSO: MFA does not apply to SSO admins. */
  signIn: SignInMethod;
  /** Their MFA status and, while pending, when it stops being offered (null when the owner set it). */
  mfa: { status: MfaState['status']; expiresAt: number | null };
  /** Consecutive failed codes (100 or more: locked until the owner unlocks them). */
  failedAttempts: number;
  /** Codes are refused until this time (ms), or null. */
  lockedUntil: number | null;
}

/**
 * The Admins tab's MFA status choices. The first four are the MFA column's
 * states (pending is the article's "Enabled" toggle not yet confirmed by the
 * admin); `locked` is the Sign-in lock column's, so it overlaps them (a locked
 * admin also counts under their MFA state).
 */
export type AdminMfaFilter = 'all' | 'enabled' | 'pending' | 'disabled' | 'locked' | 'not_applicable';

/** Every choice, in the order the Admins tab lists them. */
export const ADMIN_MFA_FILTERS: readonly AdminMfaFilter[] = ['all', 'enabled', 'pending', 'disabled', 'locked', 'not_applicable'];

/** Which admins to show: the search text, the MFA status, and a window of the matches. */
export interface AdminSearchQuery {
  /** Part of an email; blank or absent matches everyone. */
  search?: string;
  /** Only admins in this MFA state; absent or `all` for every admin. */
  mfa?: AdminMfaFilter;
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

/**
 * How many of the admins matching a search are in each MFA state, plus how
 * many have no MFA.
 */
export interface AdminMfaCounts extends Record<AdminMfaFilter, number> {
  /**
   * Admins who sign in with a password and are not protected by a confirmed
   * second factor: MFA Disabled (an expired self-started setup included) or
   * Pending (turned on, not yet confirmed with a code: until then the password
   * alone opens the account, or lets whoever holds it finish the setup with
   * their own phone). SSO admins are not counted: MFA does not apply to them,
   * their SSO application authenticates them. Locked admins count by their
   * MFA state like everyone else.
   */
  noMfa: number;
}

/** The text a search compares: trimmed and lower-case, as stored emails are. */
export function normalizeSearch(text: string | undefined): string {
  return typeof text === 'string' ? text.trim().toLowerCase() : '';
}

/** Returns whether `value` is one of the MFA status choices. */
export function isAdminMfaFilter(value: unknown): value is AdminMfaFilter {
  return typeof value === 'string' && (ADMIN_MFA_FILTERS as readonly string[]).includes(value);
}

/** Returns whether the Sign-in lock column shows the admin locked at `now` (timed or until unlocked). */
function isLockedAt(entry: AdminIndexEntry, now: number): boolean {
  return describeLock(entry, now).status !== 'none';
}

/** Returns whether an admin is in the state `filter` names at `now`. */
export function matchesMfaFilter(entry: AdminIndexEntry, filter: AdminMfaFilter, now: number): boolean {
  if (filter === 'all') return true;
  if (filter === 'locked') return isLockedAt(entry, now);
  return describeMfa(entry, now) === filter;
}

/**
 * Finds a window of the admins whose email contains `query.search` and whose
 * MFA is in the state `query.mfa` at `now`.
 * @param index Every admin, in email order (as `PortalApi.listAdminIndex` returns them).
 * @param query The search, the status and the window.
 * @param now The time (ms): a setup started on Profile stops being pending after 10 minutes, and a timed lock ends.
 */
export function searchAdminIndex(index: readonly AdminIndexEntry[], query: AdminSearchQuery, now: number): AdminSearchResult {
  const { offset, limit } = query;
  const needle = normalizeSearch(query.search);
  const status = query.mfa ?? 'all';
  if (needle === '' && status === 'all') {
    return { ids: index.slice(offset, offset + limit).map((entry) => entry.id), total: index.length };
  }
  const ids: UserId[] = [];
  let total = 0;
  for (const entry of index) {
    if (!entry.email.includes(needle) || !matchesMfaFilter(entry, status, now)) continue;
    if (total >= offset && ids.length < limit) ids.push(entry.id);
    total++;
  }
  return { ids, total };
}

/**
 * Counts the admins whose email contains `search` in each MFA state at `now`,
 * in one pass: what each choice of the filter would show, and how many have no MFA.
 */
export function countAdminMfa(index: readonly AdminIndexEntry[], search: string | undefined, now: number): AdminMfaCounts {
  const counts: AdminMfaCounts = { all: 0, enabled: 0, pending: 0, disabled: 0, locked: 0, not_applicable: 0, noMfa: 0 };
  const needle = normalizeSearch(search);
  for (const entry of index) {
    if (needle !== '' && !entry.email.includes(needle)) continue;
    counts.all++;
    const mfa = describeMfa(entry, now);
    counts[mfa]++;
    if (mfa === 'disabled' || mfa === 'pending') counts.noMfa++;
    if (isLockedAt(entry, now)) counts.locked++;
  }
  return counts;
}

/** Orders emails as IndexedDB's email index does: by UTF-16 code units. */
function compareEmails(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The index brought up to date for some admins: the entries of `ids` are
 * replaced by `fresh` (an id missing from `fresh` no longer exists and is left
 * out), each at its place in email order. The index given is not changed.
 * @param index Every admin, in email order.
 * @param ids The admins that changed.
 * @param fresh Their entries now, as `PortalApi.getAdminIndexEntries` gives them.
 */
export function patchAdminIndex(
  index: readonly AdminIndexEntry[],
  ids: readonly UserId[],
  fresh: readonly AdminIndexEntry[],
): AdminIndexEntry[] {
  const changed = new Set<string>(ids);
  const patched = index.filter((entry) => !changed.has(entry.id));
  for (const entry of fresh) {
    // The first place whose email sorts after this one (emails are unique).
    let low = 0;
    let high = patched.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareEmails(patched[middle]!.email, entry.email) < 0) low = middle + 1;
      else high = middle;
    }
    patched.splice(low, 0, entry);
  }
  return patched;
}
