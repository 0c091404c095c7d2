/**
 * AES-256-GCM over WebCrypto, the one cipher of the vault and of every
 * encrypted file format here (ours, Aegis's). A 96-bit random nonce per
 * message (NIST SP 800-38D §8.2.2); the 128-bit tag is appended to the
 * ciphertext, as WebCrypto returns it.
 */
import { concatBytes, randomBytes, toBytes, type Bytes } from './bytes';

/** Key length in bytes: AES-256. */
export const AES_KEY_BYTES = 32;
/** Nonce (IV) length in bytes. */
export const GCM_NONCE_BYTES = 12;
/** Authentication tag length in bytes. */
export const GCM_TAG_BYTES = 16;

/** A message sealed with AES-GCM: its nonce and the ciphertext with the tag appended. */
export interface SealedBytes {
  /** The 12-byte nonce, random per message. */
  iv: Bytes;
  /** Ciphertext followed by the 16-byte tag. */
  ciphertext: Bytes;
}

/**
 * Imports 32 raw bytes as an AES-GCM key.
 *
 * @param raw The key bytes; the caller zeroes them when done.
 * @param extractable Whether script may export the key later (never, for the vault's own keys).
 */
export function importAesKey(raw: Uint8Array, extractable = false): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', toBytes(raw), { name: 'AES-GCM' }, extractable, ['encrypt', 'decrypt']);
}

/** Encrypts `plaintext` under `key` with a fresh random nonce (or the one given, for tests). */
export async function encryptAesGcm(
  key: CryptoKey,
  plaintext: Uint8Array,
  additionalData?: Uint8Array,
  iv: Bytes = randomBytes(GCM_NONCE_BYTES),
): Promise<SealedBytes> {
  const params: AesGcmParams = { name: 'AES-GCM', iv };
  if (additionalData) params.additionalData = toBytes(additionalData);
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt(params, key, toBytes(plaintext)));
  return { iv, ciphertext };
}

/**
 * Decrypts and authenticates a sealed message. Returns `undefined` when it
 * does not open (another key, altered bytes, a malformed nonce): GCM releases
 * no plaintext unless the tag verifies, so nothing is ever half-decrypted.
 */
export async function decryptAesGcm(
  key: CryptoKey,
  sealed: { iv: Uint8Array; ciphertext: Uint8Array },
  additionalData?: Uint8Array,
): Promise<Bytes | undefined> {
  if (sealed.iv.length !== GCM_NONCE_BYTES || sealed.ciphertext.length < GCM_TAG_BYTES) return undefined;
  const params: AesGcmParams = { name: 'AES-GCM', iv: toBytes(sealed.iv) };
  if (additionalData) params.additionalData = toBytes(additionalData);
  try {
    return new Uint8Array(await crypto.subtle.decrypt(params, key, toBytes(sealed.ciphertext)));
  } catch {
    return undefined;
  }
}

/** Splits WebCrypto's `ciphertext || tag` into its parts (formats that store the tag apart, like Aegis). */
export function splitTag(ciphertextWithTag: Uint8Array): { ciphertext: Bytes; tag: Bytes } {
  const cut = ciphertextWithTag.length - GCM_TAG_BYTES;
  return { ciphertext: toBytes(ciphertextWithTag.subarray(0, cut)), tag: toBytes(ciphertextWithTag.subarray(cut)) };
}

/** Joins a ciphertext and its separately stored tag into WebCrypto's `ciphertext || tag`. */
export function joinTag(ciphertext: Uint8Array, tag: Uint8Array): Bytes {
  return concatBytes(ciphertext, tag);
}
