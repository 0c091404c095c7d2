/**
 * An account as IndexedDB stores it: what the list needs to sort and key the
 * records in the clear (id, order, createdAt), everything else (secret,
 * issuer, name, parameters, updatedAt) as one AES-256-GCM ciphertext under
 * the master key. The record's id is the additional authenticated data, so a
 * ciphertext moved onto another record does not open there.
 */
import { isOtpAlgorithm } from '../otp/params';
import { STEAM_PARAMS } from '../otp/steam';
import { OTP_TYPES, type OtpAccount } from '../otp/types';
import { decryptAesGcm, encryptAesGcm } from './aes-gcm';
import { utf8Decode, utf8Encode, type Bytes } from './bytes';
import type { AccountId, GroupId, VaultAccount } from './account';
import { readAccountIcon, type AccountIcon } from './account-icon';
import type { MasterKey } from './master-key';

/** An account sealed for storage. */
export interface SealedAccountRecord {
  /** The account's id (the store's key path). */
  id: AccountId;
  /** Position in the user's list (the `by-order` index); in the clear so reordering needs no key. */
  order: number;
  /**
   * When the account was added (ms). In the clear so an update can keep it inside
   * one transaction (a transaction cannot wait for WebCrypto); it says nothing
   * about the account itself.
   */
  createdAt: number;
  /** Id of the master key it is sealed with (to tell a re-keyed vault from damaged data). */
  keyId: string;
  /** The 12-byte GCM nonce. */
  iv: Bytes;
  /** The sealed {@link SealedPayload} JSON, tag appended. */
  ciphertext: Bytes;
}

/**
 * What the ciphertext holds: the account's OTP fields, `updatedAt` and (from
 * version 2, issue 12) its organisation, with a format version. A version 1
 * payload (written before groups existed) still opens, with no groups, not a
 * favourite, no note, never used; it is written as version 2 at its next write.
 * The icon (also issue 12) is optional in either version: absent reads as null.
 */
interface SealedPayload extends OtpAccount {
  /** Payload format version: 2 is written, 1 and 2 are read. */
  v: 1 | 2;
  /** When the account's details last changed (ms). */
  updatedAt: number;
  /** From v2: `VaultAccount.groups`. */
  groups?: string[];
  /** From v2: `VaultAccount.favourite`. */
  favourite?: boolean;
  /** From v2: `VaultAccount.note`. */
  note?: string;
  /** From v2: `VaultAccount.lastUsedAt`. */
  lastUsedAt?: number | null;
  /** The chosen icon (issue 12); absent in records written before icons, read as null. */
  icon?: AccountIcon | null;
}

/** The payload version {@link sealAccount} writes. */
export const SEALED_ACCOUNT_VERSION = 2;

function additionalData(id: string): Bytes {
  return utf8Encode(`acme-authenticator/vault/account/v1/${id}`);
}

/** Seals an account under the master key with a fresh nonce. */
export async function sealAccount(account: VaultAccount, masterKey: MasterKey): Promise<SealedAccountRecord> {
  const payload: SealedPayload = {
    v: SEALED_ACCOUNT_VERSION,
    type: account.type,
    issuer: account.issuer,
    label: account.label,
    secret: account.secret,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    counter: account.counter,
    updatedAt: account.updatedAt,
    groups: account.groups,
    favourite: account.favourite,
    note: account.note,
    lastUsedAt: account.lastUsedAt,
    icon: account.icon,
  };
  const plaintext = utf8Encode(JSON.stringify(payload));
  try {
    const { iv, ciphertext } = await encryptAesGcm(masterKey.key, plaintext, additionalData(String(account.id)));
    return { id: account.id, order: account.order, createdAt: account.createdAt, keyId: masterKey.id, iv, ciphertext };
  } finally {
    plaintext.fill(0);
  }
}

/** Whether a decrypted payload has every field, of the right type (a Steam account: with Steam's fixed parameters). */
function isSealedPayload(value: unknown): value is SealedPayload {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<SealedPayload>;
  return (
    (p.v === 1 || (p.v === 2 && isOrganisation(p))) &&
    OTP_TYPES.includes(p.type as OtpAccount['type']) &&
    (p.type !== 'steam' || (p.algorithm === STEAM_PARAMS.algorithm && p.digits === STEAM_PARAMS.digits && p.period === STEAM_PARAMS.period)) &&
    typeof p.issuer === 'string' &&
    typeof p.label === 'string' &&
    typeof p.secret === 'string' &&
    isOtpAlgorithm(p.algorithm) &&
    typeof p.digits === 'number' &&
    typeof p.period === 'number' &&
    typeof p.counter === 'number' &&
    typeof p.updatedAt === 'number'
  );
}

/** Whether a version 2 payload's organisation fields have the right types. */
function isOrganisation(p: Partial<SealedPayload>): boolean {
  return (
    Array.isArray(p.groups) &&
    p.groups.every((id) => typeof id === 'string') &&
    typeof p.favourite === 'boolean' &&
    typeof p.note === 'string' &&
    (p.lastUsedAt === null || typeof p.lastUsedAt === 'number')
  );
}

/**
 * Opens a sealed record. Returns undefined when it does not open: another
 * master key, altered or damaged bytes, or a payload that is not an account.
 * Nothing of a record that fails is returned, so nothing half-decrypted is shown.
 */
export async function openSealedAccount(record: SealedAccountRecord, masterKey: MasterKey): Promise<VaultAccount | undefined> {
  if (typeof record !== 'object' || record === null || !(record.iv instanceof Uint8Array) || !(record.ciphertext instanceof Uint8Array)) {
    return undefined;
  }
  const plaintext = await decryptAesGcm(masterKey.key, record, additionalData(String(record.id)));
  if (!plaintext) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(utf8Decode(plaintext) ?? '');
  } catch {
    return undefined;
  } finally {
    plaintext.fill(0);
  }
  if (!isSealedPayload(payload)) return undefined;
  return {
    id: record.id,
    order: record.order,
    createdAt: record.createdAt,
    updatedAt: payload.updatedAt,
    type: payload.type,
    issuer: payload.issuer,
    label: payload.label,
    secret: payload.secret,
    algorithm: payload.algorithm,
    digits: payload.digits,
    period: payload.period,
    counter: payload.counter,
    groups: (payload.groups ?? []) as GroupId[],
    favourite: payload.favourite ?? false,
    note: payload.note ?? '',
    lastUsedAt: payload.lastUsedAt ?? null,
    icon: readAccountIcon(payload.icon),
  };
}
