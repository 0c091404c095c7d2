/**
 * Offline and updates: after the first visit the app opens with the network
 * off and shows the right codes; a new deployment is offered as "A new version
 * is available - Reload" rather than swapped in under the user.
 */
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTotp } from '../../../shared/otp';
import { startStaticServer } from '../../../scripts/static-server.js';
import { test, expect, PWA_DIR } from '../fixtures';
import { waitUntilControlled } from '../support/service-worker';
import { card, openWithAccounts, otpAccount, spelled } from '../support/vault-steps';

// This spec tests the service worker: allow it (the phone project blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

test('after the first visit, the app opens and shows codes with the network off', async ({ page, context, pwaUrl }) => {
  const time = Date.UTC(2025, 2, 14, 15, 9, 31);
  await page.clock.setFixedTime(time);
  const github = otpAccount({ issuer: 'GitHub', label: 'alice@example.com' });
  const sha512 = otpAccount({ issuer: 'AWS', label: 'root', secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', algorithm: 'SHA512', digits: 8, period: 60 });
  await openWithAccounts(page, pwaUrl, [github, sha512]);
  await waitUntilControlled(page);

  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Authenticator' })).toBeVisible();
    await expect(card(page, 'GitHub (alice@example.com)').getByText(spelled(generateTotp(github, time)), { exact: true })).toBeAttached();
    await expect(card(page, 'AWS (root)').getByText(spelled(generateTotp(sha512, time)), { exact: true })).toBeAttached();
    // The rest of the shell works offline too, including the screens fetched when first opened.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings).toBeVisible();
    await settings.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Add account' }).click();
    await expect(page.getByRole('dialog', { name: 'Add account' }).getByRole('tab', { name: 'Paste a link' })).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});

test.describe('a new deployment', () => {
  let dir: string;
  let server: { url: string; close(): Promise<void> };

  test.beforeEach(async () => {
    // A copy of the build we can "deploy" a new version into.
    dir = await mkdtemp(join(tmpdir(), 'pwa-deploy-'));
    await cp(PWA_DIR, dir, { recursive: true });
    server = await startStaticServer({ root: dir, mount: '/apps/authenticator/' });
  });

  test.afterEach(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('is offered as "A new version is available", and Reload switches to it', async ({ page }) => {
    await page.goto(server.url);
    await waitUntilControlled(page);
    await expect(page.getByText('A new version is available')).toBeHidden();

    // Deploy: any change to sw.js (its precache list changes with every build) is a new version.
    await appendFile(join(dir, 'sw.js'), '\n// deployed again\n');
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())!.update();
    });

    const banner = page.getByRole('status').filter({ hasText: 'A new version is available' });
    await expect(banner).toBeVisible({ timeout: 30_000 });
    // Nothing was swapped under the user: the old version still controls the page.
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting !== null)).toBe(true);

    await page.evaluate(() => ((window as unknown as { beforeUpdate: boolean }).beforeUpdate = true));
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: 'Reload' }).click()]);
    await expect(page.getByRole('heading', { name: 'Authenticator' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate)).toBeUndefined();
    await expect(page.getByText('A new version is available')).toBeHidden();
    const state = await page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!;
      return { waiting: registration.waiting !== null, active: registration.active?.state, controlled: navigator.serviceWorker.controller !== null };
    });
    expect(state).toEqual({ waiting: false, active: 'activated', controlled: true });
  });
});
