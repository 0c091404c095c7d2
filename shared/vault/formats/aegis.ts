/**
 * Aegis Authenticator's vault file (beemdevelopment/Aegis, docs/vault.md),
 * plain or encrypted, which Aegis, Ente Auth, 2FAS and Bitwarden import:
 *
 * ```json
 * { "version": 1,
 *   "header": { "slots": null | [slot...], "params": null | { "nonce": hex, "tag": hex } },
 *   "db": { "version": 1, "entries": [...] } | "base64 of the encrypted db JSON" }
 * ```
 *
 * Encrypted: a random 256-bit master key encrypts the db JSON with
 * AES-256-GCM (nonce and tag in `header.params`); each slot holds the master
 * key wrapped with AES-256-GCM (`key`, `key_params.nonce`, `key_params.tag`).
 * A password slot (type 1) derives its key with scrypt from the password and
 * its `salt`, with its `n`, `r`, `p` (2^15, 8, 1). Entries: `type` (totp,
 * hotp, steam; yandex and motp are not supported here), `uuid`, `name`, `issuer`,
 * `info` { `secret` (Base32), `algo`, `digits`, `period` | `counter` }. A
 * steam entry has `algo` SHA1, `digits` 5 and `period` 30 (Aegis's SteamInfo).
 */
import { AppError } from '../import-errors';
import type { OtpAccount } from '../../otp/types';
import { decryptAesGcm, encryptAesGcm, importAesKey, joinTag, splitTag } from '../aes-gcm';
import { fromBase64, fromHex, randomBytes, toBase64, toHex, utf8Decode, utf8Encode } from '../bytes';
import { AEGIS_SCRYPT_PARAMS, deriveScryptKey, isScryptParams, type ScryptParams } from '../kdf';
import { assertPassphraseStrength } from '../key-slots';
import { assertAegisPasswordSlots, assertImportEntryCount, assertImportScryptCost } from '../import-limits';
import type { VaultGroup } from '../groups';
import { asObject, describeEntryName, readEntries, readEntry, readGroupNames, readOrganisation, type ExportAccount } from './entry';
import type { ImportedAccount, ParsedImport } from './types';

/** The newest file (outer) version this reader knows. */
const AEGIS_FILE_VERSION = 1;
/** The newest content (db) version this reader knows: Aegis 3.x writes 3 (groups); entries are read the same. */
const AEGIS_DB_MAX_VERSION = 3;

function corrupt(reason: string): never {
  throw new AppError('import_corrupt', { format: 'aegis', reason });
}

/**
 * An account's own image as Aegis entry fields (`icon`: Base64, `icon_mime`). Aegis reads
 * PNG, JPEG and SVG icons only: a WebP image, a set icon or the letter are left out
 * (Aegis matches icons from its own packs by issuer; the export dialog should say so).
 */
function toAegisIcon(account: ExportAccount): Record<string, unknown> {
  const icon = account.icon;
  return icon?.kind === 'image' && icon.mime !== 'image/webp' ? { icon: icon.data, icon_mime: icon.mime } : { icon: null };
}

/** One Aegis entry for an account: its groups as the uuids of `db.groups` (our group ids), `favorite`, `note`, own icon. */
function toAegisEntry(account: ExportAccount, known: ReadonlySet<string>): Record<string, unknown> {
  const info: Record<string, unknown> = { secret: account.secret, algo: account.algorithm, digits: account.digits };
  if (account.type !== 'hotp') info.period = account.period;
  else info.counter = account.counter;
  return {
    type: account.type,
    uuid: crypto.randomUUID(),
    name: account.label,
    issuer: account.issuer,
    note: account.note ?? '',
    favorite: account.favourite === true,
    ...toAegisIcon(account),
    info,
    groups: (account.groups ?? []).filter((id) => known.has(id)),
  };
}

/** Options of {@link exportAegisJson}. */
export interface AegisExportOptions {
  /** Encrypts the file with this password (at least 8 characters); plain JSON without one. */
  password?: string;
  /** scrypt parameters; Aegis's (2^15, 8, 1) unless given (tests pass smaller ones). */
  scrypt?: ScryptParams;
  /** The vault's groups, written as `db.groups` (uuid = our group id) so entries can name them. */
  groups?: readonly VaultGroup[];
}

/**
 * Writes the accounts as an Aegis vault file (pretty-printed JSON text).
 *
 * @throws AppError `passphrase_too_short` (field `password`) for a short password.
 */
export async function exportAegisJson(accounts: readonly ExportAccount[], options: AegisExportOptions = {}): Promise<string> {
  const groups = options.groups ?? [];
  const known = new Set<string>(groups.map((group) => group.id));
  // Version 3 is the db Aegis 3.x writes: `groups` at db level, entries naming them by uuid.
  const db = {
    version: AEGIS_DB_MAX_VERSION,
    entries: accounts.map((account) => toAegisEntry(account, known)),
    groups: groups.map((group) => ({ uuid: group.id, name: group.name })),
  };
  if (options.password === undefined) {
    return `${JSON.stringify({ version: AEGIS_FILE_VERSION, header: { slots: null, params: null }, db }, null, 4)}\n`;
  }
  assertPassphraseStrength(options.password, 'password');
  const params = options.scrypt ?? AEGIS_SCRYPT_PARAMS;
  const masterKey = randomBytes(32);
  const salt = randomBytes(32);
  try {
    const derived = await deriveScryptKey(options.password, salt, params);
    const slotKey = await importAesKey(derived);
    derived.fill(0);
    const wrapped = await encryptAesGcm(slotKey, masterKey);
    const content = await encryptAesGcm(await importAesKey(masterKey), utf8Encode(JSON.stringify(db)));
    const wrappedParts = splitTag(wrapped.ciphertext);
    const contentParts = splitTag(content.ciphertext);
    const slot = {
      type: 1,
      uuid: crypto.randomUUID(),
      key: toHex(wrappedParts.ciphertext),
      key_params: { nonce: toHex(wrapped.iv), tag: toHex(wrappedParts.tag) },
      n: params.n,
      r: params.r,
      p: params.p,
      salt: toHex(salt),
    };
    const file = {
      version: AEGIS_FILE_VERSION,
      header: { slots: [slot], params: { nonce: toHex(content.iv), tag: toHex(contentParts.tag) } },
      db: toBase64(contentParts.ciphertext),
    };
    return `${JSON.stringify(file, null, 4)}\n`;
  } finally {
    masterKey.fill(0);
  }
}

/** Whether parsed JSON has the shape of an Aegis vault file (`header` and `db`). */
export function isAegisFile(json: unknown): boolean {
  const file = asObject(json);
  return file !== undefined && 'header' in file && 'db' in file;
}

/** Whether an Aegis file is encrypted (its header has slots). */
export function isAegisEncrypted(json: unknown): boolean {
  return Array.isArray(asObject(asObject(json)?.header)?.slots);
}

/** Reads a nonce/tag pair of hex strings: 12 and 16 bytes. */
function readGcmParams(value: unknown): { nonce: Uint8Array<ArrayBuffer>; tag: Uint8Array<ArrayBuffer> } {
  const params = asObject(value);
  const nonce = fromHex(params?.nonce);
  const tag = fromHex(params?.tag);
  if (!nonce || nonce.length !== 12 || !tag || tag.length !== 16) corrupt('params');
  return { nonce, tag };
}

/** A password slot's fields, checked (shape and cost) before any key is derived. */
function readPasswordSlot(slot: Record<string, unknown> | undefined) {
  const salt = fromHex(slot?.salt);
  const key = fromHex(slot?.key);
  const scryptParams = { n: slot?.n, r: slot?.r, p: slot?.p };
  if (!salt || !key || key.length !== 32 || !isScryptParams(scryptParams)) corrupt('slot');
  assertImportScryptCost(scryptParams);
  return { salt, key, scryptParams, ...readGcmParams(slot?.key_params) };
}

/**
 * Opens the master key with the first password slot the password opens.
 * Every slot's count and cost are checked before the first derivation, so a
 * file cannot make the app work longer than `IMPORT_LIMITS` allows.
 */
async function openPasswordSlots(slots: readonly unknown[], password: string): Promise<Uint8Array<ArrayBuffer>> {
  const passwordSlots = slots.map(asObject).filter((slot) => slot?.type === 1);
  if (passwordSlots.length === 0) throw new AppError('import_unsupported', { format: 'aegis', reason: 'no_password_slot' });
  assertAegisPasswordSlots(passwordSlots.length);
  for (const { salt, key, scryptParams, nonce, tag } of passwordSlots.map(readPasswordSlot)) {
    const derived = await deriveScryptKey(password, salt, scryptParams);
    const kek = await importAesKey(derived);
    derived.fill(0);
    const masterKey = await decryptAesGcm(kek, { iv: nonce, ciphertext: joinTag(key, tag) });
    if (masterKey) return masterKey;
  }
  throw new AppError('backup_wrong_password', { format: 'aegis' });
}

/** Decrypts the db of an encrypted file. */
async function decryptDb(file: Record<string, unknown>, password: string): Promise<unknown> {
  const header = asObject(file.header);
  const slots = header?.slots as unknown[];
  const { nonce, tag } = readGcmParams(header?.params);
  const ciphertext = fromBase64(file.db);
  if (!ciphertext) corrupt('db');
  const masterKey = await openPasswordSlots(slots, password);
  const key = await importAesKey(masterKey);
  masterKey.fill(0);
  const plaintext = await decryptAesGcm(key, { iv: nonce, ciphertext: joinTag(ciphertext, tag) });
  if (!plaintext) corrupt('db');
  const text = utf8Decode(plaintext);
  plaintext.fill(0);
  try {
    return JSON.parse(text ?? '');
  } catch {
    return corrupt('db');
  }
}

/**
 * The names of an entry's groups: db version 3 names them by uuid (`groups`),
 * versions 1 and 2 by one name (`group`); a uuid not in `db.groups` is ignored.
 */
function entryGroupNames(entry: Record<string, unknown>, namesByUuid: ReadonlyMap<string, string>): string[] {
  const names = Array.isArray(entry.groups) ? entry.groups.map((uuid) => namesByUuid.get(String(uuid))).filter((name) => name !== undefined) : [];
  if (typeof entry.group === 'string') names.push(entry.group);
  return names;
}

/** Reads one entry (`info` holds the OTP fields). */
function readAegisEntry(value: unknown, namesByUuid: ReadonlyMap<string, string>): ImportedAccount {
  const entry = asObject(value);
  if (!entry) throw new AppError('entry_field_invalid', { field: 'entry' });
  const info = asObject(entry.info);
  if (!info) throw new AppError('entry_field_invalid', { field: 'info' });
  const organisation = readOrganisation({
    groupNames: entryGroupNames(entry, namesByUuid),
    favourite: entry.favorite,
    note: entry.note,
    icon: typeof entry.icon === 'string' ? { kind: 'image', mime: entry.icon_mime, data: entry.icon } : undefined,
  });
  return {
    ...readAegisOtp(entry, info),
    ...organisation,
  };
}

function readAegisOtp(entry: Record<string, unknown>, info: Record<string, unknown>): OtpAccount {
  return readEntry({
    type: entry.type,
    secret: info.secret,
    issuer: entry.issuer,
    label: entry.name,
    algorithm: info.algo,
    digits: info.digits,
    period: info.period,
    counter: info.counter,
  });
}

/**
 * Reads an Aegis vault file, decrypting it with `password` if it is encrypted.
 *
 * @param json The file's parsed JSON (see `readImportFile` for text).
 * @throws AppError `import_password_required`, `backup_wrong_password`,
 *   `import_unsupported` (newer version, no password slot), `import_corrupt`,
 *   `import_limit_exceeded` (too many password slots or entries, scrypt too costly).
 */
export async function parseAegisJson(json: unknown, password?: string): Promise<ParsedImport> {
  const file = asObject(json);
  if (!file || !isAegisFile(file)) throw new AppError('import_unrecognized_format', { format: 'aegis' });
  if (typeof file.version !== 'number' || !Number.isInteger(file.version)) corrupt('version');
  if (file.version > AEGIS_FILE_VERSION) throw new AppError('import_unsupported', { format: 'aegis', reason: 'version' });
  const encrypted = isAegisEncrypted(file);
  if (encrypted && password === undefined) throw new AppError('import_password_required', { format: 'aegis' });
  const db = asObject(encrypted ? await decryptDb(file, password as string) : file.db);
  if (!db || !Array.isArray(db.entries)) corrupt('entries');
  if (typeof db.version === 'number' && db.version > AEGIS_DB_MAX_VERSION) {
    throw new AppError('import_unsupported', { format: 'aegis', reason: 'version' });
  }
  assertImportEntryCount((db.entries as unknown[]).length, 'aegis');
  const groups = (Array.isArray(db.groups) ? db.groups : []).map(asObject).filter((group) => typeof group?.name === 'string');
  assertImportEntryCount(groups.length, 'aegis');
  const namesByUuid = new Map(groups.map((group) => [String(group!.uuid), group!.name as string]));
  const { accounts, unreadable } = readEntries(
    db.entries as unknown[],
    (entry) => readAegisEntry(entry, namesByUuid),
    (entry) => describeEntryName(asObject(entry)?.issuer, asObject(entry)?.name),
  );
  const groupNames = [...new Set([...namesByUuid.values(), ...accounts.flatMap((account) => account.groupNames ?? [])])];
  return { format: 'aegis', encrypted, accounts, unreadable, groupNames: readGroupNames(groupNames) };
}
