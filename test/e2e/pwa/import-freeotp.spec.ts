/**
 * Moving in from FreeOTP+ and FreeOTP 2 (issue 13): each file imported
 * through Settings → Import shows its accounts with the right codes at a
 * fixed time, a Steam account's 5 characters included (KeePassXC's published
 * vector: key 63BEDWCQ… shows FR8RV at 1511200518 s).
 */
import type { Page } from '@playwright/test';
import { decodeBase32, generateHotp, generateTotp } from '../../../shared/otp';
import { buildFreeOtpBackup } from '../../fixtures/formats/freeotp/build-backup';
import { STEAM_TEST_SECRET } from '../../fixtures/formats/steam-maf/ma-file';
import { test, expect } from '../fixtures';
import { expectAccountShowsCode } from '../support/add-steps';
import { openSettings } from '../support/vault-steps';

test.describe.configure({ timeout: 120_000 });

const TIME = 1511200518_000;
const STEAM_CODE = 'FR8RV';
const PASSWORD = 'FreeOTP backup 🔑';

const GITHUB = { issuer: 'GitHub', label: 'octocat', secret: 'JBSWY3DPEHPK3PXP' };
const BANK = { issuer: 'Zürich Bank', label: 'konto@example.ch', secret: 'RZWCCG4MFXBM724TOMC4KWW5D6PMJ6QS', counter: 41 };

/** Java's signed bytes of a Base32 secret, as both FreeOTP apps write them. */
const signed = (base32: string) => [...decodeBase32(base32)].map((byte) => (byte > 127 ? byte - 256 : byte));

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(TIME);
});

/** Settings → Import, chooses the file, opens it with `password` if asked; imports `count` accounts. */
async function importFile(page: Page, pwaUrl: string, file: { name: string; buffer: Buffer }, count: number, password?: string) {
  await page.goto(pwaUrl);
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import accounts' });
  await dialog.getByLabel('Choose a file').setInputFiles({ ...file, mimeType: 'application/octet-stream' });
  if (password) {
    await expect(dialog.getByText('The backup password you set in FreeOTP')).toBeVisible();
    await dialog.getByLabel('Password of the file').fill(password);
    await dialog.getByRole('button', { name: 'Open file' }).click();
  }
  await dialog.getByRole('button', { name: `Import ${count} accounts` }).click({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Done' }).click();
}

async function expectCodes(page: Page) {
  await expectAccountShowsCode(page, 'GitHub (octocat)', generateTotp({ ...GITHUB, algorithm: 'SHA1', digits: 6, period: 30 }, TIME));
  await expectAccountShowsCode(page, 'Zürich Bank (konto@example.ch)', generateHotp({ secret: BANK.secret, algorithm: 'SHA256', digits: 8 }, BANK.counter));
  await expectAccountShowsCode(page, 'Steam (gaben)', STEAM_CODE);
}

test('a FreeOTP+ JSON export shows its accounts with their codes, a Steam account included', async ({ page, pwaUrl }) => {
  const file = {
    tokenOrder: ['Steam:gaben', 'GitHub:octocat', 'Zürich Bank:konto@example.ch'],
    tokens: [
      { algo: 'SHA1', counter: 0, digits: 6, issuerExt: 'GitHub', issuerInt: 'GitHub', label: 'octocat', period: 30, secret: signed(GITHUB.secret), type: 'TOTP' },
      { algo: 'SHA256', counter: BANK.counter, digits: 8, issuerExt: BANK.issuer, issuerInt: BANK.issuer, label: BANK.label, period: 30, secret: signed(BANK.secret), type: 'HOTP' },
      // FreeOTP+ marks no Steam type: a time-based token whose issuer is Steam shows Steam Guard codes.
      { algo: 'SHA1', counter: 0, digits: 5, issuerExt: 'Steam', issuerInt: 'Steam', label: 'gaben', period: 30, secret: signed(STEAM_TEST_SECRET), type: 'TOTP' },
    ],
  };
  await importFile(page, pwaUrl, { name: 'freeotp-backup.json', buffer: Buffer.from(JSON.stringify(file)) }, 3);
  await expectCodes(page);
});

test('a FreeOTP 2 backup, opened with its backup password, shows its accounts with their codes', async ({ page, pwaUrl }) => {
  const tokens = [
    { uuid: '0f0e0d0c-0000-4000-8000-000000000001', fields: { algo: 'SHA1', digits: 6, issuerExt: GITHUB.issuer, label: GITHUB.label, period: 30, type: 'TOTP' }, secret: decodeBase32(GITHUB.secret) },
    { uuid: '0f0e0d0c-0000-4000-8000-000000000002', fields: { algo: 'SHA256', counter: BANK.counter, digits: 8, issuerExt: BANK.issuer, label: BANK.label, type: 'HOTP' }, secret: decodeBase32(BANK.secret) },
    { uuid: '0f0e0d0c-0000-4000-8000-000000000003', fields: { algo: 'SHA1', digits: 5, issuerExt: 'Steam', label: 'gaben', period: 30, type: 'TOTP' }, secret: decodeBase32(STEAM_TEST_SECRET) },
  ];
  // FreeOTP's own cost: PBKDF2-HMAC-SHA512, 100,000 rounds.
  const backup = buildFreeOtpBackup(tokens, PASSWORD);
  await importFile(page, pwaUrl, { name: 'externalBackup.xml', buffer: Buffer.from(backup) }, 3, PASSWORD);
  await expectCodes(page);
});
