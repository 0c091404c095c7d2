/**
 * Steam Guard accounts (issue 13): added by typed key with the "Steam Guard"
 * type, from a pasted otpauth://steam/ link, or imported from a Steam Desktop
 * Authenticator .maFile, each showing Steam's 5-character code; and left out,
 * by name, of a Google Authenticator transfer code.
 */
import type { Page } from '@playwright/test';
import { generateTotp } from '../../../shared/otp';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import { test, expect } from '../fixtures';
import { maFile, STEAM_TEST_SECRET } from '../../fixtures/formats/steam-maf/ma-file';
import { accountCard, encodePng, expectAccountShowsCode, makePicture, openAddScreen } from '../support/add-steps';
import { card, openAt, openSettings, openWithAccounts, otpAccount, spelled } from '../support/vault-steps';

/** KeePassXC's published Steam vector (tests/TestTotp.cpp): this key shows FR8RV at 1511200518 s. */
const STEAM_TIME = new Date(1511200518_000);
const STEAM_CODE = 'FR8RV';

/** A stored Steam account with KeePassXC's key. */
const STEAM_SEED = { type: 'steam', issuer: 'Steam', label: 'gaben', secret: STEAM_TEST_SECRET, digits: 5 } as const;

/** Expects the card to show the Steam code as it is, not grouped like digits, and spelt character by character. */
async function expectSteamCode(page: Page, name: string): Promise<void> {
  await expectAccountShowsCode(page, name, STEAM_CODE);
  await expect(accountCard(page, name).getByText(STEAM_CODE, { exact: true })).toBeVisible();
}

test('a typed key with the Steam Guard type adds a Steam account showing its 5-character code', async ({ page, pwaUrl }) => {
  await page.clock.setFixedTime(STEAM_TIME);
  const dialog = await openAddScreen(page, pwaUrl);
  await dialog.getByRole('tab', { name: 'Enter the key' }).click();
  await dialog.getByRole('textbox', { name: 'Service' }).fill('Steam');
  await dialog.getByRole('textbox', { name: 'Account name' }).fill('gaben');
  await dialog.getByRole('textbox', { name: 'Secret key' }).fill(STEAM_TEST_SECRET);
  await dialog.getByText('Advanced').click();
  await dialog.getByRole('radio', { name: 'Steam Guard' }).check();
  // Steam fixes the rest, and the form says so instead of offering it.
  await expect(dialog.getByRole('textbox', { name: 'Digits' })).toBeHidden();
  await expect(dialog.getByRole('combobox', { name: 'Algorithm' })).toBeHidden();
  await expect(dialog.getByRole('textbox', { name: 'Period (seconds)' })).toBeHidden();
  await expect(dialog.getByRole('note')).toContainText('Steam Guard codes are always 5 letters and digits');
  await expectNoSeriousA11yViolations(page, 'the key form with Steam Guard chosen');
  await dialog.getByRole('button', { name: 'Add account' }).click();

  await expect(dialog.getByText('Added Steam (gaben)')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expectSteamCode(page, 'Steam (gaben)');
});

test('a pasted otpauth://steam/ link adds a Steam account showing its code', async ({ page, pwaUrl }) => {
  await page.clock.setFixedTime(STEAM_TIME);
  const dialog = await openAddScreen(page, pwaUrl);
  await dialog.getByRole('tab', { name: 'Paste a link' }).click();
  await dialog.getByRole('textbox', { name: 'otpauth:// link' }).fill(`otpauth://steam/Steam:gaben?secret=${STEAM_TEST_SECRET}&issuer=Steam`);
  await dialog.getByRole('button', { name: 'Add account' }).click();

  await expect(dialog.getByText('Added Steam (gaben)')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expectSteamCode(page, 'Steam (gaben)');
});

test('a picture of a QR code holding Bitwarden\'s steam:// key adds a Steam account', async ({ page, pwaUrl }) => {
  await page.clock.setFixedTime(STEAM_TIME);
  const dialog = await openAddScreen(page, pwaUrl);
  await dialog.getByRole('tab', { name: 'From an image' }).click();
  const png = encodePng(makePicture({ text: `steam://${STEAM_TEST_SECRET}` }));
  await dialog.getByLabel('Choose an image').setInputFiles({ name: 'steam.png', mimeType: 'image/png', buffer: png });

  // steam:// carries no account name: the account is named "Steam".
  await expect(dialog.getByText('Added Steam')).toBeVisible({ timeout: 15_000 });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expectSteamCode(page, 'Steam');
});

test('an imported .maFile shows its Steam code, its revocation code kept in the note', async ({ page, pwaUrl }) => {
  await page.clock.setFixedTime(STEAM_TIME);
  await page.goto(pwaUrl);
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Import' }).click();
  const importing = page.getByRole('dialog', { name: 'Import accounts' });
  await importing.getByLabel('Choose a file').setInputFiles({ name: '76561197960287930.maFile', mimeType: '', buffer: Buffer.from(JSON.stringify(maFile())) });

  await expect(importing.getByRole('region', { name: 'To add (1)' }).getByRole('listitem')).toHaveText('Steam (gaben)');
  await importing.getByRole('button', { name: 'Import 1 account' }).click();
  await importing.getByRole('button', { name: 'Done' }).click();
  await expectSteamCode(page, 'Steam (gaben)');

  await page.getByRole('button', { name: 'Options for Steam (gaben)' }).click();
  await page.getByRole('dialog', { name: 'Steam (gaben)' }).getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit account' });
  await expect(edit.getByRole('textbox', { name: 'Note' })).toHaveValue('Revocation code: R12345');
  await expect(edit.getByRole('radio', { name: 'Steam Guard' })).toBeChecked();
  await expect(edit.getByRole('textbox', { name: 'Digits' })).toBeHidden();
  // Choosing another type offers its settings, starting from the usual 6 digits rather than Steam's 5.
  await edit.getByRole('radio', { name: 'Time-based (TOTP)' }).check();
  await expect(edit.getByRole('textbox', { name: 'Digits' })).toHaveValue('6');
});

test('a Google transfer code names the Steam account it leaves out before the codes are shown', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, [
    { issuer: 'GitHub', label: 'alice' },
    STEAM_SEED,
  ]);
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Back up / Export' }).click();
  const google = page.getByRole('button', { name: /Google Authenticator QR codes/ });
  await expect(google).toContainText('Leaves out 1 account it cannot carry');
  await google.click();

  const dialog = page.getByRole('dialog', { name: 'Google Authenticator QR codes' });
  const leftOut = dialog.getByRole('list', { name: 'Accounts left out' });
  await expect(leftOut.getByRole('listitem')).toHaveCount(1);
  await expect(leftOut.getByRole('listitem')).toContainText('Steam: gaben');
  await expect(leftOut.getByRole('listitem')).toContainText('A Google Authenticator transfer code cannot carry Steam Guard codes.');
  await dialog.getByRole('button', { name: 'Show QR codes' }).click();
  await expect(page.getByRole('dialog', { name: 'Transfer QR codes' }).getByRole('heading', { name: 'Batch 1 of 1' })).toBeVisible();
});

test('a Steam card peeks at the next code, is found by search, copies its code as shown and hides with the others', async ({ page, pwaUrl }) => {
  // 1511200518 s is 18 s into its 30-second step.
  await openAt(page, pwaUrl, [STEAM_SEED, { issuer: 'GitHub', label: 'alice' }], STEAM_TIME.getTime());
  const steam = card(page, 'Steam (gaben)');
  await expect(steam.getByText(spelled(STEAM_CODE), { exact: true })).toBeAttached();
  await expect(steam.getByText('Next')).toBeHidden();

  // 4 s left: the next step's code shows beside it, as for any time-based account.
  await page.clock.runFor(8_000);
  const next = generateTotp(otpAccount(STEAM_SEED), STEAM_TIME.getTime() + 12_000);
  await expect(steam.getByText('Next')).toBeVisible();
  await expect(steam.getByText(`code ${next.split('').join(' ')}`, { exact: true })).toBeAttached();

  const search = page.getByRole('searchbox', { name: 'Search accounts' });
  await search.fill('steam');
  await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Clear search' }).click();

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByRole('button', { name: 'Copy code for Steam (gaben)' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(STEAM_CODE);

  const settings = await openSettings(page);
  await settings.getByRole('checkbox', { name: 'Hide codes' }).check();
  await settings.getByRole('button', { name: 'Close' }).click();
  // Hidden: neither on screen nor for a screen reader.
  await expect(steam).toContainText('••••••');
  await expect(steam).not.toContainText(STEAM_CODE);
  await expect(steam.getByText(spelled(STEAM_CODE), { exact: true })).toHaveCount(0);
});
