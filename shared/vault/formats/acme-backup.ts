/**
 * Our own encrypted backup file (README.md, "Backup file format"):
 *
 * ```json
 * { "format": "acme-authenticator-backup", "version": 1, "createdAt": "2026-11-28T16:00:00.000Z",
 *   "kdf": { "algorithm": "argon2id", "memoryKiB": 65536, "iterations": 3, "parallelism": 1, "salt": "base64" },
 *   "key": { "nonce": "base64", "ciphertext": "base64" },
 *   "nonce": "base64", "ciphertext": "base64" }
 * ```
 *
 * A random 256-bit data key encrypts the accounts (JSON) with AES-256-GCM;
 * the data key is stored wrapped (AES-256-GCM) under a key derived from the
 * backup password with Argon2id. The two layers tell a wrong password (the
 * key does not unwrap) from a damaged file (the data does not open).
 */
import { AppError } from '../import-errors';
import type { OtpAccount } from '../../otp/types';
import { decryptAesGcm, encryptAesGcm, importAesKey } from '../aes-gcm';
import { fromBase64, randomBytes, toBase64, utf8Decode, utf8Encode } from '../bytes';
import { ARGON2ID_DEFAULTS, ARGON2ID_SALT_BYTES, deriveArgon2idKey, isArgon2idParams, type Argon2idParams } from '../kdf';
import { assertPassphraseStrength } from '../key-slots';
import { assertImportArgon2idCost, assertImportEntryCount } from '../import-limits';
import { sortGroups, type VaultGroup } from '../groups';
import { asObject, describeEntryName, readEntries, readEntry, readGroupNames, readOrganisation, type ExportAccount } from './entry';
import type { ImportedAccount, ParsedImport } from './types';

/** The `format` field that names our backups. */
export const ACME_BACKUP_FORMAT = 'acme-authenticator-backup';
/** The backup format version this code writes and the newest it reads. */
export const ACME_BACKUP_VERSION = 1;

/** Additional data of the two layers, binding each to this format and version. */
const KEY_AAD = utf8Encode(`${ACME_BACKUP_FORMAT}/v1/key`);
const DATA_AAD = utf8Encode(`${ACME_BACKUP_FORMAT}/v1/data`);

/** The backup file, as JSON. */
export interface AcmeBackupFile {
  /** Always {@link ACME_BACKUP_FORMAT}. */
  format: typeof ACME_BACKUP_FORMAT;
  /** Format version, 1. */
  version: number;
  /** When the backup was made (ISO 8601, UTC); informative only. */
  createdAt: string;
  /** The key derivation and its parameters. */
  kdf: Argon2idParams & {
    /** Argon2id salt, 16 random bytes, Base64. */
    salt: string;
  };
  /** The data key, wrapped under the password's key. */
  key: {
    /** GCM nonce, 12 bytes, Base64. */
    nonce: string;
    /** The 32-byte data key encrypted, with the 16-byte tag appended, Base64. */
    ciphertext: string;
  };
  /** GCM nonce of the data, 12 bytes, Base64. */
  nonce: string;
  /** The accounts JSON (`{ "version": 1, "accounts": [...] }`) encrypted, tag appended, Base64. */
  ciphertext: string;
}

/** Options of {@link exportAcmeBackup}. */
export interface AcmeBackupOptions {
  /** The current time (ms), for `createdAt`. */
  now: number;
  /** Argon2id parameters; the production defaults unless given (tests pass small ones). */
  kdf?: Argon2idParams;
  /** The vault's groups (the payload keeps every one, and accounts name them by id). */
  groups?: readonly VaultGroup[];
}

/** The OTP fields and the organisation (payload version 2, issue 12), in a fixed order. */
function toPayloadAccount(account: ExportAccount, known: ReadonlySet<string>) {
  const { type, issuer, label, secret, algorithm, digits, period, counter } = account;
  return {
    type,
    issuer,
    label,
    secret,
    algorithm,
    digits,
    period,
    counter,
    groups: (account.groups ?? []).filter((id) => known.has(id)),
    favourite: account.favourite === true,
    note: account.note ?? '',
    lastUsedAt: account.lastUsedAt ?? null,
    icon: account.icon ?? null,
  };
}

/**
 * Writes an encrypted backup of the accounts (JSON text).
 *
 * @param password The backup's password (at least 8 characters); the UI offers the vault passphrase.
 * @throws AppError `passphrase_too_short` (field `password`).
 */
export async function exportAcmeBackup(accounts: readonly ExportAccount[], password: string, options: AcmeBackupOptions): Promise<string> {
  assertPassphraseStrength(password, 'password');
  const kdf = options.kdf ?? ARGON2ID_DEFAULTS;
  const salt = randomBytes(ARGON2ID_SALT_BYTES);
  const dataKey = randomBytes(32);
  const groups = sortGroups(options.groups ?? []).map(({ id, name }) => ({ id, name }));
  const known = new Set<string>(groups.map((group) => group.id));
  const payload = utf8Encode(JSON.stringify({ version: 2, groups, accounts: accounts.map((account) => toPayloadAccount(account, known)) }));
  try {
    const derived = await deriveArgon2idKey(password, salt, kdf);
    const kek = await importAesKey(derived);
    derived.fill(0);
    const wrapped = await encryptAesGcm(kek, dataKey, KEY_AAD);
    const data = await encryptAesGcm(await importAesKey(dataKey), payload, DATA_AAD);
    const file: AcmeBackupFile = {
      format: ACME_BACKUP_FORMAT,
      version: ACME_BACKUP_VERSION,
      createdAt: new Date(options.now).toISOString(),
      kdf: {
        algorithm: 'argon2id',
        memoryKiB: kdf.memoryKiB,
        iterations: kdf.iterations,
        parallelism: kdf.parallelism,
        salt: toBase64(salt),
      },
      key: { nonce: toBase64(wrapped.iv), ciphertext: toBase64(wrapped.ciphertext) },
      nonce: toBase64(data.iv),
      ciphertext: toBase64(data.ciphertext),
    };
    return `${JSON.stringify(file, null, 2)}\n`;
  } finally {
    dataKey.fill(0);
    payload.fill(0);
  }
}

/** Whether parsed JSON names itself one of our backups. */
export function isAcmeBackup(json: unknown): boolean {
  return asObject(json)?.format === ACME_BACKUP_FORMAT;
}

function corrupt(reason: string): never {
  throw new AppError('import_corrupt', { format: 'acme-backup', reason });
}

/** Reads one account of the payload: OTP fields, and from payload version 2 its organisation (groups by id). */
function readPayloadAccount(value: unknown, namesById: ReadonlyMap<string, string>): ImportedAccount {
  const account = asObject(value);
  if (!account) throw new AppError('entry_field_invalid', { field: 'account' });
  const groupIds = Array.isArray(account.groups) ? account.groups : undefined;
  const organisation = readOrganisation({
    groupNames: groupIds?.map((id) => namesById.get(String(id))).filter((name) => name !== undefined),
    favourite: account.favourite,
    note: account.note,
    icon: account.icon,
  });
  const lastUsedAt = account.lastUsedAt;
  if (typeof lastUsedAt === 'number' && Number.isSafeInteger(lastUsedAt) && lastUsedAt >= 0) organisation.lastUsedAt = lastUsedAt;
  return { ...readPayloadOtp(account), ...organisation };
}

function readPayloadOtp(account: Record<string, unknown>): OtpAccount {
  return readEntry({
    type: account.type,
    secret: account.secret,
    issuer: account.issuer,
    label: account.label,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    counter: account.counter,
  });
}

/**
 * Reads one of our backups with its password.
 *
 * @param json The file's parsed JSON.
 * @throws AppError `import_password_required` (no password given),
 *   `backup_wrong_password`, `import_unsupported` (a newer version),
 *   `import_corrupt` (damaged or truncated), `import_limit_exceeded`
 *   (Argon2id costlier than `IMPORT_LIMITS.argon2id`, too many entries).
 */
export async function parseAcmeBackup(json: unknown, password?: string): Promise<ParsedImport> {
  const file = asObject(json);
  if (!file || !isAcmeBackup(file)) throw new AppError('import_unrecognized_format', { format: 'acme-backup' });
  if (typeof file.version !== 'number' || !Number.isInteger(file.version) || file.version < 1) corrupt('version');
  if (file.version > ACME_BACKUP_VERSION) throw new AppError('import_unsupported', { format: 'acme-backup', reason: 'version' });
  const kdf = asObject(file.kdf);
  const kdfParams = { algorithm: kdf?.algorithm, memoryKiB: kdf?.memoryKiB, iterations: kdf?.iterations, parallelism: kdf?.parallelism };
  if (!isArgon2idParams(kdfParams)) corrupt('kdf');
  assertImportArgon2idCost(kdfParams);
  const salt = fromBase64(kdf?.salt);
  const key = asObject(file.key);
  const keyNonce = fromBase64(key?.nonce);
  const wrappedKey = fromBase64(key?.ciphertext);
  const nonce = fromBase64(file.nonce);
  const ciphertext = fromBase64(file.ciphertext);
  if (!salt || salt.length < 8 || !keyNonce || !wrappedKey || !nonce || !ciphertext) corrupt('fields');
  if (password === undefined) throw new AppError('import_password_required', { format: 'acme-backup' });
  // Backups are made with 8 characters or more; Argon2 takes no empty password.
  if (password === '') throw new AppError('backup_wrong_password', { format: 'acme-backup' });

  const derived = await deriveArgon2idKey(password, salt, kdfParams);
  const kek = await importAesKey(derived);
  derived.fill(0);
  const dataKey = await decryptAesGcm(kek, { iv: keyNonce, ciphertext: wrappedKey }, KEY_AAD);
  if (!dataKey || dataKey.length !== 32) throw new AppError('backup_wrong_password', { format: 'acme-backup' });
  const plaintext = await decryptAesGcm(await importAesKey(dataKey), { iv: nonce, ciphertext }, DATA_AAD);
  dataKey.fill(0);
  if (!plaintext) corrupt('ciphertext');
  let payload: Record<string, unknown> | undefined;
  try {
    payload = asObject(JSON.parse(utf8Decode(plaintext) ?? ''));
  } catch {
    corrupt('payload');
  } finally {
    plaintext.fill(0);
  }
  if (!payload || !Array.isArray(payload.accounts)) corrupt('payload');
  assertImportEntryCount((payload.accounts as unknown[]).length, 'acme-backup');
  const groups = (Array.isArray(payload.groups) ? payload.groups : []).map(asObject).filter((group) => typeof group?.name === 'string');
  assertImportEntryCount(groups.length, 'acme-backup');
  const namesById = new Map(groups.map((group) => [String(group!.id), group!.name as string]));
  const { accounts, unreadable } = readEntries(
    payload.accounts as unknown[],
    (account) => readPayloadAccount(account, namesById),
    (account) => describeEntryName(asObject(account)?.issuer, asObject(account)?.label),
  );
  return { format: 'acme-backup', encrypted: true, accounts, unreadable, groupNames: readGroupNames([...namesById.values()]) };
}
