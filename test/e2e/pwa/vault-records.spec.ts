/**
 * Stored records gone wrong: one damaged record (finding 10) and one account
 * edited in two tabs at once (finding 13). The damage is made the way it would
 * happen on disk: one bit of one stored record flipped, through IndexedDB.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { card, cardNames, openSettings, openWithAccounts, type SeedAccount } from '../support/vault-steps';

const ACCOUNTS: SeedAccount[] = [
  { issuer: 'GitHub', label: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' },
  { issuer: 'Google', label: 'alice.smith@gmail.com', secret: 'KRSXG5CTMVRXEZLU' },
  { issuer: 'Dropbox', label: 'alice', secret: 'MFRGGZDFMZTWQ2LK' },
];

test.describe.configure({ timeout: 120_000 });

/** Flips one bit of the stored ciphertext of the account at `position` (the app keeps its own connection open). */
async function damageStoredRecord(page: Page, position: number): Promise<void> {
  await page.evaluate(async (order) => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const db = await request(indexedDB.open('authenticator'));
    const tx = db.transaction('accounts', 'readwrite');
    const store = tx.objectStore('accounts');
    const records = (await request(store.getAll())) as { order: number; ciphertext: Uint8Array }[];
    const record = records.find((r) => r.order === order)!;
    record.ciphertext[4] = record.ciphertext[4]! ^ 0x08;
    await request(store.put(record));
    db.close();
  }, position);
}

test('a damaged record hides nothing else: it is listed apart, left out of exports, and can be deleted', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, ACCOUNTS);
  await damageStoredRecord(page, 1);
  await page.reload();

  const damaged = page.getByRole('region', { name: '1 account could not be opened' });
  await expect(damaged).toBeVisible();
  await expect(damaged).toContainText('Restore it from a backup, or delete the damaged entry');
  expect(await cardNames(page)).toEqual(['GitHub (alice@example.com)', 'Dropbox (alice)']);
  const entry = damaged.getByRole('list', { name: 'Damaged entries' }).getByRole('listitem');
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText(/Damaged account added on/);

  // Export takes the readable ones and says so.
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Back up / Export' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Back up / Export' });
  await expect(exportDialog.getByRole('status')).toHaveText(/1 damaged account is not included.*Only the 2 accounts shown in your list will be exported/);
  await exportDialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(exportDialog).toBeHidden();

  // Turning the lock on would re-encrypt around it: refused, with the way out.
  await page.getByRole('complementary', { name: 'Protect your accounts with a passphrase' }).getByRole('button', { name: 'Set a passphrase' }).click();
  const lockDialog = page.getByRole('dialog', { name: 'Protect with a passphrase' });
  await lockDialog.getByLabel('New passphrase').fill('correct horse battery staple');
  await lockDialog.getByLabel('Repeat the passphrase').fill('correct horse battery staple');
  await lockDialog.getByRole('button', { name: 'Turn on lock' }).click();
  await expect(lockDialog.getByRole('alert')).toHaveText(/One saved account could not be decrypted.*Delete the damaged entry at the top of your list, or restore it from a backup/, {
    timeout: 30_000,
  });
  await lockDialog.getByRole('button', { name: 'Cancel' }).click();

  // Delete asks first; Cancel keeps it.
  await entry.getByRole('button', { name: /Delete Damaged account added on/ }).click();
  const confirm = page.getByRole('dialog', { name: /Delete Damaged account added on .*\?/ });
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(entry).toHaveCount(1);
  await entry.getByRole('button', { name: /Delete Damaged account added on/ }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(damaged).toBeHidden();

  await page.reload();
  expect(await cardNames(page)).toEqual(['GitHub (alice@example.com)', 'Dropbox (alice)']);
  await expect(page.getByRole('region', { name: /could not be opened/ })).toHaveCount(0);
});

test('two tabs edit one account: the later save is refused, keeps the text, and applies when saved again', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, ACCOUNTS);
  const other = await page.context().newPage();
  await other.goto(pwaUrl);
  await expect(card(other, 'GitHub (alice@example.com)')).toBeVisible();

  // This tab opens the editor first...
  await page.getByRole('button', { name: 'Options for GitHub (alice@example.com)' }).click();
  await page.getByRole('button', { name: 'Edit' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit account' });

  // ...the other tab renames the account meanwhile...
  await other.getByRole('button', { name: 'Options for GitHub (alice@example.com)' }).click();
  await other.getByRole('button', { name: 'Edit' }).click();
  const otherDialog = other.getByRole('dialog', { name: 'Edit account' });
  await otherDialog.getByLabel('Account name').fill('alice@work.example');
  await otherDialog.getByRole('button', { name: 'Save' }).click();
  await expect(otherDialog).toBeHidden();

  // ...and this tab's save is refused, naming the current values, with the typed text kept.
  await dialog.getByLabel('Issuer').fill('GitHub Enterprise');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/changed in another tab or window.*"GitHub — alice@work\.example"/);
  await expect(dialog.getByLabel('Issuer')).toHaveValue('GitHub Enterprise');
  await expect(card(page, 'GitHub (alice@work.example)')).toBeVisible();

  await dialog.getByLabel('Account name').fill('alice@work.example');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(card(page, 'GitHub Enterprise (alice@work.example)')).toBeVisible();
  await other.reload();
  await expect(card(other, 'GitHub Enterprise (alice@work.example)')).toBeVisible();
});
