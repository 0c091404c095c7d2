/**
 * Journey 1, "How to Enable MFA for Yourself" with a phone's camera: the
 * owner's phone scans the QR code on Profile, its code confirms the
 * enrollment, and from then on its codes sign the owner in, each only once.
 */
import { test, expect } from './fixtures';
import { DEMO, enterCode, expectSignedInAs, openProfile, readRecoveryCodes, signIn, signInToMfaPrompt, signOut } from '../support/portal-steps';

const { email, password } = DEMO.owner;

test('the owner scans the Profile QR code with the phone and signs in with its codes', async ({ portal, phone, clock }) => {
  const page = await portal.open();

  await test.step('the owner signs in and opens Profile from the email in the top-right', async () => {
    await signIn(page, email, password);
    await openProfile(page, email);
  });

  await test.step('the phone scans the QR code on the screen', async () => {
    const name = await phone.scan(page.getByRole('img', { name: `QR code for ${email}` }));
    expect(name).toBe(`Acme MSP (${email})`);
  });

  await test.step('MFA Enabled, Update Profile, and the code the phone shows confirms it', async () => {
    await page.getByLabel('MFA Enabled').check();
    await page.getByRole('button', { name: 'Update Profile' }).click();
    await enterCode(page, await phone.readCode(email));
    expect(await readRecoveryCodes(page)).toHaveLength(10);
    await page.getByRole('button', { name: 'I have saved these codes' }).click();
    await expect(page.getByText('Enabled', { exact: true })).toBeVisible();
  });

  let code = '';
  await test.step('half a minute later, signing in asks for a code, and the phone’s current code is accepted', async () => {
    await signOut(page, email);
    await clock.advance(30_000);
    await signInToMfaPrompt(page, email, password);
    code = await phone.readCode(email);
    await enterCode(page, code);
    await expectSignedInAs(page, email);
  });

  await test.step('the same code a second time is refused', async () => {
    await signOut(page, email);
    await signInToMfaPrompt(page, email, password);
    expect(await phone.readCode(email), 'the phone still shows the same code').toBe(code);
    await enterCode(page, code);
    await expect(page.getByRole('alert')).toContainText('That code was not accepted');
    await expect(page.getByLabel('Authentication code')).toHaveAttribute('aria-invalid', 'true');
  });
});
