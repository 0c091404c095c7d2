/**
 * Key slots, as in LUKS and Aegis's vault: the master key that encrypts the
 * accounts is stored only wrapped (AES-256-GCM) by each credential that may
 * open it. Changing a credential rewraps the master key in its slot; the
 * accounts are not touched.
 *
 * - `device`: the lock is off. The master key itself, as a non-extractable
 *   WebCrypto key (script can use it but never read its bytes).
 * - `passphrase`: a key derived with Argon2id from the passphrase; the
 *   parameters and salt are recorded in the slot, so they can be raised later.
 * - `passkey`: a key derived with HKDF-SHA256 from the output of the WebAuthn
 *   PRF extension for one credential. The ceremony is the UI's; this module
 *   only wraps and unwraps.
 */
import { AppError } from '../errors';
import { AES_KEY_BYTES, decryptAesGcm, encryptAesGcm, importAesKey, type SealedBytes } from './aes-gcm';
import { randomBytes, utf8Encode, type Bytes } from './bytes';
import {
  ARGON2ID_SALT_BYTES,
  deriveArgon2idKey,
  deriveHkdfAesKey,
  isArgon2idParams,
  normalizePassphrase,
  type Argon2idParams,
} from './kdf';

/** The fewest characters (Unicode code points, after NFC) a passphrase or backup password may have. */
export const MIN_PASSPHRASE_LENGTH = 8;

/** Length of a PRF input (`prfSalt`) and of the HKDF salt of a passkey slot, in bytes. */
export const PASSKEY_SALT_BYTES = 32;

/** HKDF `info` of passkey slots: names what the derived key is for (RFC 5869 §3.2). */
const PASSKEY_HKDF_INFO = 'acme-authenticator/vault/passkey-slot/v1';

/** What every slot has. */
interface KeySlotBase {
  /** Random UUID of the slot. */
  id: string;
}

/** The lock is off: the master key, stored as a non-extractable CryptoKey. */
export interface DeviceKeySlot extends KeySlotBase {
  /** Always `device`. */
  kind: 'device';
  /** The master key itself (AES-GCM, non-extractable). */
  key: CryptoKey;
}

/** The master key wrapped by a key derived from the passphrase with Argon2id. */
export interface PassphraseKeySlot extends KeySlotBase {
  /** Always `passphrase`. */
  kind: 'passphrase';
  /** When the passphrase was set, in ms. */
  createdAt: number;
  /** The Argon2id parameters this slot was made with. */
  kdf: Argon2idParams;
  /** Argon2id salt, 16 random bytes. */
  salt: Bytes;
  /** The 32-byte master key, AES-256-GCM encrypted under the derived key. */
  wrappedKey: SealedBytes;
}

/** The master key wrapped by a key derived (HKDF) from a passkey's PRF output. */
export interface PasskeyKeySlot extends KeySlotBase {
  /** Always `passkey`. */
  kind: 'passkey';
  /** When the passkey was added, in ms. */
  createdAt: number;
  /** A name the person gave it in Settings ("Phone", "YubiKey"). */
  label: string;
  /** The WebAuthn credential id, Base64url without padding (for `allowCredentials`). */
  credentialId: string;
  /** The PRF input the UI passes as `extensions.prf.eval.first` for this credential; 32 random bytes. */
  prfSalt: Bytes;
  /** HKDF salt, 32 random bytes. */
  hkdfSalt: Bytes;
  /** The 32-byte master key, AES-256-GCM encrypted under the derived key. */
  wrappedKey: SealedBytes;
}

/** Any key slot. */
export type KeySlot = DeviceKeySlot | PassphraseKeySlot | PasskeyKeySlot;

/** The kinds of key slot. */
export type KeySlotKind = KeySlot['kind'];

/** Binds a wrapped key to its slot, so a wrapped key copied into another slot does not open there. */
function slotAdditionalData(kind: KeySlotKind, id: string): Bytes {
  return utf8Encode(`acme-authenticator/vault/key-slot/v1/${kind}/${id}`);
}

/**
 * Throws `passphrase_too_short` unless the passphrase has at least
 * {@link MIN_PASSPHRASE_LENGTH} characters.
 *
 * @param field `passphrase` (the vault's) or `password` (a backup's), for the message.
 */
export function assertPassphraseStrength(passphrase: unknown, field: 'passphrase' | 'password' = 'passphrase'): asserts passphrase is string {
  if (typeof passphrase !== 'string' || [...normalizePassphrase(passphrase)].length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError('passphrase_too_short', { field, min: MIN_PASSPHRASE_LENGTH });
  }
}

/** Opens a wrapped master key, or returns undefined (wrong credential, altered slot, wrong length). */
async function unwrapMasterKey(kek: CryptoKey, slot: PassphraseKeySlot | PasskeyKeySlot): Promise<Bytes | undefined> {
  const raw = await decryptAesGcm(kek, slot.wrappedKey, slotAdditionalData(slot.kind, slot.id));
  if (raw && raw.length !== AES_KEY_BYTES) {
    raw.fill(0);
    return undefined;
  }
  return raw;
}

/** Imports a derived key, then zeroes its bytes. */
async function importDerivedKey(raw: Bytes): Promise<CryptoKey> {
  try {
    return await importAesKey(raw);
  } finally {
    raw.fill(0);
  }
}

/**
 * Makes a passphrase slot for the raw master key.
 *
 * @param masterKey The 32 raw bytes of the master key (not kept).
 * @param passphrase The new passphrase (checked with {@link assertPassphraseStrength}).
 * @param options `kdf`: the Argon2id parameters; `now`: the slot's `createdAt`.
 */
export async function createPassphraseSlot(
  masterKey: Uint8Array,
  passphrase: string,
  options: { kdf: Argon2idParams; now: number },
): Promise<PassphraseKeySlot> {
  assertPassphraseStrength(passphrase);
  const id = crypto.randomUUID();
  const salt = randomBytes(ARGON2ID_SALT_BYTES);
  const kek = await importDerivedKey(await deriveArgon2idKey(passphrase, salt, options.kdf));
  const wrappedKey = await encryptAesGcm(kek, masterKey, slotAdditionalData('passphrase', id));
  return { kind: 'passphrase', id, createdAt: options.now, kdf: { ...options.kdf }, salt, wrappedKey };
}

/**
 * Unwraps the master key with a passphrase. Returns its 32 raw bytes (the
 * caller imports and zeroes them), or `undefined` when the passphrase is wrong.
 *
 * @throws AppError `vault_corrupt` when the slot's recorded parameters are unusable.
 */
export async function openPassphraseSlot(slot: PassphraseKeySlot, passphrase: string): Promise<Bytes | undefined> {
  if (!isArgon2idParams(slot.kdf) || !(slot.salt instanceof Uint8Array) || slot.salt.length < 8) {
    throw new AppError('vault_corrupt', { reason: 'slot' });
  }
  // No passphrase of a slot is empty (createPassphraseSlot requires 8 characters), and Argon2 takes none.
  if (passphrase === '') return undefined;
  const kek = await importDerivedKey(await deriveArgon2idKey(passphrase, slot.salt, slot.kdf));
  return unwrapMasterKey(kek, slot);
}

/** A fresh PRF input for a new passkey slot: pass it as `prf.eval.first` at registration or first assertion. */
export function createPasskeyPrfSalt(): Bytes {
  return randomBytes(PASSKEY_SALT_BYTES);
}

/** What the UI hands over after a WebAuthn ceremony that evaluated the PRF extension. */
export interface PasskeyPrfResult {
  /** The credential's id, Base64url (as `PublicKeyCredential.id`). */
  credentialId: string;
  /** `getClientExtensionResults().prf.results.first`: 32 bytes. */
  prfOutput: BufferSource;
}

function toByteView(source: BufferSource): Uint8Array {
  return source instanceof ArrayBuffer ? new Uint8Array(source) : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
}

/** Derives a passkey slot's wrapping key from the PRF output. */
function derivePasskeyKek(prfOutput: BufferSource, hkdfSalt: Uint8Array): Promise<CryptoKey> {
  return deriveHkdfAesKey(toByteView(prfOutput), hkdfSalt, PASSKEY_HKDF_INFO);
}

/**
 * Makes a passkey slot for the raw master key.
 *
 * @param masterKey The 32 raw bytes of the master key (not kept).
 * @param input The credential, the PRF input used (`prfSalt`) and its output, a label, and `now`.
 * @throws AppError `passkey_not_recognized` when the PRF output is shorter than 32 bytes.
 */
export async function createPasskeySlot(
  masterKey: Uint8Array,
  input: PasskeyPrfResult & { prfSalt: Uint8Array; label: string; now: number },
): Promise<PasskeyKeySlot> {
  if (toByteView(input.prfOutput).length < 32 || typeof input.credentialId !== 'string' || input.credentialId === '') {
    throw new AppError('passkey_not_recognized', { reason: 'prf_output' });
  }
  const id = crypto.randomUUID();
  const hkdfSalt = randomBytes(PASSKEY_SALT_BYTES);
  const kek = await derivePasskeyKek(input.prfOutput, hkdfSalt);
  const wrappedKey = await encryptAesGcm(kek, masterKey, slotAdditionalData('passkey', id));
  return {
    kind: 'passkey',
    id,
    createdAt: input.now,
    label: input.label.trim(),
    credentialId: input.credentialId,
    prfSalt: new Uint8Array(input.prfSalt),
    hkdfSalt,
    wrappedKey,
  };
}

/** Unwraps the master key with a passkey's PRF output; `undefined` when it does not open. */
export async function openPasskeySlot(slot: PasskeyKeySlot, prfOutput: BufferSource): Promise<Bytes | undefined> {
  if (toByteView(prfOutput).length < 32) return undefined;
  return unwrapMasterKey(await derivePasskeyKek(prfOutput, slot.hkdfSalt), slot);
}
