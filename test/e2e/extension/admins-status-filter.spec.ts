/**
 * The Admins tab's MFA status filter, as the owner uses it: counts on each
 * choice and the "no MFA" summary, combined with the search and the pages,
 * kept across a reload; a row toggled under a filter stays in view while the
 * counts follow; and the MFA column stays in view on a phone.
 */
import { test, expect } from '../fixtures';
import { signIn } from '../support/portal-steps';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import { addAdmins, addBulkAdmins, adminRow, demoPeople, mfaSwitch, openAdminsTab, statusChoice } from '../support/admins-steps';
import type { Page } from '@playwright/test';

/** Admins in every state besides the demo's five people (four password users with MFA off, one SSO) and 60 bulk ones (MFA off). */
async function addAdminsInEveryState(page: Page): Promise<void> {
  const inAnHour = Date.now() + 60 * 60 * 1000;
  await addBulkAdmins(page, 60);
  await addAdmins(page, [
    { email: 'erin@acme-msp.example', mfa: { status: 'enabled' } },
    { email: 'frank@acme-msp.example', mfa: { status: 'enabled' } },
    { email: 'gina@acme-msp.example', mfa: { status: 'enabled' }, failedAttempts: 5, lockedUntil: inAnHour },
    { email: 'hank@acme-msp.example', mfa: { status: 'enabled' }, failedAttempts: 100 },
    { email: 'ivy@acme-msp.example', mfa: { status: 'pending', setBy: 'owner', expiresAt: null } },
    { email: 'jay.sso@acme-msp.example', signIn: 'sso' },
  ]);
}

/** Signs the owner in with the admins above added, and opens the Admins tab afresh (its index is read as it opens). */
async function ownerWithEveryState(page: Page, url: (path: string) => string): Promise<void> {
  const { owner } = await demoPeople(page);
  await signIn(page, owner.email, owner.password);
  await addAdminsInEveryState(page);
  await page.goto(url('extension/portal/index.html#/audit'));
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  await openAdminsTab(page);
}

/** The emails in the Admins table, top to bottom. */
async function listedEmails(page: Page): Promise<string[]> {
  const headers = page.getByRole('table', { name: /^Admins of the reseller account/ }).getByRole('rowheader');
  return (await headers.locator('.admin-email').allInnerTexts()).map((text) => text.replace(/\s+/g, ''));
}

const SUMMARY_ALL =
  '65 of 71 admins have no MFA (Disabled, or Enabled but not yet confirmed by the admin). 2 admins sign in with SSO, where MFA does not apply.';

test.describe('Admins tab MFA status filter', () => {
  test('counts each status, sums up who has no MFA, filters with the search and the pages, and keeps it all across a reload', async ({ portal }) => {
    const page = await portal.open();
    await ownerWithEveryState(page, portal.url);

    // Every choice says how many admins it holds; the summary says how many have no MFA.
    await expect(page.getByRole('group', { name: 'Show admins by MFA status' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'All, 71 admins' })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Enabled, 4 admins' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Enabled, not yet confirmed, 1 admin' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Disabled, 64 admins' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Locked, 2 admins' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Not applicable (SSO), 2 admins' })).toBeVisible();
    await expect(page.getByText(SUMMARY_ALL)).toBeVisible();

    // Locked: the two admins the Sign-in lock column shows locked, whatever their MFA.
    await statusChoice(page, 'Locked').check();
    await expect(page.getByText('Showing 1–2 of 2 admins')).toBeVisible();
    expect(await listedEmails(page)).toEqual(['gina@acme-msp.example', 'hank@acme-msp.example']);
    const spoken = page.locator('.sr-only[aria-live="polite"]');
    await expect(spoken).toHaveText('2 admins match MFA status “Locked”.');
    expect(new URL(page.url()).hash).toBe('#/admins?mfa=locked');

    // The keyboard moves between the choices with the arrow keys, as in any radio group.
    await statusChoice(page, 'Locked').focus();
    await page.keyboard.press('ArrowRight');
    await expect(statusChoice(page, 'Not applicable (SSO)')).toBeChecked();
    await expect(statusChoice(page, 'Not applicable (SSO)')).toBeFocused();
    await expect(page.getByText('Showing 1–2 of 2 admins')).toBeVisible();
    expect(await listedEmails(page)).toEqual(['jay.sso@acme-msp.example', 'sam.sso@acme-msp.example']);
    await expect(page.getByRole('switch')).toHaveCount(0);

    // Disabled: 64 admins over two pages.
    await statusChoice(page, 'Disabled').check();
    await expect(page.getByText('Showing 1–50 of 64 admins')).toBeVisible();
    await expect(spoken).toHaveText('64 admins match MFA status “Disabled”.');
    const pages = page.getByRole('navigation', { name: 'Admins pages' });
    await pages.getByRole('button', { name: 'Next page' }).click();
    await expect(page.getByText('Showing 51–64 of 64 admins')).toBeVisible();
    await expect(adminRow(page, 'carol@acme-msp.example')).toBeVisible();
    await expect(adminRow(page, 'erin@acme-msp.example')).toHaveCount(0);

    // A reload shows the same page of the same filter, with its counts.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Admins', level: 1 })).toBeVisible();
    await expect(page.getByText('Showing 51–64 of 64 admins')).toBeVisible();
    await expect(statusChoice(page, 'Disabled')).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Disabled, 64 admins' })).toBeVisible();
    await expect(page.getByText(SUMMARY_ALL)).toBeVisible();
    await expect(pages).toContainText('Page 2 of 2');

    // With a search, the counts and the summary are of the admins it matches; the list starts again at its first page.
    const search = page.getByRole('searchbox', { name: 'Search admins by email' });
    await search.fill('bulk');
    await expect(page.getByText('Showing 1–50 of 60 admins')).toBeVisible();
    await expect(page.getByRole('radio', { name: 'All, 60 admins' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Enabled, 0 admins' })).toBeVisible();
    await expect(page.getByText('60 of 60 admins matching “bulk” have no MFA (Disabled, or Enabled but not yet confirmed by the admin).')).toBeVisible();
    await expect(spoken).toHaveText('60 admins match MFA status “Disabled” and “bulk”.');

    await search.fill('acme');
    await statusChoice(page, 'Enabled').check();
    await expect(page.getByText('Showing 1–4 of 4 admins')).toBeVisible();
    expect(await listedEmails(page)).toEqual(['erin@acme-msp.example', 'frank@acme-msp.example', 'gina@acme-msp.example', 'hank@acme-msp.example']);
    await expect(page).toHaveURL(/#\/admins\?q=acme&mfa=enabled$/);
    await expectNoSeriousA11yViolations(page, 'Admins tab filtered by MFA status');

    await search.fill('zzz');
    await expect(page.getByText('No admin has MFA status “Enabled” and an email containing “zzz”.')).toBeVisible();
    await expect(spoken).toHaveText('No admins match MFA status “Enabled” and “zzz”.');
  });

  test('a row the owner toggles stays in view under its filter while the counts follow, and leaves it when the filter is chosen again', async ({ portal }) => {
    const page = await portal.open();
    await ownerWithEveryState(page, portal.url);
    await page.getByRole('searchbox', { name: 'Search admins by email' }).fill('acme');
    await statusChoice(page, 'Disabled').check();
    await expect(page.getByText('Showing 1–4 of 4 admins')).toBeVisible();
    const summary = (noMfa: number) =>
      `${noMfa} of 11 admins matching “acme” have no MFA (Disabled, or Enabled but not yet confirmed by the admin). 2 admins sign in with SSO, where MFA does not apply.`;
    await expect(page.getByText(summary(5))).toBeVisible();

    const alice = 'alice@acme-msp.example';
    await mfaSwitch(page, alice).click();
    await expect(mfaSwitch(page, alice)).toBeChecked();
    // Still there, so the next click does not land on the admin who slid up into its place.
    await expect(adminRow(page, alice)).toContainText('Waiting for the admin to scan');
    await expect(page.getByRole('radio', { name: 'Disabled, 3 admins' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Enabled, not yet confirmed, 2 admins' })).toBeVisible();
    // Pending is still no MFA: the summary does not change.
    await expect(page.getByText(summary(5))).toBeVisible();

    await statusChoice(page, 'Enabled, not yet confirmed').check();
    await expect(page.getByText('Showing 1–2 of 2 admins')).toBeVisible();
    expect(await listedEmails(page)).toEqual([alice, 'ivy@acme-msp.example']);
    await statusChoice(page, 'Disabled').check();
    await expect(page.getByText('Showing 1–3 of 3 admins')).toBeVisible();
    await expect(adminRow(page, alice)).toHaveCount(0);
  });

  test('on a phone 360 px wide the MFA column and its toggles stay in view', async ({ portal }) => {
    const page = await portal.open();
    const { owner, admins } = await demoPeople(page);
    await page.setViewportSize({ width: 360, height: 800 });
    await signIn(page, owner.email, owner.password);
    await openAdminsTab(page);

    const table = page.getByRole('region', { name: 'Admins table' });
    await table.scrollIntoViewIfNeeded();
    await expect(table.getByRole('columnheader', { name: 'MFA' })).toBeInViewport({ ratio: 1 });
    const switches = page.getByRole('switch');
    await expect(switches).toHaveCount(3);
    for (const toggle of await switches.all()) {
      await toggle.scrollIntoViewIfNeeded();
      // Wholly inside the screen's width, not scrolled out to the right of the table.
      await expect(toggle).toBeInViewport({ ratio: 1 });
      const box = (await toggle.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
    }
    // Role and sign-in method moved under the email, so nothing is lost.
    await expect(adminRow(page, admins[0]!.email).getByRole('rowheader')).toContainText('Admin · Password');
    await expect(page.getByRole('columnheader', { name: 'Role' })).toBeHidden();

    // The toggle works at that width too.
    await mfaSwitch(page, admins[0]!.email).click();
    await expect(mfaSwitch(page, admins[0]!.email)).toBeChecked();
    await expectNoSeriousA11yViolations(page, 'Admins tab at 360 px');
  });
});
