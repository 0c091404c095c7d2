/**
 * The import dialog's "Moving from another app?" guide (issue 13): picking an
 * app shows how to export from it and then the file button; Authy, which
 * cannot export, gets the way around it and no file button; Google
 * Authenticator gets "Scan QR codes". A file is still recognised by content,
 * whatever was picked. From the keyboard, with a screen reader's landmarks,
 * and on a 360 px wide phone.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import { card, openSettings } from '../support/vault-steps';

/** A plain Aegis export of one account, written as Aegis documents its vault (docs/vault.md). */
const AEGIS_FILE = {
  name: 'aegis-export.json',
  mimeType: 'application/json',
  buffer: Buffer.from(
    JSON.stringify({
      version: 1,
      header: { slots: null, params: null },
      db: {
        version: 2,
        entries: [{ type: 'totp', uuid: '1', name: 'alice@example.com', issuer: 'GitHub', icon: null, info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 } }],
      },
    }),
  ),
};

/** Settings → Import; returns the dialog. */
async function openImport(page: Page, pwaUrl: string) {
  await page.goto(pwaUrl);
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import accounts' });
  await expect(dialog.getByRole('heading', { name: 'Moving from another app?' })).toBeVisible();
  return dialog;
}

/** The guide's button for an app. */
const appButton = (dialog: Locator, name: string) =>
  dialog.getByRole('region', { name: 'Moving from another app?' }).getByRole('button', { name, exact: true });

test('the guide lists every app it can read, as buttons', async ({ page, pwaUrl }) => {
  const dialog = await openImport(page, pwaUrl);
  const apps = dialog.getByRole('region', { name: 'Moving from another app?' }).getByRole('listitem').getByRole('button');
  const names = [
    'Aegis',
    '2FAS',
    'Google Authenticator',
    'andOTP',
    'Bitwarden',
    'FreeOTP+',
    'FreeOTP',
    'Proton Authenticator',
    'Ente Auth',
    'Authenticator Pro (Stratum)',
    'Steam Desktop Authenticator',
    'Authy',
    'A list of otpauth:// links',
    'A backup from this app',
  ];
  await expect(apps).toHaveCount(names.length);
  for (const [index, name] of names.entries()) await expect(apps.nth(index)).toHaveAccessibleName(name);
  await expectNoSeriousA11yViolations(page, 'import guide list');
});

test('picking Authy explains how to move its accounts, and offers no file button', async ({ page, pwaUrl }) => {
  const dialog = await openImport(page, pwaUrl);
  await appButton(dialog, 'Authy').click();

  await expect(dialog.getByRole('heading', { name: 'Authy' })).toBeFocused();
  await expect(dialog).toContainText('Authy cannot export your accounts');
  await expect(dialog).toContainText('Authy ended its desktop apps in 2024');
  await expect(dialog.getByRole('heading', { name: 'Move your accounts instead' })).toBeVisible();
  await expect(dialog.getByRole('listitem').filter({ hasText: 'turn two-factor authentication off, then on again' })).toBeVisible();
  await expect(dialog.getByLabel('Choose a file')).toHaveCount(0);
  await expect(dialog.getByText('not one this app can import')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, 'import guide, Authy');

  await dialog.getByRole('button', { name: 'Back' }).click();
  await expect(appButton(dialog, 'Authy')).toBeFocused();
});

test('picking Aegis shows its steps, and its plain export reaches the preview', async ({ page, pwaUrl }) => {
  const dialog = await openImport(page, pwaUrl);
  await appButton(dialog, 'Aegis').click();

  await expect(dialog.getByRole('heading', { name: 'Aegis' })).toBeFocused();
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Settings → Import & Export → Export' })).toBeVisible();
  await expect(dialog).toContainText('Aegis (.JSON) encrypted or plain');
  await expect(dialog).toContainText('Keeps groups, favourites, notes and icons with the accounts.');
  await expectNoSeriousA11yViolations(page, 'import guide, Aegis');

  await dialog.getByLabel('Choose a file').setInputFiles(AEGIS_FILE);
  await expect(dialog.getByText('aegis-export.json, Aegis export.')).toBeVisible();
  await expect(dialog.getByText(/is not from/)).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Import 1 account' }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(card(page, 'GitHub (alice@example.com)')).toBeVisible();
});

test("a file of another app than the one picked is imported anyway, and the preview says whose it is", async ({ page, pwaUrl }) => {
  const dialog = await openImport(page, pwaUrl);
  await appButton(dialog, 'Bitwarden').click();
  await dialog.getByLabel('Choose a file').setInputFiles(AEGIS_FILE);

  await expect(dialog.getByText('aegis-export.json, Aegis export.')).toBeVisible();
  await expect(dialog.getByText('This file is not from Bitwarden. It was recognised as: Aegis export.')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Import 1 account' })).toBeVisible();
});

test('picking Google Authenticator offers Scan QR codes instead of a file', async ({ page, pwaUrl }) => {
  const dialog = await openImport(page, pwaUrl);
  await appButton(dialog, 'Google Authenticator').click();

  await expect(dialog).toContainText('Google Authenticator exports QR codes, not a file.');
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Transfer accounts → Export accounts' })).toBeVisible();
  await expect(dialog.getByLabel('Choose a file')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Scan QR codes' }).click();
  await expect(page.getByRole('dialog', { name: 'Add account' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Import accounts' })).toHaveCount(0);
});

test('picking Steam Desktop Authenticator explains the .maFile and the Steam app that has no export', async ({ page, pwaUrl }) => {
  const dialog = await openImport(page, pwaUrl);
  await appButton(dialog, 'Steam Desktop Authenticator').click();

  await expect(dialog.getByRole('listitem').filter({ hasText: 'Manage Encryption' })).toBeVisible();
  await expect(dialog.getByText('The Steam mobile app has no export.')).toContainText('have your revocation code at hand');
  await expect(dialog.getByLabel('Choose a file')).toBeVisible();
});

test('an unrecognised file is refused with a message that names the apps read and points to the guide', async ({ page, pwaUrl }) => {
  const dialog = await openImport(page, pwaUrl);
  await dialog.getByLabel('Choose a file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Shopping: milk, eggs') });

  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('not one this app can import');
  for (const app of ['Aegis', '2FAS', 'andOTP', 'Bitwarden', 'FreeOTP+', 'Proton Authenticator', 'Ente Auth', 'Authenticator Pro (Stratum)', 'Steam Desktop Authenticator', 'Google Authenticator', 'otpauth://']) {
    await expect(alert).toContainText(app);
  }
  await expect(alert).toContainText('Moving from another app?');
  await expect(dialog.getByLabel('Choose a file')).toHaveAttribute('aria-invalid', 'true');
});

test('the file button accepts any file: no accept list hides .maFile, .csv or extension-less backups', async ({ page, pwaUrl }) => {
  const dialog = await openImport(page, pwaUrl);
  const input = dialog.getByLabel('Choose a file');
  await expect(input).toHaveAttribute('type', 'file');
  expect(await input.evaluate((element) => element.hasAttribute('accept'))).toBe(false);

  await appButton(dialog, 'Steam Desktop Authenticator').click();
  expect(await dialog.getByLabel('Choose a file').evaluate((element) => element.hasAttribute('accept'))).toBe(false);
});

test('from the keyboard: Tab to an app, Enter opens its steps, Back returns to it, Escape closes', async ({ page, pwaUrl }) => {
  const dialog = await openImport(page, pwaUrl);
  const aegis = appButton(dialog, 'Aegis');
  for (let presses = 0; presses < 5 && !(await aegis.evaluate((element) => element === document.activeElement)); presses++) {
    await page.keyboard.press('Tab');
  }
  await expect(aegis).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(appButton(dialog, '2FAS')).toBeFocused();

  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('heading', { name: '2FAS' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Choose a file')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Back' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(appButton(dialog, '2FAS')).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test.describe('in dark mode', () => {
  test.use({ colorScheme: 'dark' });

  test('the list and an app\'s steps have no serious violations', async ({ page, pwaUrl }) => {
    const dialog = await openImport(page, pwaUrl);
    await expectNoSeriousA11yViolations(page, 'import guide list, dark');
    await appButton(dialog, 'Ente Auth').click();
    await expect(dialog.getByRole('heading', { name: 'Ente Auth' })).toBeFocused();
    await expectNoSeriousA11yViolations(page, 'import guide, Ente Auth, dark');
  });
});

test.describe('on a 360 px wide phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('the list and the longest steps fit without sideways scrolling', async ({ page, pwaUrl }) => {
    const dialog = await openImport(page, pwaUrl);
    const fits = () => dialog.evaluate((element) => element.scrollWidth <= element.clientWidth && document.documentElement.scrollWidth <= 360);
    expect(await fits()).toBe(true);
    await page.screenshot({ path: test.info().outputPath('import-guide-list-360.png') });

    await appButton(dialog, 'Steam Desktop Authenticator').click();
    await expect(dialog.getByLabel('Choose a file')).toBeVisible();
    expect(await fits()).toBe(true);
    await page.screenshot({ path: test.info().outputPath('import-guide-steam-360.png'), fullPage: true });

    await dialog.getByRole('button', { name: 'Back' }).click();
    await appButton(dialog, 'Authy').click();
    await expect(dialog.getByRole('heading', { name: 'Authy' })).toBeFocused();
    expect(await fits()).toBe(true);
    await page.screenshot({ path: test.info().outputPath('import-guide-authy-360.png') });
  });
});
