/**
 * A plain list of `otpauth://` Key URIs, one per line: what most apps can
 * import, and what a person can read. Unencrypted: the UI warns before export.
 *
 * Reading, blank lines and lines starting with `#` are skipped, and an
 * `otpauth-migration://` line (a Google Authenticator transfer code) is read
 * too, so a list of scanned codes can be pasted at once.
 */
import { isAppError } from '../../errors';
import { AppError } from '../import-errors';
import { formatOtpauthUri, parseOtpauthUri } from '../../otp/otpauth-uri';
import type { OtpAccount } from '../../otp/types';
import { assertImportEntryCount } from '../import-limits';
import { isMigrationUri, parseMigrationUri } from './google-migration';
import type { ParsedImport, UnreadableEntry } from './types';

const OTPAUTH_LINE = /^otpauth:\/\//i;

/** Formats the accounts as Key URIs, one per line, with a final newline (empty for no accounts). */
export function exportOtpauthList(accounts: readonly OtpAccount[]): string {
  return accounts.map((account) => `${formatOtpauthUri(account)}\n`).join('');
}

/** The lines that hold an entry: trimmed, not blank, not a `#` comment. */
function entryLines(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/** Whether the text has at least one `otpauth://` or `otpauth-migration://` line. */
export function looksLikeOtpauthList(text: string): boolean {
  return entryLines(text).some((line) => OTPAUTH_LINE.test(line) || isMigrationUri(line));
}

/**
 * Reads a list of Key URIs (and Google transfer URIs). Each line that is not
 * one is reported as unreadable, without quoting it (it might be a secret).
 *
 * @throws AppError `import_unrecognized_format` when no line is an otpauth link;
 *   `import_limit_exceeded` for more than `IMPORT_LIMITS.entries` lines.
 */
export function parseOtpauthList(text: string): ParsedImport {
  if (typeof text !== 'string' || !looksLikeOtpauthList(text)) throw new AppError('import_unrecognized_format', { format: 'otpauth-list' });
  const lines = entryLines(text);
  assertImportEntryCount(lines.length, 'otpauth-list');
  const accounts: OtpAccount[] = [];
  const unreadable: UnreadableEntry[] = [];
  lines.forEach((line, index) => {
    try {
      if (isMigrationUri(line)) {
        const part = parseMigrationUri(line);
        for (const account of part.accounts) accounts.push(account);
        unreadable.push(...part.unreadable.map((entry) => ({ ...entry, index })));
      } else {
        accounts.push(parseOtpauthUri(line));
      }
    } catch (error) {
      if (!isAppError(error)) throw error;
      unreadable.push({ index, name: '', code: error.code, reason: error.message });
    }
  });
  return { format: 'otpauth-list', encrypted: false, accounts, unreadable };
}
