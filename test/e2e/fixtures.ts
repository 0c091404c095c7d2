/**
 * Playwright fixtures for testing the portal extension and the authenticator
 * PWA in Debian's Chromium. Import `test` and `expect` from here instead of
 * from '@playwright/test':
 *
 *   import { test, expect } from './fixtures';
 *   test('the portal opens', async ({ portal }) => {
 *     const page = await portal.open();
 *     await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
 *   });
 *
 * - `portal`: a fresh browser profile with the built extension (dist/extension)
 *   loaded; `portal.extensionId`, `portal.url(path)`, `portal.open()`. Its time
 *   zone is the machine's, or the `portalTimezone` option's.
 * - `pwaUrl`: the built PWA (dist/pwa) served on localhost under a sub-path, the
 *   way a user publishes it on any static host.
 */
import { test as base, chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startStaticServer } from '../../scripts/static-server.js';
import { chromiumPath, QUIET_ARGS } from './support/chromium';

/** The built, unpacked extension the tests load. */
export const EXTENSION_DIR = resolve('dist/extension');
/** The built PWA the tests serve. */
export const PWA_DIR = resolve('dist/pwa');

/** A browser profile with the portal extension loaded. */
export interface PortalFixture {
  context: BrowserContext;
  /** The id Chromium gave the unpacked extension. */
  extensionId: string;
  /** `chrome-extension://<id>/<path>` */
  url(path?: string): string;
  /** Opens the portal page in a new tab. */
  open(): Promise<Page>;
}

/**
 * Launches Chromium with the built extension in a throw-away profile.
 * @param options.timezoneId The browser's time zone (an IANA name); the machine's when absent.
 */
export async function launchPortal(
  extraArgs: string[] = [],
  options: { timezoneId?: string } = {},
): Promise<PortalFixture & { close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), 'portal-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    // Playwright adds --disable-extensions itself; naming the extension in
    // --disable-extensions-except is what lets it load anyway.
    args: [...QUIET_ARGS, `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`, ...extraArgs],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const url = (path = 'extension/portal/index.html') => `chrome-extension://${extensionId}/${path}`;
  return {
    context,
    extensionId,
    url,
    async open() {
      const page = await context.newPage();
      await page.goto(url());
      return page;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ portal: PortalFixture; portalTimezone: string | undefined }, { pwaUrl: string }>({
  // `test.use({ portalTimezone: 'America/New_York' })` runs a spec's portal in that time zone.
  portalTimezone: [undefined, { option: true }],
  portal: async ({ portalTimezone }, use) => {
    const portal = await launchPortal([], { timezoneId: portalTimezone });
    await use(portal);
    await portal.close();
  },
  pwaUrl: [
    async ({}, use) => {
      const server = await startStaticServer({ root: PWA_DIR, mount: '/apps/authenticator/' });
      await use(server.url);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // Every page of the PWA tests runs in Debian's Chromium with the quiet flags.
  browser: [
    async ({ playwright }, use) => {
      const browser = await playwright.chromium.launch({ executablePath: chromiumPath(), args: QUIET_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
});

export { expect };
