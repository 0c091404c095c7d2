/**
 * Passkey unlock (issue 6): where WebAuthn has the PRF extension, a passkey
 * added in Settings unlocks the app; the passphrase keeps working. Chromium's
 * virtual authenticator (over CDP) plays the fingerprint reader.
 */
import type { Page } from '@playwright/test';
import { startStaticServer } from '../../../scripts/static-server.js';
import { test, expect, PWA_DIR } from '../fixtures';
import { card, lockScreen, openSettings, openWithAccounts, turnOnLock, unlock } from '../support/vault-steps';

test.describe.configure({ timeout: 120_000 });

/** Gives the page a platform authenticator with user verification and PRF, which says yes at once. */
async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf: true,
      automaticPresenceSimulation: true,
    },
  });
}

test('a passkey added in Settings unlocks the app, and the passphrase still does', async ({ page, pwaUrl }) => {
  await addVirtualAuthenticator(page);
  // WebAuthn needs a domain: the test server is on "localhost", as `npm start`'s is.
  await openWithAccounts(page, pwaUrl, [{ issuer: 'GitHub', label: 'alice@example.com' }]);
  await turnOnLock(page);

  const settings = await openSettings(page);
  await settings.getByRole('button', { name: 'Add a passkey' }).click();
  const dialog = page.getByRole('dialog', { name: 'Unlock with a passkey' });
  await dialog.getByLabel('Passphrase').fill('not it at all');
  await dialog.getByRole('button', { name: 'Add passkey' }).click();
  await expect(dialog.getByRole('alert')).toContainText('passphrase is not correct', { timeout: 30_000 });
  await dialog.getByLabel('Passphrase').fill('correct horse battery staple');
  await dialog.getByRole('button', { name: 'Add passkey' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Remove passkey Authenticator on this device' })).toBeVisible({ timeout: 30_000 });

  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Lock now' }).click();
  await expect(lockScreen(page)).toBeVisible();
  await page.getByRole('button', { name: 'Unlock with a passkey' }).click();
  await expect(card(page, 'GitHub (alice@example.com)')).toBeVisible({ timeout: 30_000 });

  await page.reload();
  await expect(lockScreen(page)).toBeVisible();
  await unlock(page);
  await expect(card(page, 'GitHub (alice@example.com)')).toBeVisible();
});

test('the passkey option is offered at the address `npm start` serves the app on (localhost)', async ({ page }) => {
  // The server as scripts/start.js starts it: its defaults, the app at the root.
  const server = await startStaticServer({ root: PWA_DIR });
  try {
    expect(new URL(server.url).hostname).toBe('localhost');
    await addVirtualAuthenticator(page);
    await openWithAccounts(page, server.url, [{ issuer: 'GitHub', label: 'alice@example.com' }]);
    await turnOnLock(page);
    const settings = await openSettings(page);
    await expect(settings.getByRole('heading', { name: 'Passkeys' })).toBeVisible();
    await expect(settings.getByRole('button', { name: 'Add a passkey' })).toBeVisible();
  } finally {
    await server.close();
  }
});
