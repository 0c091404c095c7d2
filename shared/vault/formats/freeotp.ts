/**
 * FreeOTP (Red Hat) 2.x backup (freeotp/freeotp-android, BACKUP.md and
 * `TokenPersistence.copyBackupToExternal`): the app's backup preferences,
 * a `HashMap<String, String>` written with Java's `ObjectOutputStream`
 * (read by `java-serialized-map.ts`). FreeOTP 1.x and FreeOTP for iOS have
 * no export: their accounts move by QR code.
 *
 * The map holds:
 * - `masterKey`: Gson of `MasterKey` { `mAlgorithm` ("PBKDF2withHmacSHA512",
 *   or "PBKDF2withHmacSHA1" on old phones), `mIterations` (100,000), `mSalt`
 *   (32 signed bytes), `mEncryptedKey` }. The password derives, with that
 *   PBKDF2, a key as long as the salt, which opens the master key.
 * - per token, `<uuid>`: `{ "key": Gson of EncryptedKey }`, the token's HMAC
 *   key encrypted with the master key; and `<uuid>-token`: the token's
 *   fields, as FreeOTP+ writes them (see `freeotp-plus.ts`).
 *
 * An `EncryptedKey` is { `mCipher` ("AES/GCM/NoPadding"), `mCipherText`
 * (ciphertext and 16-byte tag, signed bytes), `mParameters` (DER of GCM
 * parameters: SEQUENCE { OCTET STRING nonce, INTEGER tag length }), `mToken`
 * (the key's algorithm name, "AES" or "HmacSHA1"..., also the GCM additional data) }.
 */
import { isAppError } from '../../errors';
import { AppError } from '../import-errors';
import { decryptAesGcm, GCM_TAG_BYTES, importAesKey } from '../aes-gcm';
import { utf8Encode } from '../bytes';
import { assertImportEntryCount, assertImportPbkdf2Iterations, IMPORT_LIMITS } from '../import-limits';
import { describeFreeOtpToken, FREEOTP_SECRET_MAX_BYTES, readFreeOtpToken } from './freeotp-plus';
import { asObject, readEntries } from './entry';
import { readJavaBytes } from './java-bytes';
import { isJavaSerialization, JavaStreamError, readJavaStringMap } from './java-serialized-map';
import type { ImportInput } from './reader';
import type { ImportedAccount, ParsedImport } from './types';

const MASTER_KEY = 'masterKey';
const TOKEN_SUFFIX = '-token';
/** PBKDF2 hashes FreeOTP names, by its `SecretKeyFactory` algorithm name (lower case). */
const PBKDF2_HASHES: Readonly<Record<string, string>> = {
  pbkdf2withhmacsha1: 'SHA-1',
  pbkdf2withhmacsha256: 'SHA-256',
  pbkdf2withhmacsha512: 'SHA-512',
};
/** FreeOTP's salt is 32 bytes, and the key it derives as long: AES-256 (AES-128 for a 16-byte salt). */
const KEY_BYTES = [16, 32];

function corrupt(reason: string): never {
  throw new AppError('import_corrupt', { format: 'freeotp', reason });
}

function unsupported(reason: string): never {
  throw new AppError('import_unsupported', { format: 'freeotp', reason });
}

/** Parses JSON text into an object, or undefined. */
function parseObject(text: string | undefined): Record<string, unknown> | undefined {
  try {
    return asObject(JSON.parse(text ?? ''));
  } catch {
    return undefined;
  }
}

/** The nonce in DER GCM parameters (SEQUENCE { OCTET STRING nonce, [INTEGER tag length] }), if 12 bytes and a 16-byte tag. */
function readGcmNonce(der: Uint8Array): Uint8Array | undefined {
  if (der[0] !== 0x30 || der[1] !== der.length - 2 || der[2] !== 0x04 || der[3] !== 12) return undefined;
  const nonce = der.subarray(4, 16);
  const rest = der.subarray(16);
  // The tag length is in bytes; Android writes 16 (128 bits), the only size read here.
  const tagOk = rest.length === 0 || (rest.length === 3 && rest[0] === 0x02 && rest[1] === 0x01 && rest[2] === GCM_TAG_BYTES);
  return nonce.length === 12 && tagOk ? nonce : undefined;
}

/** An `EncryptedKey`'s parts, checked before anything is decrypted; undefined when malformed. */
function readEncryptedKey(value: unknown, maxPlainBytes: number) {
  const key = asObject(value);
  if (!key) return undefined;
  if (key.mCipher !== 'AES/GCM/NoPadding') return { unsupported: true as const };
  const ciphertext = readJavaBytes(key.mCipherText, maxPlainBytes + GCM_TAG_BYTES);
  const parameters = readJavaBytes(key.mParameters, 32);
  const nonce = parameters && readGcmNonce(parameters);
  const token = typeof key.mToken === 'string' && key.mToken.length <= 64 ? key.mToken : undefined;
  if (!ciphertext || ciphertext.length <= GCM_TAG_BYTES || !nonce || token === undefined) return undefined;
  return { unsupported: false as const, ciphertext, nonce, additionalData: utf8Encode(token) };
}

/** Derives the password key and opens the master key; a wrong password is the only way it fails once the shape is checked. */
async function openMasterKey(text: string | undefined, password: string): Promise<CryptoKey> {
  const master = parseObject(text);
  if (!master) corrupt('masterKey');
  const hash = typeof master.mAlgorithm === 'string' ? PBKDF2_HASHES[master.mAlgorithm.toLowerCase()] : undefined;
  if (hash === undefined) unsupported('kdf');
  const iterations = master.mIterations;
  if (typeof iterations !== 'number' || !Number.isSafeInteger(iterations) || iterations < 1) corrupt('iterations');
  assertImportPbkdf2Iterations(iterations, 'freeotp');
  const salt = readJavaBytes(master.mSalt, 64);
  if (!salt || !KEY_BYTES.includes(salt.length)) corrupt('salt');
  const sealed = readEncryptedKey(master.mEncryptedKey, 32);
  if (!sealed) corrupt('masterKey');
  if (sealed.unsupported) unsupported('cipher');
  const base = await crypto.subtle.importKey('raw', utf8Encode(password), 'PBKDF2', false, ['deriveBits']);
  // FreeOTP derives as many bits as the salt has (`MasterKey.decrypt`: `mSalt.length * 8`).
  const derived = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash, salt, iterations }, base, salt.length * 8));
  const passwordKey = await importAesKey(derived);
  derived.fill(0);
  const raw = await decryptAesGcm(passwordKey, { iv: sealed.nonce, ciphertext: sealed.ciphertext }, sealed.additionalData);
  if (!raw) throw new AppError('backup_wrong_password', { format: 'freeotp' });
  if (!KEY_BYTES.includes(raw.length)) corrupt('masterKey');
  const masterKey = await importAesKey(raw);
  raw.fill(0);
  return masterKey;
}

/** One token: its key decrypted with the master key, its fields from `<uuid>-token`. */
async function readToken(masterKey: CryptoKey, keyText: string, tokenText: string | undefined): Promise<ImportedAccount> {
  const token = parseObject(tokenText);
  if (!token) throw new AppError('entry_field_invalid', { field: 'token' });
  const wrapper = parseObject(keyText);
  const sealed = readEncryptedKey(parseObject(typeof wrapper?.key === 'string' ? wrapper.key : undefined), FREEOTP_SECRET_MAX_BYTES);
  if (!sealed || sealed.unsupported) throw new AppError('entry_field_invalid', { field: 'secret' });
  const secret = await decryptAesGcm(masterKey, { iv: sealed.nonce, ciphertext: sealed.ciphertext }, sealed.additionalData);
  if (!secret) throw new AppError('entry_field_invalid', { field: 'secret' });
  try {
    return readFreeOtpToken(token, secret);
  } finally {
    secret.fill(0);
  }
}

/** Whether the bytes are a FreeOTP backup (a Java serialisation stream; always encrypted). */
export function isFreeOtpBackup(bytes: Uint8Array): boolean {
  return isJavaSerialization(bytes);
}

/**
 * Reads a FreeOTP 2.x backup with its password (the one chosen in FreeOTP).
 * Every count and cost is checked before the password is tried.
 *
 * @throws AppError `import_password_required`, `backup_wrong_password`,
 *   `import_corrupt`, `import_unsupported` (another KDF or cipher),
 *   `import_limit_exceeded` (too many tokens, too many PBKDF2 iterations).
 */
export async function parseFreeOtpBackup(input: ImportInput, password?: string): Promise<ParsedImport> {
  if (!isFreeOtpBackup(input.bytes)) throw new AppError('import_unrecognized_format', { format: 'freeotp' });
  let map: Map<string, string>;
  try {
    // Two map entries per token, and the master key.
    map = new Map(readJavaStringMap(input.bytes, 2 * IMPORT_LIMITS.entries + 1));
  } catch (error) {
    if (!(error instanceof JavaStreamError)) throw error;
    if (error.message === 'size') assertImportEntryCount(IMPORT_LIMITS.entries + 1, 'freeotp');
    return corrupt('stream');
  }
  if (!map.has(MASTER_KEY)) corrupt('masterKey');
  const uuids = [...map.keys()].filter((key) => key !== MASTER_KEY && !key.endsWith(TOKEN_SUFFIX));
  assertImportEntryCount(uuids.length, 'freeotp');
  if (password === undefined) throw new AppError('import_password_required', { format: 'freeotp' });
  const masterKey = await openMasterKey(map.get(MASTER_KEY), password);
  // Decrypt first (WebCrypto is asynchronous), then report each token with the shared loop.
  const results = await Promise.all(
    uuids.map(async (uuid) => {
      const tokenText = map.get(uuid + TOKEN_SUFFIX);
      try {
        return { tokenText, account: await readToken(masterKey, map.get(uuid) as string, tokenText) };
      } catch (error) {
        if (!isAppError(error)) throw error;
        return { tokenText, error };
      }
    }),
  );
  const { accounts, unreadable } = readEntries(
    results,
    (result) => {
      if (result.error) throw result.error;
      return result.account as ImportedAccount;
    },
    (result) => describeFreeOtpToken(parseObject(result.tokenText)),
  );
  return { format: 'freeotp', encrypted: true, accounts, unreadable };
}
