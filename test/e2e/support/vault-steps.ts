/**
 * Test data and steps for the codes e2e tests (test/e2e/pwa/codes, offline,
 * install, a11y): accounts put into the app's IndexedDB as test setup (not
 * through the add screen, which add-*.spec.ts test), and finding a card the
 * way a person does, by the account's name.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import type { OtpAccount } from '../../../shared/otp/types';
import { createVaultAccount, type AccountId, type VaultAccount } from '../../../shared/vault/account';

/** RFC 6238 Appendix B's seeds as Base32: "12345678901234567890" repeated to 20, 32 and 64 bytes. */
export const RFC6238_SECRETS = {
  SHA1: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  SHA256: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
  SHA512:
    'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA',
} as const;

/** An account as a test writes it: the OTP fields, with the usual defaults. */
export type SeedAccount = Partial<OtpAccount> & Pick<OtpAccount, 'issuer' | 'label'>;

/** Fills in a seed account's defaults (TOTP, SHA1, 6 digits, 30 s, a fixed secret). */
export function otpAccount(seed: SeedAccount): OtpAccount {
  return {
    type: 'totp',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...seed,
  };
}

/** Turns seed accounts into stored records, ordered as given. */
export function vaultRecords(seeds: readonly SeedAccount[], now = Date.UTC(2025, 0, 1)): VaultAccount[] {
  return seeds.map((seed, order) => ({
    ...createVaultAccount(otpAccount(seed), now, `00000000-0000-4000-8000-${String(order).padStart(12, '0')}` as AccountId),
    order,
  }));
}

/**
 * Puts `seeds` into the app's database and opens the app on them.
 *
 * The records are written the way a version 2 database of the app held them
 * (store `accounts`, plain VaultAccount records, index `by-order`, store
 * `meta`), from a page of the same origin that is not the app, before the app
 * opens the database; the app then upgrades that database as it would on a
 * device updated from version 2. So the setup needs no test hook in the
 * product and goes on working whatever the current schema does with the
 * records (it seals them at rest). Any database left by an earlier step of
 * the test is deleted first (every generation of it, and its pointer).
 */
export async function openWithAccounts(page: Page, pwaUrl: string, seeds: readonly SeedAccount[]): Promise<VaultAccount[]> {
  const records = vaultRecords(seeds);
  // Same origin, not the app (the static server answers 404), so nothing else has the database open.
  await page.goto(new URL('/seed-accounts', pwaUrl).href);
  await page.evaluate(async (accounts) => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    // The vault's database, its later generations and its pointer (turning the lock on moves it).
    for (const info of await indexedDB.databases()) if (info.name?.startsWith('authenticator')) await request(indexedDB.deleteDatabase(info.name));
    const open = indexedDB.open('authenticator', 2);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore('accounts', { keyPath: 'id' }).createIndex('by-order', 'order');
      db.createObjectStore('meta');
    };
    const db = await request(open);
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('accounts', 'readwrite');
      for (const account of accounts) tx.objectStore('accounts').put(account);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, records);
  await page.goto(pwaUrl);
  if (records.length > 0) await expect(page.getByRole('list', { name: 'Accounts' })).toBeVisible({ timeout: 30_000 });
  else await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  return records;
}

/**
 * Like {@link openWithAccounts}, with the page's clock stopped at `time`: the
 * clock is installed a minute earlier and runs while the app loads, then jumps
 * to `time` and stays there until the test moves it (`page.clock.runFor`).
 */
export async function openAt(page: Page, pwaUrl: string, seeds: readonly SeedAccount[], time: number): Promise<VaultAccount[]> {
  await page.clock.install({ time: time - 60_000 });
  const records = await openWithAccounts(page, pwaUrl, seeds);
  await page.clock.pauseAt(time);
  return records;
}

/** How the app names an account: "GitHub (alice@example.com)". */
export function displayName(issuer: string, label: string): string {
  return issuer && label ? `${issuer} (${label})` : issuer || label;
}

/** An account's card in the list, found by its name. */
export function card(page: Page, name: string): Locator {
  return page.getByRole('list', { name: 'Accounts' }).getByRole('listitem', { name, exact: true });
}

/** "1 2 3 4 5 6": a code as a screen reader reads it. */
export function spelled(code: string): string {
  return `Code ${code.split('').join(' ')}`;
}

/** The names of the cards, top to bottom (once the list has loaded). */
export async function cardNames(page: Page): Promise<string[]> {
  const list = page.getByRole('list', { name: 'Accounts' });
  await list.waitFor();
  return list
    .getByRole('listitem')
    .evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
}

// ------------------------------------------------------------ the lock (issue 6)

/** The passphrase the lock tests choose. */
export const PASSPHRASE = 'correct horse battery staple';

/** The lock screen's heading. */
export function lockScreen(page: Page): Locator {
  return page.getByRole('heading', { name: 'Authenticator is locked' });
}

/**
 * Turns the passphrase lock on the way a person does on first run: the card
 * above the list, "Set a passphrase", the passphrase twice, "Turn on lock".
 */
export async function turnOnLock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByRole('complementary', { name: 'Protect your accounts with a passphrase' }).getByRole('button', { name: 'Set a passphrase' }).click();
  const dialog = page.getByRole('dialog', { name: 'Protect with a passphrase' });
  await dialog.getByLabel('New passphrase').fill(passphrase);
  await dialog.getByLabel('Repeat the passphrase').fill(passphrase);
  await dialog.getByRole('button', { name: 'Turn on lock' }).click();
  // Argon2id at its production cost: about a second here, more on a busy machine.
  await expect(dialog).toBeHidden({ timeout: 30_000 });
}

/** Unlocks the lock screen with `passphrase` and waits for the list (or the empty state). */
export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(lockScreen(page)).toBeHidden({ timeout: 30_000 });
}

/** Opens Settings; returns its dialog. */
export async function openSettings(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/**
 * Everything the app's IndexedDB holds, as text: every record of every store,
 * binary data as Latin-1 text (so plain bytes would show), keys as
 * "[CryptoKey]". What a person copying the browser profile would find.
 */
export async function dumpIndexedDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const names = (await indexedDB.databases()).map((info) => info.name!).filter(Boolean);
    const out: Record<string, Record<string, unknown[]>> = {};
    for (const name of names) {
      const db = await request(indexedDB.open(name));
      out[name] = {};
      for (const store of [...db.objectStoreNames]) {
        const tx = db.transaction(store, 'readonly');
        const [keys, values] = await Promise.all([request(tx.objectStore(store).getAllKeys()), request(tx.objectStore(store).getAll())]);
        out[name]![store] = keys.map((key, i) => ({ key, value: values[i] }));
      }
      db.close();
    }
    const latin1 = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');
    return JSON.stringify(out, (_key, value: unknown) => {
      if (value instanceof CryptoKey) return '[CryptoKey]';
      if (value instanceof ArrayBuffer) return latin1(new Uint8Array(value));
      if (ArrayBuffer.isView(value)) return latin1(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      return value;
    });
  });
}

/** A sealed record as the page reads it from IndexedDB: what an attacker with the profile would find. */
export interface StoredRecord {
  /** The record's id (part of the additional data). */
  id: string;
  /** The 12-byte nonce. */
  iv: number[];
  /** The ciphertext, tag appended. */
  ciphertext: number[];
}

/** The sealed account records of the vault's current database, read in the page. */
export async function readStoredRecords(page: Page): Promise<StoredRecord[]> {
  return page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const names = (await indexedDB.databases()).map((info) => info.name ?? '');
    const current = names.filter((name) => /^authenticator(@\d+)?$/.test(name)).sort().at(-1)!;
    const db = await request(indexedDB.open(current));
    try {
      const records = (await request(db.transaction('accounts').objectStore('accounts').getAll())) as {
        id: string;
        iv: Uint8Array;
        ciphertext: Uint8Array;
      }[];
      return records.map((r) => ({ id: r.id, iv: [...r.iv], ciphertext: [...r.ciphertext] }));
    } finally {
      db.close();
    }
  });
}
