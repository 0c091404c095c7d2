/**
 * What a copy of the browser profile holds (finding 6). With the lock off the
 * master key sits in IndexedDB as a non-extractable CryptoKey, whose raw
 * bytes Chromium still writes into its files; turning the lock on must leave
 * no trace of that key on disk. The test reads the records the old key sealed,
 * turns the lock on, closes the browser, and tries every 32-byte window of
 * every IndexedDB file as the AES-256-GCM key of one old record. As a control,
 * the same scan over a copy of the profile taken just before the lock was
 * turned on does find the key.
 */
import { chromium, type BrowserContext } from '@playwright/test';
import { createDecipheriv } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '../fixtures';
import { chromiumPath, QUIET_ARGS } from '../support/chromium';
import { card, openWithAccounts, readStoredRecords, turnOnLock, unlock, lockScreen, type SeedAccount, type StoredRecord } from '../support/vault-steps';

const ACCOUNTS: SeedAccount[] = [
  { issuer: 'GitHub', label: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' },
  { issuer: 'Google', label: 'alice.smith@gmail.com', secret: 'KRSXG5CTMVRXEZLU' },
  { issuer: 'Zephyrbank', label: 'quillon.vantablack', secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA' },
  { issuer: 'Dropbox', label: 'alice', secret: 'MFRGGZDFMZTWQ2LK' },
];

test.describe.configure({ timeout: 180_000 });

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else found.push(path);
  }
  return found;
}

/** Whether `key` opens `record` the way the vault seals it (AES-256-GCM, tag appended, the record's additional data). */
function opens(record: StoredRecord, key: Buffer): boolean {
  const bytes = Buffer.from(record.ciphertext);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(record.iv));
  decipher.setAAD(Buffer.from(`acme-authenticator/vault/account/v1/${record.id}`));
  decipher.setAuthTag(bytes.subarray(bytes.length - 16));
  decipher.update(bytes.subarray(0, bytes.length - 16));
  try {
    decipher.final();
    return true;
  } catch {
    return false;
  }
}

/** The files under `indexedDbDir` in which some 32-byte window opens `record`. */
async function filesHoldingKeyOf(indexedDbDir: string, record: StoredRecord): Promise<string[]> {
  const holding: string[] = [];
  for (const file of await filesUnder(indexedDbDir)) {
    const bytes = await readFile(file);
    for (let i = 0; i + 32 <= bytes.length; i++) {
      if (opens(record, bytes.subarray(i, i + 32))) {
        holding.push(file.slice(indexedDbDir.length + 1));
        break;
      }
    }
  }
  return holding;
}

test('after the lock is turned on, no file of the profile holds the key of the records sealed before', async ({ pwaUrl }) => {
  const profile = await mkdtemp(join(tmpdir(), 'vault-disk-'));
  const before = await mkdtemp(join(tmpdir(), 'vault-disk-before-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: QUIET_ARGS });
    const page = context.pages()[0] ?? (await context.newPage());
    await openWithAccounts(page, pwaUrl, ACCOUNTS);
    await expect(card(page, 'GitHub (alice@example.com)')).toBeVisible();
    const oldRecords = await readStoredRecords(page);
    expect(oldRecords).toHaveLength(ACCOUNTS.length);
    // What someone copying the profile now would get (the control).
    await cp(join(profile, 'Default', 'IndexedDB'), before, { recursive: true });

    await turnOnLock(page);
    await expect(card(page, 'GitHub (alice@example.com)')).toBeVisible();
    const newRecords = await readStoredRecords(page);
    expect(newRecords.map((r) => r.id).sort()).toEqual(oldRecords.map((r) => r.id).sort());
    await context.close();
    context = undefined;

    expect(await filesHoldingKeyOf(before, oldRecords[0]!)).not.toEqual([]);
    expect(await filesHoldingKeyOf(join(profile, 'Default', 'IndexedDB'), oldRecords[0]!)).toEqual([]);

    // The vault still opens from that profile, with the passphrase.
    context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: QUIET_ARGS });
    const again = context.pages()[0] ?? (await context.newPage());
    await again.goto(pwaUrl);
    await expect(lockScreen(again)).toBeVisible();
    await unlock(again);
    for (const seed of ACCOUNTS) await expect(card(again, `${seed.issuer} (${seed.label})`)).toBeVisible();
  } finally {
    await context?.close();
    await rm(profile, { recursive: true, force: true });
    await rm(before, { recursive: true, force: true });
  }
});
