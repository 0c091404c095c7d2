/**
 * A synced document as the server stores it, and how it is sealed and opened.
 *
 * In the clear (all the server sees, besides CouchDB's own revision, size
 * and times):
 *
 * | field   | why in the clear |
 * | ------- | ---------------- |
 * | `id`    | the document's key: random (a UUID) for an account, so it says nothing of the account; `groups` for the one group list |
 * | `kind`  | `account` or `groups`: which payload to expect (also bound into the additional data) |
 * | `v`     | the envelope's format version |
 * | `keyId` | which master key sealed it (a random id): tells a re-keyed sync from damage |
 * | `iv`    | the 12-byte AES-GCM nonce, fresh on every write (Base64) |
 * | `data`  | the ciphertext and tag (Base64) |
 *
 * Inside `data`: a {@link SyncedAccount} or {@link SyncedGroups} as JSON,
 * padded with spaces to a multiple of 256 bytes so its length does not give
 * away the length of a name or secret. The additional data is
 * `acme-authenticator/sync/<kind>/v1/<id>`: a payload moved onto another id,
 * or passed off as another kind, does not open.
 */
import { decryptAesGcm, encryptAesGcm, GCM_NONCE_BYTES, GCM_TAG_BYTES } from '../vault/aes-gcm';
import { fromBase64, toBase64, utf8Decode, utf8Encode, type Bytes } from '../vault/bytes';
import type { MasterKey } from '../vault/master-key';
import { AppError } from './sync-errors';
import { SYNC_LIMITS } from './sync-limits';
import { isSyncedAccount, SYNCED_ACCOUNT_VERSION, type SyncedAccount } from './synced-account';
import { isSyncedGroups, SYNCED_GROUPS_VERSION, type SyncedGroups } from './synced-groups';

/** The kinds of document sealed under the master key (the keyring is wrapped by the passphrase: keyring.ts). */
export type SyncDocumentKind = 'account' | 'groups';

/** The envelope format version: 1 is written and read. */
export const SYNC_DOCUMENT_VERSION = 1;

/** The id of the one group-list document. */
export const GROUPS_DOCUMENT_ID = 'groups';

/** A document as it travels to and from the server (the adapter adds CouchDB's `_id`/`_rev`). */
export interface SyncDocument {
  /** Document id: a random UUID for an account, {@link GROUPS_DOCUMENT_ID} for the group list. */
  id: string;
  /** What the ciphertext holds. */
  kind: SyncDocumentKind;
  /** Envelope format version. */
  v: typeof SYNC_DOCUMENT_VERSION;
  /** The sealing master key's id. */
  keyId: string;
  /** AES-GCM nonce, Base64. */
  iv: string;
  /** Ciphertext with the 16-byte tag appended, Base64. */
  data: string;
}

/** A document id: what CouchDB allows and this app writes (no leading `_`, which CouchDB reserves), at most 64 characters. */
const DOCUMENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Whether `value` is a well-formed document id. */
export function isSyncDocumentId(value: unknown): value is string {
  return typeof value === 'string' && DOCUMENT_ID.test(value);
}

/** A fresh random id for a new account's document: a UUID (122 random bits), unrelated to the account. */
export function newSyncDocumentId(): string {
  return crypto.randomUUID();
}

/** Pads sealed JSON to a multiple of this many bytes. */
const PADDING_BLOCK = 256;

const PAYLOAD_CAP: Record<SyncDocumentKind, number> = {
  account: SYNC_LIMITS.accountPayloadBytes,
  groups: SYNC_LIMITS.groupsPayloadBytes,
};

function additionalData(kind: SyncDocumentKind, id: string): Bytes {
  return utf8Encode(`acme-authenticator/sync/${kind}/v1/${id}`);
}

async function seal(kind: SyncDocumentKind, id: string, payload: object, masterKey: MasterKey): Promise<SyncDocument> {
  if (!isSyncDocumentId(id)) throw new TypeError('A synced document id must be 1-64 letters, digits, "-" or "_".');
  const json = utf8Encode(JSON.stringify(payload));
  const cap = PAYLOAD_CAP[kind];
  if (json.length > cap) throw new AppError('sync_limit_exceeded', { limit: 'document_size_write', max: cap });
  const plaintext = new Uint8Array(Math.ceil(json.length / PADDING_BLOCK) * PADDING_BLOCK).fill(0x20);
  plaintext.set(json);
  try {
    const { iv, ciphertext } = await encryptAesGcm(masterKey.key, plaintext, additionalData(kind, id));
    return { id, kind, v: SYNC_DOCUMENT_VERSION, keyId: masterKey.id, iv: toBase64(iv), data: toBase64(ciphertext) };
  } finally {
    json.fill(0);
    plaintext.fill(0);
  }
}

/**
 * Opens a document of `kind`: checks the envelope, its size (before decoding
 * anything), the key, then decrypts and parses. Nothing of a document that
 * fails is returned.
 *
 * @throws AppError `sync_document_corrupt` (`reason`: `malformed`, `version`,
 *   `other_key`, `altered`) or `sync_limit_exceeded` (`document_size`).
 */
async function open(kind: SyncDocumentKind, document: unknown, masterKey: MasterKey): Promise<unknown> {
  const fail = (reason: string) => new AppError('sync_document_corrupt', { kind, reason });
  if (typeof document !== 'object' || document === null) throw fail('malformed');
  const doc = document as Partial<SyncDocument>;
  if (doc.kind !== kind || !isSyncDocumentId(doc.id) || typeof doc.data !== 'string' || typeof doc.iv !== 'string') throw fail('malformed');
  if (doc.v !== SYNC_DOCUMENT_VERSION) throw fail(typeof doc.v === 'number' && doc.v > SYNC_DOCUMENT_VERSION ? 'version' : 'malformed');
  const cap = PAYLOAD_CAP[kind];
  // The largest ciphertext a device writes: the cap, padding, the tag; as Base64.
  if (doc.data.length > Math.ceil((cap + PADDING_BLOCK + GCM_TAG_BYTES) / 3) * 4) {
    throw new AppError('sync_limit_exceeded', { limit: 'document_size', max: cap });
  }
  if (doc.keyId !== masterKey.id) throw fail('other_key');
  const iv = fromBase64(doc.iv);
  const ciphertext = fromBase64(doc.data);
  if (!iv || iv.length !== GCM_NONCE_BYTES || !ciphertext) throw fail('malformed');
  const plaintext = await decryptAesGcm(masterKey.key, { iv, ciphertext }, additionalData(kind, doc.id));
  if (!plaintext) throw fail('altered');
  try {
    return JSON.parse(utf8Decode(plaintext) ?? '');
  } catch {
    throw fail('malformed');
  } finally {
    plaintext.fill(0);
  }
}

/** Whether a parsed payload is of a newer format than this app reads. */
function isNewer(payload: unknown, version: number): boolean {
  const v = (payload as { v?: unknown } | null)?.v;
  return typeof v === 'number' && v > version;
}

/**
 * Seals an account under the master key, with a fresh nonce.
 *
 * @throws AppError `sync_limit_exceeded` (`document_size_write`) over
 *   {@link SYNC_LIMITS}.accountPayloadBytes; TypeError for a malformed id or account (a bug).
 */
export function sealSyncedAccount(id: string, account: SyncedAccount, masterKey: MasterKey): Promise<SyncDocument> {
  if (!isSyncedAccount(account)) throw new TypeError('Not a well-formed synced account.');
  return seal('account', id, account, masterKey);
}

/**
 * Opens an account's document.
 *
 * @throws AppError `sync_document_corrupt` or `sync_limit_exceeded`.
 */
export async function openSyncedAccount(document: unknown, masterKey: MasterKey): Promise<SyncedAccount> {
  const payload = await open('account', document, masterKey);
  if (isNewer(payload, SYNCED_ACCOUNT_VERSION)) throw new AppError('sync_document_corrupt', { kind: 'account', reason: 'version' });
  if (!isSyncedAccount(payload)) throw new AppError('sync_document_corrupt', { kind: 'account', reason: 'malformed' });
  return payload;
}

/**
 * Seals the group list under the master key (document id {@link GROUPS_DOCUMENT_ID}).
 *
 * @throws AppError `sync_limit_exceeded` (`document_size_write`).
 */
export function sealSyncedGroups(list: SyncedGroups, masterKey: MasterKey): Promise<SyncDocument> {
  if (!isSyncedGroups(list)) throw new TypeError('Not a well-formed synced group list.');
  return seal('groups', GROUPS_DOCUMENT_ID, list, masterKey);
}

/**
 * Opens the group list's document.
 *
 * @throws AppError `sync_document_corrupt` or `sync_limit_exceeded`.
 */
export async function openSyncedGroups(document: unknown, masterKey: MasterKey): Promise<SyncedGroups> {
  if ((document as Partial<SyncDocument> | null)?.id !== GROUPS_DOCUMENT_ID) {
    throw new AppError('sync_document_corrupt', { kind: 'groups', reason: 'malformed' });
  }
  const payload = await open('groups', document, masterKey);
  if (isNewer(payload, SYNCED_GROUPS_VERSION)) throw new AppError('sync_document_corrupt', { kind: 'groups', reason: 'version' });
  if (!isSyncedGroups(payload)) throw new AppError('sync_document_corrupt', { kind: 'groups', reason: 'malformed' });
  return payload;
}
