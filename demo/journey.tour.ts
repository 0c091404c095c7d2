/**
 * The journey from the portal's QR code to a phone and back, headless, with a
 * screenshot of every step on both devices: docs/screenshots/journey-NN-*.png
 * (the desktop at 1200x780, the phone at Pixel 7 size, 412x839 CSS pixels).
 * The phone's camera films the desktop's screen, as in the journey tests
 * (test/e2e/journeys/), whose fixtures this uses.
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../test/e2e/journeys/fixtures';
import { DEMO, expectSignedInAs, openProfile, readRecoveryCodes, signIn, signInToMfaPrompt, signOut } from '../test/e2e/support/portal-steps';
import { mfaSwitch, openAdminsTab, openQrWindow, resetButton } from '../test/e2e/support/admins-steps';

let shots = 0;
/** Saves the desktop page as journey-NN-desktop-<name>.png. */
const desktop = (page: Page, name: string) => page.screenshot({ path: `docs/screenshots/journey-${String(++shots).padStart(2, '0')}-desktop-${name}.png` });
/** Saves the phone's screen as journey-NN-phone-<name>.png, in CSS pixels. */
const phoneShot = (page: Page, name: string) =>
  page.screenshot({ path: `docs/screenshots/journey-${String(++shots).padStart(2, '0')}-phone-${name}.png`, scale: 'css' });

/** Types `code` into the "Authentication code" field, takes the screenshot, then presses Verify. */
async function typeCodeAndShow(page: Page, code: string, name: string) {
  await page.getByLabel('Authentication code').fill(code);
  await desktop(page, name);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('button', { name: 'Verifying…' })).toHaveCount(0);
}

test('the journey, step by step, on the desktop and the phone', async ({ portal, phone, newPhone, clock }) => {
  const { owner, alice } = DEMO;
  const page = await portal.open();
  await page.setViewportSize({ width: 1200, height: 780 });

  // The owner turns MFA on for themselves with the phone's camera.
  await signIn(page, owner.email, owner.password);
  await openProfile(page, owner.email);
  const qr = page.getByRole('img', { name: `QR code for ${owner.email}` });
  await qr.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await desktop(page, 'profile-qr-code');
  await phoneShot(await phone.open(), 'no-accounts-yet');
  await phone.scan(qr, { whenAdded: (screen) => phoneShot(screen, 'scanned-the-screen') });
  await phoneShot(await phone.open(), 'shows-the-code');
  await page.getByLabel('MFA Enabled').check();
  await page.getByRole('button', { name: 'Update Profile' }).click();
  await typeCodeAndShow(page, await phone.readCode(owner.email), 'confirm-with-the-phone-code');
  await readRecoveryCodes(page);
  await desktop(page, 'recovery-codes');
  await page.getByRole('button', { name: 'I have saved these codes' }).click();

  // From now on, the phone's code at every sign-in.
  await signOut(page, owner.email);
  await clock.advance(30_000);
  await signInToMfaPrompt(page, owner.email, owner.password);
  await phoneShot(await phone.open(), 'half-a-minute-later');
  await typeCodeAndShow(page, await phone.readCode(owner.email), 'mfa-prompt');
  await expectSignedInAs(page, owner.email);

  // The owner turns MFA on for Alice; Alice's phone scans Link to QR.
  await openAdminsTab(page);
  await mfaSwitch(page, alice.email).click();
  await expect(mfaSwitch(page, alice.email)).toBeChecked();
  await desktop(page, 'admins-mfa-enabled-for-alice');
  const qrWindow = await openQrWindow(page, portal.context, alice.email);
  await qrWindow.setViewportSize({ width: 520, height: 760 });
  await desktop(qrWindow, 'link-to-qr-window');
  const alicePhone = await newPhone();
  await alicePhone.scan(qrWindow.getByRole('img', { name: `QR code for ${alice.email}` }), {
    whenAdded: (screen) => phoneShot(screen, 'alice-scanned-link-to-qr'),
  });
  await qrWindow.close();
  await signOut(page, owner.email);

  // Alice signs in with her password and her phone's code.
  await signIn(page, alice.email, alice.password);
  await typeCodeAndShow(page, await alicePhone.readCode(alice.email), 'alice-sets-up-at-sign-in');
  await page.getByRole('button', { name: 'I have saved these codes' }).click();
  await signOut(page, alice.email);

  // The owner's view: Enabled, and Reset MFA where the link was.
  await signIn(page, owner.email, owner.password);
  await clock.advance(30_000);
  await page.getByLabel('Authentication code').fill(await phone.readCode(owner.email));
  await page.getByRole('button', { name: 'Verify' }).click();
  await openAdminsTab(page);
  await expect(resetButton(page, alice.email)).toBeVisible();
  await desktop(page, 'admins-alice-confirmed');
});
