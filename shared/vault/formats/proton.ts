/**
 * Proton Authenticator's export (protonpass/proton-pass-common,
 * `proton-authenticator/src/entry/exporter.rs` and `password_exporter.rs`).
 *
 * Plain: `{ "version": 1, "entries": [{ "id", "content": { "uri", "entry_type"
 * ("Totp" or "Steam"), "name" }, "note" }] }`. `uri` is an otpauth:// Key URI,
 * or `steam://SECRET` for a Steam entry; `name` is the name shown in the app
 * (older exports lack it: the URI's label is the name).
 *
 * With a password: `{ "version": 1, "salt", "content" }`, both Base64. The key
 * is Argon2id (19,456 KiB, 2 passes, 1 lane, fixed: the file cannot choose a
 * cost) of the password and the 16-byte salt; `content` is nonce (12 bytes),
 * ciphertext and tag of AES-256-GCM with the additional data
 * "proton.authenticator.export.v1", over the plain export's JSON.
 */
import { AppError } from '../import-errors';
import { parseOtpauthUri } from '../../otp/otpauth-uri';
import { decryptAesGcm, GCM_NONCE_BYTES, GCM_TAG_BYTES, importAesKey } from '../aes-gcm';
import { fromBase64, utf8Decode, utf8Encode } from '../bytes';
import { assertImportEntryCount } from '../import-limits';
import { deriveArgon2idKey, type Argon2idParams } from '../kdf';
import { asObject, describeEntryName, readEntries, readEntry, readOrganisation } from './entry';
import type { ImportedAccount, ParsedImport } from './types';

/** The only export version Proton has written. */
const PROTON_EXPORT_VERSION = 1;
/** Proton's fixed Argon2id cost (`derive_password_key`). */
const PROTON_ARGON2ID: Argon2idParams = Object.freeze({ algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 });
const PROTON_SALT_BYTES = 16;
/** GCM additional data of a password export (`EncryptionTag::PasswordExport`). */
const PROTON_EXPORT_AAD = 'proton.authenticator.export.v1';
const STEAM_URI = /^steam:\/\/(.*)$/i;

function corrupt(reason: string): never {
  throw new AppError('import_corrupt', { format: 'proton', reason });
}

/** Whether parsed JSON is a plain Proton Authenticator export: `entries` whose `content` holds a `uri` (or none, with `version`). */
function isPlainExport(file: Record<string, unknown>): boolean {
  if (!Array.isArray(file.entries)) return false;
  const empty = file.entries.length === 0 && typeof file.version === 'number' && Object.keys(file).length === 2;
  return empty || file.entries.some((entry) => typeof asObject(asObject(entry)?.content)?.uri === 'string');
}

/** Whether parsed JSON is a password-protected Proton Authenticator export: `version`, `salt` and `content` text. */
function isEncryptedExport(file: Record<string, unknown>): boolean {
  return 'version' in file && typeof file.salt === 'string' && typeof file.content === 'string';
}

/** Whether parsed JSON is a Proton Authenticator export, plain or with a password. */
export function isProtonFile(json: unknown): boolean {
  const file = asObject(json);
  return file !== undefined && (isPlainExport(file) || isEncryptedExport(file));
}

/** Whether a Proton Authenticator export needs a password. */
export function isProtonEncrypted(json: unknown): boolean {
  const file = asObject(json);
  return file !== undefined && isEncryptedExport(file);
}

function assertVersion(file: Record<string, unknown>): void {
  if (file.version !== PROTON_EXPORT_VERSION) {
    if (typeof file.version === 'number') throw new AppError('import_unsupported', { format: 'proton', reason: 'version' });
    corrupt('version');
  }
}

/** Decrypts a password export into the plain export's JSON. */
async function decryptExport(file: Record<string, unknown>, password: string): Promise<unknown> {
  const salt = fromBase64(file.salt);
  const content = fromBase64(file.content);
  if (!salt || salt.length !== PROTON_SALT_BYTES || !content || content.length < GCM_NONCE_BYTES + GCM_TAG_BYTES) corrupt('content');
  const derived = await deriveArgon2idKey(password, salt, PROTON_ARGON2ID);
  const key = await importAesKey(derived);
  derived.fill(0);
  const sealed = { iv: content.subarray(0, GCM_NONCE_BYTES), ciphertext: content.subarray(GCM_NONCE_BYTES) };
  const plaintext = await decryptAesGcm(key, sealed, utf8Encode(PROTON_EXPORT_AAD));
  // One layer of encryption: a wrong password and altered bytes look the same; the password is far likelier.
  if (!plaintext) throw new AppError('backup_wrong_password', { format: 'proton' });
  try {
    return JSON.parse(utf8Decode(plaintext) ?? '');
  } catch {
    return corrupt('content');
  } finally {
    plaintext.fill(0);
  }
}

/** The name an entry shows in Proton (`content.name`), or undefined when the URI's label is the name. */
function entryName(content: Record<string, unknown>): string | undefined {
  return typeof content.name === 'string' && content.name.trim() !== '' ? content.name : undefined;
}

/** Reads one entry: its URI (otpauth:// or steam://), its shown name as the account name, its note. */
function readProtonEntry(value: unknown): ImportedAccount {
  const entry = asObject(value);
  const content = asObject(entry?.content);
  if (!entry || !content || typeof content.uri !== 'string') throw new AppError('entry_field_invalid', { field: 'uri' });
  const name = entryName(content);
  const steam = STEAM_URI.exec(content.uri.trim());
  let account;
  if (steam) {
    account = readEntry({ type: 'steam', secret: steam[1], issuer: 'Steam', label: name ?? '' });
  } else {
    const parsed = parseOtpauthUri(content.uri);
    account = readEntry({ ...parsed, label: name ?? parsed.label });
  }
  return { ...account, ...readOrganisation({ note: entry.note }) };
}

/** "Issuer: name" of an entry for the unreadable list: its shown name only (the URI holds the secret). */
function describeProtonEntry(value: unknown): string {
  const content = asObject(asObject(value)?.content);
  return describeEntryName(content ? entryName(content) : '', '');
}

/**
 * Reads a Proton Authenticator export, decrypting it with `password` when it has one.
 *
 * @param json The file's parsed JSON.
 * @throws AppError `import_password_required`, `backup_wrong_password`,
 *   `import_corrupt`, `import_unsupported` (a newer version),
 *   `import_limit_exceeded` (more than `IMPORT_LIMITS.entries` entries).
 */
export async function parseProtonJson(json: unknown, password?: string): Promise<ParsedImport> {
  const file = asObject(json);
  if (!file || !isProtonFile(file)) throw new AppError('import_unrecognized_format', { format: 'proton' });
  assertVersion(file);
  const encrypted = isEncryptedExport(file);
  if (encrypted && password === undefined) throw new AppError('import_password_required', { format: 'proton' });
  const plain = encrypted ? asObject(await decryptExport(file, password as string)) : file;
  if (!plain || !Array.isArray(plain.entries)) corrupt('entries');
  assertVersion(plain);
  assertImportEntryCount((plain.entries as unknown[]).length, 'proton');
  const { accounts, unreadable } = readEntries(plain.entries as unknown[], readProtonEntry, describeProtonEntry);
  return { format: 'proton', encrypted, accounts, unreadable };
}
