/**
 * Journey 4, an admin who signs in with SSO: their SSO application
 * authenticates them, so the portal never asks for a code, and every place
 * that shows MFA says it is not applicable to them.
 */
import { test, expect } from './fixtures';
import { DEMO, expectSignedInAs, openProfile, signIn, signOut } from '../support/portal-steps';
import { adminRow, mfaSwitch, openAdminsTab, qrLink } from '../support/admins-steps';

const sso = DEMO.sso;

test('an SSO admin is never asked for a code, and MFA shows as not applicable everywhere', async ({ portal }) => {
  const page = await portal.open();

  await test.step('the login page lists the SSO admin as SSO only', async () => {
    await expect(page.getByRole('table', { name: 'Demo credentials' }).getByRole('row', { name: new RegExp(sso.email) })).toContainText('SSO only');
  });

  await test.step('Sign in with SSO: the identity provider signs them in, with no MFA prompt', async () => {
    await page.getByRole('button', { name: 'Sign in with SSO' }).click();
    await page.getByLabel('Email').fill(sso.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectSignedInAs(page, sso.email);
    await expect(page.getByLabel('Authentication code')).toHaveCount(0);
  });

  await test.step('their Profile says MFA is not applicable, with no QR code, key or checkbox', async () => {
    await openProfile(page, sso.email);
    await expect(page.getByText('MFA is not applicable to your account')).toBeVisible();
    await expect(page.getByText('your SSO application authenticates you')).toBeVisible();
    await expect(page.getByRole('img', { name: /QR code/ })).toHaveCount(0);
    await expect(page.getByRole('group', { name: 'Secret key' })).toHaveCount(0);
    await expect(page.getByLabel('MFA Enabled')).toHaveCount(0);
    await signOut(page, sso.email);
  });

  await test.step('the owner’s Admins tab shows Not applicable for them: no switch, no Link to QR', async () => {
    await signIn(page, DEMO.owner.email, DEMO.owner.password);
    await openAdminsTab(page);
    const row = adminRow(page, sso.email);
    await expect(row).toContainText('Not applicable');
    await expect(row).toContainText('their SSO application authenticates');
    await expect(mfaSwitch(page, sso.email)).toHaveCount(0);
    await expect(qrLink(page, sso.email)).toHaveCount(0);
  });

  await test.step('and a password sign-in for them is refused, so there is no way around SSO', async () => {
    await signOut(page, DEMO.owner.email);
    await signIn(page, sso.email, 'anything');
    await expect(page.getByRole('alert')).toContainText('The email or password is not correct');
  });
});
