/**
 * Steam Desktop Authenticator's `.maFile` (Jessecar96/SteamDesktopAuthenticator,
 * over geel9/SteamAuth's `SteamGuardAccount`): one Steam account as JSON,
 *
 * ```json
 * { "shared_secret": "Base64 of the HMAC key", "serial_number": "…", "revocation_code": "R12345",
 *   "uri": "otpauth://totp/Steam:name?secret=…&issuer=Steam", "server_time": 1500000000,
 *   "account_name": "name", "token_gid": "…", "identity_secret": "Base64", "secret_1": "Base64",
 *   "status": 1, "device_id": "android:…", "fully_enrolled": true,
 *   "Session": { "SteamID": 76561198000000000, "SessionID": "…", … } }
 * ```
 *
 * Read as one Steam account: issuer "Steam", label `account_name`, the key
 * from `shared_secret`. The revocation code is what removes the
 * authenticator from the Steam account, so it is kept in the account's note
 * ("Revocation code: R12345"). Nothing else is kept: `identity_secret` (trade
 * confirmations) and the session's tokens are not for an authenticator of codes.
 *
 * An encrypted `.maFile` is the Base64 of AES-256-CBC ciphertext, its key
 * derived from the passkey with PBKDF2-HMAC-SHA1 (50,000 iterations) and a
 * salt that, with the IV, SDA keeps in a separate `manifest.json`. One file
 * cannot be opened, so it is refused (`import_unsupported`, reason
 * `sda_encrypted`) with what to do instead. It is told by its content: one
 * Base64 text of whole AES blocks, as long as an account's JSON at least.
 */
import { AppError } from '../import-errors';
import { encodeBase32 } from '../../otp/base32';
import { assertWithinLimit } from '../../otp/input-limits';
import { fromBase64 } from '../bytes';
import { asObject, describeEntryName, readEntries, readEntry, readOrganisation } from './entry';
import type { ImportedAccount, ParsedImport } from './types';

/** The issuer every account of a .maFile gets. */
const STEAM_ISSUER = 'Steam';

/** Smallest encrypted .maFile, in bytes of ciphertext: its JSON has two Base64 secrets, a URI and more (well over 256 bytes). */
const MIN_ENCRYPTED_BYTES = 256;

const BASE64_TEXT = /^[A-Za-z0-9+/]+={0,2}$/;

/** Whether parsed JSON is a plain .maFile: `shared_secret` and `account_name` as text. */
export function isSteamMaFile(json: unknown): boolean {
  const file = asObject(json);
  return typeof file?.shared_secret === 'string' && typeof file.account_name === 'string';
}

/** Whether a file's text looks like an encrypted .maFile: one Base64 text whose bytes are whole AES blocks. */
export function isEncryptedSteamMaFile(text: string | undefined): boolean {
  if (text === undefined || text.length % 4 !== 0 || !BASE64_TEXT.test(text)) return false;
  const bytes = (text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);
  return bytes >= MIN_ENCRYPTED_BYTES && bytes % 16 === 0;
}

/** The account's key: `shared_secret`'s Base64, as Base32. Throws `input_too_long` or `entry_field_invalid` (field `shared_secret`). */
function readSharedSecret(value: unknown): string {
  if (typeof value !== 'string') throw new AppError('entry_field_invalid', { field: 'shared_secret' });
  // A Steam key is 20 bytes; the cap on the secret keeps a huge field from being decoded at all.
  assertWithinLimit('secret', value.length);
  const key = fromBase64(value.trim());
  if (!key || key.length === 0) throw new AppError('entry_field_invalid', { field: 'shared_secret' });
  const secret = encodeBase32(key);
  key.fill(0);
  return secret;
}

/** The file's one account, with its revocation code as the note. */
function readMaFileAccount(file: Record<string, unknown>): ImportedAccount {
  const account = readEntry({ type: 'steam', secret: readSharedSecret(file.shared_secret), issuer: STEAM_ISSUER, label: file.account_name });
  const code = typeof file.revocation_code === 'string' ? file.revocation_code.trim() : '';
  return { ...account, ...readOrganisation({ note: code === '' ? '' : `Revocation code: ${code}` }) };
}

/**
 * Reads a Steam Desktop Authenticator .maFile.
 *
 * @param input The file's text and JSON (see `ImportInput`).
 * @throws AppError `import_unsupported` (format `steam-maf`, reason
 *   `sda_encrypted`) for an encrypted .maFile; `import_unrecognized_format`
 *   for anything else that is not a .maFile. An account that cannot be read
 *   (a broken `shared_secret`, a name over its cap) is listed as unreadable.
 */
export function parseSteamMaFile(input: { text: string | undefined; json: unknown }): ParsedImport {
  if (input.json === undefined && isEncryptedSteamMaFile(input.text)) {
    throw new AppError('import_unsupported', { format: 'steam-maf', reason: 'sda_encrypted' });
  }
  const file = asObject(input.json);
  if (!file || !isSteamMaFile(file)) throw new AppError('import_unrecognized_format', { format: 'steam-maf' });
  const { accounts, unreadable } = readEntries([file], readMaFileAccount, (entry) => describeEntryName(STEAM_ISSUER, entry.account_name));
  return { format: 'steam-maf', encrypted: false, accounts, unreadable };
}
