/**
 * Moving in from andOTP and Bitwarden (issue 13): an encrypted andOTP backup
 * opened with its password, and a Bitwarden CSV export, imported through
 * Settings → Import; the accounts then show the right codes at a fixed time.
 */
import type { Page } from '@playwright/test';
import { generateHotp, generateTotp } from '../../../shared/otp';
import type { OtpAccount } from '../../../shared/otp/types';
import { ANDOTP_ENTRIES, ANDOTP_EXPECTED, encryptAndOtp, plainAndOtp } from '../../fixtures/formats/andotp/samples';
import { BITWARDEN_EXPECTED, bitwardenCsv } from '../../fixtures/formats/bitwarden/samples';
import { test, expect } from '../fixtures';
import { FIXED_TIME } from '../support/add-steps';
import { card, openSettings, spelled } from '../support/vault-steps';

test.describe.configure({ timeout: 120_000 });

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(FIXED_TIME);
});

/** Settings → Import, then chooses the file; returns the dialog. */
async function chooseImportFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import accounts' });
  await dialog.getByLabel('Choose a file').setInputFiles(file);
  return dialog;
}

const nameOf = (account: OtpAccount) => `${account.issuer} (${account.label})`;
const codeOf = (account: OtpAccount) => (account.type === 'hotp' ? generateHotp(account, account.counter) : generateTotp(account, FIXED_TIME.getTime()));

test('an encrypted andOTP backup, opened with its password, shows each account with its code', async ({ page, pwaUrl }) => {
  await page.goto(pwaUrl);
  // The readable entries of the sample (Steam among them; not the broken one), at andOTP's real cost.
  const entries = ANDOTP_ENTRIES.filter((entry) => entry.issuer !== 'Broken');
  const file = encryptAndOtp(plainAndOtp(entries), 'andotp password', 150_000);
  const importing = await chooseImportFile(page, { name: 'otp_accounts_2026-01-01.json.aes', mimeType: 'application/octet-stream', buffer: Buffer.from(file) });

  await expect(importing.getByText('is an encrypted andOTP backup')).toBeVisible();
  await importing.getByLabel('Password of the file').fill('not the password');
  await importing.getByRole('button', { name: 'Open file' }).click();
  await expect(importing.getByRole('alert')).toContainText('The password does not open this andOTP file.');

  await importing.getByLabel('Password of the file').fill('andotp password');
  await importing.getByRole('button', { name: 'Open file' }).click();
  await importing.getByRole('button', { name: `Import ${ANDOTP_EXPECTED.length} accounts` }).click({ timeout: 30_000 });
  await importing.getByRole('button', { name: 'Done' }).click();

  for (const account of ANDOTP_EXPECTED) {
    await expect(card(page, nameOf(account))).toContainText(spelled(codeOf(account)));
  }
});

test('a Bitwarden CSV export brings in the logins that have a TOTP, and says which could not be read', async ({ page, pwaUrl }) => {
  await page.goto(pwaUrl);
  const importing = await chooseImportFile(page, { name: 'bitwarden_export_20260101.csv', mimeType: 'text/csv', buffer: Buffer.from(bitwardenCsv()) });

  await expect(importing.getByText('Bitwarden export')).toBeVisible();
  // The broken login is listed by name, the passwords and notes without TOTP not at all; the Steam login is read.
  await expect(importing.getByText('Broken: bob')).toBeVisible();
  await expect(importing.getByText('Steam: gaben')).toHaveCount(0);
  await expect(importing.getByText('Shop')).toHaveCount(0);
  await importing.getByRole('button', { name: `Import ${BITWARDEN_EXPECTED.length} accounts` }).click();
  await importing.getByRole('button', { name: 'Done' }).click();

  for (const account of BITWARDEN_EXPECTED) {
    await expect(card(page, nameOf(account))).toContainText(spelled(codeOf(account)));
  }
});
