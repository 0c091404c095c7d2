/**
 * Journey 3, "How to Enable MFA for Your Other Admins": the owner toggles MFA
 * on for Alice in the Admins tab and opens Link to QR; Alice's phone scans the
 * QR code in that additional window; Alice signs in with her password and her
 * phone's code; the owner's table then shows Enabled and Reset MFA.
 */
import { test, expect } from './fixtures';
import { DEMO, enterCode, expectSignedInAs, signIn, signOut } from '../support/portal-steps';
import { adminRow, mfaSwitch, openAdminsTab, openQrWindow, qrLink, resetButton } from '../support/admins-steps';

const owner = DEMO.owner;
const alice = DEMO.alice;

test('the owner turns on MFA for Alice, her phone scans Link to QR, and she signs in with its code', async ({ portal, phone }) => {
  const page = await portal.open();

  await test.step('the owner opens the Admins tab and toggles Alice’s MFA from Disabled to Enabled', async () => {
    await signIn(page, owner.email, owner.password);
    await openAdminsTab(page);
    await expect(mfaSwitch(page, alice.email)).toHaveText(/Disabled/);
    await mfaSwitch(page, alice.email).click();
    await expect(mfaSwitch(page, alice.email)).toBeChecked();
    await expect(adminRow(page, alice.email)).toContainText('Waiting for the admin to scan');
  });

  await test.step('Link to QR opens an additional window with Alice’s QR code and email; her phone scans it', async () => {
    const qrWindow = await openQrWindow(page, portal.context, alice.email);
    await expect(qrWindow.getByRole('heading', { level: 1 })).toHaveText(alice.email);
    expect(await phone.scan(qrWindow.getByRole('img', { name: `QR code for ${alice.email}` }))).toBe(`Acme MSP (${alice.email})`);
    await qrWindow.close();
    await signOut(page, owner.email);
  });

  await test.step('Alice signs in with her password and the code her phone shows', async () => {
    await signIn(page, alice.email, alice.password);
    await expect(page.getByRole('heading', { name: 'Set up multi-factor authentication' })).toBeVisible();
    await enterCode(page, await phone.readCode(alice.email));
    await expect(page.getByText(`MFA is now on for ${alice.email}`)).toBeVisible();
    await page.getByRole('button', { name: 'I have saved these codes' }).click();
    await expectSignedInAs(page, alice.email);
    await signOut(page, alice.email);
  });

  await test.step('the owner’s Admins tab now shows Enabled, and Reset MFA instead of the link', async () => {
    await signIn(page, owner.email, owner.password);
    await openAdminsTab(page);
    await expect(mfaSwitch(page, alice.email)).toBeChecked();
    await expect(mfaSwitch(page, alice.email)).toHaveText(/Enabled/);
    await expect(adminRow(page, alice.email)).toContainText('Confirmed by the admin');
    await expect(resetButton(page, alice.email)).toBeVisible();
    await expect(qrLink(page, alice.email)).toHaveCount(0);
  });
});
