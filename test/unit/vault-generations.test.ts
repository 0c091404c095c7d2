import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors';
import type { OtpAccount } from '../../shared/otp/types';
import { createAuthenticatorStorage, type AuthenticatorStorage } from '../../shared/storage/account-repository';
import { openAuthenticatorDb } from '../../shared/storage/authenticator-db';
import * as generations from '../../shared/storage/vault-generations';
import { createVaultAccount, type VaultAccount } from '../../shared/vault/account';
import type { Argon2idParams } from '../../shared/vault/kdf';

/** Where the test makes the page "die" during a move: the step that throws, before or after it ran. */
const crash: { at: string | null } = { at: null };

class PageDied extends Error {}

/** Wraps a step so the page "dies" just before or after it, as `crash.at` says. */
function dying<A extends unknown[], R>(name: string, step: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    if (crash.at === `before ${name}`) throw new PageDied(crash.at);
    const result = await step(...args);
    if (crash.at === `after ${name}`) throw new PageDied(crash.at);
    return result;
  };
}

vi.mock('../../shared/storage/vault-move-steps', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../shared/storage/vault-move-steps')>();
  return {
    ...original,
    beginMove: dying('beginMove', original.beginMove),
    writeGeneration: dying('writeGeneration', original.writeGeneration),
  };
});

vi.mock('../../shared/storage/vault-generations', async (importOriginal) => {
  const original = await importOriginal<typeof generations>();
  return {
    ...original,
    pointToGeneration: dying('pointToGeneration', original.pointToGeneration),
    discardGenerations: dying('discardGenerations', original.discardGenerations),
  };
});

const TEST_KDF: Argon2idParams = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };
const NOW = 1_750_000_000_000;
const PASSPHRASE = 'correct horse battery staple';

const otp = (label: string, secret: string): OtpAccount => ({
  type: 'totp',
  issuer: 'Example',
  label,
  secret,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
});

const opened: AuthenticatorStorage[] = [];
afterEach(async () => {
  crash.at = null;
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

function storage(family: string): AuthenticatorStorage {
  const s = createAuthenticatorStorage(() => openAuthenticatorDb(family), { kdf: TEST_KDF });
  opened.push(s);
  return s;
}

async function seeded(): Promise<{ family: string; s: AuthenticatorStorage; stored: VaultAccount[] }> {
  const family = `move-test-${crypto.randomUUID()}`;
  const s = storage(family);
  const stored = await s.accounts.addMany(
    [otp('a', 'JBSWY3DPEHPK3PXP'), otp('b', 'KRSXG5CTMVRXEZLU'), otp('c', 'MFRGGZDFMZTWQ2LK')].map((a, i) => createVaultAccount(a, NOW + i)),
  );
  return { family, s, stored };
}

async function databasesOf(family: string): Promise<string[]> {
  return (await indexedDB.databases())
    .map((info) => info.name!)
    .filter((name) => name.startsWith(family))
    .sort();
}

/** Every device slot and every record's key id in a database (a device slot holds a master key itself). */
async function keysIn(name: string): Promise<{ deviceSlots: number; keyIds: string[] }> {
  const db = await openDB(name);
  try {
    if (!db.objectStoreNames.contains('meta')) return { deviceSlots: 0, keyIds: [] };
    const header = (await db.get('meta', 'vault.header')) as { slots: { kind: string }[] } | undefined;
    const records = (await db.getAll('accounts')) as { keyId: string }[];
    return { deviceSlots: header?.slots.filter((slot) => slot.kind === 'device').length ?? 0, keyIds: records.map((r) => r.keyId) };
  } finally {
    db.close();
  }
}

describe('Vault.enableLock (a new database)', () => {
  it('moves the vault to the next generation and deletes the old database with its device key (finding 6)', async () => {
    const { family, s, stored } = await seeded();
    const before = await keysIn(family);
    expect(before.deviceSlots).toBe(1);

    await s.vault.enableLock(PASSPHRASE, NOW);

    expect(await databasesOf(family)).toEqual([generations.pointerDbName(family), generations.generationName(family, 1)].sort());
    const after = await keysIn(generations.generationName(family, 1));
    expect(after.deviceSlots).toBe(0);
    expect(after.keyIds).toHaveLength(3);
    expect(after.keyIds.some((id) => before.keyIds.includes(id))).toBe(false);
    expect(await s.accounts.list()).toStrictEqual(stored);
  });

  it('opens the new generation after a reload and after turning the lock off and on again', async () => {
    const { family, s, stored } = await seeded();
    await s.vault.enableLock(PASSPHRASE, NOW);
    await s.vault.disableLock(PASSPHRASE, NOW);
    await s.vault.enableLock(PASSPHRASE, NOW);

    const reloaded = storage(family);
    await reloaded.vault.unlockWithPassphrase(PASSPHRASE, NOW);

    expect(await reloaded.accounts.list()).toStrictEqual(stored);
    expect(await databasesOf(family)).toEqual([generations.pointerDbName(family), generations.generationName(family, 2)].sort());
  });

  it('takes the settings along', async () => {
    const { family, s } = await seeded();
    const settings = { autoLockMinutes: 15, lastBackupAt: NOW, hideCodes: true, sort: 'issuer' } as const;
    await s.vault.updateSettings(settings);
    await s.vault.enableLock(PASSPHRASE, NOW);
    expect(await storage(family).vault.getSettings()).toEqual(settings);
  });

  it('refuses, with vault_busy, a write another tab makes to the old database after the move committed', async () => {
    const { family, s, stored } = await seeded();
    const otherTab = storage(family);
    await otherTab.accounts.list();
    // The other tab writes right after the commit point, before the pointer moved and the old database went.
    crash.at = 'before pointToGeneration';
    await expect(s.vault.enableLock(PASSPHRASE, NOW)).rejects.toBeInstanceOf(PageDied);
    crash.at = null;

    const error = await otherTab.accounts.update({ ...stored[0]!, label: 'renamed', updatedAt: NOW + 9 }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('vault_busy');
  });
});

describe('a move interrupted (the page dies between two steps)', () => {
  it.each([
    { at: 'after beginMove', lock: 'off', left: (f: string) => [f] },
    { at: 'after writeGeneration', lock: 'off', left: (f: string) => [f] },
    { at: 'before pointToGeneration', lock: 'on', left: (f: string) => [generations.generationName(f, 1)] },
    { at: 'after pointToGeneration', lock: 'on', left: (f: string) => [generations.generationName(f, 1)] },
    { at: 'before discardGenerations', lock: 'on', left: (f: string) => [generations.generationName(f, 1)] },
  ])('$at: the next open finds one complete vault (lock $lock) and loses nothing', async ({ at, lock, left }) => {
    const { family, s, stored } = await seeded();
    crash.at = at;
    await expect(s.vault.enableLock(PASSPHRASE, NOW)).rejects.toBeInstanceOf(PageDied);
    crash.at = null;
    await s.close();

    const reloaded = storage(family);
    const status = await reloaded.vault.getStatus();
    expect(status.lock).toBe(lock);
    if (lock === 'on') await reloaded.vault.unlockWithPassphrase(PASSPHRASE, NOW);

    expect(await reloaded.accounts.list()).toStrictEqual(stored);
    expect(await databasesOf(family)).toEqual([generations.pointerDbName(family), ...left(family)].sort());
  });

  it('after a move that never committed, turning the lock on again succeeds', async () => {
    const { family, s, stored } = await seeded();
    crash.at = 'after writeGeneration';
    await expect(s.vault.enableLock(PASSPHRASE, NOW)).rejects.toBeInstanceOf(PageDied);
    crash.at = null;

    await s.vault.enableLock(PASSPHRASE, NOW);

    expect(await s.accounts.list()).toStrictEqual(stored);
    expect(await databasesOf(family)).toEqual([generations.pointerDbName(family), generations.generationName(family, 1)].sort());
  });
});

describe('parseGenerationName', () => {
  it.each([
    { name: 'authenticator', family: 'authenticator', generation: 0 },
    { name: 'authenticator@1', family: 'authenticator', generation: 1 },
    { name: 'authenticator@12', family: 'authenticator', generation: 12 },
    { name: 'a@b', family: 'a@b', generation: 0 },
  ])('reads $name as generation $generation of $family', ({ name, family, generation }) => {
    expect(generations.parseGenerationName(name)).toEqual({ family, generation });
    expect(generations.generationName(family, generation)).toBe(name);
  });
});
