/**
 * What the Admins tab shows, in the address and in words: the view (search,
 * MFA status, page) as hash parameters, the status choices' labels, the
 * "no MFA" summary and what a screen reader hears after each change. Pure,
 * so a Node test can check every wording; the counts themselves come from
 * shared/portal/admin-search.ts.
 */
import { isAdminMfaFilter, type AdminMfaCounts, type AdminMfaFilter } from '../../../shared/portal/admin-search';

/** Admins shown per page: small enough to render at once, whatever the account's size. */
export const ADMINS_PAGE_SIZE = 50;

/** Which admins the tab shows. */
export interface AdminsView {
  /** The search box's text, as typed. */
  search: string;
  /** The MFA status chosen. */
  mfa: AdminMfaFilter;
  /** Index of the first row in view (a multiple of the page size). */
  offset: number;
}

/**
 * Each status choice as the filter labels it: the MFA column's words (a
 * pending admin's switch says Enabled, with "not yet confirmed"), the Sign-in
 * lock column's "Locked", and why MFA is not applicable.
 */
export const MFA_FILTER_LABELS: Record<AdminMfaFilter, string> = {
  all: 'All',
  enabled: 'Enabled',
  pending: 'Enabled, not yet confirmed',
  disabled: 'Disabled',
  locked: 'Locked',
  not_applicable: 'Not applicable (SSO)',
};

/** Longest page number read from the address: far past any account's last page. */
const MAX_PAGE = 1_000_000;

/**
 * Reads the view from the hash parameters `q`, `mfa` and `page` (1-based).
 * Anything unreadable falls back to its default: every admin, the first page.
 */
export function parseAdminsView(params: URLSearchParams): AdminsView {
  const mfa = params.get('mfa');
  const page = Number(params.get('page') ?? '1');
  return {
    search: params.get('q') ?? '',
    mfa: isAdminMfaFilter(mfa) ? mfa : 'all',
    offset: Number.isSafeInteger(page) && page >= 1 && page <= MAX_PAGE ? (page - 1) * ADMINS_PAGE_SIZE : 0,
  };
}

/** Writes the view as hash parameters, leaving out the defaults. */
export function formatAdminsView(view: AdminsView): Record<string, string> {
  const page = Math.floor(view.offset / ADMINS_PAGE_SIZE) + 1;
  return { q: view.search, mfa: view.mfa === 'all' ? '' : view.mfa, page: page === 1 ? '' : String(page) };
}

const count = new Intl.NumberFormat('en-US');

/** "1 admin", "12 admins". */
function admins(n: number): string {
  return `${count.format(n)} admin${n === 1 ? '' : 's'}`;
}

/**
 * The summary above the table: how many of the admins in view (those the
 * search matches) have no MFA, and what that means. "No MFA" is Disabled or
 * Enabled but not yet confirmed (see `AdminMfaCounts.noMfa`); SSO admins are
 * never counted as without MFA.
 * @returns "3 of 12 admins have no MFA: …", or '' when no admin matches.
 */
export function describeNoMfa(counts: AdminMfaCounts, search: string): string {
  if (counts.all === 0) return '';
  const matching = search ? ` matching “${search}”` : '';
  const verb = counts.noMfa === 1 ? 'has' : 'have';
  const sso =
    counts.not_applicable > 0
      ? ` ${admins(counts.not_applicable)} ${counts.not_applicable === 1 ? 'signs' : 'sign'} in with SSO, where MFA does not apply.`
      : '';
  return `${count.format(counts.noMfa)} of ${admins(counts.all)}${matching} ${verb} no MFA (Disabled, or Enabled but not yet confirmed by the admin).${sso}`;
}

/**
 * What the table shows, in words for a screen reader ("12 admins match “acme”.",
 * "3 admins match MFA status “Disabled”.", "Admins 51 to 100 of 10,005."),
 * worded apart from the visible range line.
 */
export function describeAdminsForScreenReader(offset: number, shown: number, total: number, search: string, mfa: AdminMfaFilter): string {
  if (search || mfa !== 'all') {
    const number = total === 0 ? 'No' : count.format(total);
    const what = [mfa !== 'all' ? `MFA status “${MFA_FILTER_LABELS[mfa]}”` : '', search ? `“${search}”` : ''].filter(Boolean).join(' and ');
    return `${number} admin${total === 1 ? '' : 's'} match${total === 1 ? 'es' : ''} ${what}.`;
  }
  return shown === 0 ? '' : `Admins ${count.format(offset + 1)} to ${count.format(offset + shown)} of ${count.format(total)}.`;
}

/** What the table says when no admin matches. */
export function describeNoMatch(search: string, mfa: AdminMfaFilter): string {
  if (mfa === 'all') return search ? `No admin’s email contains “${search}”.` : 'There are no admins yet.';
  return `No admin has MFA status “${MFA_FILTER_LABELS[mfa]}”${search ? ` and an email containing “${search}”` : ''}.`;
}
