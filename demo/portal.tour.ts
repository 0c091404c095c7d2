/** A tour of the portal, one screenshot per step of the article. */
import { test, expect } from '../test/e2e/fixtures';
import { DEMO, enterCode, openProfile, pageTime, readSecretKey, signIn, signInToMfaPrompt, signOut, totpFor } from '../test/e2e/support/portal-steps';
import { mfaSwitch, openAdminsTab, openAuditLog, openQrWindow, statusChoice } from '../test/e2e/support/admins-steps';

const shot = (name: string) => ({ path: `docs/screenshots/${name}.png` });

test('the portal, step by step', async ({ portal }) => {
  const page = await portal.open();
  await page.setViewportSize({ width: 1200, height: 780 });
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.screenshot(shot('portal-1-login'));

  await signIn(page, DEMO.owner.email, DEMO.owner.password);
  await openProfile(page, DEMO.owner.email);
  const secret = await readSecretKey(page);
  await page.screenshot({ ...shot('portal-2-profile'), fullPage: true });

  await page.getByLabel('MFA Enabled').check();
  await page.getByRole('button', { name: 'Update Profile' }).click();
  await page.screenshot(shot('portal-3-confirm-code'));
  await enterCode(page, totpFor(secret, await pageTime(page)));
  await expect(page.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
  await page.screenshot({ ...shot('portal-4-recovery-codes'), fullPage: true });
  await page.getByRole('button', { name: 'I have saved these codes' }).click();

  await openAdminsTab(page);
  await mfaSwitch(page, DEMO.alice.email).click();
  await expect(page.getByRole('link', { name: `Link to QR for ${DEMO.alice.email}` })).toBeVisible();
  await page.screenshot(shot('portal-5-admins'));
  const qrWindow = await openQrWindow(page, portal.context, DEMO.alice.email);
  await qrWindow.setViewportSize({ width: 520, height: 760 });
  await qrWindow.screenshot(shot('portal-6-link-to-qr'));
  await qrWindow.close();

  await openAuditLog(page);
  await page.screenshot(shot('portal-7-audit-log'));

  await signOut(page, DEMO.owner.email);
  await signInToMfaPrompt(page, DEMO.owner.email, DEMO.owner.password);
  await page.screenshot(shot('portal-8-mfa-prompt'));
});

test("the owner's day: who has no MFA, the Admins tab on a phone, and the audit log filtered", async ({ portal }) => {
  const page = await portal.open();
  await page.setViewportSize({ width: 1200, height: 780 });
  await signIn(page, DEMO.owner.email, DEMO.owner.password);
  await openAdminsTab(page);
  await mfaSwitch(page, DEMO.alice.email).click();
  await expect(mfaSwitch(page, DEMO.alice.email)).toBeChecked();

  // Who has no MFA: the Disabled choice of the MFA status filter, with its counts and the summary.
  await statusChoice(page, 'Disabled').check();
  await expect(page.getByText(/^Showing 1–\d+ of \d+ admins$/)).toBeVisible();
  await page.screenshot({ ...shot('portal-9-admins-no-mfa'), fullPage: true });

  await statusChoice(page, 'All').check();
  await page.setViewportSize({ width: 360, height: 780 });
  await page.getByRole('region', { name: 'Admins table' }).scrollIntoViewIfNeeded();
  await page.screenshot(shot('portal-10-admins-phone'));
  await page.setViewportSize({ width: 1200, height: 780 });

  await openAuditLog(page);
  await page.getByRole('searchbox', { name: 'Person' }).fill('alice');
  await page.getByRole('combobox', { name: 'Event' }).selectOption({ label: 'Turned MFA on (waiting for the QR code to be scanned)' });
  await expect(page.getByText('Showing 1–1 of 1 events')).toBeVisible();
  await page.screenshot(shot('portal-11-audit-filters'));
});
