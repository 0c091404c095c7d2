/**
 * The Link to QR window shows a secret only to the owner and only while the
 * admin's enrollment is pending; otherwise it says why, in the domain's words.
 */
import { test, expect } from '../fixtures';
import { signIn, signOut } from '../support/portal-steps';
import { demoPeople, mfaSwitch, openAdminsTab, openQrWindow, qrLink } from '../support/admins-steps';

test.describe('Link to QR window', () => {
  test('refuses once the admin’s MFA is turned off, hides the code at sign-out, and refuses anyone but the owner', async ({ portal }) => {
    const page = await portal.open();
    const { owner, admins } = await demoPeople(page);
    const bob = admins[1];
    await signIn(page, owner.email, owner.password);
    await openAdminsTab(page);
    await mfaSwitch(page, bob.email).click();
    const windowPath = (await qrLink(page, bob.email).getAttribute('href'))!;
    const qrWindow = await openQrWindow(page, portal.context, bob.email);
    await expect(qrWindow.getByRole('heading', { level: 1 })).toHaveText(bob.email);
    await expect(qrWindow.getByRole('group', { name: 'Secret key' })).toBeVisible();
    await expect(qrWindow.getByRole('button', { name: 'Close window' })).toBeVisible();

    // MFA off: the QR code is no longer shown, and the window says why.
    await mfaSwitch(page, bob.email).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Turn off MFA' }).click();
    await expect(mfaSwitch(page, bob.email)).not.toBeChecked();
    await qrWindow.reload();
    await expect(qrWindow.getByRole('heading', { name: 'The QR code cannot be shown' })).toBeVisible();
    await expect(qrWindow.getByRole('alert')).toContainText('The QR code is shown only while the admin');
    await expect(qrWindow.getByRole('img')).toHaveCount(0);
    await qrWindow.close();

    // Pending again: the window shows the code until the owner signs out, then hides it.
    await mfaSwitch(page, bob.email).click();
    const again = await openQrWindow(page, portal.context, bob.email);
    await expect(again.getByRole('group', { name: 'Secret key' })).toBeVisible();
    await signOut(page, owner.email);
    await expect(again.getByRole('alert')).toContainText('You have been signed out');
    await expect(again.getByRole('group', { name: 'Secret key' })).toHaveCount(0);
    await again.close();

    // An admin opening the window is refused by the domain.
    const alice = admins[0];
    await signIn(page, alice.email, alice.password);
    await expect(page.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
    const sneaky = await portal.context.newPage();
    await sneaky.goto(portal.url(`extension/portal/${windowPath}`));
    await expect(sneaky.getByRole('alert')).toContainText('Only the account owner can do this.');
    await expect(sneaky.getByRole('group', { name: 'Secret key' })).toHaveCount(0);
  });
});
