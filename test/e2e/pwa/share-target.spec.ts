/**
 * Sharing to the app from another app (issue 14): the manifest's share
 * target is a POST of multipart/form-data, which the service worker answers
 * (pwa/sw/share-target.ts). A screenshot of a QR code lands in the add
 * screen, a backup file in Import; the files are gone from the share cache
 * once taken; a share without a file, or one taken already, says what to do.
 *
 * A phone's share sheet cannot be driven from a test, so the test makes the
 * request the browser makes for it: a form POST navigation to the share
 * target's action, with the files in the field the manifest names.
 */
import type { Page } from '@playwright/test';
import { parseOtpauthUri } from '../../../shared/otp';
import { createVaultAccount } from '../../../shared/vault/account';
import { exportAcmeBackup } from '../../../shared/vault/formats/acme-backup';
import { test, expect } from '../fixtures';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import { encodePng, expectAccountShowsCode, expectedCode, FIXED_TIME, GITHUB_NAME, GITHUB_URI, makePicture } from '../support/add-steps';
import { waitUntilControlled } from '../support/service-worker';

// This spec tests the service worker: allow it (the phone project blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

test.describe.configure({ timeout: 120_000 });

type SharedFile = { name: string; mimeType: string; buffer: Buffer };

/** Opens the app and waits until its service worker controls the page: only then is there a share target. */
async function openControlled(page: Page, pwaUrl: string): Promise<void> {
  await page.goto(pwaUrl);
  await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
  await waitUntilControlled(page);
}

/** Shares `files` to the app: the POST navigation the browser makes for its share sheet. Returns where the service worker sent it. */
async function share(page: Page, pwaUrl: string, files: SharedFile[]): Promise<string> {
  const manifest = await (await page.request.get(new URL('manifest.webmanifest', pwaUrl).href)).json();
  const { action, params } = manifest.share_target as { action: string; params: { files: Array<{ name: string }> } };
  await page.evaluate(
    ({ action, field }) => {
      const form = document.createElement('form');
      form.method = 'post';
      form.enctype = 'multipart/form-data';
      form.action = action;
      const input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.name = field;
      input.setAttribute('aria-label', 'Files to share');
      form.append(input);
      document.body.append(form);
    },
    { action: new URL(action, new URL('manifest.webmanifest', pwaUrl)).href, field: params.files[0]!.name },
  );
  if (files.length > 0) await page.getByLabel('Files to share').setInputFiles(files);
  const [answer] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'),
    page.evaluate(() => document.querySelector<HTMLFormElement>('form[enctype="multipart/form-data"]')!.submit()),
  ]);
  expect(answer.status()).toBe(303);
  await page.waitForURL(`${pwaUrl}**`);
  return answer.headers().location ?? '';
}

/** Whether the share cache still holds anything. */
function shareCacheEntries(page: Page): Promise<number> {
  return page.evaluate(async () => ((await caches.has('shared-files')) ? (await (await caches.open('shared-files')).keys()).length : 0));
}

test.beforeEach(async ({ page }) => {
  await page.clock.setFixedTime(FIXED_TIME);
});

test('a shared screenshot of a QR code lands in the add screen and adds the account', async ({ page, pwaUrl }) => {
  await openControlled(page, pwaUrl);
  await share(page, pwaUrl, [{ name: 'Screenshot_20250314.png', mimeType: 'image/png', buffer: encodePng(makePicture({ text: GITHUB_URI })) }]);

  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await expect(dialog.getByRole('tab', { name: 'From an image' })).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByText(`Added ${GITHUB_NAME}`)).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByRole('img', { name: 'The chosen image, Screenshot_20250314.png' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('');
  expect(await shareCacheEntries(page)).toBe(0);
  await expectNoSeriousA11yViolations(page, 'add screen after a share');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expectAccountShowsCode(page, GITHUB_NAME, expectedCode(GITHUB_URI));
});

test('a shared backup file lands in Import, which asks its password and imports it', async ({ page, pwaUrl }) => {
  const backup = await exportAcmeBackup([createVaultAccount(parseOtpauthUri(GITHUB_URI), FIXED_TIME.getTime())], 'correct horse battery staple', {
    now: FIXED_TIME.getTime(),
  });
  await openControlled(page, pwaUrl);
  // Shared from a file manager, which often knows no type for it.
  await share(page, pwaUrl, [{ name: 'authenticator-backup-2025-03-14.json', mimeType: 'application/octet-stream', buffer: Buffer.from(backup) }]);

  const dialog = page.getByRole('dialog', { name: 'Import accounts' });
  await expect(dialog).toContainText('authenticator-backup-2025-03-14.json is an encrypted backup from this app.', { timeout: 30_000 });
  expect(await shareCacheEntries(page)).toBe(0);
  await dialog.getByLabel('Password of the file').fill('correct horse battery staple');
  await dialog.getByRole('button', { name: 'Open file' }).click();
  await dialog.getByRole('button', { name: 'Import 1 account' }).click({ timeout: 60_000 });
  await expect(dialog.getByRole('status').filter({ hasText: 'Imported 1 account.' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expectAccountShowsCode(page, GITHUB_NAME, expectedCode(GITHUB_URI));
});

test('a share with no file says so; a share taken already says to share again', async ({ page, pwaUrl }) => {
  await openControlled(page, pwaUrl);
  await share(page, pwaUrl, []);
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing arrived with the share: no file came with it.' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('');

  const sentTo = await share(page, pwaUrl, [{ name: 'links.txt', mimeType: 'text/plain', buffer: Buffer.from(`${GITHUB_URI}\n`) }]);
  expect(sentTo).toMatch(new RegExp(`^${pwaUrl}#share=[\\w-]+$`));
  await expect(page.getByRole('dialog', { name: 'Import accounts' })).toContainText('links.txt, list of otpauth:// links.');
  // The same share's address again (the history, a bookmark): the file was kept only until the app took it.
  await page.goto('about:blank');
  await page.goto(sentTo);
  await expect(page.getByRole('alert').filter({ hasText: 'The shared file is no longer here: the app keeps it only until it opens it. Share it again.' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Import accounts' })).toHaveCount(0);
});
