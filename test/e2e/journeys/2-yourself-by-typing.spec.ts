/**
 * Journey 2, "How to Enable MFA for Yourself" by typing: the secret key shown
 * beneath the QR code is typed into the phone's "Enter the key", as a person
 * reads it off the screen, and the phone's codes then sign in.
 */
import { test, expect } from './fixtures';
import { DEMO, enterCode, expectSignedInAs, openProfile, signIn, signInToMfaPrompt, signOut } from '../support/portal-steps';

const { email, password } = DEMO.alice;

test('Alice types the secret key from Profile into the phone, and its code signs her in', async ({ portal, phone, clock }) => {
  const page = await portal.open();

  await test.step('Alice signs in and opens Profile', async () => {
    await signIn(page, email, password);
    await openProfile(page, email);
  });

  await test.step('she types the secret key shown beneath the barcode into the phone, as shown, in groups', async () => {
    const shown = await page.getByRole('group', { name: 'Secret key' }).locator('code').innerText();
    expect(shown).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const name = await phone.typeKey({ issuer: 'Acme MSP', account: email, secret: shown });
    expect(name).toBe(`Acme MSP (${email})`);
  });

  await test.step('MFA Enabled, Update Profile, and the phone’s code confirms it', async () => {
    await page.getByLabel('MFA Enabled').check();
    await page.getByRole('button', { name: 'Update Profile' }).click();
    await enterCode(page, await phone.readCode(email));
    await page.getByRole('button', { name: 'I have saved these codes' }).click();
    await expect(page.getByText('Enabled', { exact: true })).toBeVisible();
  });

  await test.step('half a minute later she signs in with the code the phone shows', async () => {
    await signOut(page, email);
    await clock.advance(30_000);
    await signInToMfaPrompt(page, email, password);
    await enterCode(page, await phone.readCode(email));
    await expectSignedInAs(page, email);
  });
});
