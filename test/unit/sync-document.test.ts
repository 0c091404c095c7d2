import { describe, expect, it } from 'vitest';
import { appErrorCodes, formatAppErrorMessage, isAppError } from '../../shared/errors';
import { createSyncedAccount, editSyncedAccount } from '../../shared/sync/account-edits';
import { openSyncedAccount, openSyncedGroups, sealSyncedAccount, sealSyncedGroups, type SyncDocument } from '../../shared/sync/sync-document';
import { SYNC_ERROR_MESSAGES } from '../../shared/sync/sync-errors';
import { SYNC_LIMITS } from '../../shared/sync/sync-limits';
import { addSyncedGroup } from '../../shared/sync/group-edits';
import { emptySyncedGroups } from '../../shared/sync/synced-groups';
import { importAesKey } from '../../shared/vault/aes-gcm';
import { fromBase64, toBase64, utf8Encode } from '../../shared/vault/bytes';
import { INPUT_LIMITS } from '../../shared/otp/input-limits';
import { ICON_IMAGE_LIMITS } from '../../shared/vault/account-icon';
import type { MasterKey } from '../../shared/vault/master-key';
import { A, at, SECRETS, vaultAccount } from './sync-helpers';

async function masterKey(id = 'key-1'): Promise<MasterKey> {
  return { id, key: await importAesKey(crypto.getRandomValues(new Uint8Array(32))) };
}
const account = () => createSyncedAccount(vaultAccount(), 'i', at(A, 0));
const DOC_ID = '6f1c1a57-8f39-4c33-9b7e-0d3f0f6f2a11';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('sealSyncedAccount / openSyncedAccount', () => {
  it('round-trips an account, showing the server only the id, kind, key id, nonce and ciphertext', async () => {
    const key = await masterKey();
    const doc = await sealSyncedAccount(DOC_ID, account(), key);
    expect(Object.keys(doc).sort()).toEqual(['data', 'id', 'iv', 'keyId', 'kind', 'v']);
    expect(doc).toMatchObject({ id: DOC_ID, kind: 'account', v: 1, keyId: 'key-1' });
    const clear = JSON.stringify(doc);
    for (const secret of [SECRETS[0]!, 'GitHub', 'alice@example.com', 'device-a']) expect(clear).not.toContain(secret);
    expect(await openSyncedAccount(JSON.parse(clear), key)).toEqual(account());
  });

  it('pads the ciphertext, so names of different lengths seal to the same size', async () => {
    const key = await masterKey();
    const short = await sealSyncedAccount(DOC_ID, editSyncedAccount(account(), { label: 'a' }, at(A, 1)), key);
    const long = await sealSyncedAccount(DOC_ID, editSyncedAccount(account(), { label: 'a'.repeat(40) }, at(A, 1)), key);
    expect(short.data.length).toBe(long.data.length);
  });

  it('does not open a payload moved to another document id, or passed off as the group list', async () => {
    const key = await masterKey();
    const doc = await sealSyncedAccount(DOC_ID, account(), key);
    const moved = await rejection(openSyncedAccount({ ...doc, id: 'another-id' }, key));
    expect(isAppError(moved, 'sync_document_corrupt')).toBe(true);
    expect((moved as { details: { reason: string } }).details.reason).toBe('altered');
    expect(isAppError(await rejection(openSyncedGroups({ ...doc, id: 'groups', kind: 'groups' }, key)), 'sync_document_corrupt')).toBe(true);
  });

  it('detects a flipped bit of the ciphertext or nonce', async () => {
    const key = await masterKey();
    const doc = await sealSyncedAccount(DOC_ID, account(), key);
    for (const field of ['data', 'iv'] as const) {
      const bytes = fromBase64(doc[field])!;
      bytes[bytes.length - 1]! ^= 1;
      const error = await rejection(openSyncedAccount({ ...doc, [field]: toBase64(bytes) }, key));
      expect(isAppError(error, 'sync_document_corrupt')).toBe(true);
    }
  });

  it('tells a document of another master key, and one of a newer format', async () => {
    const doc = await sealSyncedAccount(DOC_ID, account(), await masterKey('key-1'));
    const other = await rejection(openSyncedAccount(doc, await masterKey('key-2')));
    expect((other as { details: { reason: string } }).details.reason).toBe('other_key');
    const newer = await rejection(openSyncedAccount({ ...doc, v: 2 }, await masterKey('key-1')));
    expect((newer as { details: { reason: string } }).details.reason).toBe('version');
  });

  it('refuses a document over the size cap before decoding it', async () => {
    const key = await masterKey();
    const doc = await sealSyncedAccount(DOC_ID, account(), key);
    const huge: SyncDocument = { ...doc, data: 'A'.repeat(Math.ceil(SYNC_LIMITS.accountPayloadBytes / 3) * 4 + 1000) };
    expect(isAppError(await rejection(openSyncedAccount(huge, key)), 'sync_limit_exceeded')).toBe(true);
  });

  it('refuses a payload that decrypts but is not an account', async () => {
    const key = await masterKey();
    const doc = await sealSyncedAccount(DOC_ID, account(), key);
    // Sealed by a device with the right key, yet malformed (a bug elsewhere): sealing the bytes directly.
    const { encryptAesGcm } = await import('../../shared/vault/aes-gcm');
    const sealed = await encryptAesGcm(key.key, utf8Encode('{"v":1,"createdAt":"soon"}'), utf8Encode(`acme-authenticator/sync/account/v1/${DOC_ID}`));
    const error = await rejection(openSyncedAccount({ ...doc, iv: toBase64(sealed.iv), data: toBase64(sealed.ciphertext) }, key));
    expect((error as { details: { reason: string } }).details.reason).toBe('malformed');
  });

  it('seals the largest account the vault accepts within the cap', async () => {
    const key = await masterKey();
    const big = createSyncedAccount(
      {
        ...vaultAccount('A'.repeat(INPUT_LIMITS.secret)),
        issuer: '😀'.repeat(INPUT_LIMITS.issuer),
        label: '😀'.repeat(INPUT_LIMITS.label),
        note: '😀'.repeat(INPUT_LIMITS.note),
        icon: { kind: 'image', mime: 'image/png', data: toBase64(new Uint8Array(ICON_IMAGE_LIMITS.maxBytes)) },
        groups: Array.from({ length: 200 }, () => crypto.randomUUID()) as never,
      },
      'i',
      at(A, 0),
    );
    const doc = await sealSyncedAccount(DOC_ID, big, key);
    expect(await openSyncedAccount(doc, key)).toEqual(big);
  });
});

describe('sealSyncedGroups / openSyncedGroups', () => {
  it('round-trips the group list', async () => {
    const key = await masterKey();
    const list = addSyncedGroup(emptySyncedGroups(), 'g1', 'Work', 'i', at(A, 0));
    const doc = await sealSyncedGroups(list, key);
    expect(doc).toMatchObject({ id: 'groups', kind: 'groups' });
    expect(JSON.stringify(doc)).not.toContain('Work');
    expect(await openSyncedGroups(doc, key)).toEqual(list);
  });
});

describe('sync error messages', () => {
  it('are registered, and each is a sentence without details', () => {
    expect(appErrorCodes()).toEqual(expect.arrayContaining(Object.keys(SYNC_ERROR_MESSAGES)));
    for (const code of Object.keys(SYNC_ERROR_MESSAGES) as Array<keyof typeof SYNC_ERROR_MESSAGES>) {
      const message = formatAppErrorMessage(code);
      expect(message.length).toBeGreaterThan(20);
      expect(message).not.toMatch(/undefined|null|\[object/);
    }
  });
});
