/**
 * Ente Auth's exports (ente-io/ente: `auth/lib/models/code.dart`,
 * `code_display.dart`, `docs/docs/auth/migration/export.md`).
 *
 * Plain: a text file of `otpauth://` links, one a line (each may be written
 * as a JSON string, in double quotes), with Ente's `codeDisplay` parameter:
 * URL-encoded JSON `{ pinned, trashed, lastUsedAt, tapCount, tags, note,
 * position, iconSrc, iconID }`. Steam accounts are `otpauth://steam/...`.
 * Read here: `tags` → groups, `pinned` → favourite, `note` → note,
 * `position` → the accounts' order. An entry in Ente's trash (`trashed`) is
 * listed unreadable, "in Ente Auth's trash", so nothing the user deleted comes
 * back. Icons name Ente's own icon packs, so accounts get the automatic icon;
 * `lastUsedAt` and `tapCount` are not carried.
 *
 * Encrypted: JSON `{ version: 1, kdfParams: { memLimit, opsLimit, salt },
 * encryptedData, encryptionNonce }` (Base64). The key is libsodium's
 * `crypto_pwhash` (Argon2id v1.3, 1 lane, `memLimit` bytes, `opsLimit`
 * passes, 32 bytes) of the UTF-8 password; the plain text above is one
 * `crypto_secretstream_xchacha20poly1305` message tagged final, whose header
 * is `encryptionNonce`. Import only.
 */
import { isAppError } from '../../errors';
import { AppError } from '../import-errors';
import { parseOtpauthUri } from '../../otp/otpauth-uri';
import type { OtpAccount } from '../../otp/types';
import { fromBase64, utf8Decode, type Bytes } from '../bytes';
import { assertImportEnteKdfCost, assertImportEntryCount } from '../import-limits';
import { deriveArgon2idKeyAsGiven } from '../kdf';
import { asObject, readEntries, readGroupNames, readOrganisation } from './entry';
import { describeLinkName, readSteamLink } from './link-entry';
import type { ImportedAccount, ParsedImport } from './types';

/**
 * libsodium (the secretstream) is loaded with the first encrypted Ente file
 * only: some 430 KB that neither the first load nor any other import needs.
 */
const loadSodium = async () => {
  try {
    const { default: sodium } = await import('libsodium-wrappers');
    await sodium.ready;
    return sodium;
  } catch {
    // Its file could not be fetched (offline before the app was cached): never anything but an AppError.
    throw new AppError('import_unsupported', { format: 'ente', reason: 'library' });
  }
};

/** The export version this reader knows. */
const ENTE_EXPORT_VERSION = 1;
/** libsodium's `crypto_pwhash_SALTBYTES`, `crypto_secretstream_xchacha20poly1305_HEADERBYTES` and `_ABYTES`. */
const SALT_BYTES = 16;
const HEADER_BYTES = 24;
const STREAM_ABYTES = 17;
/** libsodium's `crypto_pwhash_argon2id_MEMLIMIT_MIN` (bytes) and `_OPSLIMIT_MIN`. */
const MEM_LIMIT_MIN = 8192;
const OPS_LIMIT_MIN = 1;

const OTPAUTH = /^otpauth:\/\//i;
const STEAM_LINK = /^otpauth:\/\/steam\//i;

function corrupt(reason: string): never {
  throw new AppError('import_corrupt', { format: 'ente', reason });
}

/** A line as Ente writes it: trimmed, and unquoted when it is a JSON string. */
function unquote(line: string): string {
  const trimmed = line.trim();
  if (!(trimmed.length > 1 && trimmed.startsWith('"') && trimmed.endsWith('"'))) return trimmed;
  try {
    const value: unknown = JSON.parse(trimmed);
    return typeof value === 'string' ? value.trim() : trimmed;
  } catch {
    return trimmed;
  }
}

/** The lines that hold an entry: unquoted, not blank. */
function entryLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map(unquote)
    .filter((line) => line !== '');
}

/** Whether text is Ente's plain export: a link with Ente's `codeDisplay` parameter (otherwise it is a plain otpauth list). */
export function isEnteText(text: string): boolean {
  // Most files are not Ente's: a cheap look first, the lines only when the parameter is there.
  if (!text.includes('codeDisplay=')) return false;
  return entryLines(text).some((line) => OTPAUTH.test(line) && /[?&]codeDisplay=/.test(line));
}

/** Whether parsed JSON has the shape of Ente's encrypted export. */
export function isEnteEncrypted(json: unknown): boolean {
  const file = asObject(json);
  return file !== undefined && asObject(file.kdfParams) !== undefined && 'encryptedData' in file && 'encryptionNonce' in file;
}

/** What Ente's `codeDisplay` says about an entry. */
interface CodeDisplay {
  /** Shown first in Ente: our favourite. */
  pinned?: unknown;
  /** In Ente's trash. */
  trashed?: unknown;
  /** Ente's tags: our groups. */
  tags?: unknown;
  /** The entry's note. */
  note?: unknown;
  /** Its place in Ente's list (0 when never moved). */
  position?: unknown;
}

/**
 * The link's `codeDisplay`, decoded (`+` is a space, as Dart's query encoding
 * writes it); `{}` without one.
 *
 * @throws AppError `entry_field_invalid` (field `codeDisplay`) for one that is not JSON.
 */
function readCodeDisplay(link: string): CodeDisplay {
  const query = link.split('#')[0]?.split('?').slice(1).join('?') ?? '';
  const raw = query
    .split('&')
    .find((pair) => pair.startsWith('codeDisplay='))
    ?.slice('codeDisplay='.length);
  if (raw === undefined) return {};
  try {
    return asObject(JSON.parse(decodeURIComponent(raw.replace(/\+/g, ' ')))) ?? {};
  } catch {
    throw new AppError('entry_field_invalid', { field: 'codeDisplay' });
  }
}

/** The account a link holds: a Steam link as type steam, any other through the Key URI parser. */
function readLinkAccount(link: string): OtpAccount {
  return STEAM_LINK.test(link) ? readSteamLink(link) : parseOtpauthUri(link);
}

/** One line: the account and its organisation, and its position in Ente's list. */
function readEnteLine(line: string): { account: ImportedAccount; position: number } {
  const display = readCodeDisplay(line);
  const account = readLinkAccount(line);
  if (display.trashed === true) throw new AppError('entry_in_trash', { format: 'ente' });
  const organisation = readOrganisation({
    groupNames: Array.isArray(display.tags) ? display.tags : [],
    favourite: display.pinned,
    note: display.note,
  });
  const position = typeof display.position === 'number' && Number.isFinite(display.position) ? display.position : 0;
  return { account: { ...account, ...organisation }, position };
}

/** Reads the lines of a plain export (or of a decrypted one). */
function readEnteLines(lines: readonly string[], encrypted: boolean): ParsedImport {
  assertImportEntryCount(lines.length, 'ente');
  const positions = new Map<ImportedAccount, number>();
  const { accounts, unreadable } = readEntries(
    lines,
    (line) => {
      const { account, position } = readEnteLine(line);
      positions.set(account, position);
      return account;
    },
    describeLinkName,
  );
  // Ente orders its list by `position`; a stable sort keeps the file's order among equals.
  accounts.sort((a, b) => (positions.get(a) ?? 0) - (positions.get(b) ?? 0));
  return { format: 'ente', encrypted, accounts, unreadable, groupNames: readGroupNames(accounts.flatMap((account) => account.groupNames ?? [])) };
}

/**
 * Reads Ente Auth's plain text export.
 *
 * @throws AppError `import_unrecognized_format` for text without an otpauth link;
 *   `import_limit_exceeded` for more than `IMPORT_LIMITS.entries` lines.
 */
export function parseEnteText(text: string): ParsedImport {
  const lines = typeof text === 'string' ? entryLines(text) : [];
  if (!lines.some((line) => OTPAUTH.test(line))) throw new AppError('import_unrecognized_format', { format: 'ente' });
  return readEnteLines(lines, false);
}

/** A whole number, or undefined. */
function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

/** The file's fields, checked (shape, then cost) before any key is derived. */
function readEncryptedFields(file: Record<string, unknown>) {
  if (typeof file.version === 'number' && file.version > ENTE_EXPORT_VERSION) {
    throw new AppError('import_unsupported', { format: 'ente', reason: 'version' });
  }
  if (file.version !== ENTE_EXPORT_VERSION) corrupt('version');
  const kdf = asObject(file.kdfParams);
  const memLimit = wholeNumber(kdf?.memLimit);
  const opsLimit = wholeNumber(kdf?.opsLimit);
  const salt = fromBase64(kdf?.salt);
  const header = fromBase64(file.encryptionNonce);
  const ciphertext = fromBase64(file.encryptedData);
  if (memLimit === undefined || memLimit < MEM_LIMIT_MIN || opsLimit === undefined || opsLimit < OPS_LIMIT_MIN) corrupt('kdfParams');
  if (!salt || salt.length !== SALT_BYTES) corrupt('salt');
  if (!header || header.length !== HEADER_BYTES) corrupt('encryptionNonce');
  if (!ciphertext || ciphertext.length < STREAM_ABYTES) corrupt('encryptedData');
  assertImportEnteKdfCost({ memLimit, opsLimit });
  return { memLimit, opsLimit, salt, header, ciphertext };
}

/** libsodium's `crypto_pwhash` (Argon2id13): memory `memLimit / 1024` KiB, rounded down, and one lane. */
async function deriveEnteKey(password: string, salt: Uint8Array, memLimit: number, opsLimit: number): Promise<Bytes> {
  try {
    return await deriveArgon2idKeyAsGiven(password, salt, { algorithm: 'argon2id', memoryKiB: Math.floor(memLimit / 1024), iterations: opsLimit, parallelism: 1 });
  } catch (error) {
    if (isAppError(error)) throw error;
    // The browser could not give the memory the file asks for (Ente's default is 1 GiB).
    throw new AppError('import_unsupported', { format: 'ente', reason: 'memory' });
  }
}

/** Opens the secretstream: one message, tagged final, or `undefined` when the key does not open it. */
async function pullFinalMessage(key: Bytes, header: Bytes, ciphertext: Bytes): Promise<Uint8Array | undefined> {
  try {
    const sodium = await loadSodium();
    const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
    const result = sodium.crypto_secretstream_xchacha20poly1305_pull(state, ciphertext, null);
    // A stream cut short (no final tag) reads as damaged, not as the whole export.
    if (result && result.tag !== sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL) corrupt('encryptedData');
    return result ? result.message : undefined;
  } catch (error) {
    if (isAppError(error)) throw error;
    return undefined;
  } finally {
    key.fill(0);
  }
}

/**
 * Reads Ente Auth's encrypted export with `password`.
 *
 * @param json The file's parsed JSON.
 * @throws AppError `import_password_required`, `backup_wrong_password`,
 *   `import_corrupt`, `import_unsupported` (newer version; not enough memory
 *   for its key derivation), `import_limit_exceeded` (key derivation above
 *   `IMPORT_LIMITS.enteArgon2id`, too many entries).
 */
export async function parseEnteEncrypted(json: unknown, password?: string): Promise<ParsedImport> {
  const file = asObject(json);
  if (!file || !isEnteEncrypted(file)) throw new AppError('import_unrecognized_format', { format: 'ente' });
  const { memLimit, opsLimit, salt, header, ciphertext } = readEncryptedFields(file);
  if (password === undefined) throw new AppError('import_password_required', { format: 'ente' });
  const key = await deriveEnteKey(password, salt, memLimit, opsLimit);
  const plaintext = await pullFinalMessage(key, header, ciphertext);
  // One layer of encryption: a wrong password and altered bytes look the same; the password is far likelier.
  if (!plaintext) throw new AppError('backup_wrong_password', { format: 'ente' });
  const text = utf8Decode(plaintext);
  plaintext.fill(0);
  if (text === undefined) corrupt('encryptedData');
  return readEnteLines(entryLines(text), true);
}
