/** A tour of the portal, one screenshot per step of the article. */
import { test, expect } from '../test/e2e/fixtures';
import { DEMO, enterCode, openProfile, pageTime, readSecretKey, signIn, signInToMfaPrompt, signOut, totpFor } from '../test/e2e/support/portal-steps';
import { mfaSwitch, openAdminsTab, openAuditLog, openQrWindow } from '../test/e2e/support/admins-steps';

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
