/**
 * Moving in from 2FAS and Proton Authenticator (issue 13): an encrypted 2FAS
 * backup of an older schema (2) opened with its password, then a Proton
 * Authenticator export; the accounts show the right codes at a fixed time
 * (a Steam account its Steam Guard code) and sit in the 2FAS groups, and
 * what the Proton file repeats or cannot read is listed, not imported.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { generateTotp } from '../../../shared/otp';
import { TWOFAS_SAMPLE_PASSWORD } from '../../fixtures/formats/2fas/encrypt-like-2fas';
import { test, expect } from '../fixtures';
import { card, cardNames, openAt, openSettings, otpAccount, spelled } from '../support/vault-steps';

const TIME = Date.UTC(2026, 0, 15, 9, 30, 10);
const fixture = (path: string) => readFile(new URL(`../../fixtures/formats/${path}`, import.meta.url));

test.describe.configure({ timeout: 120_000 });

/** Opens Import from Settings and chooses the file. */
async function chooseFile(page: Page, name: string, buffer: Buffer) {
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import accounts' });
  await dialog.getByLabel('Choose a file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
  return dialog;
}

test('an encrypted 2FAS backup of schema 2 and a Proton Authenticator export are imported with their codes and groups', async ({ page, pwaUrl }) => {
  await openAt(page, pwaUrl, [], TIME);

  // 2FAS: the file asks for its password first; a wrong one is refused and the field marked.
  let dialog = await chooseFile(page, 'backup.2fas', await fixture('2fas/schema-2.encrypted.2fas'));
  await expect(dialog.getByText('is an encrypted 2FAS backup')).toBeVisible();
  const password = dialog.getByLabel('Password of the file');
  await password.fill('not the password');
  await dialog.getByRole('button', { name: 'Open file' }).click();
  await expect(dialog.getByRole('alert')).toContainText('The password does not open this 2FAS file');
  await expect(password).toHaveAttribute('aria-invalid', 'true');
  await password.fill(TWOFAS_SAMPLE_PASSWORD);
  await dialog.getByRole('button', { name: 'Open file' }).click();
  await expect(dialog.getByRole('heading', { name: 'To add (3)' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Import 3 accounts' }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();

  // In 2FAS's order, in its groups.
  await expect.poll(() => cardNames(page)).toEqual(['Zürich Bank (konto@example.ch)', 'Deno (Mason)', '東京 (🦊 fox)']);
  await page.getByRole('group', { name: 'Show' }).getByRole('radio', { name: 'Work' }).check();
  await expect.poll(() => cardNames(page)).toEqual(['Deno (Mason)']);
  await page.getByRole('group', { name: 'Show' }).getByRole('radio', { name: 'Privat 🏠' }).check();
  await expect.poll(() => cardNames(page)).toEqual(['Zürich Bank (konto@example.ch)']);
  await page.getByRole('group', { name: 'Show' }).getByRole('radio', { name: 'All' }).check();

  // Proton: three accounts are new (one of them Steam), two repeat 2FAS's keys, and the broken entry cannot be read.
  dialog = await chooseFile(page, 'Proton Authenticator export.json', await fixture('proton/proton-authenticator-export.json'));
  await expect(dialog.getByRole('heading', { name: 'To add (3)' })).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Could not be read (1)' })).toBeVisible();
  await expect(dialog).toContainText('Broken');
  await dialog.getByRole('button', { name: 'Import 3 accounts' }).click();
  await dialog.getByRole('button', { name: 'Done' }).click();

  const expected = [
    { name: 'Zürich Bank (konto@example.ch)', secret: 'RZWCCG4MFXBM724TOMC4KWW5D6PMJ6QS', algorithm: 'SHA256', digits: 8, period: 60 },
    { name: 'Deno (Mason)', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', algorithm: 'SHA1', digits: 6, period: 30 },
    {
      name: '東京 (🦊 fox)',
      secret: 'MVYLRGAKX6EKM4BM7DSGWLDSMXYYG5D6NEA6SIM7WWBW2FF4QA63UAOW4N6DXGSJQYDJOACKXHKQB6RUEUHHFXLC65GKQD4755TPWPY',
      algorithm: 'SHA512',
      digits: 8,
      period: 30,
    },
    { name: 'GitHub (octocat)', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 },
    { name: 'Example (alice@example.com)', secret: 'AEBAGBAFAYDQQCIQ', algorithm: 'SHA1', digits: 6, period: 30 },
    { name: 'Steam (gaben)', type: 'steam', secret: 'ORRB3XDZU4JIO7ZH3CAH4V7LOOD2M5IG', algorithm: 'SHA1', digits: 5, period: 30 },
  ] as const;
  for (const account of expected) {
    const { name, ...fields } = account;
    const code = generateTotp(otpAccount({ issuer: '', label: '', ...fields }), TIME);
    await expect(card(page, account.name)).toContainText(spelled(code));
  }
});
