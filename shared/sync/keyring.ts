/**
 * The keyring: the master key on the server, wrapped by the sync passphrase,
 * so a new device that knows the passphrase can join without another device
 * at hand. As the vault's passphrase slot (key-slots.ts): AES-256-GCM under
 * a key derived with Argon2id (the vault's kdf.ts) from the passphrase and a
 * random salt, the parameters recorded beside it so they can be raised later.
 *
 * The server holds it, so whoever runs the server can try passphrases
 * offline at Argon2id's cost: the passphrase is what protects every synced
 * secret from them. Its parameters come from the server too, so they are
 * checked against the vault's caps before any derivation.
 */
import { importAesKey, AES_KEY_BYTES, decryptAesGcm, encryptAesGcm, GCM_NONCE_BYTES } from '../vault/aes-gcm';
import { fromBase64, randomBytes, toBase64, utf8Encode, type Bytes } from '../vault/bytes';
import { ARGON2ID_DEFAULTS, ARGON2ID_SALT_BYTES, deriveArgon2idKey, type Argon2idParams } from '../vault/kdf';
import { assertPassphraseStrength } from '../vault/key-slots';
import type { MasterKey } from '../vault/master-key';
import { AppError } from './sync-errors';
import { assertSyncArgon2idParams, SYNC_LIMITS } from './sync-limits';

/** The id of the one keyring document. */
export const KEYRING_DOCUMENT_ID = 'keyring';

/** The keyring format version: 1 is written and read. */
export const KEYRING_VERSION = 1;

/** The keyring document, all of it readable by the server but the key. */
export interface SyncKeyring {
  /** Always {@link KEYRING_DOCUMENT_ID}. */
  id: typeof KEYRING_DOCUMENT_ID;
  /** Always `keyring`. */
  kind: 'keyring';
  /** Format version. */
  v: typeof KEYRING_VERSION;
  /** The wrapped master key's id (the `keyId` of every document it seals). */
  keyId: string;
  /** When the sync passphrase was set (ms). */
  createdAt: number;
  /** The Argon2id parameters the wrapping key was derived with. */
  kdf: Argon2idParams;
  /** Argon2id salt, 16 random bytes, Base64. */
  salt: string;
  /** AES-GCM nonce, Base64. */
  iv: string;
  /** The 32-byte master key encrypted under the derived key, tag appended, Base64. */
  wrappedKey: string;
}

/** A master key's raw bytes and id, as wrapping needs it (the vault's `createMasterKeyBytes` makes one). */
export interface RawMasterKey {
  /** Its id. */
  id: string;
  /** Its 32 bytes; the caller zeroes them when done. */
  raw: Uint8Array;
}

/** Binds the wrapped key to its key id, so the id beside it cannot be swapped for another. */
function additionalData(keyId: string): Bytes {
  return utf8Encode(`acme-authenticator/sync/keyring/v1/${keyId}`);
}

/**
 * Wraps the master key with the sync passphrase.
 *
 * @param options `now`: `createdAt`; `kdf`: the Argon2id parameters,
 *   {@link ARGON2ID_DEFAULTS} unless given (tests pass small ones).
 * @throws AppError `passphrase_too_short` (under 8 characters).
 */
export async function wrapSyncKey(
  masterKey: RawMasterKey,
  passphrase: string,
  options: { now: number; kdf?: Argon2idParams },
): Promise<SyncKeyring> {
  assertPassphraseStrength(passphrase);
  if (masterKey.raw.length !== AES_KEY_BYTES) throw new TypeError('A master key is 32 bytes.');
  const kdf = { ...(options.kdf ?? ARGON2ID_DEFAULTS) };
  assertSyncArgon2idParams(kdf);
  const salt = randomBytes(ARGON2ID_SALT_BYTES);
  const kek = await importDerived(await deriveArgon2idKey(passphrase, salt, kdf));
  const { iv, ciphertext } = await encryptAesGcm(kek, masterKey.raw, additionalData(masterKey.id));
  return {
    id: KEYRING_DOCUMENT_ID,
    kind: 'keyring',
    v: KEYRING_VERSION,
    keyId: masterKey.id,
    createdAt: options.now,
    kdf,
    salt: toBase64(salt),
    iv: toBase64(iv),
    wrappedKey: toBase64(ciphertext),
  };
}

async function importDerived(raw: Bytes): Promise<CryptoKey> {
  try {
    return await importAesKey(raw);
  } finally {
    raw.fill(0);
  }
}

/**
 * Unwraps the master key from a keyring read from the server. Its shape, size
 * and Argon2id parameters are checked first, so a forged keyring costs no
 * derivation.
 *
 * @returns the key's id and 32 raw bytes (import them with {@link importSyncMasterKey}, which zeroes them).
 * @throws AppError `sync_wrong_passphrase` (the passphrase does not open it,
 *   or the wrapped key was altered: one cannot be told from the other),
 *   `sync_limit_exceeded` (`kdf`), `sync_document_corrupt` (`kind: 'keyring'`).
 */
export async function unwrapSyncKey(keyring: unknown, passphrase: string): Promise<RawMasterKey & { raw: Bytes }> {
  const corrupt = (reason: string) => new AppError('sync_document_corrupt', { kind: 'keyring', reason });
  if (typeof keyring !== 'object' || keyring === null) throw corrupt('malformed');
  const k = keyring as Partial<SyncKeyring>;
  if (k.kind !== 'keyring') throw corrupt('malformed');
  if (typeof k.v === 'number' && k.v > KEYRING_VERSION) throw corrupt('version');
  if (JSON.stringify(keyring).length > SYNC_LIMITS.keyringBytes) throw corrupt('malformed');
  if (k.v !== KEYRING_VERSION || typeof k.keyId !== 'string' || k.keyId === '' || k.keyId.length > 64) throw corrupt('malformed');
  const salt = fromBase64(k.salt);
  const iv = fromBase64(k.iv);
  const wrappedKey = fromBase64(k.wrappedKey);
  if (!salt || salt.length < 8 || salt.length > 64 || !iv || iv.length !== GCM_NONCE_BYTES || !wrappedKey) throw corrupt('malformed');
  assertSyncArgon2idParams(k.kdf);
  // Every sync passphrase has 8 characters or more (wrapSyncKey), and Argon2 takes no empty one.
  if (passphrase === '') throw new AppError('sync_wrong_passphrase');
  const kek = await importDerived(await deriveArgon2idKey(passphrase, salt, k.kdf));
  const raw = await decryptAesGcm(kek, { iv, ciphertext: wrappedKey }, additionalData(k.keyId));
  if (!raw || raw.length !== AES_KEY_BYTES) {
    raw?.fill(0);
    throw new AppError('sync_wrong_passphrase');
  }
  return { id: k.keyId, raw };
}

/** Imports an unwrapped master key as a non-extractable {@link MasterKey}, then zeroes its bytes. */
export async function importSyncMasterKey(key: RawMasterKey): Promise<MasterKey> {
  try {
    return { id: key.id, key: await importAesKey(key.raw) };
  } finally {
    key.raw.fill(0);
  }
}
