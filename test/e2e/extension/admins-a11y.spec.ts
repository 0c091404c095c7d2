/**
 * The owner's pages pass axe with no serious or critical violations: the
 * Admins tab (also with its confirmation open), the Link to QR window and the
 * Audit log. Screenshots are kept with the test's results for a look.
 */
import { test, expect } from '../fixtures';
import { signIn } from '../support/portal-steps';
import { demoPeople, mfaSwitch, openAdminsTab, openAuditLog, openQrWindow } from '../support/admins-steps';
import { expectNoSeriousA11yViolations } from '../support/a11y';

test('the Admins tab, the QR window and the Audit log have no serious accessibility violations', async ({ portal }, testInfo) => {
  const page = await portal.open();
  const { owner, admins } = await demoPeople(page);
  const carol = admins[2];
  await signIn(page, owner.email, owner.password);
  await openAdminsTab(page);
  await mfaSwitch(page, carol.email).click();
  await expect(mfaSwitch(page, carol.email)).toBeChecked();

  await expectNoSeriousA11yViolations(page, 'Admins tab');
  await page.screenshot({ path: testInfo.outputPath('admins.png'), fullPage: true });

  await mfaSwitch(page, carol.email).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'Admins tab with the confirmation open');
  await page.screenshot({ path: testInfo.outputPath('admins-confirm.png') });
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  const qrWindow = await openQrWindow(page, portal.context, carol.email);
  await expect(qrWindow.getByRole('img', { name: `QR code for ${carol.email}` })).toBeVisible();
  await expectNoSeriousA11yViolations(qrWindow, 'Link to QR window');
  await qrWindow.screenshot({ path: testInfo.outputPath('qr-window.png'), fullPage: true });
  await qrWindow.close();

  await openAuditLog(page);
  await expect(page.getByRole('table', { name: 'Audit log, newest first' })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'Audit log');
  await page.screenshot({ path: testInfo.outputPath('audit.png'), fullPage: true });
});
