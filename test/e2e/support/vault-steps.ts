/**
 * Test data and steps for the codes e2e tests (test/e2e/pwa/codes, offline,
 * install, a11y): accounts put straight into the app's IndexedDB (as test
 * setup, without going through the add screen), and finding a card the way a
 * person does, by the account's name.
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
 * Opens the app and puts `seeds` into its database (schema v2, store
 * `accounts`), then reloads so the app reads them. The app creates the
 * database on its first open, so this waits for the empty list first.
 */
export async function openWithAccounts(page: Page, pwaUrl: string, seeds: readonly SeedAccount[]): Promise<VaultAccount[]> {
  await page.goto(pwaUrl);
  await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  const records = vaultRecords(seeds);
  await page.evaluate(async (accounts) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('authenticator');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('accounts', 'readwrite');
      for (const account of accounts) tx.objectStore('accounts').put(account);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, records);
  await page.reload();
  if (records.length > 0) await expect(page.getByRole('list', { name: 'Accounts' })).toBeVisible();
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

/** The accounts as stored right now, in order (read from IndexedDB, to prove what persisted). */
export async function storedAccounts(page: Page): Promise<VaultAccount[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('authenticator');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = await new Promise<VaultAccount[]>((resolve, reject) => {
      const request = db.transaction('accounts').objectStore('accounts').index('by-order').getAll();
      request.onsuccess = () => resolve(request.result as VaultAccount[]);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return all;
  });
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

/** The names of the cards, top to bottom. */
export async function cardNames(page: Page): Promise<string[]> {
  return page
    .getByRole('list', { name: 'Accounts' })
    .getByRole('listitem')
    .evaluateAll((items) => items.map((item) => item.getAttribute('aria-label') ?? ''));
}
