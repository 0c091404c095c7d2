/**
 * The Argon2id parameters' shape and defaults, apart from kdf.ts so that the
 * vault can name them without loading the key derivation code (issue 7);
 * kdf.ts re-exports them.
 */

/** Argon2id cost parameters (RFC 9106 §3.1), recorded in every slot and backup that uses them. */
export interface Argon2idParams {
  /** Always `argon2id`: names the function, so a later version can add another. */
  algorithm: 'argon2id';
  /** Memory in KiB (m). */
  memoryKiB: number;
  /** Passes over the memory (t). */
  iterations: number;
  /** Lanes (p). hash-wasm computes them one after another, so more lanes only cost time here. */
  parallelism: number;
}

/**
 * The production parameters: 64 MiB, 3 passes, 1 lane (RFC 9106 §4's second
 * recommended option, with one lane since WebAssembly runs them serially).
 * One derivation takes about half a second on the development machine
 * (README.md, "Passphrase slot"). Slots record their own parameters, so these
 * can be raised later: the next passphrase change writes the new ones.
 */
export const ARGON2ID_DEFAULTS: Readonly<Argon2idParams> = Object.freeze({
  algorithm: 'argon2id',
  memoryKiB: 65536,
  iterations: 3,
  parallelism: 1,
});
