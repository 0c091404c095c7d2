/**
 * Reading any import file: recognise its kind, then hand it to that format's
 * reader. The UI reads the file as text (`await file.text()`) or takes the
 * text of a scanned QR code, and calls {@link readImportFile}; when it rejects
 * with `import_password_required`, it asks for the password and calls again.
 */
import { AppError } from '../errors';
import { isAcmeBackup, parseAcmeBackup } from './formats/acme-backup';
import { isAegisEncrypted, isAegisFile, parseAegisJson } from './formats/aegis';
import { isMigrationUri, parseMigrationUri } from './formats/google-migration';
import { looksLikeOtpauthList, parseOtpauthList } from './formats/otpauth-list';
import { isTwoFasEncrypted, isTwoFasFile, parseTwoFasJson } from './formats/twofas';
import type { ImportFormat, ParsedImport } from './formats/types';
import { assertImportFileSize } from './import-limits';

/** What a file is, before it is decrypted. */
export interface ImportFileKind {
  /** Its format. */
  format: ImportFormat;
  /** Whether a password is needed to read it. */
  encrypted: boolean;
}

/** The file's content as JSON, `undefined` when it is not a JSON object or array; `import_corrupt` when it starts like one but breaks off. */
function parseJson(text: string): unknown {
  if (!/^[[{]/.test(text)) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('import_corrupt', { format: sniffJsonFormat(text) ?? '' });
  }
}

/** Guesses a broken JSON file's format from its keys, for a clearer "damaged" message. */
function sniffJsonFormat(text: string): ImportFormat | undefined {
  if (text.includes('"acme-authenticator-backup"')) return 'acme-backup';
  if (/"services(Encrypted)?"\s*:/.test(text)) return '2fas';
  if (/"header"\s*:/.test(text) && /"(db|slots)"\s*:/.test(text)) return 'aegis';
  return undefined;
}

function clean(text: string): string {
  return typeof text === 'string' ? text.replace(/^\uFEFF/, '').trim() : '';
}

function kindOfJson(json: unknown): ImportFileKind {
  if (isAcmeBackup(json)) return { format: 'acme-backup', encrypted: true };
  if (isAegisFile(json)) return { format: 'aegis', encrypted: isAegisEncrypted(json) };
  if (isTwoFasFile(json)) return { format: '2fas', encrypted: isTwoFasEncrypted(json) };
  throw new AppError('import_unrecognized_format');
}

/**
 * Tells what kind of file the text is, without decrypting it (so the UI can
 * ask for a password up front).
 *
 * @throws AppError `import_unrecognized_format`, `import_corrupt` for a broken JSON file,
 *   `import_limit_exceeded` for text longer than `IMPORT_LIMITS.fileBytes`.
 */
export function detectImportFile(text: string): ImportFileKind {
  assertImportFileSize(typeof text === 'string' ? text.length : 0);
  const content = clean(text);
  const json = parseJson(content);
  if (json !== undefined) return kindOfJson(json);
  if (isMigrationUri(content) && !content.includes('\n')) return { format: 'google-migration', encrypted: false };
  if (looksLikeOtpauthList(content)) return { format: 'otpauth-list', encrypted: false };
  throw new AppError('import_unrecognized_format');
}

/**
 * Reads an import file of any supported kind: our backup, Aegis (plain or
 * encrypted), 2FAS (plain or encrypted), a Google Authenticator transfer URI,
 * or a list of otpauth:// links. Nothing is written: pass the result to
 * `previewImport`.
 *
 * @param text The file's text, or a scanned QR code's content.
 * @param password The file's password, if it is encrypted.
 * @throws AppError `import_unrecognized_format`, `import_password_required`,
 *   `backup_wrong_password`, `import_corrupt`, `import_unsupported`,
 *   `import_limit_exceeded`, `migration_batch_invalid`. Never any other error.
 */
export async function readImportFile(text: string, password?: string): Promise<ParsedImport> {
  // UTF-16 units never outnumber UTF-8 bytes, so longer text is surely a larger file.
  assertImportFileSize(typeof text === 'string' ? text.length : 0);
  const content = clean(text);
  const json = parseJson(content);
  if (json !== undefined) {
    const { format } = kindOfJson(json);
    if (format === 'acme-backup') return parseAcmeBackup(json, password);
    if (format === 'aegis') return parseAegisJson(json, password);
    return parseTwoFasJson(json, password);
  }
  const { format } = detectImportFile(content);
  return format === 'google-migration' ? parseMigrationUri(content) : parseOtpauthList(content);
}
