/**
 * The Admins tab works with 10,000 admins: it shows one page of 50 at a
 * time, pages through them and searches by email. (Its speed is measured by
 * `npm run bench`, not asserted here.)
 */
import { test, expect } from '../fixtures';
import { signIn } from '../support/portal-steps';
import { addBulkAdmins, adminRow, demoPeople, openAdminsTab } from '../support/admins-steps';

/** How many admins the test adds to the demo account's five people. */
const EXTRA_ADMINS = 10_000;

test('the Admins tab pages and searches 10,000 admins', async ({ portal }) => {
  const page = await portal.open();
  const { owner } = await demoPeople(page);
  await signIn(page, owner.email, owner.password);

  await addBulkAdmins(page, EXTRA_ADMINS);

  // Start from the Audit log, so opening the Admins tab lists the admins afresh.
  await page.goto(portal.url('extension/portal/index.html#/audit'));
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  await openAdminsTab(page);
  await expect(page.getByText('Showing 1–50 of 10,005 admins')).toBeVisible();
  await expect(page.getByRole('switch')).toHaveCount(50);
  await expect(adminRow(page, 'admin-00001@bulk.example')).toBeVisible();

  const pages = page.getByRole('navigation', { name: 'Admins pages' });
  await expect(pages).toContainText('Page 1 of 201');
  await pages.getByRole('button', { name: 'Next page' }).click();
  await expect(page.getByText('Showing 51–100 of 10,005 admins')).toBeVisible();
  // Screen readers are told too, in words of their own.
  const spoken = page.locator('.sr-only[aria-live="polite"]');
  await expect(spoken).toHaveText('Admins 51 to 100 of 10,005.');
  await expect(adminRow(page, 'admin-00051@bulk.example')).toBeVisible();
  await pages.getByRole('button', { name: 'Last page' }).click();
  await expect(page.getByText('Showing 10,001–10,005 of 10,005 admins')).toBeVisible();
  await expect(adminRow(page, 'sam.sso@acme-msp.example')).toBeVisible();

  const search = page.getByRole('searchbox', { name: 'Search admins by email' });
  await search.fill('admin-07777');
  await expect(page.getByText('Showing 1–1 of 1 admins')).toBeVisible();
  await expect(adminRow(page, 'admin-07777@bulk.example')).toBeVisible();
  await expect(pages).toHaveCount(0);

  // Typed key by key, each key a new search: the table ends on the last text's matches, whatever answers came late.
  await search.fill('');
  await expect(page.getByText('Showing 1–50 of 10,005 admins')).toBeVisible();
  await search.pressSequentially('admin-0777');
  await expect(page.getByText('Showing 1–10 of 10 admins')).toBeVisible();
  await expect(adminRow(page, 'admin-07770@bulk.example')).toBeVisible();
  await expect(adminRow(page, 'admin-07779@bulk.example')).toBeVisible();
  // Spoken once the typing has stopped, not at every key.
  await expect(spoken).toHaveText('10 admins match “admin-0777”.');
  for (let n = 0; n < 3; n++) await search.press('Backspace');
  // "admin-0" is in every bulk email but admin-10000's.
  await expect(page.getByText('Showing 1–50 of 9,999 admins')).toBeVisible();
  await expect(adminRow(page, 'admin-00001@bulk.example')).toBeVisible();
  await expect(spoken).toHaveText('9,999 admins match “admin-0”.');
});
