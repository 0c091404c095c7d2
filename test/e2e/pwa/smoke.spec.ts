import { test, expect } from '../fixtures';
import { waitUntilControlled } from '../support/service-worker';

// This spec tests the service worker: allow it (the phone project blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

test.describe('the built PWA', () => {
  test('renders from a sub-path of the host', async ({ page, pwaUrl }) => {
    await page.goto(pwaUrl);
    await expect(page).toHaveTitle('Acme Authenticator');
    await expect(page.getByRole('heading', { name: 'Authenticator' })).toBeVisible();
  });

  test('registers its service worker and opens offline', async ({ page, context, pwaUrl }) => {
    await page.goto(pwaUrl);
    await waitUntilControlled(page);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Authenticator' })).toBeVisible();
    await context.setOffline(false);
  });
});
