/**
 * The Audit log as a CSV file: one row per event, in words a person reads
 * (the same as the Audit log page) and in the codes a script can match.
 * Written by papaparse's `unparse`, which quotes and escapes every cell;
 * this module is loaded with `import()` when the owner asks for a download,
 * so papaparse never weighs on the portal's first load.
 *
 * An audit event holds no code, password or secret (see shared/portal/model.ts),
 * so neither does the file: only times, emails, kinds, results and reasons.
 */
import Papa from 'papaparse';
import { formatLocalIsoTime, localDateOf } from '../../../shared/portal/local-dates';
import type { AuditEvent } from '../../../shared/portal/model';
import { describeAuditAction, describeAuditReason, describeAuditResult } from './audit-words';

/** The file's columns, in order (its first row). */
export const AUDIT_CSV_COLUMNS = [
  'Time (UTC)',
  'Local time',
  'Time zone',
  'Event',
  'Who did it',
  'About whom',
  'Result',
  'Reason',
  'Event code',
  'Reason code',
  'Event ID',
] as const;

/** What the Who did it column says when nobody was signed in (an unknown email's failed sign-in). */
export const NOT_SIGNED_IN = 'Not signed in';

/**
 * Cells a spreadsheet would run as a formula, with their leading apostrophe.
 * Excel, LibreOffice and Google Sheets treat a cell that starts with `=`,
 * `+`, `-` or `@` as a formula (and a tab or carriage return before one is
 * skipped), so an email such as `=HYPERLINK("http://evil.example",…)@x.example`
 * recorded in the log could run or leak data when the file is opened
 * ("CSV injection", OWASP). The apostrophe makes the cell plain text and is
 * not shown. papaparse's own default pattern ends in `.*$` and so misses a
 * cell with a line break after the formula; this one looks at the first
 * character only.
 */
const SPREADSHEET_FORMULA_START = /^[=+\-@\t\r]/;

/** One event as a row of cells, in {@link AUDIT_CSV_COLUMNS} order. */
export function toAuditCsvRow(event: AuditEvent, timeZone: string): string[] {
  return [
    new Date(event.at).toISOString(),
    formatLocalIsoTime(event.at, timeZone),
    timeZone,
    describeAuditAction(event.action),
    event.actor ?? NOT_SIGNED_IN,
    event.subject ?? '',
    describeAuditResult(event.result),
    describeAuditReason(event.reason),
    event.action,
    event.reason ?? '',
    event.id === undefined ? '' : String(event.id),
  ];
}

/**
 * The events as CSV text: a byte order mark, a header row, then one row per
 * event in the order given, CRLF line ends (RFC 4180), and cells that a
 * spreadsheet would take for a formula neutralised with a leading apostrophe.
 * @param timeZone The time zone of the Local time column (the owner's).
 */
export function formatAuditCsv(events: readonly AuditEvent[], timeZone: string): string {
  const csv = Papa.unparse(
    { fields: [...AUDIT_CSV_COLUMNS], data: events.map((event) => toAuditCsvRow(event, timeZone)) },
    { newline: '\r\n', escapeFormulae: SPREADSHEET_FORMULA_START },
  );
  // Without the mark, Excel reads a UTF-8 file in the computer's legacy code page (an "é" in an email garbles).
  return `${Papa.BYTE_ORDER_MARK}${csv}`;
}

/** The download's name: the account and the local day it was made, e.g. `acme-msp-audit-log-2025-03-31.csv`. */
export function auditCsvFileName(now: number, timeZone: string): string {
  return `acme-msp-audit-log-${localDateOf(now, timeZone)}.csv`;
}
