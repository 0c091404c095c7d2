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
 * the test is deleted first.
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
    await request(indexedDB.deleteDatabase('authenticator'));
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
