import 'fake-indexeddb/auto';
import { openDB, type IDBPDatabase } from 'idb';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors';
import type { OtpAccount } from '../../shared/otp/types';
import {
  createAccountRepository,
  createAuthenticatorStorage,
  createVaultKeyStore,
  type AuthenticatorStorage,
} from '../../shared/storage/account-repository';
import { openAuthenticatorDb } from '../../shared/storage/authenticator-db';
import { createVaultAccount, type VaultAccount } from '../../shared/vault/account';
import { organiseVaultAccount } from '../../shared/vault/account-organisation';
import { toHex } from '../../shared/vault/bytes';
import type { Argon2idParams } from '../../shared/vault/kdf';
import { createPasskeyPrfSalt } from '../../shared/vault/key-slots';
import type { SealedAccountRecord } from '../../shared/vault/sealed-account';
import { encryptAesGcm } from '../../shared/vault/aes-gcm';
import { utf8Encode } from '../../shared/vault/bytes';
import type { AccountIcon } from '../../shared/vault/account-icon';
import { createVault, type VaultKeyStore } from '../../shared/vault/vault';

const TEST_KDF: Argon2idParams = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };
const NOW = 1_750_000_000_000;
const PASSPHRASE = 'correct horse battery staple';

const otp = (overrides: Partial<OtpAccount> = {}): OtpAccount => ({
  type: 'totp',
  issuer: 'GitHub',
  label: 'octocat@example.com',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...overrides,
});

const ACCOUNTS: OtpAccount[] = [
  otp(),
  otp({ issuer: 'Überbank', label: 'jürgen.müller', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', type: 'hotp', counter: 42 }),
  otp({ issuer: '東京銀行', label: '山田太郎', secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', algorithm: 'SHA512', digits: 8, period: 60 }),
];

const opened: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(opened.splice(0).map((item) => item.close()));
});

function freshName(): string {
  return `vault-test-${crypto.randomUUID()}`;
}

function storage(name: string): AuthenticatorStorage {
  const s = createAuthenticatorStorage(() => openAuthenticatorDb(name), { kdf: TEST_KDF });
  opened.push(s);
  return s;
}

async function seeded(name = freshName()): Promise<{ s: AuthenticatorStorage; name: string; stored: VaultAccount[] }> {
  const s = storage(name);
  const stored = await s.accounts.addMany(ACCOUNTS.map((a, i) => createVaultAccount(a, NOW + i)));
  return { s, name, stored };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The names of every database of the vault `family` (its generations and its pointer). */
async function familyDatabases(family: string): Promise<string[]> {
  return (await indexedDB.databases()).map((info) => info.name!).filter((name) => name.startsWith(family));
}

/** Every record of every store of every database of the vault, as a raw dump would show it (bytes as hex, Latin-1 and UTF-8). */
async function dumpDatabase(family: string): Promise<string> {
  const names = await familyDatabases(family);
  expect(names.length).toBeGreaterThan(0);
  return (await Promise.all(names.map(dumpOneDatabase))).join('\n');
}

async function dumpOneDatabase(name: string): Promise<string> {
  const db: IDBPDatabase = await openDB(name);
  try {
    const parts: string[] = [];
    for (const store of [...db.objectStoreNames]) {
      const [keys, values] = await Promise.all([db.getAllKeys(store), db.getAll(store)]);
      parts.push(
        JSON.stringify({ store, keys, values }, (_key, value: unknown) =>
          value instanceof Uint8Array || value instanceof ArrayBuffer
            ? (() => {
                const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : value;
                return [toHex(bytes), new TextDecoder('latin1').decode(bytes), new TextDecoder().decode(bytes)].join('|');
              })()
            : value,
        ),
      );
    }
    return parts.join('\n');
  } finally {
    db.close();
  }
}

/** The secret as Base32, its bytes as hex, and its names. */
function secretsOf(account: OtpAccount): string[] {
  const hex = toHex(new Uint8Array(Buffer.from(decodeBase32Hex(account.secret), 'hex')));
  return [account.secret, hex, account.label, account.issuer].filter((s) => s !== '');
}

function decodeBase32Hex(secret: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  let hex = '';
  for (let i = 0; i + 8 <= bits.length; i += 8) hex += parseInt(bits.slice(i, i + 8), 2).toString(16).padStart(2, '0');
  return hex;
}

async function rawRecords(name: string): Promise<SealedAccountRecord[]> {
  const db = await openAuthenticatorDb(name);
  try {
    return await db.getAll('accounts');
  } finally {
    db.close();
  }
}

describe('createVault (lock off)', () => {
  it('starts with the lock off and the accounts readable, stored sealed', async () => {
    const { s, name, stored } = await seeded();

    expect(await s.vault.getStatus()).toMatchObject({ lock: 'off', unlocked: true, passkeys: [] });
    expect(await s.accounts.list()).toStrictEqual(stored);
    const records = await rawRecords(name);
    expect(Object.keys(records[0]!).sort()).toEqual(['ciphertext', 'createdAt', 'id', 'iv', 'keyId', 'order']);
  });

  it('reads the same accounts through a repository made without a key provider', async () => {
    const { name, stored } = await seeded();
    const repo = createAccountRepository(() => openAuthenticatorDb(name));
    opened.push(repo);

    expect(await repo.list()).toStrictEqual(stored);
  });

  it('refuses passphrase operations with lock_not_on', async () => {
    const { s } = await seeded();
    expect((await rejection(s.vault.unlockWithPassphrase(PASSPHRASE, NOW))).code).toBe('lock_not_on');
    expect((await rejection(s.vault.changePassphrase(PASSPHRASE, `${PASSPHRASE}!`, NOW))).code).toBe('lock_not_on');
    expect((await rejection(s.vault.disableLock(PASSPHRASE, NOW))).code).toBe('lock_not_on');
  });
});

describe('Vault.enableLock', () => {
  it('re-encrypts every account under a new master key and leaves the vault unlocked', async () => {
    const { s, name, stored } = await seeded();
    const before = await rawRecords(name);

    await s.vault.enableLock(PASSPHRASE, NOW);

    const after = await rawRecords(name);
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    expect(new Set(after.map((r) => r.keyId)).size).toBe(1);
    expect(after[0]!.keyId).not.toBe(before[0]!.keyId);
    after.forEach((record, i) => expect(toHex(record.ciphertext)).not.toBe(toHex(before[i]!.ciphertext)));
    expect(await s.vault.getStatus()).toMatchObject({ lock: 'on', unlocked: true });
    expect(await s.accounts.list()).toStrictEqual(stored);
  });

  it('rejects a short passphrase and a second enable, changing nothing', async () => {
    const { s, name } = await seeded();
    const before = await rawRecords(name);
    expect((await rejection(s.vault.enableLock('short', NOW))).code).toBe('passphrase_too_short');
    expect(await rawRecords(name)).toStrictEqual(before);

    await s.vault.enableLock(PASSPHRASE, NOW);
    expect((await rejection(s.vault.enableLock(PASSPHRASE, NOW))).code).toBe('lock_already_on');
  });

  it('keeps the groups and every account\'s organisation, sealed under the new key (issue 12)', async () => {
    const { s, stored } = await seeded();
    const groups = await s.accounts.createGroup('Work');
    await s.accounts.update(organiseVaultAccount(stored[0]!, { groups: [groups[0]!.id], favourite: true, note: 'n' }, NOW));
    const before = await s.accounts.list();

    await s.vault.enableLock(PASSPHRASE, NOW);
    s.vault.lock();
    await s.vault.unlockWithPassphrase(PASSPHRASE, NOW);

    expect(await s.accounts.listGroups()).toEqual(groups);
    expect(await s.accounts.list()).toStrictEqual(before);
  });

  it('works on an empty vault (first run)', async () => {
    const s = storage(freshName());
    await s.vault.enableLock(PASSPHRASE, NOW);
    expect(await s.accounts.list()).toEqual([]);
    s.vault.lock();
    expect((await rejection(s.accounts.list())).code).toBe('vault_locked');
  });

  it('retries when another tab changed the accounts while it was re-encrypting, losing nothing', async () => {
    const { name, stored } = await seeded();
    const other = createAccountRepository(() => openAuthenticatorDb(name));
    opened.push(other);
    const real = createVaultKeyStore(() => openAuthenticatorDb(name));
    let commits = 0;
    const racingStore: VaultKeyStore = {
      ...real,
      async commitRekey(snapshot, next) {
        // The first time, another tab adds an account and moves one between this tab's read and write.
        if (commits++ === 0) {
          await other.add(createVaultAccount(otp({ label: 'added meanwhile', secret: 'KRSXG5CTMVRXEZLU' }), NOW + 10));
          await other.reorder([stored[2]!.id]);
        }
        return real.commitRekey(snapshot, next);
      },
    };
    const vault = createVault(racingStore, { kdf: TEST_KDF });
    const repo = createAccountRepository(() => openAuthenticatorDb(name), vault);
    opened.push(repo);
    const events: string[] = [];
    vault.subscribe((event) => events.push(event));

    await vault.enableLock(PASSPHRASE, NOW);

    expect(commits).toBe(2);
    const listed = await repo.list();
    expect(listed.map((a) => a.label)).toEqual([stored[2]!.label, stored[0]!.label, stored[1]!.label, 'added meanwhile']);
    expect(events).toEqual(['unlocked', 'changed']);
    expect((await rejection(other.list())).code).toBe('vault_locked');
  });

  it('gives up with vault_busy after three conflicts and leaves the lock off', async () => {
    const { name, stored } = await seeded();
    const real = createVaultKeyStore(() => openAuthenticatorDb(name));
    const busyStore: VaultKeyStore = { ...real, commitRekey: async () => Promise.reject(new AppError('vault_busy')) };
    const vault = createVault(busyStore, { kdf: TEST_KDF });

    expect((await rejection(vault.enableLock(PASSPHRASE, NOW))).code).toBe('vault_busy');

    const repo = createAccountRepository(() => openAuthenticatorDb(name));
    opened.push(repo);
    expect(await repo.list()).toStrictEqual(stored);
  });
});

describe('Vault.lock / unlockWithPassphrase', () => {
  it('drops the key: every repository method rejects with vault_locked and touches nothing', async () => {
    const { s, name, stored } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    const before = await rawRecords(name);
    const events: string[] = [];
    s.vault.subscribe((event) => events.push(event));

    s.vault.lock();

    expect(events).toEqual(['locked']);
    expect(await s.vault.getStatus()).toMatchObject({ lock: 'on', unlocked: false });
    const attempts = [
      s.accounts.list(),
      s.accounts.get(stored[0]!.id),
      s.accounts.add(createVaultAccount(otp({ secret: 'KRSXG5CTMVRXEZLU' }), NOW)),
      s.accounts.addMany([createVaultAccount(otp({ secret: 'KRSXG5CTMVRXEZLU' }), NOW)]),
      s.accounts.update({ ...stored[0]!, label: 'x' }),
      s.accounts.remove(stored[0]!.id),
      s.accounts.reorder([stored[1]!.id]),
    ];
    for (const attempt of attempts) expect((await rejection(attempt)).code).toBe('vault_locked');
    expect(await rawRecords(name)).toStrictEqual(before);
  });

  it('unlocks with the right passphrase, from another instance too (a reload)', async () => {
    const { s, name, stored } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    await s.close();

    const reloaded = storage(name);
    expect(await reloaded.vault.getStatus()).toMatchObject({ lock: 'on', unlocked: false });
    expect((await rejection(reloaded.accounts.list())).code).toBe('vault_locked');

    await reloaded.vault.unlockWithPassphrase(PASSPHRASE, NOW);

    expect(await reloaded.vault.getStatus()).toMatchObject({ lock: 'on', unlocked: true });
    expect(await reloaded.accounts.list()).toStrictEqual(stored);
  });

  it('accepts the passphrase in another Unicode normalisation form', async () => {
    const { s } = await seeded();
    await s.vault.enableLock('café au lait, sésame', NOW);
    s.vault.lock();
    await s.vault.unlockWithPassphrase('café au lait, sésame', NOW);
    expect(await s.vault.getStatus()).toMatchObject({ unlocked: true });
  });

  it('rejects a wrong passphrase, counts it across reloads and makes the next attempt wait, growing', async () => {
    const { s, name } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    s.vault.lock();

    for (let i = 0; i < 3; i++) {
      const error = await rejection(s.vault.unlockWithPassphrase('wrong passphrase', NOW + i));
      expect(error.code).toBe('wrong_passphrase');
      expect(error.message).not.toContain('wrong passphrase');
    }
    // The third failure starts a 1 s wait.
    const third = await s.vault.getStatus();
    expect(third).toMatchObject({ failedAttempts: 3, unlockAllowedAt: NOW + 2 + 1_000 });

    const reloaded = storage(name);
    const delayed = await rejection(reloaded.vault.unlockWithPassphrase(PASSPHRASE, NOW + 500));
    expect(delayed.code).toBe('unlock_delayed');
    expect(delayed.details).toMatchObject({ retryInSeconds: 1 });

    const fourth = await rejection(reloaded.vault.unlockWithPassphrase('still wrong', NOW + 2_000));
    expect(fourth.code).toBe('wrong_passphrase');
    expect(fourth.details).toMatchObject({ retryInSeconds: 2 });
    expect((await reloaded.vault.getStatus()).unlockAllowedAt).toBe(NOW + 4_000);

    await reloaded.vault.unlockWithPassphrase(PASSPHRASE, NOW + 4_000);
    expect(await reloaded.vault.getStatus()).toMatchObject({ unlocked: true, failedAttempts: 0, unlockAllowedAt: 0 });
  });

  it('tries only the allowed attempts when 30 wrong passphrases come at once, and counts each tried one (finding 11)', async () => {
    const { s, name } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    s.vault.lock();
    // Separate instances, as from separate tabs, and one instance sending many at once.
    const tabs = [s, storage(name), storage(name)];

    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => rejection(tabs[i % tabs.length]!.vault.unlockWithPassphrase(`wrong passphrase ${i}`, NOW))),
    );

    const codes = results.map((error) => error.code);
    // FREE_UNLOCK_ATTEMPTS (3) run the key derivation; the 4th would have to wait 1 s, so the others are refused unread.
    expect(codes.filter((code) => code === 'wrong_passphrase')).toHaveLength(3);
    expect(codes.filter((code) => code === 'unlock_delayed')).toHaveLength(27);
    expect(await s.vault.getStatus()).toMatchObject({ failedAttempts: 3, unlockAllowedAt: NOW + 1_000 });
  });

  it('resets the count after a right passphrase', async () => {
    const { s } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    s.vault.lock();
    await rejection(s.vault.unlockWithPassphrase('wrong passphrase', NOW));
    await rejection(s.vault.unlockWithPassphrase('wrong passphrase', NOW));

    await s.vault.unlockWithPassphrase(PASSPHRASE, NOW);

    expect(await s.vault.getStatus()).toMatchObject({ failedAttempts: 0, unlockAllowedAt: 0 });
  });

  it('rejects an empty passphrase as a wrong one', async () => {
    const { s } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    s.vault.lock();
    expect((await rejection(s.vault.unlockWithPassphrase('', NOW))).code).toBe('wrong_passphrase');
    expect((await s.vault.getStatus()).failedAttempts).toBe(1);
  });

  it('verifies the passphrase without unlocking or changing anything', async () => {
    const { s, name } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    s.vault.lock();
    const before = await rawRecords(name);
    await s.vault.verifyPassphrase(PASSPHRASE, NOW);
    expect((await rejection(s.vault.verifyPassphrase('nope nope nope', NOW))).code).toBe('wrong_passphrase');
    expect(await s.vault.getStatus()).toMatchObject({ unlocked: false, failedAttempts: 1 });
    expect(await rawRecords(name)).toStrictEqual(before);
  });

  it('locks itself when another tab re-keyed the vault under it', async () => {
    const { s, name } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    const tabB = storage(name);
    await tabB.vault.unlockWithPassphrase(PASSPHRASE, NOW);
    const events: string[] = [];
    tabB.vault.subscribe((event) => events.push(event));

    // Tab A turns the lock off and on again: a new master key.
    await s.vault.disableLock(PASSPHRASE, NOW);
    await s.vault.enableLock(`${PASSPHRASE} 2`, NOW);

    expect((await rejection(tabB.accounts.list())).code).toBe('vault_locked');
    expect(events).toEqual(['locked']);
    await tabB.vault.unlockWithPassphrase(`${PASSPHRASE} 2`, NOW);
    expect(await tabB.accounts.list()).toHaveLength(ACCOUNTS.length);
  });
});

describe('Vault.changePassphrase', () => {
  it('rewraps the master key only: records, nonces and key id stay as they were', async () => {
    const { s, name, stored } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    const before = await rawRecords(name);

    await s.vault.changePassphrase(PASSPHRASE, 'a brand new passphrase', NOW + 1);

    expect(await rawRecords(name)).toStrictEqual(before);
    s.vault.lock();
    expect((await rejection(s.vault.unlockWithPassphrase(PASSPHRASE, NOW + 2))).code).toBe('wrong_passphrase');
    await s.vault.unlockWithPassphrase('a brand new passphrase', NOW + 3);
    expect(await s.accounts.list()).toStrictEqual(stored);
  });

  it('requires the current passphrase and a long enough new one', async () => {
    const { s } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    expect((await rejection(s.vault.changePassphrase('not the passphrase', 'a brand new passphrase', NOW))).code).toBe('wrong_passphrase');
    expect((await rejection(s.vault.changePassphrase(PASSPHRASE, 'short', NOW))).code).toBe('passphrase_too_short');
  });

  it('writes the current default parameters into the new slot (so they can be raised)', async () => {
    const name = freshName();
    const s = storage(name);
    await s.vault.enableLock(PASSPHRASE, NOW);
    const stronger = createAuthenticatorStorage(() => openAuthenticatorDb(name), { kdf: { ...TEST_KDF, iterations: 2 } });
    opened.push(stronger);

    await stronger.vault.changePassphrase(PASSPHRASE, 'a brand new passphrase', NOW);

    const db = await openAuthenticatorDb(name);
    const header = (await db.get('meta', 'vault.header')) as { slots: { kind: string; kdf?: Argon2idParams }[] };
    db.close();
    expect(header.slots.find((slot) => slot.kind === 'passphrase')?.kdf).toEqual({ ...TEST_KDF, iterations: 2 });
  });
});

describe('Vault.disableLock', () => {
  it('turns the lock off after checking the passphrase, without re-encrypting', async () => {
    const { s, name, stored } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    const before = await rawRecords(name);

    expect((await rejection(s.vault.disableLock('wrong passphrase', NOW))).code).toBe('wrong_passphrase');
    await s.vault.disableLock(PASSPHRASE, NOW);

    expect(await rawRecords(name)).toStrictEqual(before);
    expect(await s.vault.getStatus()).toMatchObject({ lock: 'off', unlocked: true });
    const reloaded = storage(name);
    expect(await reloaded.accounts.list()).toStrictEqual(stored);
  });
});

describe('Vault passkeys', () => {
  const prfOutput = new Uint8Array(32).fill(7);

  it('adds a passkey with the passphrase, unlocks with its PRF output, and removes it', async () => {
    const { s, stored } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    const prfSalt = createPasskeyPrfSalt();

    const summary = await s.vault.addPasskey({ credentialId: 'cred-A', prfSalt, prfOutput, label: 'Phone' }, PASSPHRASE, NOW);

    expect(summary).toMatchObject({ credentialId: 'cred-A', label: 'Phone', createdAt: NOW });
    expect((await s.vault.getStatus()).passkeys).toEqual([summary]);
    expect(await s.vault.getPasskeyUnlockOptions()).toEqual({ credentials: [{ credentialId: 'cred-A', prfSalt }] });

    s.vault.lock();
    expect((await rejection(s.vault.unlockWithPasskey({ credentialId: 'cred-A', prfOutput: new Uint8Array(32) }))).code).toBe(
      'passkey_not_recognized',
    );
    expect((await rejection(s.vault.unlockWithPasskey({ credentialId: 'cred-B', prfOutput }))).code).toBe('passkey_not_recognized');
    await s.vault.unlockWithPasskey({ credentialId: 'cred-A', prfOutput });
    expect(await s.accounts.list()).toStrictEqual(stored);

    await s.vault.removePasskey(summary.slotId);
    s.vault.lock();
    expect((await rejection(s.vault.unlockWithPasskey({ credentialId: 'cred-A', prfOutput }))).code).toBe('passkey_not_recognized');
    expect((await s.vault.getPasskeyUnlockOptions()).credentials).toEqual([]);
  });

  it('keeps passkeys working after a passphrase change (same master key)', async () => {
    const { s } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    await s.vault.addPasskey({ credentialId: 'cred-A', prfSalt: createPasskeyPrfSalt(), prfOutput, label: 'Phone' }, PASSPHRASE, NOW);
    await s.vault.changePassphrase(PASSPHRASE, 'a brand new passphrase', NOW);
    s.vault.lock();
    await s.vault.unlockWithPasskey({ credentialId: 'cred-A', prfOutput });
    expect((await s.vault.getStatus()).unlocked).toBe(true);
  });

  it('replaces the slot when the same credential is added again', async () => {
    const { s } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    await s.vault.addPasskey({ credentialId: 'cred-A', prfSalt: createPasskeyPrfSalt(), prfOutput, label: 'Old' }, PASSPHRASE, NOW);
    await s.vault.addPasskey({ credentialId: 'cred-A', prfSalt: createPasskeyPrfSalt(), prfOutput, label: 'New' }, PASSPHRASE, NOW);
    expect((await s.vault.getStatus()).passkeys.map((p) => p.label)).toEqual(['New']);
  });
});

/** Flips one bit of a stored record's ciphertext, as damage on disk would. */
async function flipBit(name: string, id: VaultAccount['id']): Promise<void> {
  const db = await openAuthenticatorDb(name);
  const record = (await db.get('accounts', id))!;
  const tampered = new Uint8Array(record.ciphertext);
  tampered[3] = (tampered[3] as number) ^ 0x01;
  await db.put('accounts', { ...record, ciphertext: tampered });
  db.close();
}

describe('sealed records', () => {
  it('report a failing tag as vault_corrupt, show nothing, and are not overwritten', async () => {
    const { s, name, stored } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    const db = await openAuthenticatorDb(name);
    const record = (await db.get('accounts', stored[1]!.id))!;
    const tampered = new Uint8Array(record.ciphertext);
    tampered[5] = (tampered[5] as number) ^ 0x40;
    await db.put('accounts', { ...record, ciphertext: tampered });
    db.close();

    const error = await rejection(s.accounts.list());
    expect(error.code).toBe('vault_corrupt');
    expect(error.details).toMatchObject({ count: 1 });
    expect((await rejection(s.accounts.get(stored[1]!.id))).code).toBe('vault_corrupt');
    expect(await s.accounts.get(stored[0]!.id)).toStrictEqual(stored[0]);
    expect((await rawRecords(name)).find((r) => r.id === stored[1]!.id)?.ciphertext).toEqual(tampered);
    // Turning the lock off and on must not re-encrypt over the damaged record either; the message says what fixes it.
    await s.vault.disableLock(PASSPHRASE, NOW);
    const refused = await rejection(s.vault.enableLock(PASSPHRASE, NOW));
    expect(refused.code).toBe('accounts_damaged');
    expect(refused.message).toMatch(/Delete the damaged entry .* or restore it from a backup \(Settings → Import\)/);
    expect((await rawRecords(name)).find((r) => r.id === stored[1]!.id)?.ciphertext).toEqual(tampered);
  });

  it('hide nothing else: listReadable gives the readable accounts and the damaged record, which can be deleted (finding 10)', async () => {
    const { s, name, stored } = await seeded();
    await flipBit(name, stored[1]!.id);

    const listing = await s.accounts.listReadable();

    expect(listing.accounts).toStrictEqual([stored[0], stored[2]]);
    expect(listing.damaged).toEqual([{ id: stored[1]!.id, order: 1, createdAt: stored[1]!.createdAt }]);
    expect(await s.accounts.listReadable(2)).toStrictEqual({ accounts: [stored[0]], damaged: listing.damaged });
    // Nothing but a deletion touches it, and after one the lock can be turned on.
    const before = (await rawRecords(name)).find((r) => r.id === stored[1]!.id);
    expect((await rejection(s.accounts.update({ ...stored[1]!, label: 'written over', updatedAt: NOW + 9 }))).code).toBe('accounts_damaged');
    expect((await rejection(s.vault.enableLock(PASSPHRASE, NOW))).details).toMatchObject({ count: 1 });
    expect((await rawRecords(name)).find((r) => r.id === stored[1]!.id)).toStrictEqual(before);
    await s.accounts.remove(stored[1]!.id);
    await s.vault.enableLock(PASSPHRASE, NOW);
    expect(await s.accounts.listReadable()).toStrictEqual({ accounts: [stored[0], stored[2]], damaged: [] });
  });

  it('do not open when moved onto another record (the id is authenticated)', async () => {
    const { s, name, stored } = await seeded();
    const db = await openAuthenticatorDb(name);
    const [a, b] = [(await db.get('accounts', stored[0]!.id))!, (await db.get('accounts', stored[1]!.id))!];
    await db.put('accounts', { ...b, iv: a.iv, ciphertext: a.ciphertext });
    db.close();

    expect((await rejection(s.accounts.get(stored[1]!.id))).code).toBe('vault_corrupt');
  });
});

describe('a raw IndexedDB dump', () => {
  it('shows no secret, issuer or account name with the lock on', async () => {
    const { s, name } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    await s.vault.addPasskey({ credentialId: 'cred-A', prfSalt: createPasskeyPrfSalt(), prfOutput: new Uint8Array(32).fill(3), label: 'Phone' }, PASSPHRASE, NOW);
    await s.accounts.update({ ...(await s.accounts.list())[0]!, label: 'renamed-after-lock', updatedAt: NOW + 5 });
    await s.close();

    const dump = await dumpDatabase(name);

    expect(dump).toContain('"store":"accounts"');
    for (const account of [...ACCOUNTS, otp({ label: 'renamed-after-lock' })]) {
      for (const needle of secretsOf(account)) expect(dump).not.toContain(needle);
    }
    expect(dump).not.toContain(PASSPHRASE);
  });

  it('shows no group name or note, made before and after the lock was turned on (issue 12)', async () => {
    const { s, name, stored } = await seeded();
    const [before] = await s.accounts.createGroup('Zebra-Group-Before');
    await s.accounts.update(organiseVaultAccount(stored[0]!, { groups: [before!.id], note: 'recovery-note-before\nline two' }, NOW));
    await s.vault.enableLock(PASSPHRASE, NOW);
    const groups = await s.accounts.createGroup('Yak-Group-After');
    await s.accounts.update(organiseVaultAccount((await s.accounts.list())[1]!, { groups: groups.map((g) => g.id), note: 'note-written-after' }, NOW));
    expect((await s.accounts.list()).map((a) => a.note)).toEqual(['recovery-note-before\nline two', 'note-written-after', '']);
    await s.close();

    const dump = await dumpDatabase(name);

    expect(dump).toContain('"store":"meta"');
    for (const needle of ['Zebra-Group-Before', 'Yak-Group-After', 'recovery-note-before', 'line two', 'note-written-after']) {
      expect(dump).not.toContain(needle);
    }
  });

  it('shows none of them for any accounts (property)', async () => {
    const name = (): fc.Arbitrary<string> =>
      fc.string({ unit: 'grapheme', minLength: 6, maxLength: 16 }).filter((s) => s.trim() === s && s.trim().length >= 6);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.record({ issuer: name(), label: name(), secret: fc.uint8Array({ minLength: 10, maxLength: 20 }) }), {
          minLength: 1,
          maxLength: 4,
          selector: (a) => a.label,
        }),
        async (entries) => {
          const dbName = freshName();
          const s = createAuthenticatorStorage(() => openAuthenticatorDb(dbName), { kdf: TEST_KDF });
          const { encodeBase32 } = await import('../../shared/otp/base32');
          const accounts = entries.map((e) => otp({ issuer: e.issuer, label: e.label, secret: encodeBase32(e.secret) }));
          await s.vault.enableLock(PASSPHRASE, NOW);
          await s.accounts.addMany(accounts.map((a) => createVaultAccount(a, NOW)));
          await s.close();
          const dump = await dumpDatabase(dbName);
          for (const account of accounts) for (const needle of secretsOf(account)) expect(dump).not.toContain(needle);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('account icons (issue 12)', () => {
  /** A 600-byte image icon whose Base64 and bytes must never show in a dump. */
  const IMAGE_ICON: AccountIcon = { kind: 'image', mime: 'image/png', data: Buffer.from('\x89PNG-own-icon-' + 'x'.repeat(585)).toString('base64') };

  it('seals the icon: a raw dump with the lock on shows no slug or image', async () => {
    const { s, name, stored } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    await s.accounts.update({ ...(await s.accounts.get(stored[0]!.id))!, icon: { kind: 'set', slug: 'zyxwtestslug' }, updatedAt: NOW + 1 });
    await s.accounts.update({ ...(await s.accounts.get(stored[1]!.id))!, icon: IMAGE_ICON, updatedAt: NOW + 1 });
    await s.close();

    const dump = await dumpDatabase(name);

    expect(dump).toContain('"store":"accounts"');
    for (const needle of ['zyxwtestslug', 'image/png', (IMAGE_ICON as { data: string }).data.slice(0, 40), 'PNG-own-icon']) {
      expect(dump).not.toContain(needle);
    }
  });

  it('keeps the icon through a lock and an unlock in another instance', async () => {
    const { s, name, stored } = await seeded();
    await s.accounts.update({ ...(await s.accounts.get(stored[0]!.id))!, icon: IMAGE_ICON, updatedAt: NOW + 1 });
    await s.vault.enableLock(PASSPHRASE, NOW);
    s.vault.lock();

    const reopened = storage(name);
    await reopened.vault.unlockWithPassphrase(PASSPHRASE, NOW);
    const icons = (await reopened.accounts.list()).map((account) => account.icon);

    expect(icons).toStrictEqual([IMAGE_ICON, null, null]);
  });

  /** Writes a record as a version before icons sealed it: the payload has no `icon` key. */
  async function putRecordWithoutIcon(name: string, s: AuthenticatorStorage, id: string): Promise<void> {
    const key = await s.vault.getMasterKey();
    const payload = { v: 1, ...otp({ issuer: 'Old record' }), updatedAt: NOW };
    const sealed = await encryptAesGcm(key.key, utf8Encode(JSON.stringify(payload)), utf8Encode(`acme-authenticator/vault/account/v1/${id}`));
    const db = await openAuthenticatorDb(name);
    try {
      await db.put('accounts', { id, order: 9, createdAt: NOW, keyId: key.id, iv: sealed.iv, ciphertext: sealed.ciphertext } as SealedAccountRecord);
    } finally {
      db.close();
    }
  }

  it('reads a record written before icons as automatic (null), lock off', async () => {
    const name = freshName();
    const s = storage(name);
    await s.accounts.list();
    await putRecordWithoutIcon(name, s, 'old-record-off');

    const listed = await storage(name).accounts.list();

    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ issuer: 'Old record', icon: null });
  });

  it('reads a record written before icons as automatic (null), lock on, after an unlock', async () => {
    const name = freshName();
    const s = storage(name);
    await s.vault.enableLock(PASSPHRASE, NOW);
    await putRecordWithoutIcon(name, s, 'old-record-on');
    s.vault.lock();

    const reopened = storage(name);
    await reopened.vault.unlockWithPassphrase(PASSPHRASE, NOW);
    const listed = await reopened.accounts.list();

    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ issuer: 'Old record', icon: null });
    expect((await reopened.accounts.listReadable()).damaged).toStrictEqual([]);
  });
});

describe('Vault settings', () => {
  it('default to 5 minutes, no backup, codes shown and the manual order, and persist changes', async () => {
    const name = freshName();
    const s = storage(name);
    const defaults = { autoLockMinutes: 5, lastBackupAt: null, hideCodes: false, sort: 'manual' };
    expect(await s.vault.getSettings()).toEqual(defaults);

    const changed = { autoLockMinutes: 'never', lastBackupAt: NOW, hideCodes: true, sort: 'issuer' };
    expect(await s.vault.updateSettings({ autoLockMinutes: 'never', lastBackupAt: NOW, hideCodes: true, sort: 'issuer' })).toEqual(changed);
    expect(await storage(name).vault.getSettings()).toEqual(changed);
  });

  it('read an unknown sort or a non-boolean hideCodes as the defaults', async () => {
    const name = freshName();
    const s = storage(name);
    await s.vault.updateSettings({ sort: 'recent' as never, hideCodes: 'yes' as never });
    expect(await storage(name).vault.getSettings()).toMatchObject({ hideCodes: false, sort: 'manual' });
  });
});

describe('createAccountRepository (sealing)', () => {
  it('shares one connection between its own vault and the accounts', async () => {
    const name = freshName();
    const opens = vi.fn(() => openAuthenticatorDb(name));
    const repo = createAccountRepository(opens);
    opened.push(repo);
    await repo.add(createVaultAccount(otp(), NOW));
    expect(opens).toHaveBeenCalledTimes(1);
  });

  it('accepts a fixed key provider (no header needed)', async () => {
    const name = freshName();
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const repo = createAccountRepository(() => openAuthenticatorDb(name), { getMasterKey: async () => ({ id: 'fixed', key }) });
    opened.push(repo);
    const a = await repo.add(createVaultAccount(otp(), NOW));
    expect(await repo.list()).toStrictEqual([a]);
  });
});
