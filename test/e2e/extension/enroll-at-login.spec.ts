/**
 * An admin whose MFA the owner turned on: at their next sign-in, after the
 * password, they see their QR code and secret key, enter a code to finish,
 * and get their recovery codes once.
 */
import { test, expect } from '../fixtures';
import {
  DEMO,
  T0,
  enterCode,
  expectNoSeriousA11yViolations,
  expectSignedInAs,
  pageTime,
  readRecoveryCodes,
  readSecretKey,
  signIn,
  signInToMfaPrompt,
  signOut,
  totpFor,
  wrongCodeFor,
} from '../support/portal-steps';

test('the admin finishes the enrollment the owner started, at sign-in', async ({ portal }) => {
  await portal.context.clock.install({ time: T0 });
  const page = await portal.open();
  await signIn(page, DEMO.owner.email, DEMO.owner.password);
  await page.getByRole('link', { name: 'Admins' }).click();
  await page.getByRole('switch', { name: `MFA for ${DEMO.bob.email}` }).click();
  await expect(page.getByRole('switch', { name: `MFA for ${DEMO.bob.email}` })).toHaveAttribute('aria-checked', 'true');
  await signOut(page, DEMO.owner.email);

  const { email, password } = DEMO.bob;
  await signIn(page, email, password);
  await expect(page.getByRole('heading', { name: 'Set up multi-factor authentication' })).toBeVisible();
  await expect(page.getByRole('img', { name: `QR code for ${email}` })).toBeVisible();
  const secret = await readSecretKey(page);
  await expectNoSeriousA11yViolations(page);

  // A wrong code is refused and does not finish the enrollment.
  await enterCode(page, wrongCodeFor(secret, await pageTime(page)));
  await expect(page.getByRole('alert')).toContainText('That code was not accepted');
  await expect(page.getByLabel('Authentication code')).toHaveAttribute('aria-invalid', 'true');

  await enterCode(page, totpFor(secret, await pageTime(page)));
  const codes = await readRecoveryCodes(page);
  expect(codes).toHaveLength(10);
  await expect(page.getByText(`MFA is now on for ${email}`)).toBeVisible();
  await page.getByRole('button', { name: 'I have saved these codes' }).click();
  await expectSignedInAs(page, email);

  // From now on Bob gets the MFA prompt.
  await signOut(page, email);
  await signInToMfaPrompt(page, email, password);
  await portal.context.clock.fastForward(30_000);
  await enterCode(page, totpFor(secret, await pageTime(page)));
  await expectSignedInAs(page, email);
});
