/**
 * Every kind of event and every reason the portal's domain can record has
 * words on the Audit log (extension/portal/audit/audit-words.ts): the lists
 * come from the domain, so a new kind or reason without words fails here.
 */
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_WORDS, AUDIT_REASON_WORDS, describeAuditAction, describeAuditReason } from '../../extension/portal/audit/audit-words';
import { AUDIT_REASONS, lockoutReason } from '../../shared/portal/audit-reasons';
import { AUDIT_ACTIONS } from '../../shared/portal/model';
import { OWNER_OPERATIONS } from '../../shared/portal/permissions';
import { lockoutDuration, MAX_LOCKOUT_MS } from '../../shared/portal/verifier';

/** Words a person reads: a capital first, no snake_case left. */
const READABLE = /^[A-Z0-9][^_]*$/;

describe('AUDIT_ACTION_WORDS', () => {
  it.each(AUDIT_ACTIONS.map((action) => [action]))('has words for the kind %s', (action) => {
    expect(AUDIT_ACTION_WORDS[action]).toMatch(READABLE);
    expect(describeAuditAction(action)).toBe(AUDIT_ACTION_WORDS[action]);
  });

  it('has no words for kinds the domain does not record', () => {
    expect(Object.keys(AUDIT_ACTION_WORDS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });
});

describe('AUDIT_REASON_WORDS', () => {
  it.each(AUDIT_REASONS.map((reason) => [reason]))('has words for the reason %s', (reason) => {
    expect(AUDIT_REASON_WORDS[reason]).toMatch(READABLE);
    expect(describeAuditReason(reason)).toBe(AUDIT_REASON_WORDS[reason]);
  });

  it('has no words for reasons the domain does not record', () => {
    expect(Object.keys(AUDIT_REASON_WORDS).sort()).toEqual([...AUDIT_REASONS].sort());
  });

  it('lists every refused owner operation and every length a lock can have', () => {
    expect(AUDIT_REASONS).toEqual(expect.arrayContaining([...OWNER_OPERATIONS]));
    const lengths = new Set<string>();
    for (let n = 1; n <= 40; n++) lengths.add(lockoutReason(lockoutDuration(n)));
    expect([...lengths]).toEqual(AUDIT_REASONS.filter((reason) => reason.startsWith('locked_for_')));
    expect(lockoutReason(MAX_LOCKOUT_MS)).toBe('locked_for_24_hours');
  });

  it.each([
    ['totp', 'With a code from the authenticator app'],
    ['locked_for_1_hour', 'Locked for 1 hour'],
    ['listAudit', 'Opening the audit log'],
  ])('says %s as "%s"', (reason, words) => {
    expect(describeAuditReason(reason)).toBe(words);
  });

  it('shows a reason recorded by a newer version readably, and never an inherited property', () => {
    expect(describeAuditReason('some_new_reason')).toBe('Some new reason');
    expect(describeAuditReason('toString')).toBe('ToString');
    expect(describeAuditAction('constructor')).toBe('constructor');
  });
});
