/**
 * Every cap on what an import may ask of the app (issue 11): a file, a QR
 * code or a password slot comes from anyone, so none of them may choose how
 * much memory or time the app spends. Each value is far above what a real
 * export holds, and each refusal is an `import_limit_exceeded` (or
 * `migration_batch_invalid`) AppError that names the format and the limit.
 */
import { AppError } from './import-errors';
import type { ImportFormat } from './formats/types';

/**
 * The caps, one place for all of them. Changing one is a security decision:
 * say why next to it.
 */
export const IMPORT_LIMITS = Object.freeze({
  /**
   * 10 MB per file, checked on `File.size` before the file is read. An export
   * of 10,000 accounts (the entry cap) is about 4 MB as Aegis's pretty-printed
   * JSON (~420 bytes an entry) and 1 MB as otpauth:// links, so 10 MB leaves
   * room; a larger file is not an authenticator export, and reading it would
   * only exhaust a phone's memory.
   */
  fileBytes: 10 * 1024 * 1024,
  /**
   * 10,000 entries per import (readable or not): a hundred times what a person
   * typically holds, and what the preview shows in well under a second
   * (`npm run bench`, item 8).
   */
  entries: 10_000,
  /** 10,000 accounts in the vault after an import: the codes list and its search are built and measured for that many. */
  vaultAccounts: 10_000,
  /**
   * 100 QR codes per Google Authenticator export (`batch_size`). Google's
   * exports are a handful of codes (about 10 accounts each), so 100 codes
   * means some 1,000 accounts; the scanner keeps one small record per code,
   * so this also bounds the "codes still to scan" list.
   */
  migrationBatchSize: 100,
  /**
   * 4 password slots tried per Aegis file. Aegis writes one password slot
   * (two with a separate backup password); biometric slots are skipped
   * without any work. Each slot tried costs one scrypt.
   */
  aegisPasswordSlots: 4,
  /**
   * scrypt (Aegis) per slot: memory 128·N·r at most 128 MiB, and work N·r·p
   * at most 2^20. Aegis writes N = 2^15, r = 8, p = 1 (32 MiB, work 2^18);
   * four times that covers a future raise, and with 4 slots the worst file
   * costs 16 Aegis derivations (a few seconds, in a worker, cancellable),
   * not minutes and gigabytes (RFC 7914 §2: memory and time grow with N·r, time with p).
   */
  scrypt: Object.freeze({ maxMemoryBytes: 128 * 1024 * 1024, maxWork: 2 ** 20 }),
  /**
   * Argon2id (our backup): at most 128 MiB, 4 lanes, and memory × passes at
   * most four times what we write (ARGON2ID_DEFAULTS: 64 MiB × 3 passes), so
   * at most about four times the half second one derivation takes here.
   * Tighter than ARGON2ID_LIMITS (what a stored passphrase slot may hold),
   * since anyone can hand us a file.
   */
  argon2id: Object.freeze({ maxMemoryKiB: 131_072, maxParallelism: 4, maxWork: 4 * 65_536 * 3 }),
  /**
   * PBKDF2 iterations a file may ask for: 1,000,000. andOTP writes 140,000 to
   * 160,000 (earlier versions 1,000 to 5,000), FreeOTP's backup 100,000 (of
   * HMAC-SHA512); a million rounds take about a second on a phone, in the worker.
   */
  pbkdf2Iterations: 1_000_000,
  /**
   * Argon2id (libsodium's `crypto_pwhash`, 1 lane) of an Ente Auth export,
   * whose `kdfParams` the file chooses. Ente derives with libsodium's
   * "sensitive" cost, 1 GiB × 4 passes, and where a device lacks the memory
   * halves the memory and doubles the passes (256 MiB × 16 on phones it deems
   * low-spec, then 128 MiB × 32...), keeping memory × passes at 4 GiB. So: at
   * most 1 GiB, 256 passes (down to 16 MiB), and memory × passes at most
   * Ente's 4 GiB: some 21 times the work of our backup's derivation (half a
   * second here), so about ten seconds, in the import worker, cancellable.
   * Larger than `argon2id` above only because Ente's own exports need it.
   */
  enteArgon2id: Object.freeze({ maxMemoryBytes: 1024 * 1024 * 1024, maxPasses: 256, maxWorkKiB: 4 * 1024 * 1024 }),
});

/** Which cap an `import_limit_exceeded` error is about (its `limit` detail). */
export type ImportLimit = 'file_size' | 'entries' | 'vault_accounts' | 'batch_size' | 'password_slots' | 'kdf' | 'kdf_iterations';

function exceeded(limit: ImportLimit, max: number, format?: ImportFormat): never {
  throw new AppError('import_limit_exceeded', format === undefined ? { limit, max } : { format, limit, max });
}

/**
 * Refuses a file (or pasted text) larger than {@link IMPORT_LIMITS}.fileBytes.
 * Call it with `File.size` before reading the file.
 *
 * @throws AppError `import_limit_exceeded` (`limit: 'file_size'`).
 */
export function assertImportFileSize(bytes: number): void {
  if (bytes > IMPORT_LIMITS.fileBytes) exceeded('file_size', IMPORT_LIMITS.fileBytes);
}

/**
 * Refuses a file with more than {@link IMPORT_LIMITS}.entries entries, before they are read.
 *
 * @throws AppError `import_limit_exceeded` (`limit: 'entries'`).
 */
export function assertImportEntryCount(count: number, format: ImportFormat): void {
  if (count > IMPORT_LIMITS.entries) exceeded('entries', IMPORT_LIMITS.entries, format);
}

/**
 * Refuses an import that would leave more than {@link IMPORT_LIMITS}.vaultAccounts accounts stored.
 *
 * @throws AppError `import_limit_exceeded` (`limit: 'vault_accounts'`).
 */
export function assertVaultSize(stored: number, adding: number, format: ImportFormat): void {
  if (stored + adding > IMPORT_LIMITS.vaultAccounts) exceeded('vault_accounts', IMPORT_LIMITS.vaultAccounts, format);
}

/**
 * Checks a Google Authenticator code's "code N of M" before anything is
 * allocated for it: M a whole number from 1 to {@link IMPORT_LIMITS}.migrationBatchSize,
 * N from 0 to M − 1.
 *
 * @throws AppError `import_limit_exceeded` (`limit: 'batch_size'`) for too many
 *   codes; `migration_batch_invalid` for an impossible size or position.
 */
export function assertMigrationBatch(batch: { index: number; size: number }): void {
  const { index, size } = batch;
  if (!Number.isSafeInteger(size) || size < 1) throw new AppError('migration_batch_invalid', { field: 'batch_size', value: String(size) });
  if (size > IMPORT_LIMITS.migrationBatchSize) exceeded('batch_size', IMPORT_LIMITS.migrationBatchSize, 'google-migration');
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new AppError('migration_batch_invalid', { field: 'batch_index', value: String(index), size });
  }
}

/**
 * Refuses an Aegis file with more password slots than {@link IMPORT_LIMITS}.aegisPasswordSlots.
 *
 * @throws AppError `import_limit_exceeded` (`limit: 'password_slots'`).
 */
export function assertAegisPasswordSlots(count: number): void {
  if (count > IMPORT_LIMITS.aegisPasswordSlots) exceeded('password_slots', IMPORT_LIMITS.aegisPasswordSlots, 'aegis');
}

/**
 * Refuses scrypt parameters above {@link IMPORT_LIMITS}.scrypt (the shape is
 * checked by `isScryptParams`).
 *
 * @throws AppError `import_limit_exceeded` (`limit: 'kdf'`, format `aegis`).
 */
export function assertImportScryptCost(params: { n: number; r: number; p: number }): void {
  const { maxMemoryBytes, maxWork } = IMPORT_LIMITS.scrypt;
  if (128 * params.n * params.r > maxMemoryBytes || params.n * params.r * params.p > maxWork) exceeded('kdf', maxMemoryBytes, 'aegis');
}

/**
 * Refuses Argon2id parameters above {@link IMPORT_LIMITS}.argon2id (the shape
 * is checked by `isArgon2idParams`).
 *
 * @throws AppError `import_limit_exceeded` (`limit: 'kdf'`, format `acme-backup`).
 */
export function assertImportArgon2idCost(params: { memoryKiB: number; iterations: number; parallelism: number }): void {
  const { maxMemoryKiB, maxParallelism, maxWork } = IMPORT_LIMITS.argon2id;
  if (params.memoryKiB > maxMemoryKiB || params.parallelism > maxParallelism || params.memoryKiB * params.iterations > maxWork) {
    exceeded('kdf', maxMemoryKiB * 1024, 'acme-backup');
  }
}

/**
 * Refuses a PBKDF2 iteration count above {@link IMPORT_LIMITS}.pbkdf2Iterations
 * (a file chooses it, so it must not choose how long the app works).
 *
 * @throws AppError `import_limit_exceeded` (`limit: 'kdf_iterations'`).
 */
export function assertImportPbkdf2Iterations(iterations: number, format: ImportFormat): void {
  if (iterations > IMPORT_LIMITS.pbkdf2Iterations) exceeded('kdf_iterations', IMPORT_LIMITS.pbkdf2Iterations, format);
}

/**
 * Refuses an Ente Auth export's `kdfParams` above {@link IMPORT_LIMITS}.enteArgon2id
 * (`memLimit` in bytes, `opsLimit` passes; their shape is checked by the reader).
 *
 * @throws AppError `import_limit_exceeded` (`limit: 'kdf'`, format `ente`).
 */
export function assertImportEnteKdfCost(params: { memLimit: number; opsLimit: number }): void {
  const { maxMemoryBytes, maxPasses, maxWorkKiB } = IMPORT_LIMITS.enteArgon2id;
  if (params.memLimit > maxMemoryBytes || params.opsLimit > maxPasses || (params.memLimit / 1024) * params.opsLimit > maxWorkKiB) {
    exceeded('kdf', maxMemoryBytes, 'ente');
  }
}
