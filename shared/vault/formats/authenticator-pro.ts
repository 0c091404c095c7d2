/**
 * Authenticator Pro's (now Stratum's) backups (jamie-mh/AuthenticatorPro,
 * `AuthenticatorPro.Core/src/Backup/Backup.cs`, `Entity/*.cs`,
 * `Backup/Encryption/*.cs`, `doc/BACKUP_FORMAT.md`).
 *
 * Plain: JSON `{ Authenticators: [{ Type (1 HOTP, 2 TOTP, 3 mOTP, 4 Steam,
 * 5 Yandex), Icon, Issuer, Username, Secret (Base32), Pin, Algorithm (0 SHA1,
 * 1 SHA256, 2 SHA512), Digits, Period, Counter, Ranking, CopyCount }],
 * Categories: [{ Id, Name, Ranking }], AuthenticatorCategories: [{ CategoryId,
 * AuthenticatorSecret, Ranking }], CustomIcons: [{ Id, Data (Base64 image) }] }`.
 * Categories become groups; an `Icon` of `@` and a custom icon's id becomes the
 * account's own image where it is a PNG, JPEG or WebP within our caps (any
 * other icon names Authenticator Pro's icon pack: automatic); accounts come in
 * `Ranking` order. mOTP and Yandex entries are listed unreadable.
 *
 * Encrypted (binary): `AUTHENTICATORPRO` (16 ASCII bytes), salt (16), IV
 * (12), AES-256-GCM ciphertext and tag, with the key Argon2id(password,
 * salt; 4 lanes, 3 passes, 64 MiB, 32 bytes), `StrongBackupEncryption.cs`;
 * or the legacy `AuthenticatorPro`, salt (20), IV (16), AES-256-CBC with
 * PKCS#7 padding, key PBKDF2-HMAC-SHA1(password, salt, 64,000, 32 bytes),
 * `LegacyBackupEncryption.cs`. The costs are fixed by the app, not by the file.
 *
 * HTML: a table whose rows hold each account's link in `<code>` (the Steam
 * type as a totp link with issuer "Steam" or a `steam` parameter).
 */
import { AppError } from '../import-errors';
import { parseOtpauthUri } from '../../otp/otpauth-uri';
import type { OtpAccount } from '../../otp/types';
import { decryptAesGcm, importAesKey } from '../aes-gcm';
import { fromBase64, toBytes, utf8Decode, utf8Encode, type Bytes } from '../bytes';
import { assertImportEntryCount } from '../import-limits';
import { deriveArgon2idKeyAsGiven } from '../kdf';
import { asObject, describeEntryName, readEntries, readEntry, readGroupNames, readOrganisation } from './entry';
import { describeLinkName, readSteamLink } from './link-entry';
import type { ImportedAccount, ParsedImport } from './types';

/** The two encrypted layouts: the header, the salt and IV lengths. */
const ENCRYPTIONS = {
  strong: { header: 'AUTHENTICATORPRO', saltBytes: 16, ivBytes: 12 },
  legacy: { header: 'AuthenticatorPro', saltBytes: 20, ivBytes: 16 },
} as const;

type Encryption = keyof typeof ENCRYPTIONS;

/** StrongBackupEncryption.cs: Argon2id, 4 lanes, 3 passes, 64 MiB (Konscious's MemorySize is in KiB). */
const STRONG_ARGON2ID = { algorithm: 'argon2id', memoryKiB: 65_536, iterations: 3, parallelism: 4 } as const;
/** LegacyBackupEncryption.cs: PBKDF2-HMAC-SHA1, 64,000 iterations. */
const LEGACY_PBKDF2_ITERATIONS = 64_000;
/** AES-GCM's tag and AES-CBC's block, in bytes. */
const GCM_TAG_BYTES = 16;
const AES_BLOCK_BYTES = 16;

/** Type numbers (`AuthenticatorType`) as `readEntry` names types; mOTP and Yandex are refused there by name. */
const TYPES: Readonly<Record<number, string>> = { 1: 'hotp', 2: 'totp', 3: 'mOTP', 4: 'steam', 5: 'Yandex' };
/** Algorithm numbers (`HashAlgorithm`). */
const ALGORITHMS: Readonly<Record<number, string>> = { 0: 'SHA1', 1: 'SHA256', 2: 'SHA512' };
/** CustomIcon.Prefix: an `Icon` naming one of the file's own images. */
const CUSTOM_ICON_PREFIX = '@';

function corrupt(reason: string): never {
  throw new AppError('import_corrupt', { format: 'authenticator-pro', reason });
}

/** Whether parsed JSON has the shape of a plain backup (`Authenticators`). */
export function isAuthenticatorProFile(json: unknown): boolean {
  return Array.isArray(asObject(json)?.Authenticators);
}

/** Which encrypted layout the bytes start with, if any. */
export function authenticatorProEncryption(bytes: Uint8Array): Encryption | undefined {
  const start = String.fromCharCode(...bytes.subarray(0, 16));
  return (Object.keys(ENCRYPTIONS) as Encryption[]).find((name) => ENCRYPTIONS[name].header === start);
}

/** Whether text is Authenticator Pro's HTML export: a page with links in `<code>`. */
export function isAuthenticatorProHtml(text: string): boolean {
  return /<html|<table/i.test(text) && /<code>\s*otpauth:\/\//i.test(text);
}

/** The image type of an icon's bytes, by their signature; undefined for anything else (SVG never). */
function sniffImageMime(data: string): string | undefined {
  const head = fromBase64(data.slice(0, 16));
  if (!head) return undefined;
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (String.fromCharCode(...head.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...head.subarray(8, 12)) === 'WEBP') return 'image/webp';
  return undefined;
}

/** The file's lists, each an array (absent: empty) within the entry cap. */
function readLists(file: Record<string, unknown>) {
  const list = (name: string): Record<string, unknown>[] => {
    const value = file[name] ?? [];
    if (!Array.isArray(value)) corrupt(name);
    assertImportEntryCount(value.length, 'authenticator-pro');
    return value.map((item) => asObject(item) ?? {});
  };
  return {
    authenticators: file.Authenticators as unknown[],
    categories: list('Categories'),
    links: list('AuthenticatorCategories'),
    icons: list('CustomIcons'),
  };
}

/** What the file organises its entries by: group names by authenticator secret, icons by id. */
interface FileOrganisation {
  /** Category names of each authenticator, by its secret (the key Authenticator Pro links them by). */
  groupsBySecret: ReadonlyMap<string, string[]>;
  /** Each custom icon's Base64 image, by its id. */
  iconsById: ReadonlyMap<string, string>;
}

/** Categories linked to entries by their secret (an unknown category id is ignored), and the custom icons. */
function readFileOrganisation(lists: ReturnType<typeof readLists>): FileOrganisation {
  const names = new Map(lists.categories.map((category) => [String(category.Id), category.Name]));
  const groupsBySecret = new Map<string, string[]>();
  for (const link of lists.links) {
    const name = names.get(String(link.CategoryId));
    if (typeof link.AuthenticatorSecret !== 'string' || typeof name !== 'string') continue;
    groupsBySecret.set(link.AuthenticatorSecret, [...(groupsBySecret.get(link.AuthenticatorSecret) ?? []), name]);
  }
  const iconsById = new Map<string, string>();
  for (const icon of lists.icons) if (typeof icon.Data === 'string') iconsById.set(String(icon.Id), icon.Data);
  return { groupsBySecret, iconsById };
}

/** An entry's own image, when its `Icon` names one of the file's custom icons. */
function readCustomIcon(icon: unknown, iconsById: ReadonlyMap<string, string>): unknown {
  if (typeof icon !== 'string' || !icon.startsWith(CUSTOM_ICON_PREFIX)) return undefined;
  const data = iconsById.get(icon.slice(CUSTOM_ICON_PREFIX.length));
  const mime = data === undefined ? undefined : sniffImageMime(data);
  return mime === undefined ? undefined : { kind: 'image', mime, data };
}

/** An authenticator's OTP fields; a Steam entry's digits and algorithm are Steam's own, so not passed. */
function readAuthenticatorOtp(entry: Record<string, unknown>): OtpAccount {
  const type = typeof entry.Type === 'number' ? (TYPES[entry.Type] ?? entry.Type) : entry.Type;
  if (type === 'steam') return readEntry({ type, secret: entry.Secret, issuer: entry.Issuer, label: entry.Username });
  return readEntry({
    type,
    secret: entry.Secret,
    issuer: entry.Issuer,
    label: entry.Username,
    algorithm: typeof entry.Algorithm === 'number' ? (ALGORITHMS[entry.Algorithm] ?? entry.Algorithm) : entry.Algorithm,
    digits: entry.Digits,
    period: entry.Period,
    counter: entry.Counter,
  });
}

/** Reads one authenticator with its categories and custom icon. */
function readAuthenticator(value: unknown, organisation: FileOrganisation): ImportedAccount {
  const entry = asObject(value);
  if (!entry) throw new AppError('entry_field_invalid', { field: 'authenticator' });
  const account = readAuthenticatorOtp(entry);
  return {
    ...account,
    ...readOrganisation({
      groupNames: typeof entry.Secret === 'string' ? organisation.groupsBySecret.get(entry.Secret) : [],
      icon: readCustomIcon(entry.Icon, organisation.iconsById),
    }),
  };
}

/** A number to order by, 0 when absent. */
function ranking(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** Reads a plain backup's parsed JSON. */
function readBackup(json: unknown, encrypted: boolean): ParsedImport {
  const file = asObject(json);
  if (!file || !isAuthenticatorProFile(file)) corrupt('Authenticators');
  const lists = readLists(file);
  assertImportEntryCount(lists.authenticators.length, 'authenticator-pro');
  const organisation = readFileOrganisation(lists);
  // Authenticator Pro lists accounts by `Ranking`; a stable sort keeps the file's order among equals.
  const ranked = lists.authenticators
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => ranking(asObject(a.entry)?.Ranking) - ranking(asObject(b.entry)?.Ranking));
  const { accounts, unreadable } = readEntries(
    ranked,
    ({ entry }) => readAuthenticator(entry, organisation),
    ({ entry }) => describeEntryName(asObject(entry)?.Issuer, asObject(entry)?.Username),
  );
  const categoryNames = [...lists.categories]
    .sort((a, b) => ranking(a.Ranking) - ranking(b.Ranking))
    .map((category) => category.Name)
    .filter((name): name is string => typeof name === 'string');
  return {
    format: 'authenticator-pro',
    encrypted,
    accounts,
    // Each unreadable entry is reported at its place in the file, not in the ranked order.
    unreadable: unreadable.map((entry) => ({ ...entry, index: ranked[entry.index]!.index })).sort((a, b) => a.index - b.index),
    groupNames: readGroupNames(categoryNames),
  };
}

/** Decrypts with the strong layout's key: AES-256-GCM; undefined when the key does not open it. */
async function decryptStrong(password: string, salt: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array) {
  if (ciphertext.length < GCM_TAG_BYTES) corrupt('ciphertext');
  const derived = await deriveArgon2idKeyAsGiven(password, salt, STRONG_ARGON2ID);
  const key = await importAesKey(derived);
  derived.fill(0);
  return decryptAesGcm(key, { iv, ciphertext });
}

/** Decrypts with the legacy layout's key: AES-256-CBC; undefined when the padding is not right (a wrong key, nearly always). */
async function decryptLegacy(password: string, salt: Bytes, iv: Bytes, ciphertext: Bytes) {
  if (ciphertext.length === 0 || ciphertext.length % AES_BLOCK_BYTES !== 0) corrupt('ciphertext');
  const base = await crypto.subtle.importKey('raw', utf8Encode(password), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-1', salt, iterations: LEGACY_PBKDF2_ITERATIONS },
    base,
    { name: 'AES-CBC', length: 256 },
    false,
    ['decrypt'],
  );
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, key, ciphertext));
  } catch {
    return undefined;
  }
}

/** Decrypts an encrypted backup into its JSON. */
async function decryptBackup(bytes: Uint8Array, encryption: Encryption, password: string): Promise<unknown> {
  const { header, saltBytes, ivBytes } = ENCRYPTIONS[encryption];
  const start = header.length;
  if (bytes.length < start + saltBytes + ivBytes) corrupt('header');
  const salt = toBytes(bytes.subarray(start, start + saltBytes));
  const iv = toBytes(bytes.subarray(start + saltBytes, start + saltBytes + ivBytes));
  const ciphertext = toBytes(bytes.subarray(start + saltBytes + ivBytes));
  const plaintext = encryption === 'strong' ? await decryptStrong(password, salt, iv, ciphertext) : await decryptLegacy(password, salt, iv, ciphertext);
  const text = plaintext ? utf8Decode(plaintext) : undefined;
  plaintext?.fill(0);
  try {
    // One layer of encryption: a wrong password and altered bytes look the same; the password is far likelier.
    // (With CBC a wrong key passes the padding check once in some 256 tries, and then is not JSON.)
    return JSON.parse(text ?? '');
  } catch {
    throw new AppError('backup_wrong_password', { format: 'authenticator-pro' });
  }
}

/**
 * Reads an Authenticator Pro backup: its plain JSON, or its encrypted bytes with `password`.
 *
 * @param input The file's bytes and, for a plain backup, its parsed JSON.
 * @throws AppError `import_password_required`, `backup_wrong_password`,
 *   `import_corrupt`, `import_limit_exceeded` (more than `IMPORT_LIMITS.entries`
 *   authenticators, categories, category links or icons).
 */
export async function parseAuthenticatorPro(input: { bytes: Uint8Array; json: unknown }, password?: string): Promise<ParsedImport> {
  const encryption = authenticatorProEncryption(input.bytes);
  if (encryption === undefined) return readBackup(input.json, false);
  if (password === undefined) throw new AppError('import_password_required', { format: 'authenticator-pro' });
  return readBackup(await decryptBackup(input.bytes, encryption, password), true);
}

/** Decodes the few HTML entities a link in the page may carry. */
function decodeHtml(text: string): string {
  const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => entities[entity] ?? entity);
}

/** A link of the HTML export: Authenticator Pro writes a Steam account as a totp link with issuer "Steam" or a `steam` parameter. */
function readHtmlLink(link: string): OtpAccount {
  if (/^motp:\/\//i.test(link)) throw new AppError('entry_type_unsupported', { field: 'type', value: 'mOTP' });
  const account = parseOtpauthUri(link);
  const steam = /[?&]steam(?:[=&#]|$)/i.test(link) || account.issuer === 'Steam';
  return steam ? readSteamLink(link) : account;
}

/**
 * Reads Authenticator Pro's HTML export: the links of its `<code>` cells.
 *
 * @throws AppError `import_corrupt` for a page without links; `import_limit_exceeded`.
 */
export function parseAuthenticatorProHtml(text: string): ParsedImport {
  const links = [...text.matchAll(/<code>([^<]*)<\/code>/gi)].map((match) => decodeHtml(match[1] ?? '').trim());
  if (links.length === 0) corrupt('html');
  assertImportEntryCount(links.length, 'authenticator-pro');
  const { accounts, unreadable } = readEntries(links, readHtmlLink, describeLinkName);
  return { format: 'authenticator-pro', encrypted: false, accounts, unreadable };
}
