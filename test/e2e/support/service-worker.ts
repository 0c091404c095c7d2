import { expect, type Page } from '@playwright/test';

/**
 * Waits until the PWA's service worker has activated: installing precaches
 * every file of the build (several MB), which takes seconds on a busy
 * two-core machine, hence the long wait.
 */
export async function waitUntilActivated(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state), { timeout: 30_000 })
    .toBe('activated');
}

/** Waits until the service worker has activated, then reloads so it controls the page. */
export async function waitUntilControlled(page: Page): Promise<void> {
  await waitUntilActivated(page);
  await page.reload();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}
