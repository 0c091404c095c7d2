/**
 * The MFA prompt at sign-in, against the real verifier in the built
 * extension: the right code, a wrong code, a replayed code, lockout after 5
 * failures (with the same message as a wrong code) and its end after 15
 * minutes, and recovery codes that each work once.
 */
import type { Page } from '@playwright/test';
import { test, expect, type PortalFixture } from '../fixtures';
import {
  DEMO,
  T0,
  enableMfaForYourself,
  enterCode,
  enterRecoveryCode,
  expectSignedInAs,
  openProfile,
  pageTime,
  signIn,
  signInToMfaPrompt,
  signOut,
  totpFor,
  wrongCodeFor,
} from '../support/portal-steps';

const { email, password } = DEMO.alice;

/** Alice turns MFA on for herself and signs out; the test goes on at the login page. */
async function aliceWithMfa(portal: PortalFixture): Promise<{ page: Page; secret: string; recoveryCodes: string[] }> {
  await portal.context.clock.install({ time: T0 });
  const page = await portal.open();
  await signIn(page, email, password);
  const enrolled = await enableMfaForYourself(page, email);
  await signOut(page, email);
  // Codes of the enrollment's step are spent: start from a later one.
  await portal.context.clock.fastForward(60_000);
  return { page, ...enrolled };
}

/** The message every refused code gets, whatever the reason. */
const REFUSED = 'That code was not accepted';

test.describe('MFA prompt', () => {
  test('a wrong code is refused with an announced error and a hint about the phone clock', async ({ portal }) => {
    const { page, secret } = await aliceWithMfa(portal);
    await signInToMfaPrompt(page, email, password);
    await enterCode(page, wrongCodeFor(secret, await pageTime(page)));
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(REFUSED);
    await expect(alert).toContainText('check that your phone sets its date and time automatically');
    const field = page.getByLabel('Authentication code');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field).toBeFocused();
    await expect(field).toHaveValue('');
    // Typing again clears the error.
    await field.fill('1');
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    // The right code still works.
    await enterCode(page, totpFor(secret, await pageTime(page)));
    await expectSignedInAs(page, email);
  });

  test('a code with spaces is accepted; letters are refused', async ({ portal }) => {
    const { page, secret } = await aliceWithMfa(portal);
    await signInToMfaPrompt(page, email, password);
    await enterCode(page, '12a456');
    await expect(page.getByRole('alert')).toContainText(REFUSED);
    const code = totpFor(secret, await pageTime(page));
    await enterCode(page, `${code.slice(0, 3)} ${code.slice(3)}`);
    await expectSignedInAs(page, email);
  });

  test('a replayed code is refused: the same code works only once', async ({ portal }) => {
    const { page, secret } = await aliceWithMfa(portal);
    await signInToMfaPrompt(page, email, password);
    const code = totpFor(secret, await pageTime(page));
    await enterCode(page, code);
    await expectSignedInAs(page, email);

    await signOut(page, email);
    await signInToMfaPrompt(page, email, password);
    // Still the same 30-second step: the code on the phone has not changed.
    await enterCode(page, code);
    await expect(page.getByRole('alert')).toContainText(REFUSED);

    // The next code is fine.
    await portal.context.clock.fastForward(30_000);
    await enterCode(page, totpFor(secret, await pageTime(page)));
    await expectSignedInAs(page, email);
  });

  test('after 5 failures even the right code is refused, with the same message, for 15 minutes', async ({ portal }) => {
    const { page, secret } = await aliceWithMfa(portal);
    await signInToMfaPrompt(page, email, password);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await enterCode(page, wrongCodeFor(secret, await pageTime(page)));
      await expect(page.getByRole('alert')).toContainText(REFUSED);
    }
    const wrongMessage = await page.getByRole('alert').locator('p').first().innerText();

    // Locked: the right code gets exactly the wrong code's message.
    await enterCode(page, totpFor(secret, await pageTime(page)));
    await expect(page.getByRole('alert').locator('p').first()).toHaveText(wrongMessage);
    await expect(page.getByRole('heading', { name: 'Multi-factor authentication' })).toBeVisible();

    // The lock is stored, not in the page: a reload and a fresh sign-in are still locked.
    await page.reload();
    await signInToMfaPrompt(page, email, password);
    await portal.context.clock.fastForward(30_000);
    await enterCode(page, totpFor(secret, await pageTime(page)));
    await expect(page.getByRole('alert').locator('p').first()).toHaveText(wrongMessage);

    // 15 minutes later the right code works again.
    await portal.context.clock.fastForward('15:00');
    await page.getByRole('button', { name: 'Back to sign in' }).click();
    await signInToMfaPrompt(page, email, password);
    await enterCode(page, totpFor(secret, await pageTime(page)));
    await expectSignedInAs(page, email);
  });

  test('a recovery code signs in once, and the count goes down', async ({ portal }) => {
    const { page, recoveryCodes } = await aliceWithMfa(portal);
    const [first, second] = recoveryCodes as [string, string];
    await signInToMfaPrompt(page, email, password);
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await expect(page.getByLabel('Recovery code')).toBeFocused();
    await enterRecoveryCode(page, first);
    await expectSignedInAs(page, email);
    await openProfile(page, email);
    await expect(page.getByText('9 of 10 recovery codes left')).toBeVisible();

    await signOut(page, email);
    await signInToMfaPrompt(page, email, password);
    await enterRecoveryCode(page, first);
    await expect(page.getByRole('alert')).toContainText(REFUSED);
    await expect(page.getByLabel('Recovery code')).toHaveAttribute('aria-invalid', 'true');
    await enterRecoveryCode(page, second);
    await expectSignedInAs(page, email);
  });

  test('"Use your authenticator app" switches back to the code', async ({ portal }) => {
    const { page, secret } = await aliceWithMfa(portal);
    await signInToMfaPrompt(page, email, password);
    await page.getByRole('button', { name: 'Use a recovery code' }).click();
    await page.getByRole('button', { name: 'Use your authenticator app' }).click();
    await expect(page.getByLabel('Authentication code')).toBeFocused();
    await enterCode(page, totpFor(secret, await pageTime(page)));
    await expectSignedInAs(page, email);
  });
});
