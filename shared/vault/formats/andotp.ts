/**
 * andOTP's backups (andOTP/andOTP: Database/Entry.java, Utilities/BackupHelper.java,
 * EncryptionHelper.java, Constants.java). Import only.
 *
 * - Plain (`otp_accounts.json`): a JSON array of entries `{ secret` (Base32),
 *   `issuer`, `label`, `digits`, `type` (TOTP, HOTP, STEAM), `algorithm` (SHA1,
 *   SHA256, SHA512), `period` (TOTP), `counter` (HOTP), `thumbnail` (the name of
 *   one of andOTP's built-in icons), `last_used` (ms, 0 for never),
 *   `used_frequency`, `tags` (names) `}`. Backups made before andOTP kept the
 *   issuer apart have no `issuer`, and a label "Issuer - name".
 * - Encrypted (`.json.aes`, andOTP 0.6.3 and later): `[iterations: 4 bytes,
 *   big-endian][salt: 12][IV: 12][AES-256-GCM ciphertext and tag]`, the key
 *   PBKDF2-HMAC-SHA1(password as UTF-8, salt, iterations, 256 bits). andOTP
 *   writes a random count from 140,000 to 160,000 (from 1,000 to 5,000 before).
 * - Encrypted, the older layout: `[IV: 12][ciphertext and tag]`, the key SHA-256(password).
 * - OpenPGP (`.json.gpg`, ASCII-armoured by OpenKeychain): refused with what to do.
 *
 * Neither encrypted layout has a magic header, so (decision, issue 13) an
 * encrypted andOTP backup is any binary file that no other format claims:
 * its reader comes last in `FORMAT_READERS`, and it leaves out files that
 * start like a picture, a PDF, an archive or another app's ASCII header. With
 * the password, the older key is tried first (one SHA-256: free, and a file
 * of the older layout whose IV happens to start like an iteration count still
 * opens), then the newer one when the first 4 bytes read as a count from
 * 1,000 to 2^24 − 1; a count over `IMPORT_LIMITS.pbkdf2Iterations` is refused.
 * The thumbnail is not kept: the icon stays automatic (matched by issuer).
 */
import { isAppError } from '../../errors';
import { AppError } from '../import-errors';
import type { OtpAccount } from '../../otp/types';
import { decryptAesGcm, importAesKey } from '../aes-gcm';
import { utf8Decode, utf8Encode } from '../bytes';
import { assertImportEntryCount, assertImportPbkdf2Iterations } from '../import-limits';
import { asObject, describeEntryName, readEntries, readEntry, readGroupNames, readOrganisation } from './entry';
import type { ImportedAccount, ParsedImport } from './types';

const ITERATION_BYTES = 4;
const SALT_BYTES = 12;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Counts read as the newer layout: andOTP's (1,000 and up), and larger ones a file may claim (refused over the cap). */
const NEWER_ITERATIONS = { min: 1_000, max: 2 ** 24 - 1 };

/** Starts of binary files that are surely not andOTP's (PNG, JPEG, GIF, PDF, ZIP, gzip, RIFF/WebP). */
const OTHER_MAGIC: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
  [0x25, 0x50, 0x44, 0x46],
  [0x50, 0x4b, 0x03, 0x04],
  [0x1f, 0x8b],
  [0x52, 0x49, 0x46, 0x46],
];
/** An ASCII header this long (Authenticator Pro's "AUTHENTICATORPRO"...) marks another app's file; a random IV rarely starts so. */
const ASCII_HEADER_BYTES = 8;

function corrupt(reason: string): never {
  throw new AppError('import_corrupt', { format: 'andotp', reason });
}

/** Whether parsed JSON is a plain andOTP backup: an array with at least one entry that has a `secret` and a `label`. */
export function isAndOtpJson(json: unknown): boolean {
  return Array.isArray(json) && json.some((entry) => {
    const object = asObject(entry);
    return object !== undefined && 'secret' in object && 'label' in object;
  });
}

/** Whether the text is an ASCII-armoured OpenPGP message (andOTP's `.json.gpg` backups). */
export function isOpenPgpMessage(text: string | undefined): boolean {
  return text?.startsWith('-----BEGIN PGP MESSAGE-----') === true;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * Whether a file may be an encrypted andOTP backup: binary (not UTF-8), long
 * enough for an IV and a tag, and not starting like another kind of file.
 * Ask it after every other format (see the module comment).
 */
export function mayBeAndOtpEncrypted(input: { bytes: Uint8Array; text: string | undefined }): boolean {
  const { bytes, text } = input;
  if (text !== undefined || bytes.length < IV_BYTES + TAG_BYTES) return false;
  if (OTHER_MAGIC.some((magic) => startsWith(bytes, magic))) return false;
  return !bytes.subarray(0, ASCII_HEADER_BYTES).every((byte) => byte >= 0x20 && byte < 0x7f);
}

/** The iteration count of the newer layout, or undefined when the file cannot be one. */
function newerIterations(bytes: Uint8Array): number | undefined {
  if (bytes.length < ITERATION_BYTES + SALT_BYTES + IV_BYTES + TAG_BYTES) return undefined;
  const iterations = new DataView(bytes.buffer, bytes.byteOffset, ITERATION_BYTES).getUint32(0);
  return iterations >= NEWER_ITERATIONS.min && iterations <= NEWER_ITERATIONS.max ? iterations : undefined;
}

/** Decrypts `[IV][ciphertext and tag]` at `offset` with `key`; undefined when it does not open. */
async function openGcm(key: CryptoKey, bytes: Uint8Array, offset: number): Promise<Uint8Array | undefined> {
  return decryptAesGcm(key, { iv: bytes.subarray(offset, offset + IV_BYTES), ciphertext: bytes.subarray(offset + IV_BYTES) });
}

/** The older layout: key = SHA-256(password). Not a password KDF: only for reading andOTP's old backups. */
async function openOlder(bytes: Uint8Array, password: string): Promise<Uint8Array | undefined> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8Encode(password)));
  const key = await importAesKey(digest);
  digest.fill(0);
  return openGcm(key, bytes, 0);
}

/** The newer layout: key = PBKDF2-HMAC-SHA1(password, salt, iterations, 256 bits). */
async function openNewer(bytes: Uint8Array, password: string, iterations: number): Promise<Uint8Array | undefined> {
  assertImportPbkdf2Iterations(iterations, 'andotp');
  const salt = bytes.slice(ITERATION_BYTES, ITERATION_BYTES + SALT_BYTES);
  const base = await crypto.subtle.importKey('raw', utf8Encode(password), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-1', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
  return openGcm(key, bytes, ITERATION_BYTES + SALT_BYTES);
}

/**
 * Issuer and account name: the fields as given, or for a backup without
 * `issuer`, its label "Issuer - name" split at the first " - ".
 */
function entryNames(entry: Record<string, unknown>): { issuer: unknown; label: unknown } {
  if (typeof entry.issuer !== 'string' && typeof entry.label === 'string') {
    const cut = entry.label.indexOf(' - ');
    if (cut > 0) return { issuer: entry.label.slice(0, cut), label: entry.label.slice(cut + 3) };
  }
  return { issuer: entry.issuer, label: entry.label };
}

function readAndOtpOtp(entry: Record<string, unknown>): OtpAccount {
  // andOTP reads an entry without a type as TOTP; STEAM is handed on as 'steam' (30 s, 5 digits as andOTP writes).
  const type = typeof entry.type === 'string' ? entry.type.toLowerCase() : (entry.type ?? 'totp');
  return readEntry({
    type,
    secret: entry.secret,
    ...entryNames(entry),
    algorithm: entry.algorithm,
    digits: entry.digits,
    period: entry.period,
    counter: entry.counter,
  });
}

/** Reads one entry: its OTP fields, its tags as groups, its last use. */
function readAndOtpEntry(value: unknown): ImportedAccount {
  const entry = asObject(value);
  if (!entry) throw new AppError('entry_field_invalid', { field: 'entry' });
  const account: ImportedAccount = {
    ...readAndOtpOtp(entry),
    ...readOrganisation({ groupNames: Array.isArray(entry.tags) ? entry.tags : [] }),
  };
  const lastUsed = entry.last_used;
  if (typeof lastUsed === 'number' && Number.isSafeInteger(lastUsed) && lastUsed > 0) account.lastUsedAt = lastUsed;
  return account;
}

function nameOf(value: unknown): string {
  const entry = asObject(value);
  if (!entry) return '';
  const { issuer, label } = entryNames(entry);
  return describeEntryName(issuer, label);
}

/**
 * Reads a plain andOTP backup (or the JSON inside an encrypted one).
 *
 * @param json The parsed JSON: an array of entries.
 * @param encrypted Whether it came out of an encrypted backup.
 * @throws AppError `import_corrupt` (not an array), `import_limit_exceeded` (over `IMPORT_LIMITS.entries`).
 */
export function parseAndOtpJson(json: unknown, encrypted = false): ParsedImport {
  if (!Array.isArray(json)) corrupt('entries');
  assertImportEntryCount(json.length, 'andotp');
  const { accounts, unreadable } = readEntries(json as unknown[], readAndOtpEntry, nameOf);
  return { format: 'andotp', encrypted, accounts, unreadable, groupNames: readGroupNames(accounts.flatMap((account) => account.groupNames ?? [])) };
}

/** Decrypts with both layouts' keys (see the module comment); undefined when neither opens. */
async function decryptAndOtp(bytes: Uint8Array, password: string): Promise<Uint8Array | undefined> {
  try {
    const older = await openOlder(bytes, password);
    if (older) return older;
    const iterations = newerIterations(bytes);
    return iterations === undefined ? undefined : await openNewer(bytes, password, iterations);
  } catch (error) {
    // WebCrypto refuses some inputs (an empty password for PBKDF2 in some engines): that key opens nothing.
    if (isAppError(error)) throw error;
    return undefined;
  }
}

/**
 * Reads an encrypted andOTP backup (either layout) with its password.
 *
 * @param bytes The file's bytes.
 * @throws AppError `import_password_required`, `backup_wrong_password` (a wrong
 *   password and altered bytes look the same under AES-GCM); both with
 *   `headerless` when the file has no newer-layout header, so it may not be andOTP's at all;
 *   `import_limit_exceeded` (iterations over the cap, or too many entries),
 *   `import_corrupt` (it opened but holds no entry list).
 */
export async function parseAndOtpEncrypted(bytes: Uint8Array, password?: string): Promise<ParsedImport> {
  // Without the newer layout's header the file may be another app's: the wrong-password message says so.
  const details = newerIterations(bytes) === undefined ? { format: 'andotp', headerless: true } : { format: 'andotp' };
  if (password === undefined) throw new AppError('import_password_required', details);
  const plaintext = await decryptAndOtp(bytes, password);
  if (!plaintext) throw new AppError('backup_wrong_password', details);
  const text = utf8Decode(plaintext);
  plaintext.fill(0);
  let json: unknown;
  try {
    json = JSON.parse(text ?? '');
  } catch {
    corrupt('json');
  }
  return parseAndOtpJson(json, true);
}

/**
 * Refuses an andOTP OpenPGP backup, saying what to do instead.
 *
 * @throws AppError `import_unsupported` (format `andotp`, reason `openpgp`), always.
 */
export function refuseAndOtpOpenPgp(): never {
  throw new AppError('import_unsupported', { format: 'andotp', reason: 'openpgp' });
}
