/**
 * 2FAS Authenticator's `.2fas` backup (twofas/2fas-android, BackupContent and
 * BackupService): JSON with `schemaVersion` (1 to 4), and `services[]`, each
 * with `name` (the service), `secret` (Base32) and `otp` { `account`,
 * `issuer`, `digits`, `period`, `algorithm`, `tokenType` (TOTP, HOTP, STEAM;
 * absent before schema 3: TOTP), `counter` }.
 *
 * An encrypted backup instead has `servicesEncrypted`:
 * "base64(ciphertext and tag):base64(salt):base64(nonce)", AES-256-GCM under
 * a key derived with PBKDF2-HMAC-SHA256, 10,000 iterations. Import only.
 */
import { AppError } from '../../errors';
import type { OtpAccount } from '../../otp/types';
import { decryptAesGcm } from '../aes-gcm';
import { fromBase64, utf8Decode, utf8Encode } from '../bytes';
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

/** Decrypts `servicesEncrypted` into the services array. */
async function decryptServices(field: string, password: string): Promise<unknown> {
  const parts = field.split(':');
  if (parts.length !== 3) corrupt('servicesEncrypted');
  const [ciphertext, salt, iv] = parts.map(fromBase64);
  if (!ciphertext || !salt || !iv || iv.length !== 12 || salt.length === 0) corrupt('servicesEncrypted');
  const base = await crypto.subtle.importKey('raw', utf8Encode(password), 'PBKDF2', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: TWOFAS_PBKDF2_ITERATIONS },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['decrypt'],
  );
  const plaintext = await decryptAesGcm(key, { iv, ciphertext });
  // One layer of encryption: a wrong password and altered bytes look the same; the password is far likelier.
  if (!plaintext) throw new AppError('backup_wrong_password', { format: '2fas' });
  try {
    return JSON.parse(utf8Decode(plaintext) ?? '');
  } catch {
    return corrupt('servicesEncrypted');
  } finally {
    plaintext.fill(0);
  }
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
  return readEntry({
    type: otp.tokenType ?? 'TOTP',
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
 * @throws AppError `import_password_required`, `backup_wrong_password`, `import_corrupt`.
 */
export async function parseTwoFasJson(json: unknown, password?: string): Promise<ParsedImport> {
  const file = asObject(json);
  if (!file || !isTwoFasFile(file)) throw new AppError('import_unrecognized_format', { format: '2fas' });
  const encrypted = isTwoFasEncrypted(file);
  if (encrypted && password === undefined) throw new AppError('import_password_required', { format: '2fas' });
  const services = encrypted ? await decryptServices(file.servicesEncrypted as string, password as string) : file.services;
  if (!Array.isArray(services)) corrupt('services');
  assertImportEntryCount((services as unknown[]).length, '2fas');
  // Groups (`{ id, name }`) stay in the clear at the top level, encrypted backup or not.
  const groups = (Array.isArray(file.groups) ? file.groups : []).map(asObject).filter((group) => typeof group?.name === 'string');
  assertImportEntryCount(groups.length, '2fas');
  const namesById = new Map(groups.map((group) => [String(group!.id), group!.name as string]));
  const { accounts, unreadable } = readEntries(services as unknown[], (service) => readService(service, namesById), (service) => {
    const s = asObject(service);
    const otp = asObject(s?.otp);
    return describeEntryName(otp?.issuer ?? s?.name, otp?.account);
  });
  return { format: '2fas', encrypted, accounts, unreadable, groupNames: readGroupNames([...namesById.values()]) };
}
