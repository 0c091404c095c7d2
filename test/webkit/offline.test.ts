/**
 * Offline in WebKit (issue 14): once the service worker is activated and
 * controls the page, the app opens with its server gone: the shell, the
 * accounts with their codes, and the screens fetched on first use.
 *
 * The app is served by a server of its own here, which the test stops: every
 * connection refused, as on a phone with no network.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startStaticServer } from '../../scripts/static-server.js';
import { addByLink, closeDialog, expectCardShowsCode, GITHUB, GITHUB_NAME, GITHUB_URI, openAddScreen, openSettings } from './support/steps';
import { openApp, SLOW_WAIT_MS, type WebKitApp } from './support/webkit-app';

/** Waits until the service worker is activated, then reloads so that it controls the page. */
async function waitUntilControlled(app: WebKitApp): Promise<void> {
  const deadline = Date.now() + SLOW_WAIT_MS;
  // getRegistration, not `ready`, which never settles if registration failed: the loop's deadline says so instead.
  while ((await app.runAsync<string | null>('return (await navigator.serviceWorker.getRegistration())?.active?.state ?? null')) !== 'activated') {
    if (Date.now() > deadline) throw new Error('The service worker did not activate');
    await new Promise((done) => setTimeout(done, 200));
  }
  await app.reload();
  expect(await app.run('return navigator.serviceWorker.controller !== null')).toBe(true);
}

describe('the app offline in WebKit', () => {
  it('opens with the server gone and shows the accounts with their codes', async () => {
    const server = await startStaticServer({ root: resolve('dist/pwa'), mount: '/apps/authenticator/' });
    let serverUp = true;
    try {
      const app = await openApp(server.url);
      await addByLink(app, GITHUB_URI, GITHUB_NAME);
      // Settings and the add screen are fetched on first use: open them once online, as a person would.
      await closeDialog(app, await openSettings(app), 'Settings');
      await waitUntilControlled(app);

      await server.close();
      serverUp = false;
      await expect(fetch(server.url)).rejects.toThrow();

      await app.reload();
      await app.getByRole('heading', 'Authenticator');
      await expectCardShowsCode(app, GITHUB_NAME, GITHUB);
      await closeDialog(app, await openSettings(app), 'Settings');
      const dialog = await openAddScreen(app);
      await app.getByRole('tab', 'Paste a link', { within: dialog });
    } finally {
      if (serverUp) await server.close();
    }
  });
});
