/**
 * 2FAS Authenticator's `.2fas` backup (twofas/2fas-android, BackupContent and
 * BackupService; twofas/2fas-ios writes the same): JSON with `schemaVersion`
 * (1 to 4), `services[]` and, from schema 2, `groups[]` ({ `id`, `name` }).
 * Each service has `name` (the service), `secret` (Base32), `order`
 * { `position` } (its place in the app's list), `groupId`, and `otp`
 * { `account`, `issuer`, `digits`, `period`, `algorithm`, and from schema 3
 * `tokenType` (TOTP, HOTP, STEAM; TOTP before) and `counter` }. Icons (a
 * brand, a label with a colour) and badges have no equivalent here.
 *
 * An encrypted backup instead has `servicesEncrypted` and `reference`, each
 * "base64(ciphertext and tag):base64(salt):base64(nonce)", AES-256-GCM under
 * a key derived with PBKDF2-HMAC-SHA256, 10,000 iterations (fixed: the file
 * cannot choose a cost). `reference` encrypts a known text: when it does not
 * open, the password is wrong, and the services are not tried. Groups stay
 * in the clear. Import only.
 */
import { AppError } from '../import-errors';
import type { OtpAccount } from '../../otp/types';
import { decryptAesGcm } from '../aes-gcm';
import { equalBytes, fromBase64, utf8Decode, utf8Encode } from '../bytes';
import { assertImportEntryCount } from '../import-limits';
import { asObject, describeEntryName, readEntries, readEntry, readGroupNames, readOrganisation } from './entry';
import type { ImportedAccount, ParsedImport } from './types';

/** PBKDF2 iterations of 2FAS's encrypted backups. */
const TWOFAS_PBKDF2_ITERATIONS = 10_000;

function corrupt(reason: string): never {
  throw new AppError('import_corrupt', { format: '2fas', reason });
}

/** Whether parsed JSON has the shape of a 2FAS backup (`services` or `servicesEncrypted`). */
export function isTwoFasFile(json: unknown): boolean {
  const file = asObject(json);
  return file !== undefined && (Array.isArray(file.services) || typeof file.servicesEncrypted === 'string');
}

/** Whether a 2FAS backup is encrypted. */
export function isTwoFasEncrypted(json: unknown): boolean {
  return typeof asObject(json)?.servicesEncrypted === 'string';
}

/** The newest schema this reader knows. */
const TWOFAS_MAX_SCHEMA = 4;

/** One encrypted field: "ciphertext:salt:nonce", Base64 each. */
function readSealedField(field: unknown, name: string) {
  const parts = typeof field === 'string' ? field.split(':') : [];
  if (parts.length !== 3) corrupt(name);
  const [ciphertext, salt, iv] = parts.map(fromBase64);
  if (!ciphertext || !salt || !iv || iv.length !== 12 || salt.length === 0 || salt.length > 1024) corrupt(name);
  return { ciphertext, salt, iv };
}

async function deriveTwoFasKey(password: string, salt: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', utf8Encode(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: TWOFAS_PBKDF2_ITERATIONS },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
}

/**
 * Decrypts `servicesEncrypted` into the services array, after checking the
 * password on `reference` when the file has one (every file 2FAS writes does).
 */
async function decryptServices(file: Record<string, unknown>, password: string): Promise<unknown> {
  const services = readSealedField(file.servicesEncrypted, 'servicesEncrypted');
  const reference = file.reference === undefined || file.reference === null ? undefined : readSealedField(file.reference, 'reference');
  const key = await deriveTwoFasKey(password, services.salt);
  if (reference) {
    // 2FAS encrypts both with one key (one salt); derive again only if a file says otherwise.
    const sameSalt = equalBytes(reference.salt, services.salt);
    const referenceKey = sameSalt ? key : await deriveTwoFasKey(password, reference.salt);
    const opened = await decryptAesGcm(referenceKey, { iv: reference.iv, ciphertext: reference.ciphertext });
    if (!opened) throw new AppError('backup_wrong_password', { format: '2fas' });
  }
  const plaintext = await decryptAesGcm(key, { iv: services.iv, ciphertext: services.ciphertext });
  // With a reference that opened, the password is right, so the services were altered;
  // without one, a wrong password and altered bytes look the same, and the password is far likelier.
  if (!plaintext) {
    if (reference) corrupt('servicesEncrypted');
    throw new AppError('backup_wrong_password', { format: '2fas' });
  }
  try {
    return JSON.parse(utf8Decode(plaintext) ?? '');
  } catch {
    return corrupt('servicesEncrypted');
  } finally {
    plaintext.fill(0);
  }
}

/** A service's place in the app's list (`order.position`), or undefined. */
function servicePosition(service: unknown): number | undefined {
  const position = asObject(asObject(service)?.order)?.position;
  return typeof position === 'number' && Number.isFinite(position) ? position : undefined;
}

/** The services in the app's order (`order.position`); those without one keep the file's order, after. */
function orderServices(services: readonly unknown[]): unknown[] {
  return services
    .map((service, index) => ({ service, index, position: servicePosition(service) ?? Infinity }))
    .sort((a, b) => a.position - b.position || a.index - b.index)
    .map(({ service }) => service);
}

/** Reads one service; its `groupId` names one of the file's `groups` (an unknown id is ignored). */
function readService(value: unknown, namesById: ReadonlyMap<string, string>): ImportedAccount {
  const service = asObject(value);
  if (!service) throw new AppError('entry_field_invalid', { field: 'service' });
  const group = typeof service.groupId === 'string' ? namesById.get(service.groupId) : undefined;
  return { ...readServiceOtp(service), ...readOrganisation({ groupNames: group === undefined ? [] : [group] }) };
}

function readServiceOtp(service: Record<string, unknown>): OtpAccount {
  const otp = asObject(service.otp) ?? {};
  const issuer = typeof otp.issuer === 'string' && otp.issuer.trim() !== '' ? otp.issuer : service.name;
  const steam = typeof otp.tokenType === 'string' && otp.tokenType.toUpperCase() === 'STEAM';
  return readEntry({
    // No tokenType before schema 3: every service was TOTP.
    type: steam ? 'steam' : (otp.tokenType ?? 'TOTP'),
    secret: service.secret,
    issuer,
    label: otp.account,
    algorithm: otp.algorithm,
    digits: otp.digits,
    period: otp.period,
    counter: otp.counter,
  });
}

/**
 * Reads a 2FAS backup, decrypting it with `password` if it is encrypted.
 *
 * @param json The file's parsed JSON.
 * @throws AppError `import_password_required`, `backup_wrong_password` (the
 *   reference does not open), `import_corrupt`, `import_unsupported` (a schema
 *   newer than 4), `import_limit_exceeded` (services or groups over `IMPORT_LIMITS.entries`).
 */
export async function parseTwoFasJson(json: unknown, password?: string): Promise<ParsedImport> {
  const file = asObject(json);
  if (!file || !isTwoFasFile(file)) throw new AppError('import_unrecognized_format', { format: '2fas' });
  if (typeof file.schemaVersion === 'number' && file.schemaVersion > TWOFAS_MAX_SCHEMA) {
    throw new AppError('import_unsupported', { format: '2fas', reason: 'version' });
  }
  const encrypted = isTwoFasEncrypted(file);
  if (encrypted && password === undefined) throw new AppError('import_password_required', { format: '2fas' });
  // Groups (`{ id, name }`) stay in the clear at the top level, encrypted backup or not: check their count before any work.
  const groups = (Array.isArray(file.groups) ? file.groups : []).map(asObject).filter((group) => typeof group?.name === 'string');
  assertImportEntryCount(groups.length, '2fas');
  const services = encrypted ? await decryptServices(file, password as string) : file.services;
  if (!Array.isArray(services)) corrupt('services');
  assertImportEntryCount((services as unknown[]).length, '2fas');
  const namesById = new Map(groups.map((group) => [String(group!.id), group!.name as string]));
  const { accounts, unreadable } = readEntries(orderServices(services as unknown[]), (service) => readService(service, namesById), (service) => {
    const s = asObject(service);
    const otp = asObject(s?.otp);
    return describeEntryName(otp?.issuer ?? s?.name, otp?.account);
  });
  return { format: '2fas', encrypted, accounts, unreadable, groupNames: readGroupNames([...namesById.values()]) };
}
