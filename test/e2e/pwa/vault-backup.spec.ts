/**
 * Backups and imports (issue 6): an encrypted backup made with the lock on
 * (its password defaults to the passphrase) is downloaded, the site's data is
 * cleared (a new browser context), and importing the file brings every
 * account back, after a preview. Wrong password, damaged file, a file of
 * another kind; the plain exports come after a warning; duplicates are
 * skipped in the preview.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { generateHotp, generateTotp } from '../../../shared/otp';
import { test, expect } from '../fixtures';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import { card, openSettings, openWithAccounts, otpAccount, PASSPHRASE, spelled, turnOnLock, type SeedAccount } from '../support/vault-steps';

const ACCOUNTS: SeedAccount[] = [
  { issuer: 'GitHub', label: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' },
  { issuer: 'Zephyrbank', label: 'quillon', secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', algorithm: 'SHA256', digits: 8 },
  { issuer: 'Ünïcødé ✓', label: 'ζωή@example.com', secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', period: 60 },
  { issuer: 'Counter', label: 'hotp', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', type: 'hotp', counter: 7 },
];
const name = (seed: SeedAccount) => `${seed.issuer} (${seed.label})`;

test.describe.configure({ timeout: 120_000 });

/** Settings → Back up / Export; returns the dialog. */
async function openExport(page: Page) {
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Back up / Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Back up / Export' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Settings → Import, then chooses `file`; returns the dialog. */
async function importFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import accounts' });
  await dialog.getByLabel('Choose a file').setInputFiles(file);
  return dialog;
}

async function savedText(download: Download): Promise<string> {
  return readFile((await download.path())!, 'utf8');
}

test('an encrypted backup, restored after the site data is gone, brings every account back', async ({ page, pwaUrl, browser }) => {
  await openWithAccounts(page, pwaUrl, ACCOUNTS);
  await turnOnLock(page);

  const dialog = await openExport(page);
  await expectNoSeriousA11yViolations(page, 'export menu');
  await dialog.getByRole('button', { name: /Encrypted backup/ }).click();
  await expect(page.getByRole('radio', { name: 'Use my passphrase' })).toBeChecked();
  // A wrong passphrase is said at the field, and nothing is downloaded.
  const exportDialog = page.getByRole('dialog', { name: 'Encrypted backup (recommended)' });
  await exportDialog.getByLabel('Your passphrase').fill('not my passphrase');
  await exportDialog.getByRole('button', { name: 'Download backup' }).click();
  await expect(exportDialog.getByRole('alert')).toContainText('passphrase is not correct', { timeout: 30_000 });
  await expect(exportDialog.getByLabel('Your passphrase')).toHaveAttribute('aria-invalid', 'true');
  await expectNoSeriousA11yViolations(page, 'export form');

  await exportDialog.getByLabel('Your passphrase').fill(PASSPHRASE);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    exportDialog.getByRole('button', { name: 'Download backup' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^authenticator-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = await savedText(download);
  expect(JSON.parse(backup)).toMatchObject({ format: 'acme-authenticator-backup', version: 1, kdf: { algorithm: 'argon2id' } });
  for (const seed of ACCOUNTS) expect(backup).not.toContain(seed.issuer);
  await expect(page.getByRole('dialog', { name: 'Back up / Export' }).getByRole('status').filter({ hasText: 'Saved authenticator-backup-' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();

  // Settings shows the date of the backup.
  const settings = await openSettings(page);
  await expect(settings.getByText(/^Last backup: .*\d{4}/)).toBeVisible();
  await settings.getByRole('button', { name: 'Close' }).click();

  // A new context has no site data: the app starts empty.
  const file = join(tmpdir(), `backup-${Date.now()}.json`);
  await writeFile(file, backup);
  const fresh = await browser.newContext({ ...test.info().project.use, acceptDownloads: true });
  const other = await fresh.newPage();
  try {
    await openWithAccounts(other, pwaUrl, []);
    const importing = await importFile(other, file);
    await expect(importing.getByText('is an encrypted backup from this app')).toBeVisible();
    await importing.getByLabel('Password of the file').fill('a wrong password');
    await importing.getByRole('button', { name: 'Open file' }).click();
    await expect(importing.getByRole('alert')).toContainText('The password does not open this backup file', { timeout: 30_000 });
    await expect(importing.getByLabel('Password of the file')).toHaveAttribute('aria-invalid', 'true');

    await importing.getByLabel('Password of the file').fill(PASSPHRASE);
    await importing.getByRole('button', { name: 'Open file' }).click();
    await expect(importing.getByText(`${ACCOUNTS.length} accounts will be added.`)).toBeVisible({ timeout: 30_000 });
    for (const seed of ACCOUNTS) await expect(importing.getByRole('listitem').filter({ hasText: name(seed) })).toBeVisible();
    await expectNoSeriousA11yViolations(other, 'import preview');
    await other.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(other, 'import preview, dark');
    // Nothing is written before "Import".
    await expect(other.getByRole('heading', { name: 'No accounts yet' })).toBeAttached();
    await importing.getByRole('button', { name: `Import ${ACCOUNTS.length} accounts` }).click();
    await expect(importing.getByText(`Imported ${ACCOUNTS.length} accounts.`)).toBeVisible();
    await importing.getByRole('button', { name: 'Done' }).click();

    const now = await other.evaluate(() => Date.now());
    for (const seed of ACCOUNTS) {
      const account = otpAccount(seed);
      const item = card(other, name(seed));
      if (account.type === 'hotp') {
        // HOTP shows the code of its stored counter, which came back too.
        await expect(item.getByText(spelled(generateHotp(account, account.counter)), { exact: true })).toBeAttached();
      } else {
        const codes = [now - 1_000, now + 1_000].map((t) => spelled(generateTotp(account, t)));
        await expect(item).toContainText(new RegExp(codes.join('|')));
      }
    }
  } finally {
    await fresh.close();
  }
});


test('a damaged file, a file of another kind and a plain export after its warning', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, ACCOUNTS);

  // The plain otpauth:// list: the warning first, then the file.
  let dialog = await openExport(page);
  await dialog.getByRole('button', { name: /otpauth:\/\/ links, not encrypted/ }).click();
  const plain = page.getByRole('dialog', { name: 'otpauth:// links, not encrypted' });
  await expect(plain.getByRole('note')).toContainText('This file is not encrypted.');
  await expectNoSeriousA11yViolations(page, 'plain export warning');
  const [download] = await Promise.all([page.waitForEvent('download'), plain.getByRole('button', { name: 'Download unencrypted file' }).click()]);
  const lines = (await savedText(download)).trim().split('\n');
  expect(lines).toHaveLength(ACCOUNTS.length);
  for (const line of lines) expect(line).toMatch(/^otpauth:\/\/(totp|hotp)\//);
  await page.getByRole('button', { name: 'Done' }).click();

  // Importing that list again: all duplicates, skipped, nothing to add.
  let importing = await importFile(page, { name: 'links.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) });
  await expect(importing.getByText('Nothing new to add')).toBeVisible();
  await expect(importing.getByRole('heading', { name: `Already in your list, skipped (${ACCOUNTS.length})` })).toBeVisible();
  await expect(importing.getByRole('button', { name: /^Import \d/ })).toHaveCount(0);
  await importing.getByRole('button', { name: 'Close' }).click();

  // An Aegis file with one new account and one entry that cannot be read.
  const aegis = {
    version: 1,
    header: { slots: null, params: null },
    db: {
      version: 2,
      entries: [
        { type: 'totp', uuid: '1', name: 'bob', issuer: 'Fresh', icon: null, info: { secret: 'ORSXG5A=', algo: 'SHA1', digits: 6, period: 30 } },
        { type: 'yandex', uuid: '2', name: 'ivan', issuer: 'Yandex', icon: null, info: { secret: 'ORSXG5A=', algo: 'SHA256', digits: 8, period: 30, pin: '1234' } },
      ],
    },
  };
  importing = await importFile(page, { name: 'aegis.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(aegis)) });
  await expect(importing.getByRole('heading', { name: 'To add (1)' })).toBeVisible();
  await expect(importing.getByRole('heading', { name: 'Could not be read (1)' })).toBeVisible();
  await expect(importing.getByRole('listitem').filter({ hasText: 'Yandex' })).toContainText('"yandex" codes');
  await importing.getByRole('button', { name: 'Import 1 account' }).click();
  await importing.getByRole('button', { name: 'Done' }).click();
  await expect(card(page, 'Fresh (bob)')).toBeVisible();

  // A backup cut short, and a file of another kind.
  const cut = JSON.stringify({ format: 'acme-authenticator-backup', version: 1, kdf: {} }).slice(0, 40);
  importing = await importFile(page, { name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(cut) });
  await expect(importing.getByRole('alert')).toContainText('damaged or incomplete');
  await expect(importing.getByLabel('Choose a file')).toHaveAttribute('aria-invalid', 'true');
  await importing.getByLabel('Choose a file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Shopping: milk, eggs') });
  await expect(importing.getByRole('alert')).toContainText('not one this app can import');
  await importing.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem')).toHaveCount(ACCOUNTS.length + 1);

  // An encrypted Aegis export, opened again with its own password.
  dialog = await openExport(page);
  await dialog.getByRole('button', { name: /Aegis file, encrypted/ }).click();
  const aegisExport = page.getByRole('dialog', { name: 'Aegis file, encrypted' });
  await aegisExport.getByLabel('Password for the file').fill('aegis password');
  await aegisExport.getByLabel('Repeat the password').fill('aegis password');
  const [aegisDownload] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    aegisExport.getByRole('button', { name: 'Download Aegis file' }).click(),
  ]);
  const aegisText = await savedText(aegisDownload);
  expect(JSON.parse(aegisText).header.slots[0].type).toBe(1);
  await page.getByRole('button', { name: 'Done' }).click();
  importing = await importFile(page, { name: 'aegis-encrypted.json', mimeType: 'application/json', buffer: Buffer.from(aegisText) });
  await importing.getByLabel('Password of the file').fill('aegis password');
  await importing.getByRole('button', { name: 'Open file' }).click();
  await expect(importing.getByRole('heading', { name: `Already in your list, skipped (${ACCOUNTS.length + 1})` })).toBeVisible({ timeout: 30_000 });
});
