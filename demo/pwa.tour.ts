/**
 * Phone-size screenshots of the authenticator in light and dark, for the README
 * and for a person to look at. They assert nothing about the look; they fail
 * only if a screen doesn't open. Written to SHOTS_DIR (default
 * docs/screenshots/pwa).
 */
import { resolve } from 'node:path';
import { devices } from '@playwright/test';
import { test, expect } from '../test/e2e/fixtures';
import type { Page } from '@playwright/test';
import { openAt, openSettings, RFC6238_SECRETS, type SeedAccount } from '../test/e2e/support/vault-steps';

/** A screenshot once opening animations (sheets: 220 ms) have finished. */
async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: `${SHOTS_DIR}/${name}.png` });
}

const SHOTS_DIR = resolve(process.env.SHOTS_DIR ?? 'docs/screenshots/pwa');
/** 4 s before a boundary: the cards show their next codes. */
const TIME = Date.UTC(2025, 2, 14, 15, 9, 56);

const ACCOUNTS: SeedAccount[] = [
  { issuer: 'GitHub', label: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' },
  { issuer: 'Google', label: 'alice.smith@gmail.com', secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ' },
  { issuer: 'Amazon Web Services', label: 'root@acme-msp.example', secret: RFC6238_SECRETS.SHA256, algorithm: 'SHA256' },
  { issuer: 'Microsoft', label: 'alice@contoso.com', secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', period: 60 },
  { issuer: 'Acme Portal', label: 'owner@reseller.example', secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', digits: 8 },
  { issuer: 'Bank', label: 'alice', secret: RFC6238_SECRETS.SHA1, type: 'hotp', counter: 3 },
];

const { defaultBrowserType: _browserType, ...pixel7 } = devices['Pixel 7'];
// One CSS pixel per image pixel keeps the committed screenshots small.
test.use({ ...pixel7, deviceScaleFactor: 1 });

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme}`, () => {
    test.use({ colorScheme, permissions: ['clipboard-read', 'clipboard-write'] });

    test(`screenshots (${colorScheme})`, async ({ page, pwaUrl }) => {
      await page.goto(pwaUrl);
      await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
      await shot(page, `empty-${colorScheme}`);

      await openAt(page, pwaUrl, ACCOUNTS, TIME - 14_000);
      await shot(page, `codes-${colorScheme}`);
      await page.clock.runFor(14_000);
      await shot(page, `next-codes-${colorScheme}`);

      await page.getByRole('button', { name: 'Options for GitHub (alice@example.com)' }).click();
      await shot(page, `options-${colorScheme}`);
      await page.getByRole('button', { name: 'Edit' }).click();
      await shot(page, `edit-${colorScheme}`);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('button', { name: 'Settings' }).click();
      await shot(page, `settings-${colorScheme}`);
      await page.getByRole('button', { name: 'Close' }).click();

      await page.getByRole('button', { name: 'Options for Google (alice.smith@gmail.com)' }).click();
      await page.getByRole('button', { name: 'Delete' }).click();
      await shot(page, `delete-${colorScheme}`);
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.getByRole('listitem', { name: 'GitHub (alice@example.com)' }).click();
      await shot(page, `copied-undo-${colorScheme}`);
      await page.getByRole('button', { name: 'Undo' }).click();
      await page.getByRole('listitem', { name: 'Bank (alice)' }).scrollIntoViewIfNeeded();
      await shot(page, `hotp-${colorScheme}`);
    });

    test(`organising screens (${colorScheme})`, async ({ page, pwaUrl }) => {
      await openAt(page, pwaUrl, ACCOUNTS, TIME);
      // Idle-time work (logos, cards) waits on the page's timers: let them run.
      await page.clock.resume();
      for (const name of ['Work', 'Personal']) {
        await page.getByRole('button', { name: 'Manage groups' }).click();
        const manage = page.getByRole('dialog', { name: 'Manage groups' });
        await manage.getByLabel('New group').fill(name);
        await manage.getByRole('button', { name: 'Add group' }).click();
        await expect(manage.getByRole('list', { name: 'Groups' })).toContainText(name);
        if (name === 'Personal') await shot(page, `groups-${colorScheme}`);
        await manage.getByRole('button', { name: 'Close' }).click();
      }
      for (const [name, group] of [
        ['Amazon Web Services (root@acme-msp.example)', 'Work'],
        ['Acme Portal (owner@reseller.example)', 'Work'],
        ['Microsoft (alice@contoso.com)', 'Work'],
        ['Google (alice.smith@gmail.com)', 'Personal'],
      ]) {
        await page.getByRole('button', { name: `Options for ${name}` }).click();
        await page.getByRole('dialog', { name }).getByRole('button', { name: 'Edit' }).click();
        const edit = page.getByRole('dialog', { name: 'Edit account' });
        await edit.getByRole('checkbox', { name: group }).check();
        if (name.startsWith('Acme')) {
          await edit.getByLabel('Note').fill('Owner account of the reseller portal. Recovery codes in the safe.');
          await shot(page, `edit-organise-${colorScheme}`);
        }
        await edit.getByRole('button', { name: 'Save' }).click();
        await expect(edit).toBeHidden();
      }
      await page.getByRole('button', { name: 'Options for Acme Portal (owner@reseller.example)' }).click();
      await page.getByRole('dialog', { name: 'Acme Portal (owner@reseller.example)' }).getByRole('button', { name: 'Favourite' }).click();
      await page.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('group', { name: 'Show' }).getByRole('radio', { name: 'Work' }).check();
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, `group-work-${colorScheme}`);

      await page.getByRole('group', { name: 'Show' }).getByRole('radio', { name: 'All' }).check();
      await page.getByRole('button', { name: 'Options for GitHub (alice@example.com)' }).click();
      await page.getByRole('dialog', { name: 'GitHub (alice@example.com)' }).getByRole('button', { name: 'Change icon' }).click();
      const picker = page.getByRole('dialog', { name: 'Icon for GitHub (alice@example.com)' });
      await picker.getByRole('searchbox', { name: 'Search icons' }).fill('git');
      // The logos come in shards: wait for the first row's to be drawn.
      await expect(picker.getByRole('list', { name: 'Icons' }).locator('svg').nth(3)).toBeVisible();
      await shot(page, `icon-picker-${colorScheme}`);
      await picker.getByRole('button', { name: 'Close' }).click();

      const settings = await openSettings(page);
      await settings.getByRole('checkbox', { name: 'Hide codes' }).check();
      await settings.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('listitem', { name: 'GitHub (alice@example.com)' }).click();
      await shot(page, `hidden-codes-${colorScheme}`);
    });
  });
}
