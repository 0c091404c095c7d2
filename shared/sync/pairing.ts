/**
 * The pairing QR code: how a device that syncs hands the server's address,
 * the credentials and the master key to a new device, the person typing a
 * one-time code (pairing-code.ts) shown beside it on the new device.
 *
 * The QR text is `ACME-PAIR:` and the RFC 4648 Base32 (upper case, no
 * padding) of
 *
 * | bytes | field |
 * | ----- | ----- |
 * | 1     | format version (1) |
 * | 6     | `createdAt`, ms since the epoch, big-endian |
 * | 4     | Argon2id memory in KiB, big-endian |
 * | 1     | Argon2id passes |
 * | 1     | Argon2id lanes |
 * | 16    | Argon2id salt |
 * | 12    | AES-GCM nonce |
 * | rest  | AES-256-GCM of the secrets as JSON, tag appended |
 *
 * The first 41 bytes (the header) are the additional data, after the
 * context `acme-authenticator/sync/pairing/v1`: changing the date, the
 * parameters or anything else makes the code not open. Every character is
 * in the QR alphanumeric set (5.5 bits a character, against 8 for bytes),
 * so the code stays small enough to scan from a phone screen.
 *
 * **Why Argon2id, and why 10 characters.** The expiry (5 minutes) is checked
 * by our app only; whoever photographs the QR code can guess codes offline
 * for as long as they like, at the cost of one key derivation per guess.
 * The code has 50 bits (2^50 = 1.1 × 10^15 codes). Argon2id with the
 * vault's parameters (64 MiB, 3 passes) moves some 384 MiB of memory per
 * guess; a GPU with 1 TB/s of memory bandwidth makes at most ~2,700 guesses
 * a second. A thousand such GPUs for a year (~8.5 × 10^13 guesses, 2^46.3)
 * would find the code with a chance of about 1 in 13; a hundred GPUs for a
 * month, about 1 in 1,300, and all that only after capturing a QR code that
 * was on a screen for five minutes and sent nowhere. PBKDF2-HMAC-SHA256 at
 * 600,000 rounds (OWASP, 2023) is some 5 times cheaper per guess on a GPU
 * (~15,000 a second) and needs no memory, so ASICs make it cheaper still.
 * Ten characters are what people type without slips; each character more
 * would make the search 32 times longer. The parameters travel in the
 * header, so a later version can raise them; a device checks them against
 * the vault's caps before deriving.
 */
import { decodeBase32, encodeBase32 } from '../otp/base32';
import { AES_KEY_BYTES, decryptAesGcm, encryptAesGcm, GCM_NONCE_BYTES, GCM_TAG_BYTES, importAesKey } from '../vault/aes-gcm';
import { concatBytes, fromBase64, randomBytes, toBase64, utf8Decode, utf8Encode, type Bytes } from '../vault/bytes';
import { ARGON2ID_DEFAULTS, ARGON2ID_SALT_BYTES, deriveArgon2idKey, type Argon2idParams } from '../vault/kdf';
import { normalizePairingCode } from './pairing-code';
import { AppError } from './sync-errors';
import { assertSyncArgon2idParams } from './sync-limits';

/** How long a pairing code works after it is made: 5 minutes. */
export const PAIRING_TTL_MS = 5 * 60 * 1000;

/**
 * How far in the future a pairing code's date may be (the two devices'
 * clocks differ a little): 1 minute. Later dates are refused, since they
 * would stretch the 5 minutes.
 */
export const PAIRING_CLOCK_SKEW_MS = 60 * 1000;

/** What every pairing text starts with: tells it from any other QR code. */
export const PAIRING_PREFIX = 'ACME-PAIR:';

/** The pairing format version: 1 is written and read. */
export const PAIRING_VERSION = 1;

/** Caps on the secrets a pairing code carries, in UTF-8 bytes. */
export const PAIRING_FIELD_LIMITS = Object.freeze({
  /** The server's URL: 200 bytes, room for any real host and database path. */
  serverUrl: 200,
  /** The CouchDB user name: 64 bytes. */
  username: 64,
  /** The CouchDB password: 128 bytes (a generated one is 32 to 64 characters). */
  password: 128,
  /** The master key's id: 64 bytes (a UUID is 36). */
  keyId: 64,
});

/**
 * The largest sealed JSON a device writes: the fields at their caps (456
 * bytes), the key in Base64 (44) and the JSON around them (36). Settings whose
 * JSON escapes make them longer (quotes in a password) are refused.
 */
const MAX_PLAINTEXT_BYTES = 536;

const HEADER_BYTES = 1 + 6 + 4 + 1 + 1 + ARGON2ID_SALT_BYTES + GCM_NONCE_BYTES;

/**
 * The longest pairing text accepted: 1,000 characters, over the 959 of the
 * largest a device writes (prefix + Base32 of 41 + 536 + 16 bytes). A text
 * at the cap makes a QR code of version 21 at error correction level M
 * (101 × 101 modules; typical settings give version 12), which a phone reads
 * from another phone's screen (a unit test checks the versions).
 */
export const PAIRING_MAX_CHARS = 1000;

/** What a pairing code hands over. */
export interface PairingSecrets {
  /** The CouchDB database URL: `https:` (or `http:` to this machine, for development). */
  serverUrl: string;
  /** The CouchDB user name. */
  username: string;
  /** The CouchDB password. */
  password: string;
  /** The master key's id. */
  keyId: string;
  /** The master key's 32 bytes; the receiver imports them (`importSyncMasterKey`), which zeroes them. */
  masterKey: Uint8Array;
}

/** The JSON inside the ciphertext: short names, since every byte grows the QR code. */
interface PairingPlaintext {
  u: string;
  n: string;
  p: string;
  i: string;
  k: string;
}

const CONTEXT = utf8Encode('acme-authenticator/sync/pairing/v1');

function isLocalHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/** Whether a server URL is one a device may send credentials to: https, or http to this machine. */
function isServerUrl(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHost(url.hostname));
}

function fitsCap(value: unknown, cap: number, allowEmpty = false): value is string {
  return typeof value === 'string' && (allowEmpty || value !== '') && utf8Encode(value).length <= cap;
}

/** Whether the secrets are well-formed and within {@link PAIRING_FIELD_LIMITS}. */
function areSecretsValid(s: Partial<PairingSecrets>): boolean {
  return (
    isServerUrl(s.serverUrl) &&
    fitsCap(s.serverUrl, PAIRING_FIELD_LIMITS.serverUrl) &&
    fitsCap(s.username, PAIRING_FIELD_LIMITS.username, true) &&
    fitsCap(s.password, PAIRING_FIELD_LIMITS.password, true) &&
    fitsCap(s.keyId, PAIRING_FIELD_LIMITS.keyId) &&
    s.masterKey instanceof Uint8Array &&
    s.masterKey.length === AES_KEY_BYTES
  );
}

function writeHeader(createdAt: number, kdf: Argon2idParams, salt: Bytes, iv: Bytes): Bytes {
  const header = new Uint8Array(HEADER_BYTES);
  const view = new DataView(header.buffer);
  header[0] = PAIRING_VERSION;
  view.setUint16(1, Math.floor(createdAt / 2 ** 32));
  view.setUint32(3, createdAt >>> 0);
  view.setUint32(7, kdf.memoryKiB);
  header[11] = kdf.iterations;
  header[12] = kdf.parallelism;
  header.set(salt, 13);
  header.set(iv, 13 + ARGON2ID_SALT_BYTES);
  return header;
}

function readHeader(bytes: Bytes): { createdAt: number; kdf: Argon2idParams; salt: Bytes; iv: Bytes } {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  return {
    createdAt: view.getUint16(1) * 2 ** 32 + view.getUint32(3),
    kdf: { algorithm: 'argon2id', memoryKiB: view.getUint32(7), iterations: bytes[11] as number, parallelism: bytes[12] as number },
    salt: bytes.slice(13, 13 + ARGON2ID_SALT_BYTES),
    iv: bytes.slice(13 + ARGON2ID_SALT_BYTES, HEADER_BYTES),
  };
}

async function deriveCodeKey(code: string, salt: Bytes, kdf: Argon2idParams): Promise<CryptoKey> {
  const raw = await deriveArgon2idKey(code, salt, kdf);
  try {
    return await importAesKey(raw);
  } finally {
    raw.fill(0);
  }
}

/**
 * Makes the pairing text for a QR code.
 *
 * @param code The one-time code (`createPairingCode`), shown beside the QR code.
 * @param options `now`: its `createdAt`; `kdf`: Argon2id parameters,
 *   {@link ARGON2ID_DEFAULTS} unless given (tests pass small ones).
 * @throws TypeError when the secrets are malformed or over {@link PAIRING_FIELD_LIMITS}
 *   (the sync settings are checked when typed) or the code is not a pairing code.
 */
export async function createPairingPayload(
  secrets: PairingSecrets,
  code: string,
  options: { now: number; kdf?: Argon2idParams },
): Promise<string> {
  const canonical = normalizePairingCode(code);
  if (!canonical) throw new TypeError('Not a pairing code.');
  if (!areSecretsValid(secrets)) throw new TypeError('The sync settings are malformed or too long for a pairing code.');
  if (!Number.isSafeInteger(options.now) || options.now < 0 || options.now >= 2 ** 48) throw new TypeError('Not a time.');
  const kdf = { ...(options.kdf ?? ARGON2ID_DEFAULTS) };
  assertSyncArgon2idParams(kdf);
  const salt = randomBytes(ARGON2ID_SALT_BYTES);
  const iv = randomBytes(GCM_NONCE_BYTES);
  const header = writeHeader(options.now, kdf, salt, iv);
  const inner: PairingPlaintext = {
    u: secrets.serverUrl,
    n: secrets.username,
    p: secrets.password,
    i: secrets.keyId,
    k: toBase64(secrets.masterKey),
  };
  const plaintext = utf8Encode(JSON.stringify(inner));
  if (plaintext.length > MAX_PLAINTEXT_BYTES) {
    plaintext.fill(0);
    throw new TypeError('The sync settings are too long for a pairing code.');
  }
  try {
    const key = await deriveCodeKey(canonical, salt, kdf);
    const { ciphertext } = await encryptAesGcm(key, plaintext, concatBytes(CONTEXT, header), iv);
    return PAIRING_PREFIX + encodeBase32(concatBytes(header, ciphertext));
  } finally {
    plaintext.fill(0);
  }
}

/**
 * Opens a scanned pairing text with the code the person typed, at `now`.
 * In order, each before any costly work: the size, the prefix and format,
 * the date (expired, or dated too far in the future), the Argon2id
 * parameters (the vault's caps); then the one derivation and the decryption.
 *
 * @throws AppError `sync_limit_exceeded` (`pairing_size`), `pairing_invalid`,
 *   `pairing_expired` (`reason`: `expired` after {@link PAIRING_TTL_MS}, `clock`
 *   when dated over {@link PAIRING_CLOCK_SKEW_MS} ahead), `sync_limit_exceeded`
 *   (`kdf`), `pairing_code_wrong` (a wrong code, or a text altered anywhere:
 *   AES-GCM cannot tell which).
 */
export async function openPairingPayload(text: string, typedCode: string, now: number): Promise<PairingSecrets> {
  if (typeof text !== 'string') throw new AppError('pairing_invalid', { reason: 'format' });
  if (text.length > PAIRING_MAX_CHARS) throw new AppError('sync_limit_exceeded', { limit: 'pairing_size', max: PAIRING_MAX_CHARS });
  if (!text.startsWith(PAIRING_PREFIX)) throw new AppError('pairing_invalid', { reason: 'format' });
  let bytes: Bytes;
  try {
    bytes = decodeBase32(text.slice(PAIRING_PREFIX.length));
  } catch {
    throw new AppError('pairing_invalid', { reason: 'format' });
  }
  if (bytes.length < HEADER_BYTES + GCM_TAG_BYTES) throw new AppError('pairing_invalid', { reason: 'format' });
  if (bytes[0] !== PAIRING_VERSION) throw new AppError('pairing_invalid', { reason: (bytes[0] as number) > PAIRING_VERSION ? 'version' : 'format' });
  const header = bytes.slice(0, HEADER_BYTES);
  const { createdAt, kdf, salt, iv } = readHeader(header);
  if (now > createdAt + PAIRING_TTL_MS) throw new AppError('pairing_expired', { reason: 'expired' });
  if (createdAt > now + PAIRING_CLOCK_SKEW_MS) throw new AppError('pairing_expired', { reason: 'clock' });
  assertSyncArgon2idParams(kdf);
  const code = normalizePairingCode(typedCode);
  if (!code) throw new AppError('pairing_code_wrong');
  const key = await deriveCodeKey(code, salt, kdf);
  const plaintext = await decryptAesGcm(key, { iv, ciphertext: bytes.slice(HEADER_BYTES) }, concatBytes(CONTEXT, header));
  if (!plaintext) throw new AppError('pairing_code_wrong');
  let inner: Partial<PairingPlaintext>;
  try {
    inner = JSON.parse(utf8Decode(plaintext) ?? '') as Partial<PairingPlaintext>;
  } catch {
    throw new AppError('pairing_invalid', { reason: 'format' });
  } finally {
    plaintext.fill(0);
  }
  const secrets: Partial<PairingSecrets> = {
    serverUrl: inner?.u,
    username: inner?.n,
    password: inner?.p,
    keyId: inner?.i,
    masterKey: fromBase64(inner?.k),
  };
  if (!areSecretsValid(secrets)) throw new AppError('pairing_invalid', { reason: 'format' });
  return secrets as PairingSecrets;
}
