/**
 * Bitwarden's vault exports (bitwarden.com/help/export-your-data, and the
 * clients' `BitwardenCsvExportType`). Import only; only logins with a TOTP
 * become accounts: every other item is a password, a card or a note, and is
 * skipped without a word (it is not an authenticator entry).
 *
 * - JSON: `{ encrypted: false, folders: [{ id, name }], collections?: [{ id, name }],
 *   items: [{ type (1 = login), name, notes, favorite, folderId, collectionIds,
 *   login: { username, password, totp, uris } }] }`. An encrypted export
 *   (`encrypted: true`, account restricted or password protected) is refused.
 * - CSV: a header row `folder,favorite,type,name,notes,fields,reprompt,login_uri,
 *   login_username,login_password,login_totp` (an organisation's export has
 *   `collections`, comma-separated, instead of `folder`), then one row per
 *   item; `favorite` is 1 or empty. Notes hold commas, quotes and line
 *   breaks, so the CSV is read by papaparse, fetched with `import()` only
 *   when a CSV is read.
 *
 * `totp` holds an otpauth:// link, a bare Base32 secret (then the service is
 * the item's name and the account its username) or `steam://<secret>`. The
 * folder (or collections) become groups, favourite and notes are kept; the
 * groups listed are those of the accounts read (a password manager's other
 * folders are not made). Passwords, URIs and custom fields are never read.
 */
import { AppError } from '../import-errors';
import { parseOtpauthUri } from '../../otp/otpauth-uri';
import type { OtpAccount } from '../../otp/types';
import { assertImportEntryCount } from '../import-limits';
import { asObject, describeEntryName, readEntries, readEntry, readGroupNames, readOrganisation } from './entry';
import type { ImportedAccount, ParsedImport } from './types';

/** A login item as both exports give it, before it is checked. */
interface BitwardenLogin {
  /** The item's name (the service). */
  name: unknown;
  /** Its username. */
  username: unknown;
  /** `login.totp` / `login_totp`. */
  totp: unknown;
  /** Folder or collection names. */
  groupNames: unknown[];
  /** Whether it is a favourite. */
  favourite: boolean;
  /** Its notes. */
  notes: unknown;
  /** A CSV row with too few or too many cells: it cannot be trusted cell by cell, so it is listed, not guessed at. */
  broken?: boolean;
}

/** Columns a Bitwarden CSV header has whatever the vault (personal: `folder`, organisation: `collections`). */
const CSV_COLUMNS = ['type', 'name', 'login_totp'] as const;

function corrupt(reason: string): never {
  throw new AppError('import_corrupt', { format: 'bitwarden', reason });
}

/** Whether parsed JSON is a Bitwarden export: `encrypted` a boolean, with `items` (plain) or encrypted data. */
export function isBitwardenJson(json: unknown): boolean {
  const file = asObject(json);
  return file !== undefined && typeof file.encrypted === 'boolean' && (Array.isArray(file.items) || typeof file.data === 'string' || 'encKeyValidation_DO_NOT_EDIT' in file);
}

/** The first line of a text, split at commas (a header row has no quoted cells). */
function headerCells(text: string): string[] {
  const end = text.search(/\r?\n/);
  return (end === -1 ? text : text.slice(0, end)).split(',').map((cell) => cell.trim().replace(/^"|"$/g, ''));
}

/** Whether the text is a Bitwarden CSV export, by its header row. */
export function isBitwardenCsv(text: string | undefined): boolean {
  if (text === undefined) return false;
  const cells = headerCells(text);
  return CSV_COLUMNS.every((column) => cells.includes(column)) && (cells.includes('folder') || cells.includes('collections'));
}

/** Reads one login's TOTP: an otpauth:// link, `steam://<secret>`, or a bare secret. */
function readTotp(login: BitwardenLogin): OtpAccount {
  const totp = typeof login.totp === 'string' ? login.totp.trim() : '';
  if (/^otpauth:\/\//i.test(totp)) {
    const account = parseOtpauthUri(totp);
    // A link without names takes them from the item, as Bitwarden shows it.
    return readEntry({
      ...account,
      issuer: account.issuer !== '' ? account.issuer : login.name,
      label: account.label !== '' ? account.label : login.username,
    });
  }
  const steam = /^steam:\/\/(.*)$/i.exec(totp);
  return readEntry({
    type: steam ? 'steam' : 'totp',
    secret: steam ? steam[1] : totp,
    issuer: login.name,
    label: login.username,
    // Steam Guard codes: 5 characters, every 30 s (Steam's fixed parameters).
    digits: steam ? 5 : undefined,
  });
}

function readLogin(login: BitwardenLogin): ImportedAccount {
  if (login.broken) throw new AppError('entry_field_invalid', { field: 'row (its number of columns)' });
  return { ...readTotp(login), ...readOrganisation({ groupNames: login.groupNames, favourite: login.favourite, note: login.notes }) };
}

/**
 * Reads the logins that have a TOTP, reporting each that cannot be read by its
 * position among all of the file's items.
 */
function readLogins(items: readonly { index: number; login: BitwardenLogin }[]): ParsedImport {
  assertImportEntryCount(items.length, 'bitwarden');
  const { accounts, unreadable } = readEntries(
    items,
    ({ login }) => readLogin(login),
    ({ login }) => describeEntryName(login.name, login.username),
  );
  return {
    format: 'bitwarden',
    encrypted: false,
    accounts,
    unreadable: unreadable.map((entry) => ({ ...entry, index: items[entry.index]!.index })),
    groupNames: readGroupNames(accounts.flatMap((account) => account.groupNames ?? [])),
  };
}

function hasTotp(login: BitwardenLogin): boolean {
  return typeof login.totp === 'string' && login.totp.trim() !== '';
}

/** A map of `{ id, name }` objects' ids to names (folders, collections). */
function namesById(list: unknown): Map<string, unknown> {
  const objects = (Array.isArray(list) ? list : []).map(asObject).filter((object) => object !== undefined);
  assertImportEntryCount(objects.length, 'bitwarden');
  return new Map(objects.map((object) => [String(object.id), object.name]));
}

/**
 * Reads a Bitwarden JSON export.
 *
 * @param json The file's parsed JSON.
 * @throws AppError `import_unsupported` (reason `encrypted_export`) for an
 *   encrypted export, `import_corrupt` without `items`, `import_limit_exceeded`.
 */
export function parseBitwardenJson(json: unknown): ParsedImport {
  const file = asObject(json);
  if (!file || !isBitwardenJson(file)) throw new AppError('import_unrecognized_format', { format: 'bitwarden' });
  if (file.encrypted !== false) throw new AppError('import_unsupported', { format: 'bitwarden', reason: 'encrypted_export' });
  if (!Array.isArray(file.items)) corrupt('items');
  const folders = namesById(file.folders);
  const collections = namesById(file.collections);
  const logins = (file.items as unknown[]).map((value, index) => {
    const item = asObject(value);
    const login = asObject(item?.login);
    const collectionIds = Array.isArray(item?.collectionIds) ? item.collectionIds : [];
    return {
      index,
      login: {
        name: item?.name,
        username: login?.username,
        totp: login?.totp,
        groupNames: [folders.get(String(item?.folderId)), ...collectionIds.map((id) => collections.get(String(id)))],
        favourite: item?.favorite === true,
        notes: item?.notes,
      },
    };
  });
  return readLogins(logins.filter(({ login }) => hasTotp(login)));
}

/**
 * Reads a Bitwarden CSV export (papaparse, fetched on first use).
 *
 * @param text The file's text.
 * @throws AppError `import_corrupt` for broken quoting, `import_limit_exceeded`.
 */
export async function parseBitwardenCsv(text: string): Promise<ParsedImport> {
  if (!isBitwardenCsv(text)) throw new AppError('import_unrecognized_format', { format: 'bitwarden' });
  const { default: Papa } = await import('papaparse');
  const parsed = Papa.parse<Record<string, string | undefined>>(text, { header: true, skipEmptyLines: true });
  // A quote left open swallows the rest of the file: the file was cut short or altered.
  if (parsed.errors.some((error) => error.type === 'Quotes')) corrupt('csv');
  const broken = new Set(parsed.errors.filter((error) => error.type === 'FieldMismatch').map((error) => error.row));
  const logins = parsed.data.map((row, index) => ({
    index,
    login: {
      name: row.name,
      username: row.login_username,
      totp: row.login_totp,
      groupNames: [row.folder, ...(row.collections ?? '').split(',')].map((name) => name?.trim()),
      favourite: row.favorite?.trim() === '1',
      notes: row.notes,
      broken: broken.has(index),
    },
  }));
  return readLogins(logins.filter(({ login }) => login.broken || hasTotp(login)));
}
