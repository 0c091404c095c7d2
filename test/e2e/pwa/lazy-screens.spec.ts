/**
 * Screens the first code does not need are fetched when first opened
 * (pwa/app/components/lazy.tsx; offline.spec.ts opens them offline). When
 * that fetch fails, the person is told what to do, the codes stay, and
 * Reload brings the screen back.
 */
import { test, expect } from '../fixtures';
import { card, openWithAccounts, otpAccount } from '../support/vault-steps';

// Without the service worker every chunk comes from the network, where the test can refuse it.
test.use({ serviceWorkers: 'block' });

const SETTINGS_CHUNK = /\/assets\/SettingsSheet-[\w-]+\.js$/;

test('a screen that cannot be fetched says so, the codes stay, and Reload brings it back', async ({ page, pwaUrl }) => {
  // Refused from the start: the app also fetches it ahead of time once the codes are up.
  await page.route(SETTINGS_CHUNK, (route) => route.abort('internetdisconnected'));
  await openWithAccounts(page, pwaUrl, [otpAccount({ issuer: 'GitHub', label: 'alice@example.com' })]);

  await page.getByRole('button', { name: 'Settings' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'This screen could not be loaded' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Reload the app to try again');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toHaveCount(0);
  await expect(card(page, 'GitHub (alice@example.com)')).toBeVisible();

  await page.unroute(SETTINGS_CHUNK);
  await Promise.all([page.waitForEvent('load'), alert.getByRole('button', { name: 'Reload' }).click()]);
  await expect(card(page, 'GitHub (alice@example.com)')).toBeVisible();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
});
