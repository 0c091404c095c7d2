/**
 * Journey 5, a lost phone: Bob signs in with a recovery code; the owner resets
 * his MFA; his old phone's codes are refused; a new phone scans the new QR
 * code and its codes work.
 */
import { test, expect } from './fixtures';
import { DEMO, enterCode, enterRecoveryCode, expectSignedInAs, readRecoveryCodes, signIn, signInToMfaPrompt, signOut } from '../support/portal-steps';
import { adminRow, mfaSwitch, openAdminsTab, openQrWindow, qrLink, resetButton } from '../support/admins-steps';

const owner = DEMO.owner;
const bob = DEMO.bob;
const REFUSED = 'That code was not accepted';

test('Bob loses his phone: a recovery code, a reset by the owner, and a new phone', async ({ portal, phone: oldPhone, newPhone, clock }) => {
  const page = await portal.open();
  const replacement = await newPhone();
  let recoveryCodes: string[] = [];

  await test.step('set-up: the owner turns on Bob’s MFA, his phone scans Link to QR, and he confirms it, writing down his recovery codes', async () => {
    await signIn(page, owner.email, owner.password);
    await openAdminsTab(page);
    await mfaSwitch(page, bob.email).click();
    const qrWindow = await openQrWindow(page, portal.context, bob.email);
    await oldPhone.scan(qrWindow.getByRole('img', { name: `QR code for ${bob.email}` }));
    await qrWindow.close();
    await signOut(page, owner.email);
    await signIn(page, bob.email, bob.password);
    await enterCode(page, await oldPhone.readCode(bob.email));
    recoveryCodes = await readRecoveryCodes(page);
    await page.getByRole('button', { name: 'I have saved these codes' }).click();
    await signOut(page, bob.email);
  });

  await test.step('without his phone, Bob signs in with a recovery code', async () => {
    await clock.advance(30_000);
    await signInToMfaPrompt(page, bob.email, bob.password);
    await enterRecoveryCode(page, recoveryCodes[0]);
    await expectSignedInAs(page, bob.email);
    await signOut(page, bob.email);
  });

  await test.step('the owner resets Bob’s MFA: Link to QR is back in his row', async () => {
    await signIn(page, owner.email, owner.password);
    await openAdminsTab(page);
    await resetButton(page, bob.email).click();
    await page.getByRole('dialog', { name: `Reset MFA for ${bob.email}?` }).getByRole('button', { name: 'Reset MFA' }).click();
    await expect(qrLink(page, bob.email)).toBeVisible();
    await expect(adminRow(page, bob.email)).toContainText('Waiting for the admin to scan');
    await signOut(page, owner.email);
  });

  await test.step('the old phone’s code is refused: Bob is asked to set up MFA again', async () => {
    await clock.advance(30_000);
    await signIn(page, bob.email, bob.password);
    await expect(page.getByRole('heading', { name: 'Set up multi-factor authentication' })).toBeVisible();
    await enterCode(page, await oldPhone.readCode(bob.email));
    await expect(page.getByRole('alert')).toContainText(REFUSED);
  });

  await test.step('his new phone scans the new QR code, and its code finishes the set-up', async () => {
    const name = await replacement.scan(page.getByRole('img', { name: `QR code for ${bob.email}` }));
    expect(name).toBe(`Acme MSP (${bob.email})`);
    await enterCode(page, await replacement.readCode(bob.email));
    await page.getByRole('button', { name: 'I have saved these codes' }).click();
    await expectSignedInAs(page, bob.email);
    await signOut(page, bob.email);
  });

  await test.step('at his next sign-in the old phone is still refused, and the new one signs him in', async () => {
    await clock.advance(30_000);
    await signInToMfaPrompt(page, bob.email, bob.password);
    await enterCode(page, await oldPhone.readCode(bob.email));
    await expect(page.getByRole('alert')).toContainText(REFUSED);
    await enterCode(page, await replacement.readCode(bob.email));
    await expectSignedInAs(page, bob.email);
  });
});
