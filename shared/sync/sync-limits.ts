/**
 * Every cap on what sync reads from the server or a QR code, with its reason.
 * The server is not trusted: whoever runs it (or breaks into it) can put any
 * bytes in a document, so none may choose how much memory or time a device
 * spends. The key derivation's caps are the vault's import caps
 * (`IMPORT_LIMITS.argon2id`), since a keyring on the server is as foreign
 * as a backup file from anyone.
 */
import { isArgon2idParams, type Argon2idParams } from '../vault/kdf';
import { IMPORT_LIMITS } from '../vault/import-limits';
import { AppError } from './sync-errors';

/** The caps; changing one is a security decision: say why next to it. */
export const SYNC_LIMITS = Object.freeze({
  /**
   * An account's sealed JSON, at most 128 KiB. The largest account the vault
   * accepts is about 75 KB: an own icon of 32 KB (44 KB as Base64), a note of
   * 2,000 code points (8 KB in UTF-8), two names of 256 and a 1,024-character
   * secret (3 KB), membership of 200 groups (some 16 KB with stamps); what is
   * left holds many concurrent code versions and the keys of a few hundred
   * replaced ones. CouchDB's own default cap is 8 MB a document.
   */
  accountPayloadBytes: 128 * 1024,
  /**
   * The group list's sealed JSON, at most 1 MiB: some 2,500 groups with their
   * stamps, deleted ones included (they are kept so their deletion wins), over
   * ten times the vault's 200 live groups.
   */
  groupsPayloadBytes: 1024 * 1024,
  /** A keyring document's JSON, at most 4 KiB: it holds a 48-byte wrapped key, a salt, a nonce and parameters. */
  keyringBytes: 4 * 1024,
  /** Synced accounts one device takes in: the vault's own cap, which its lists are built and measured for. */
  accounts: IMPORT_LIMITS.vaultAccounts,
  /** Argon2id of a keyring (or a pairing payload): the vault's cap on a foreign file's parameters. */
  argon2id: IMPORT_LIMITS.argon2id,
});

/**
 * Checks Argon2id parameters read from the server or a QR code before any
 * derivation: a complete set within the vault's bounds (`isArgon2idParams`)
 * and within {@link SYNC_LIMITS}.argon2id, so a forged document cannot make a
 * phone allocate gigabytes or work for minutes.
 *
 * @throws AppError `sync_limit_exceeded` (`limit: 'kdf'`).
 */
export function assertSyncArgon2idParams(params: unknown): asserts params is Argon2idParams {
  const { maxMemoryKiB, maxParallelism, maxWork } = SYNC_LIMITS.argon2id;
  if (
    !isArgon2idParams(params) ||
    params.memoryKiB > maxMemoryKiB ||
    params.parallelism > maxParallelism ||
    params.memoryKiB * params.iterations > maxWork
  ) {
    throw new AppError('sync_limit_exceeded', { limit: 'kdf', max: maxMemoryKiB * 1024 });
  }
}
