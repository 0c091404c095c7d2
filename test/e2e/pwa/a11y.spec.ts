/**
 * Accessibility of the codes screens: no serious or critical axe violations on
 * the empty state, the list, the options sheet, the edit and delete dialogs and
 * Settings (light and dark); everything works from the keyboard; text reflows
 * at 200% zoom without sideways scrolling.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import { openWithAccounts, type SeedAccount } from '../support/vault-steps';

const SEEDS: SeedAccount[] = [
  { issuer: 'GitHub', label: 'alice@example.com' },
  { issuer: 'Google', label: 'alice.smith@gmail.com', secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ' },
  { issuer: 'Acme Portal', label: 'owner@reseller.example', secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', digits: 8, period: 60 },
  { issuer: 'Bank', label: 'alice', type: 'hotp', counter: 4 },
];

// 4 s before a boundary, so the cards show their next codes too.
const TIME = Date.UTC(2025, 2, 14, 15, 9, 56);

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`in ${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test('the empty state has no serious violations', async ({ page, pwaUrl }) => {
      await page.goto(pwaUrl);
      await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'empty state');
    });

    test('the list and its sheets and dialogs have no serious violations', async ({ page, pwaUrl }) => {
      await page.clock.setFixedTime(TIME);
      await openWithAccounts(page, pwaUrl, SEEDS);
      await expect(page.getByText('Next').first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'list');

      await page.getByRole('button', { name: 'Options for GitHub (alice@example.com)' }).click();
      await expect(page.getByRole('dialog', { name: 'GitHub (alice@example.com)' })).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'options sheet');

      await page.getByRole('button', { name: 'Edit' }).click();
      const edit = page.getByRole('dialog', { name: 'Edit account' });
      await edit.getByLabel('Issuer').fill('');
      await edit.getByLabel('Account name').fill('');
      await edit.getByRole('button', { name: 'Save' }).click();
      await expect(edit.getByRole('alert')).not.toBeEmpty();
      await expectNoSeriousA11yViolations(page, 'edit dialog with an error');
      await edit.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('button', { name: 'Options for Google (alice.smith@gmail.com)' }).click();
      await page.getByRole('button', { name: 'Delete' }).click();
      await expect(page.getByRole('dialog', { name: 'Delete Google (alice.smith@gmail.com)?' })).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'delete confirmation');
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'list with the undo toast');

      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
      await expectNoSeriousA11yViolations(page, 'settings');
    });
  });
}

test('everything works from the keyboard, and focus comes back where it was', async ({ page, pwaUrl }) => {
  await openWithAccounts(page, pwaUrl, SEEDS);

  // Tab order: Settings, search, the group bar (one stop: its arrow keys move), Manage groups, Add account, Sort by,
  // then each card: copy, reorder handle, read, options.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('searchbox', { name: 'Search accounts' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'All' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Manage groups' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Add account' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('combobox', { name: 'Sort by' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Copy code for GitHub (alice@example.com)' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Reorder GitHub (alice@example.com)' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Read code' }).first()).toBeFocused();
  await expect(page.getByRole('button', { name: 'Read code' }).first()).toBeVisible();
  await page.keyboard.press('Tab');
  const options = page.getByRole('button', { name: 'Options for GitHub (alice@example.com)' });
  await expect(options).toBeFocused();

  // Options sheet: Enter opens it, Escape closes it, focus returns to the button.
  await page.keyboard.press('Enter');
  const sheet = page.getByRole('dialog', { name: 'GitHub (alice@example.com)' });
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(options).toBeFocused();

  // F2 edits the focused card; Escape cancels.
  await page.getByRole('button', { name: 'Copy code for Bank (alice)' }).focus();
  await page.keyboard.press('F2');
  const edit = page.getByRole('dialog', { name: 'Edit account' });
  await expect(edit.getByLabel('Issuer')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Copy code for Bank (alice)' })).toBeFocused();
  // HOTP's "Next code" is a button in the tab order like any other (after the reorder handle and Read code).
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Next code' })).toBeFocused();
});

/** Whether the page scrolls sideways. */
function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

test.describe('at 200% zoom', () => {
  // A 412 px wide phone at 200% zoom lays out like a 206 px wide one.
  test.use({ viewport: { width: 206, height: 457 } });

  test('the list, the empty state and the dialogs reflow without sideways scrolling', async ({ page, pwaUrl }) => {
    await page.goto(pwaUrl);
    await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
    expect(await scrollsSideways(page)).toBe(false);

    await page.clock.setFixedTime(TIME);
    await openWithAccounts(page, pwaUrl, [...SEEDS, { issuer: 'A service with a very long name indeed', label: 'someone.with.a.long.address@example.com', digits: 10 }]);
    expect(await scrollsSideways(page)).toBe(false);
    await page.getByRole('button', { name: 'Options for GitHub (alice@example.com)' }).click();
    await page.getByRole('button', { name: 'Edit' }).click();
    expect(await scrollsSideways(page)).toBe(false);
    await page.screenshot({ path: test.info().outputPath('zoom-edit.png') });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await scrollsSideways(page)).toBe(false);
  });
});
