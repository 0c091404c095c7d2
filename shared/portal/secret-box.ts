/**
 * TOTP secrets at rest: sealed with AES-256-GCM under one non-extractable
 * WebCrypto key that lives in IndexedDB, so a dump of the database (or of the
 * browser profile) shows neither the Base32 nor the hex of any secret, and no
 * script can export the key's bytes (NIST SP 800-63B §5.1.4.2 and §5.1.5.2:
 * secrets protected against disclosure).
 *
 * Each secret is bound to its user with the GCM additional data, so a sealed
 * secret copied onto another user's record does not open there.
 */
import { AppError } from './portal-errors';
import { decodeBase32, encodeBase32 } from '../otp/base32';
import { generateRandomBytes } from './encoding';
import type { SealedSecret, UserId } from './model';

/** AES-GCM nonce length in bytes (NIST SP 800-38D §8.2: 96 bits). */
const IV_BYTES = 12;

/** Seals and opens TOTP secrets for one portal. */
export interface SecretBox {
  /** Encrypts a Base32 secret for `userId` under a fresh random nonce. */
  seal(secret: string, userId: UserId): Promise<SealedSecret>;
  /**
   * Decrypts a sealed secret of `userId` back to canonical Base32.
   *
   * @throws AppError `mfa_secret_unreadable` when it does not open (another
   *   key, another user, or altered bytes).
   */
  open(sealed: SealedSecret, userId: UserId): Promise<string>;
}

/** Makes a new AES-256-GCM key that can encrypt and decrypt but never be exported. */
export function generateSecretBoxKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** The additional authenticated data binding a sealed secret to its user. */
function additionalData(userId: UserId): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`portal-totp-secret:${userId}`);
}

/**
 * Makes a secret box over the key `loadKey` resolves to (in production the
 * one stored in the portal database's `keys` store). The key is loaded once
 * and kept; a failed load is retried on the next call.
 */
export function createSecretBox(loadKey: () => Promise<CryptoKey>): SecretBox {
  let keyPromise: Promise<CryptoKey> | undefined;
  function getKey(): Promise<CryptoKey> {
    if (!keyPromise) {
      const loading = loadKey();
      keyPromise = loading;
      loading.catch(() => {
        if (keyPromise === loading) keyPromise = undefined;
      });
    }
    return keyPromise;
  }

  return {
    async seal(secret, userId) {
      const key = await getKey();
      const iv = generateRandomBytes(IV_BYTES);
      const plaintext = new Uint8Array(decodeBase32(secret));
      try {
        const data = await crypto.subtle.encrypt(
          { name: 'AES-GCM', iv, additionalData: additionalData(userId) },
          key,
          plaintext,
        );
        return { iv, data: new Uint8Array(data) };
      } finally {
        plaintext.fill(0);
      }
    },

    async open(sealed, userId) {
      const key = await getKey();
      let plaintext: Uint8Array;
      try {
        plaintext = new Uint8Array(
          await crypto.subtle.decrypt(
            { name: 'AES-GCM', iv: new Uint8Array(sealed.iv), additionalData: additionalData(userId) },
            key,
            new Uint8Array(sealed.data),
          ),
        );
      } catch (error) {
        throw new AppError('mfa_secret_unreadable', {}, { cause: error });
      }
      try {
        return encodeBase32(plaintext);
      } finally {
        plaintext.fill(0);
      }
    },
  };
}

/** Returns whether two sealed secrets are the same stored secret (same nonce and ciphertext). */
export function isSameSealedSecret(a: SealedSecret, b: SealedSecret): boolean {
  return equalBytes(a.iv, b.iv) && equalBytes(a.data, b.data);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
