/**
 * Installing the app: Chrome finds no installability errors and offers its
 * prompt, which the app shows as "Install app"; the manifest has what a home
 * screen needs; iOS Safari, which has no prompt, gets "Add to Home Screen"
 * steps; and persistent storage is asked for on the first account added, with
 * Settings telling whether it was granted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devices } from '@playwright/test';
import { test, expect } from '../fixtures';
import { launchPhoneProfile } from '../support/launch-steps';

test.describe('in a Chrome profile', () => {
  let profile: string;
  test.beforeEach(async () => {
    profile = await mkdtemp(join(tmpdir(), 'pwa-install-'));
  });
  test.afterEach(async () => {
    await rm(profile, { recursive: true, force: true });
  });

  test('Chrome reports no installability errors, and its install prompt becomes "Install app"', async ({ pwaUrl }) => {
    // Chrome holds its prompt back until a site has been used for a while; this skips that wait.
    const context = await launchPhoneProfile(profile, ['--bypass-app-banner-engagement-checks']);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(pwaUrl);
      await expect(page.getByRole('heading', { name: 'Authenticator' })).toBeVisible();
      const cdp = await context.newCDPSession(page);
      await expect
        .poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, { timeout: 30_000 })
        .toEqual([]);
      const manifest = await cdp.send('Page.getAppManifest');
      expect(manifest.url).toBe(new URL('manifest.webmanifest', pwaUrl).href);
      expect(manifest.errors).toEqual([]);

      // The real beforeinstallprompt event, kept by the app for its own button.
      await expect(page.getByRole('button', { name: 'Install app' })).toBeVisible({ timeout: 30_000 });
      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Install app' })).toBeVisible();
    } finally {
      await context.close();
    }
  });

  test('persistent storage is asked for on the first account added, and Settings shows whether it was granted', async ({ pwaUrl }) => {
    const context = await launchPhoneProfile(profile);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      // Count the app's requests (Chrome answers them silently, by its own heuristics).
      await page.addInitScript(() => {
        const persist = StorageManager.prototype.persist;
        const w = window as unknown as { persistRequests: number };
        w.persistRequests = 0;
        StorageManager.prototype.persist = function (this: StorageManager) {
          w.persistRequests += 1;
          return persist.call(this);
        };
      });
      const persistRequests = () => page.evaluate(() => (window as unknown as { persistRequests: number }).persistRequests);
      await page.goto(pwaUrl);
      await page.getByRole('button', { name: 'Settings' }).click();
      const settings = page.getByRole('dialog', { name: 'Settings' });
      await expect(settings.getByRole('definition')).toHaveText(['Not granted', '0']);
      await settings.getByRole('button', { name: 'Close' }).click();
      expect(await persistRequests()).toBe(0);

      await page.getByRole('button', { name: 'Add account' }).click();
      const add = page.getByRole('dialog', { name: 'Add account' });
      await add.getByRole('tab', { name: 'Paste a link' }).click();
      await add.getByRole('textbox', { name: 'otpauth:// link' }).fill('otpauth://totp/GitHub:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub');
      await add.getByRole('button', { name: 'Add account' }).click();
      await expect.poll(persistRequests).toBe(1);
      await add.getByRole('button', { name: 'Close' }).click();

      // This profile has no engagement yet, so Chrome said no; Settings says so and offers to ask again.
      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(settings.getByRole('definition')).toHaveText(['Not granted', '1']);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Browser.grantPermissions', { origin: new URL(pwaUrl).origin, permissions: ['durableStorage'] });
      await settings.getByRole('button', { name: 'Ask to keep data' }).click();
      await expect(settings.getByRole('definition')).toHaveText(['Granted', '1']);
      await expect(settings).toContainText('The browser will not clear your accounts');
    } finally {
      await context.close();
    }
  });
});

test('the manifest names the app and has 192, 512 and maskable icons, standalone, with a theme colour', async ({ page, pwaUrl }) => {
  const response = await page.request.get(new URL('manifest.webmanifest', pwaUrl).href);
  expect(response.headers()['content-type']).toContain('application/manifest+json');
  const manifest = await response.json();
  expect(manifest).toMatchObject({ name: 'Acme Authenticator', short_name: 'Authenticator', display: 'standalone', theme_color: '#0f62fe' });
  const icons = manifest.icons as Array<{ src: string; sizes: string; purpose?: string }>;
  expect(icons.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
  for (const icon of icons) expect((await page.request.get(new URL(icon.src, pwaUrl).href)).ok()).toBe(true);
});

test.describe('on an iPhone', () => {
  const { defaultBrowserType: _, ...iPhone } = devices['iPhone 13'];
  test.use(iPhone);

  test('Safari users get the "Add to Home Screen" steps, which they can put away', async ({ page, pwaUrl }) => {
    await page.goto(pwaUrl);
    const tip = page.getByRole('complementary', { name: 'Install Authenticator' });
    await expect(tip).toContainText('Tap Share in the toolbar.');
    await expect(tip).toContainText('Choose Add to Home Screen.');
    await tip.getByRole('button', { name: 'Not now' }).click();
    await expect(tip).toBeHidden();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
    await expect(tip).toBeHidden();
    // Still in Settings.
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('dialog', { name: 'Settings' })).toContainText('Choose Add to Home Screen.');
  });
});
