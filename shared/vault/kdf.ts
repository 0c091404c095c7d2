/**
 * Key derivation: Argon2id for our passphrase slots and backups, scrypt for
 * Aegis files, HKDF for passkey (WebAuthn PRF) slots. Argon2id and scrypt
 * come from `hash-wasm` (WebAssembly inlined in the package, so it works
 * offline in the browser and in Node); HKDF is WebCrypto's.
 */
import { toBytes, utf8Encode, type Bytes } from './bytes';

/**
 * hash-wasm is loaded on first use, not with the app: it was a fifth of the
 * PWA's first script, and only a passphrase or an encrypted file needs it, so
 * the codes paint without it (issue 7, cold start).
 */
const loadHashWasm = () => import('hash-wasm');

export { ARGON2ID_DEFAULTS, type Argon2idParams } from './kdf-params';
import type { Argon2idParams } from './kdf-params';

/**
 * Bounds for parameters read from storage or a file: enough room to raise the
 * defaults a lot, but a tampered file cannot make the app allocate gigabytes
 * or spin for minutes.
 */
export const ARGON2ID_LIMITS = Object.freeze({
  /** Up to 256 MiB: four times the default, still within a phone browser's reach. */
  memoryKiB: { min: 8, max: 262_144 },
  iterations: { min: 1, max: 64 },
  parallelism: { min: 1, max: 16 },
  /** memory × passes up to 4 GiB (about 20 times the default's work, some ten seconds here). */
  work: 4_194_304,
});

/** Salt length for Argon2id, in bytes (RFC 9106 §3.1 recommends 16). */
export const ARGON2ID_SALT_BYTES = 16;

/** Length of every derived key, in bytes: an AES-256 key. */
export const DERIVED_KEY_BYTES = 32;

function isIntIn(value: unknown, range: { min: number; max: number }): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;
}

/** Whether `value` is a complete, in-bounds Argon2id parameter set (memory at least 8 KiB per lane, bounded work). */
export function isArgon2idParams(value: unknown): value is Argon2idParams {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<Argon2idParams>;
  return (
    v.algorithm === 'argon2id' &&
    isIntIn(v.memoryKiB, ARGON2ID_LIMITS.memoryKiB) &&
    isIntIn(v.iterations, ARGON2ID_LIMITS.iterations) &&
    isIntIn(v.parallelism, ARGON2ID_LIMITS.parallelism) &&
    v.memoryKiB >= 8 * v.parallelism &&
    v.memoryKiB * v.iterations <= ARGON2ID_LIMITS.work
  );
}

/**
 * Normalises a passphrase to Unicode NFC before it is encoded, so the same
 * words typed on another keyboard or OS ("é" as one code point or two) give
 * the same key.
 */
export function normalizePassphrase(passphrase: string): string {
  return passphrase.normalize('NFC');
}

/** Derives a 32-byte key from a passphrase (NFC, UTF-8; not empty: Argon2 needs at least one byte) with Argon2id. */
export async function deriveArgon2idKey(passphrase: string, salt: Uint8Array, params: Argon2idParams): Promise<Bytes> {
  return argon2idKey(utf8Encode(normalizePassphrase(passphrase)), salt, params);
}

/**
 * Derives a 32-byte key with Argon2id from a password UTF-8 encoded exactly as
 * given (no normalisation), as other apps' encrypted exports do (Ente Auth,
 * Authenticator Pro), so their files open with the same bytes.
 */
export async function deriveArgon2idKeyAsGiven(password: string, salt: Uint8Array, params: Argon2idParams): Promise<Bytes> {
  return argon2idKey(utf8Encode(password), salt, params);
}

/** Argon2id v1.3 (RFC 9106) of the password's bytes, which it then wipes. */
async function argon2idKey(password: Bytes, salt: Uint8Array, params: Argon2idParams): Promise<Bytes> {
  try {
    const { argon2id } = await loadHashWasm();
    const key = await argon2id({
      password,
      salt,
      iterations: params.iterations,
      parallelism: params.parallelism,
      memorySize: params.memoryKiB,
      hashLength: DERIVED_KEY_BYTES,
      outputType: 'binary',
    });
    return toBytes(key);
  } finally {
    password.fill(0);
  }
}

/** scrypt cost parameters (RFC 7914 §2). */
export interface ScryptParams {
  /** CPU/memory cost N, a power of two. */
  n: number;
  /** Block size r. */
  r: number;
  /** Parallelisation p. */
  p: number;
}

/** Aegis's parameters (docs/vault.md, "KDF"): N = 2^15, r = 8, p = 1. */
export const AEGIS_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ n: 32768, r: 8, p: 1 });

/** Largest scrypt memory (128 · N · r bytes) accepted from a file: 256 MiB, eight times Aegis's. */
const SCRYPT_MAX_MEMORY_BYTES = 256 * 1024 * 1024;

/** Whether `value` holds scrypt parameters this app will run: N a power of two ≥ 2, memory ≤ 256 MiB, p ≤ 16. */
export function isScryptParams(value: unknown): value is ScryptParams {
  if (typeof value !== 'object' || value === null) return false;
  const { n, r, p } = value as Partial<ScryptParams>;
  return (
    isIntIn(n, { min: 2, max: 2 ** 24 }) &&
    (n & (n - 1)) === 0 &&
    isIntIn(r, { min: 1, max: 64 }) &&
    isIntIn(p, { min: 1, max: 16 }) &&
    128 * n * r <= SCRYPT_MAX_MEMORY_BYTES
  );
}

/**
 * Derives a 32-byte key with scrypt. The password is UTF-8 encoded exactly as
 * given (no normalisation), as Aegis does, so its files open with the same bytes.
 */
export async function deriveScryptKey(password: string, salt: Uint8Array, params: ScryptParams): Promise<Bytes> {
  const bytes = utf8Encode(password);
  try {
    const { scrypt } = await loadHashWasm();
    const key = await scrypt({
      password: bytes,
      salt,
      costFactor: params.n,
      blockSize: params.r,
      parallelism: params.p,
      hashLength: DERIVED_KEY_BYTES,
      outputType: 'binary',
    });
    return toBytes(key);
  } finally {
    bytes.fill(0);
  }
}

/**
 * Derives a non-extractable AES-256-GCM key with HKDF-SHA256 (RFC 5869)
 * from high-entropy input such as a WebAuthn PRF output.
 */
export async function deriveHkdfAesKey(inputKey: Uint8Array, salt: Uint8Array, info: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', toBytes(inputKey), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: toBytes(salt), info: utf8Encode(info) },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}
