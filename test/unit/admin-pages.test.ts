import { describe, expect, it } from 'vitest';
import { describeRange } from '../../extension/portal/components/Pagination';
import { adminQrWindowHref, adminQrWindowPath } from '../../extension/portal/qr-window/qr-window-path';
import { AUDIT_ACTION_WORDS, describeAuditAction, describeAuditReason } from '../../extension/portal/audit/audit-words';

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
