import { describe, expect, it } from 'vitest';
import { describeRange } from '../../extension/portal/components/Pagination';
import { adminQrWindowHref, adminQrWindowPath } from '../../extension/portal/qr-window/qr-window-path';
import { AUDIT_ACTION_WORDS, describeAuditAction, describeAuditReason } from '../../extension/portal/audit/audit-words';
import { AUDIT_PAGE_SIZE, formatAuditView, parseAuditView } from '../../extension/portal/audit/use-audit';
import {
  ADMINS_PAGE_SIZE,
  describeAdminsForScreenReader,
  describeNoMatch,
  describeNoMfa,
  formatAdminsView,
  parseAdminsView,
} from '../../extension/portal/admins/admins-view';
import { parseRoute, parseRouteParams, routeHash } from '../../extension/portal/model/hash-route';
import { ADMIN_MFA_FILTERS, type AdminMfaCounts } from '../../shared/portal/admin-search';

describe('describeRange', () => {
  it.each([
    [0, 50, 10_000, 'Showing 1–50 of 10,000 admins'],
    [50, 50, 10_005, 'Showing 51–100 of 10,005 admins'],
    [10_000, 5, 10_005, 'Showing 10,001–10,005 of 10,005 admins'],
    [0, 1, 1, 'Showing 1–1 of 1 admins'],
    [0, 0, 0, 'No admins to show'],
  ])('describes offset %i, %i shown, of %i', (offset, shown, total, text) => {
    expect(describeRange(offset, shown, total, 'admins')).toBe(text);
  });
});

describe('adminQrWindowPath', () => {
  it('names only the admin, under the QR window page', () => {
    expect(adminQrWindowPath('6f1c-42')).toBe('extension/portal/qr-window/index.html?admin=6f1c-42');
    expect(adminQrWindowHref('6f1c-42')).toBe('qr-window/index.html?admin=6f1c-42');
  });

  it('encodes the id', () => {
    expect(adminQrWindowPath('a b&c')).toBe('extension/portal/qr-window/index.html?admin=a+b%26c');
  });
});

describe('describeAuditAction', () => {
  it('has words for every action', () => {
    for (const words of Object.values(AUDIT_ACTION_WORDS)) expect(words).toMatch(/^[A-Z]/);
    expect(describeAuditAction('qr_viewed')).toBe('Viewed the QR code');
    expect(describeAuditAction('mfa_reset')).toBe('Reset MFA');
  });

  it('shows an unknown action readably', () => {
    expect(describeAuditAction('something_new')).toBe('something new');
  });
});

describe('describeAuditReason', () => {
  it('puts known reasons in words and others readably', () => {
    expect(describeAuditReason('replayed')).toBe('Code already used');
    expect(describeAuditReason('some_reason')).toBe('Some reason');
    expect(describeAuditReason(undefined)).toBe('');
  });
});

describe('routeHash and parseRouteParams', () => {
  it('writes a route with its parameters, leaving out blank ones, and reads them back', () => {
    expect(routeHash('admins')).toBe('#/admins');
    expect(routeHash('admins', { q: '', mfa: '' })).toBe('#/admins');
    const hash = routeHash('audit', { person: 'a b&c@x', event: 'mfa_reset', from: '', to: '2025-03-31' });
    expect(hash).toBe('#/audit?person=a+b%26c%40x&event=mfa_reset&to=2025-03-31');
    expect(parseRoute(hash)).toBe('audit');
    expect(Object.fromEntries(parseRouteParams(hash))).toEqual({ person: 'a b&c@x', event: 'mfa_reset', to: '2025-03-31' });
    expect([...parseRouteParams('#/admins')]).toEqual([]);
  });
});

describe('parseAdminsView and formatAdminsView', () => {
  it.each([
    ['', { search: '', mfa: 'all', offset: 0 }],
    ['q=acme&mfa=disabled&page=3', { search: 'acme', mfa: 'disabled', offset: 100 }],
    ['mfa=not_applicable', { search: '', mfa: 'not_applicable', offset: 0 }],
    ['mfa=toString&page=0', { search: '', mfa: 'all', offset: 0 }],
    ['page=2.5', { search: '', mfa: 'all', offset: 0 }],
    ['page=-1', { search: '', mfa: 'all', offset: 0 }],
    ['page=99999999999', { search: '', mfa: 'all', offset: 0 }],
  ])('reads "%s" as %j', (query, view) => {
    expect(parseAdminsView(new URLSearchParams(query))).toEqual(view);
  });

  it('writes a view back as the parameters it was read from, leaving out the defaults', () => {
    expect(formatAdminsView({ search: 'acme', mfa: 'disabled', offset: 100 })).toEqual({ q: 'acme', mfa: 'disabled', page: '3' });
    expect(formatAdminsView({ search: '', mfa: 'all', offset: 0 })).toEqual({ q: '', mfa: '', page: '' });
    for (const mfa of ADMIN_MFA_FILTERS) {
      const view = { search: ' Mixed Case ', mfa, offset: ADMINS_PAGE_SIZE * 4 };
      expect(parseAdminsView(new URLSearchParams(routeHash('admins', formatAdminsView(view)).split('?')[1]))).toEqual(view);
    }
  });
});

describe('describeNoMfa', () => {
  const counts = (fields: Partial<AdminMfaCounts>): AdminMfaCounts => ({
    all: 0, enabled: 0, pending: 0, disabled: 0, locked: 0, not_applicable: 0, noMfa: 0, ...fields,
  });

  it.each([
    [counts({ all: 12, disabled: 2, pending: 1, enabled: 9, noMfa: 3 }), '', '3 of 12 admins have no MFA (Disabled, or Enabled but not yet confirmed by the admin).'],
    [counts({ all: 12, disabled: 1, enabled: 10, not_applicable: 1, noMfa: 1 }), '', '1 of 12 admins has no MFA (Disabled, or Enabled but not yet confirmed by the admin). 1 admin signs in with SSO, where MFA does not apply.'],
    [counts({ all: 10_005, disabled: 10_004, not_applicable: 1, noMfa: 10_004 }), '', '10,004 of 10,005 admins have no MFA (Disabled, or Enabled but not yet confirmed by the admin). 1 admin signs in with SSO, where MFA does not apply.'],
    [counts({ all: 2, enabled: 2 }), 'acme', '0 of 2 admins matching “acme” have no MFA (Disabled, or Enabled but not yet confirmed by the admin).'],
    [counts({ all: 3, not_applicable: 3 }), '', '0 of 3 admins have no MFA (Disabled, or Enabled but not yet confirmed by the admin). 3 admins sign in with SSO, where MFA does not apply.'],
    [counts({}), 'nobody', ''],
  ])('sums up %j (search "%s")', (c, search, text) => {
    expect(describeNoMfa(c, search)).toBe(text);
  });
});

describe('describeAdminsForScreenReader and describeNoMatch', () => {
  it.each([
    [0, 50, 10_005, '', 'all', 'Admins 1 to 50 of 10,005.'],
    [0, 10, 10, 'admin-0777', 'all', '10 admins match “admin-0777”.'],
    [0, 3, 3, '', 'disabled', '3 admins match MFA status “Disabled”.'],
    [0, 1, 1, 'acme', 'pending', '1 admin matches MFA status “Enabled, not yet confirmed” and “acme”.'],
    [0, 0, 0, '', 'locked', 'No admins match MFA status “Locked”.'],
  ] as const)('says offset %i, %i shown of %i, search "%s", status %s as "%s"', (offset, shown, total, search, mfa, text) => {
    expect(describeAdminsForScreenReader(offset, shown, total, search, mfa)).toBe(text);
  });

  it.each([
    ['', 'all', 'There are no admins yet.'],
    ['zed', 'all', 'No admin’s email contains “zed”.'],
    ['', 'locked', 'No admin has MFA status “Locked”.'],
    ['zed', 'not_applicable', 'No admin has MFA status “Not applicable (SSO)” and an email containing “zed”.'],
  ] as const)('says no match for "%s" and %s', (search, mfa, text) => {
    expect(describeNoMatch(search, mfa)).toBe(text);
  });
});

describe('parseAuditView and formatAuditView', () => {
  it('reads the filter and the page, and writes them back leaving out what is blank', () => {
    const params = new URLSearchParams('person=alice&event=mfa_reset&from=2025-03-01&to=2025-03-31&page=2');
    const view = parseAuditView(params);
    expect(view).toEqual({ person: 'alice', event: 'mfa_reset', from: '2025-03-01', to: '2025-03-31', offset: AUDIT_PAGE_SIZE });
    expect(formatAuditView(view)).toEqual({ person: 'alice', event: 'mfa_reset', from: '2025-03-01', to: '2025-03-31', page: '2' });
    expect(parseAuditView(new URLSearchParams('page=x'))).toEqual({ person: '', event: '', from: '', to: '', offset: 0 });
    expect(formatAuditView({ person: '', event: '', from: '', to: '', offset: 0 })).toEqual({ person: '', event: '', from: '', to: '', page: '' });
  });
});
