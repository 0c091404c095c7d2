/**
 * Google Authenticator transfer codes (issue 6): the QR codes our export
 * shows ("Batch N of M") are scanned by our camera import in a second browser
 * (its fake camera plays a video made from screenshots of the codes, shown one
 * after the other), and codes pasted as links are tracked "1 of 2" until the
 * export is complete, then previewed and imported.
 */
import { chromium, devices } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTotp } from '../../../shared/otp';
import { exportMigrationUris } from '../../../shared/vault/formats/google-migration';
import { test, expect } from '../fixtures';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import { decodePng, fakeCameraArgs, placeOnCanvas, writeY4mSequence } from '../support/add-steps';
import { chromiumPath, QUIET_ARGS } from '../support/chromium';
import { card, openSettings, openWithAccounts, otpAccount, spelled, type SeedAccount } from '../support/vault-steps';

const { defaultBrowserType: _, ...pixel7 } = devices['Pixel 7'];

/** Eleven accounts: two transfer codes (at most 10 accounts each). */
const ACCOUNTS: SeedAccount[] = Array.from({ length: 11 }, (_, i) => ({
  issuer: `Svc${i + 1}`,
  label: `u${i + 1}`,
  secret: `JBSWY3DPEHPK3P${'ABCDEFGHIJK'[i]}${'ABCDEFGHIJK'[10 - i]}`,
}));

let videoDir: string;
test.beforeAll(async () => {
  videoDir = await mkdtemp(join(tmpdir(), 'vault-transfer-'));
});
test.afterAll(async () => {
  await rm(videoDir, { recursive: true, force: true });
});

test.describe.configure({ timeout: 120_000 });

test('the transfer QR codes our export shows are scanned by our camera import in a second browser', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, ACCOUNTS);
  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Back up / Export' }).click();
  await page.getByRole('button', { name: /Google Authenticator QR codes/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Google Authenticator QR codes' });
  await expect(dialog.getByRole('note')).toContainText('The codes carry your secret keys.');
  await dialog.getByRole('button', { name: 'Show QR codes' }).click();

  const codes = page.getByRole('dialog', { name: 'Transfer QR codes' });
  await expect(codes.getByRole('heading', { name: 'Batch 1 of 2' })).toBeVisible();
  await expect(codes.getByRole('button', { name: 'Previous' })).toBeDisabled();
  await expectNoSeriousA11yViolations(page, 'transfer codes');
  const first = await codes.getByRole('img', { name: 'Transfer QR code, batch 1 of 2' }).screenshot({ scale: 'css' });
  await codes.getByRole('button', { name: 'Next' }).click();
  await expect(codes.getByRole('heading', { name: 'Batch 2 of 2' })).toBeVisible();
  await expect(codes.getByRole('button', { name: 'Next' })).toBeDisabled();
  const second = await codes.getByRole('img', { name: 'Transfer QR code, batch 2 of 2' }).screenshot({ scale: 'css' });
  await codes.getByRole('button', { name: 'Done' }).click();

  // The other phone films the screen while it pages through the codes: code 1, then code 2, over and over.
  const scenes = [first, second].map((png) => {
    const picture = decodePng(png);
    expect(picture.width).toBeLessThanOrEqual(640);
    return { picture: placeOnCanvas(picture, 640, 480, (640 - picture.width) >> 1, (480 - picture.height) >> 1), frames: 45 };
  });
  const video = join(videoDir, 'transfer.y4m');
  await writeY4mSequence(video, scenes);

  const other = await chromium.launch({ executablePath: chromiumPath(), args: [...QUIET_ARGS, ...fakeCameraArgs(video)] });
  try {
    const phone = await (await other.newContext({ ...pixel7, hasTouch: true })).newPage();
    await openWithAccounts(phone, pwaUrl, []);
    await phone.getByRole('button', { name: 'Add account' }).click();
    const add = phone.getByRole('dialog', { name: 'Add account' });
    await expect(add.getByRole('tab', { name: 'Scan QR code' })).toHaveAttribute('aria-selected', 'true');

    const preview = add.getByRole('region', { name: 'Google Authenticator export (2 codes)' });
    await expect(preview).toBeVisible({ timeout: 30_000 });
    await expect(preview.getByText('11 accounts will be added.')).toBeVisible();
    await expectNoSeriousA11yViolations(phone, 'transfer preview in the scanner');
    await preview.getByRole('button', { name: 'Import 11 accounts' }).click();
    await expect(add.getByText('Imported 11 accounts from Google Authenticator.')).toBeVisible();
    await add.getByRole('button', { name: 'Done' }).click();

    const now = await phone.evaluate(() => Date.now());
    for (const seed of ACCOUNTS) {
      const account = otpAccount(seed);
      const expected = [now - 1_000, now + 1_000].map((t) => spelled(generateTotp(account, t)));
      await expect(card(phone, `${seed.issuer} (${seed.label})`)).toContainText(new RegExp(expected.join('|')));
    }
  } finally {
    await other.close();
  }
});

test('pasted transfer links are counted "1 of 2" until the export is complete, then previewed and imported', async ({ page, pwaUrl }) => {
  const existing = ACCOUNTS[0]!;
  await openWithAccounts(page, pwaUrl, [existing]);
  const { uris } = exportMigrationUris(ACCOUNTS.map(otpAccount), { batchId: 4242 });
  expect(uris).toHaveLength(2);

  await page.getByRole('button', { name: 'Add account' }).click();
  const add = page.getByRole('dialog', { name: 'Add account' });
  await add.getByRole('tab', { name: 'Paste a link' }).click();
  const field = add.getByLabel('otpauth:// link');
  // The second code first: the order does not matter.
  await field.fill(uris[1]!);
  await add.getByRole('button', { name: 'Add account' }).click();
  await expect(add.getByRole('status')).toContainText('Google Authenticator export: scanned 1 of 2 codes.');
  await expect(add.getByRole('status')).toContainText('Still to read: code 1.');
  // The same code again changes nothing.
  await field.fill(uris[1]!);
  await add.getByRole('button', { name: 'Add account' }).click();
  await expect(add.getByRole('status')).toContainText('scanned 1 of 2 codes');

  await field.fill(uris[0]!);
  await add.getByRole('button', { name: 'Add account' }).click();
  const preview = add.getByRole('region', { name: 'Google Authenticator export (2 codes)' });
  await expect(preview.getByText('10 accounts will be added. 1 already in your list will be skipped.')).toBeVisible();
  await expect(preview.getByRole('heading', { name: 'Already in your list, skipped (1)' })).toBeVisible();
  // Nothing is written before "Import".
  await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem', { includeHidden: true })).toHaveCount(1);
  await preview.getByRole('button', { name: 'Import 10 accounts' }).click();
  await expect(add.getByText('Imported 10 accounts from Google Authenticator.')).toBeVisible();
  await add.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('list', { name: 'Accounts' }).getByRole('listitem')).toHaveCount(11);

  // A damaged transfer code says so.
  await page.getByRole('button', { name: 'Add account' }).click();
  await add.getByRole('tab', { name: 'Paste a link' }).click();
  await field.fill(`${uris[0]!.slice(0, 60)}`);
  await add.getByRole('button', { name: 'Add account' }).click();
  await expect(add.getByRole('alert')).toContainText('Google Authenticator transfer code is damaged or incomplete');
});
