/**
 * Reading any import file: recognise its kind by content (never by name),
 * then hand it to that format's reader. The UI passes the file's bytes (or
 * the text of a scanned QR code) to {@link readImportFile}; when it rejects
 * with `import_password_required`, it asks for the password and calls again.
 *
 * Each format is a module of `formats/` that gives a {@link FormatReader};
 * {@link FORMAT_READERS} asks them in turn, most specific first.
 */
import { AppError } from './import-errors';
import { utf8Decode, utf8Encode } from './bytes';
import { isAcmeBackup, parseAcmeBackup } from './formats/acme-backup';
import { isAegisEncrypted, isAegisFile, parseAegisJson } from './formats/aegis';
import { isAndOtpJson, isOpenPgpMessage, mayBeAndOtpEncrypted, parseAndOtpEncrypted, parseAndOtpJson, refuseAndOtpOpenPgp } from './formats/andotp';
import { isBitwardenCsv, isBitwardenJson, parseBitwardenCsv, parseBitwardenJson } from './formats/bitwarden';
import { authenticatorProEncryption, isAuthenticatorProFile, isAuthenticatorProHtml, parseAuthenticatorPro, parseAuthenticatorProHtml } from './formats/authenticator-pro';
import { isEnteEncrypted, isEnteText, parseEnteEncrypted, parseEnteText } from './formats/ente';
import { isFreeOtpBackup, parseFreeOtpBackup } from './formats/freeotp';
import { isFreeOtpPlusFile, parseFreeOtpPlusJson } from './formats/freeotp-plus';
import { isMigrationUri, parseMigrationUri } from './formats/google-migration';
import { looksLikeOtpauthList, parseOtpauthList } from './formats/otpauth-list';
import { isProtonEncrypted, isProtonFile, parseProtonJson } from './formats/proton';
import type { FormatReader, ImportInput } from './formats/reader';
import { isEncryptedSteamMaFile, isSteamMaFile, parseSteamMaFile } from './formats/steam-maf';
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

/** Every format the import reads, asked in this order: the first that recognises a file reads it. */
export const FORMAT_READERS: readonly FormatReader[] = [
  {
    format: 'acme-backup',
    recognise: ({ json }) => (isAcmeBackup(json) ? { encrypted: true } : undefined),
    read: ({ json }, password) => parseAcmeBackup(json, password),
  },
  {
    format: 'aegis',
    recognise: ({ json }) => (isAegisFile(json) ? { encrypted: isAegisEncrypted(json) } : undefined),
    read: ({ json }, password) => parseAegisJson(json, password),
  },
  {
    format: '2fas',
    recognise: ({ json }) => (isTwoFasFile(json) ? { encrypted: isTwoFasEncrypted(json) } : undefined),
    read: ({ json }, password) => parseTwoFasJson(json, password),
  },
  {
    format: 'bitwarden',
    // An encrypted Bitwarden export needs no password here: it is refused, whatever the password.
    recognise: ({ json }) => (isBitwardenJson(json) ? { encrypted: false } : undefined),
    read: ({ json }) => parseBitwardenJson(json),
  },
  {
    format: 'bitwarden',
    recognise: ({ text, json }) => (json === undefined && isBitwardenCsv(text) ? { encrypted: false } : undefined),
    read: ({ text }) => parseBitwardenCsv(text ?? ''),
  },
  {
    format: 'andotp',
    recognise: ({ json }) => (isAndOtpJson(json) ? { encrypted: false } : undefined),
    read: ({ json }) => parseAndOtpJson(json),
  },
  {
    format: 'andotp',
    // andOTP's OpenPGP backups are refused (with what to do), so no password is asked for.
    recognise: ({ text }) => (isOpenPgpMessage(text) ? { encrypted: false } : undefined),
    read: () => refuseAndOtpOpenPgp(),
  },
  {
    format: 'ente',
    recognise: ({ text, json }) =>
      isEnteEncrypted(json) ? { encrypted: true } : json === undefined && text !== undefined && isEnteText(text) ? { encrypted: false } : undefined,
    read: ({ text, json }, password) => (json === undefined ? parseEnteText(text ?? '') : parseEnteEncrypted(json, password)),
  },
  {
    format: 'authenticator-pro',
    recognise: ({ bytes, text, json }) =>
      authenticatorProEncryption(bytes)
        ? { encrypted: true }
        : isAuthenticatorProFile(json) || (json === undefined && text !== undefined && isAuthenticatorProHtml(text))
          ? { encrypted: false }
          : undefined,
    read: (input, password) => (input.json === undefined && authenticatorProEncryption(input.bytes) === undefined ? parseAuthenticatorProHtml(input.text ?? '') : parseAuthenticatorPro(input, password)),
  },
  {
    format: 'freeotp-plus',
    recognise: ({ json }) => (isFreeOtpPlusFile(json) ? { encrypted: false } : undefined),
    read: ({ json }) => parseFreeOtpPlusJson(json),
  },
  {
    format: 'proton',
    recognise: ({ json }) => (isProtonFile(json) ? { encrypted: isProtonEncrypted(json) } : undefined),
    read: ({ json }, password) => parseProtonJson(json, password),
  },
  {
    format: 'freeotp',
    recognise: ({ bytes }) => (isFreeOtpBackup(bytes) ? { encrypted: true } : undefined),
    read: (input, password) => parseFreeOtpBackup(input, password),
  },
  {
    format: 'google-migration',
    recognise: ({ text }) => (text !== undefined && isMigrationUri(text) && !text.includes('\n') ? { encrypted: false } : undefined),
    read: ({ text }) => parseMigrationUri(text ?? ''),
  },
  {
    format: 'steam-maf',
    // An encrypted .maFile needs SDA's manifest.json, not a password: no password can open it here, so it is not "encrypted" to the dialog.
    recognise: ({ text, json }) => (isSteamMaFile(json) || (json === undefined && isEncryptedSteamMaFile(text)) ? { encrypted: false } : undefined),
    read: (input) => parseSteamMaFile(input),
  },
  {
    format: 'otpauth-list',
    recognise: ({ text, json }) => (json === undefined && text !== undefined && looksLikeOtpauthList(text) ? { encrypted: false } : undefined),
    read: ({ text }) => parseOtpauthList(text ?? ''),
  },
  // Last: an encrypted andOTP backup has no header, so it is any binary file no other format claims.
  {
    format: 'andotp',
    recognise: (input) => (mayBeAndOtpEncrypted(input) ? { encrypted: true } : undefined),
    read: ({ bytes }, password) => parseAndOtpEncrypted(bytes, password),
  },
];

/** Guesses a broken JSON file's format from its keys, for a clearer "damaged" message. */
function sniffJsonFormat(text: string): ImportFormat | undefined {
  if (text.includes('"acme-authenticator-backup"')) return 'acme-backup';
  if (/"services(Encrypted)?"\s*:/.test(text)) return '2fas';
  if (/"header"\s*:/.test(text) && /"(db|slots)"\s*:/.test(text)) return 'aegis';
  if (/"encrypted"\s*:/.test(text) && /"(items|folders)"\s*:/.test(text)) return 'bitwarden';
  if (text.startsWith('[') && /"secret"\s*:/.test(text)) return 'andotp';
  if (/"kdfParams"\s*:/.test(text) && /"encryptedData"\s*:/.test(text)) return 'ente';
  if (/"Authenticators"\s*:/.test(text)) return 'authenticator-pro';
  if (/"shared_secret"\s*:/.test(text)) return 'steam-maf';
  if (/"tokenOrder"\s*:/.test(text)) return 'freeotp-plus';
  if (/"entry_type"\s*:/.test(text) || (/"salt"\s*:/.test(text) && /"content"\s*:/.test(text))) return 'proton';
  return undefined;
}

/**
 * The file as bytes, text and JSON (see {@link ImportInput}).
 *
 * @throws AppError `import_limit_exceeded` over `IMPORT_LIMITS.fileBytes`;
 *   `import_corrupt` for text that starts like JSON but breaks off.
 */
export function toImportInput(file: string | Uint8Array): ImportInput {
  // For text, UTF-16 units never outnumber UTF-8 bytes, so longer text is surely a larger file.
  assertImportFileSize(typeof file === 'string' ? file.length : file instanceof Uint8Array ? file.byteLength : 0);
  const bytes = typeof file === 'string' ? utf8Encode(file) : file instanceof Uint8Array ? file : new Uint8Array();
  const decoded = typeof file === 'string' ? file : utf8Decode(bytes);
  const text = decoded?.replace(/^\uFEFF/, '').trim();
  if (text === undefined || !/^[[{]/.test(text)) return { bytes, text, json: undefined };
  try {
    return { bytes, text, json: JSON.parse(text) };
  } catch {
    throw new AppError('import_corrupt', { format: sniffJsonFormat(text) ?? '' });
  }
}

function readerFor(input: ImportInput): { reader: FormatReader; encrypted: boolean } {
  for (const reader of FORMAT_READERS) {
    const kind = reader.recognise(input);
    if (kind) return { reader, encrypted: kind.encrypted };
  }
  throw new AppError('import_unrecognized_format');
}

/**
 * Tells what kind of file it is, without decrypting it (so the UI can ask
 * for a password up front).
 *
 * @throws AppError `import_unrecognized_format`, `import_corrupt` for a broken JSON file,
 *   `import_limit_exceeded` for a file over `IMPORT_LIMITS.fileBytes`.
 */
export function detectImportFile(file: string | Uint8Array): ImportFileKind {
  const { reader, encrypted } = readerFor(toImportInput(file));
  return { format: reader.format, encrypted };
}

/**
 * Reads an import file of any supported kind. Nothing is written: pass the
 * result to `previewImport`.
 *
 * @param file The file's bytes, or its text (a scanned QR code's content).
 * @param password The file's password, if it is encrypted.
 * @throws AppError `import_unrecognized_format`, `import_password_required`,
 *   `backup_wrong_password`, `import_corrupt`, `import_unsupported`,
 *   `import_limit_exceeded`, `migration_batch_invalid`. Never any other error.
 */
export async function readImportFile(file: string | Uint8Array, password?: string): Promise<ParsedImport> {
  const input = toImportInput(file);
  return readerFor(input).reader.read(input, password);
}
