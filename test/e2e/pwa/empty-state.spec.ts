/**
 * The empty list's four shortcuts and the add screen's tabs go by the same
 * names (issue 14: the README and the app had drifted apart), and each
 * shortcut opens its own tab.
 */
import { test, expect } from '../fixtures';

for (const way of ['From an image', 'Paste a link', 'Enter the key']) {
  test(`the empty list's "${way}" opens the add screen at the tab of that name`, async ({ page, pwaUrl }) => {
    await page.goto(pwaUrl);
    await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
    await page.getByRole('button', { name: new RegExp(`^${way}`) }).click();
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    await expect(dialog.getByRole('tab', { name: way })).toHaveAttribute('aria-selected', 'true');
  });
}
