/**
 * The login page in the built extension: the demo credentials, email and
 * password, the MFA prompt, SSO through the demo identity provider, and
 * "Reset demo data".
 */
import { test, expect } from '../fixtures';
import {
  DEMO,
  T0,
  enableMfaForYourself,
  enterCode,
  expectNoSeriousA11yViolations,
  expectSignedInAs,
  openProfile,
  pageTime,
  signIn,
  signInToMfaPrompt,
  signOut,
  totpFor,
} from '../support/portal-steps';

test.describe('login page', () => {
  test('lists the demo credentials and signs a user without MFA straight in', async ({ portal }) => {
    const page = await portal.open();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    const demo = page.getByRole('table', { name: 'Demo credentials' });
    await expect(demo.getByRole('row', { name: new RegExp(DEMO.owner.email) })).toContainText(DEMO.owner.password);
    await expect(demo.getByRole('row', { name: new RegExp(DEMO.sso.email) })).toContainText('SSO only');

    await page.getByLabel('Email').fill(DEMO.owner.email);
    await page.getByLabel('Password', { exact: true }).fill(DEMO.owner.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The password hash takes a moment: the button says so and cannot be pressed twice.
    await expect(page.getByRole('button', { name: 'Signing in…' })).toBeDisabled();

    await expectSignedInAs(page, DEMO.owner.email);
    await expect(page.getByRole('heading', { name: 'Multi-factor authentication' })).toHaveCount(0);
    // The owner sees the owner's tabs.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Admins' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Audit log' })).toBeVisible();
  });

  test('an admin sees no owner tabs', async ({ portal }) => {
    const page = await portal.open();
    await signIn(page, DEMO.alice.email, DEMO.alice.password);
    await expectSignedInAs(page, DEMO.alice.email);
    await expect(page.getByRole('link', { name: 'Admins' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
  });

  test('"Use" fills in a demo account', async ({ portal }) => {
    const page = await portal.open();
    await page.getByRole('button', { name: `Use ${DEMO.bob.email}` }).click();
    await expect(page.getByLabel('Email')).toHaveValue(DEMO.bob.email);
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue(DEMO.bob.password);
  });

  test('a wrong password is refused, announced, and the field marked invalid', async ({ portal }) => {
    const page = await portal.open();
    await signIn(page, DEMO.alice.email, 'not-her-password');
    await expect(page.getByRole('alert')).toContainText('The email or password is not correct');
    await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  });

  test('an empty form says what is missing', async ({ portal }) => {
    const page = await portal.open();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText('Enter your email address.');
    await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  });

  test('the sign-in is shared with a second tab, and signing out signs both out', async ({ portal }) => {
    const page = await portal.open();
    await signIn(page, DEMO.alice.email, DEMO.alice.password);
    await expectSignedInAs(page, DEMO.alice.email);
    const second = await portal.open();
    await expectSignedInAs(second, DEMO.alice.email);
    await signOut(page, DEMO.alice.email);
    await expect(second.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });

  test('after sign-out, the back button does not return to a signed-in page', async ({ portal }) => {
    const page = await portal.open();
    await signIn(page, DEMO.owner.email, DEMO.owner.password);
    await page.getByRole('link', { name: 'Audit log' }).click();
    await openProfile(page, DEMO.owner.email);
    await signOut(page, DEMO.owner.email);
    await page.goBack();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Profile' })).toHaveCount(0);
  });

  test('a session token the portal no longer accepts returns to the login page', async ({ portal }) => {
    const page = await portal.open();
    await signIn(page, DEMO.alice.email, DEMO.alice.password);
    await expectSignedInAs(page, DEMO.alice.email);
    await page.evaluate(() => localStorage.setItem('portal.session', 'forged-or-expired-token'));
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Sign in again' })).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem('portal.session'))).toBeNull();
  });

  test('keyboard only: tab to the fields, type, press Enter', async ({ portal }) => {
    const page = await portal.open();
    await expect(page.getByLabel('Email')).toBeFocused();
    await page.keyboard.type(DEMO.alice.email);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
    await page.keyboard.type(DEMO.alice.password);
    await page.keyboard.press('Enter');
    await expectSignedInAs(page, DEMO.alice.email);
    // The email menu opens from the keyboard and Profile is reachable with the arrows.
    await page.getByRole('button', { name: DEMO.alice.email, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Profile' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toBeHidden();
    await expect(page.getByRole('button', { name: DEMO.alice.email, exact: true })).toBeFocused();
  });

  test('has no serious accessibility violations', async ({ portal }) => {
    const page = await portal.open();
    await expect(page.getByRole('table', { name: 'Demo credentials' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe('password throttle', () => {
  test('after 5 wrong passwords the right one waits too, and the page says until when', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    const page = await portal.open();
    const password = page.getByLabel('Password', { exact: true });
    for (let i = 0; i < 4; i++) {
      await signIn(page, DEMO.bob.email, `wrong password ${i}`);
      await expect(page.getByRole('alert')).toContainText('The email or password is not correct');
    }
    await signIn(page, DEMO.bob.email, 'wrong password 5');
    await expect(page.getByRole('alert')).toContainText('try again in 5 seconds (too many wrong passwords in a row)');
    await expect(page.getByRole('alert')).toContainText('You can try again at');

    // The right password within the wait is refused without being checked.
    await signIn(page, DEMO.bob.email, DEMO.bob.password);
    await expect(page.getByRole('alert')).toContainText('Too many wrong passwords in a row for this account. Wait');
    await expect(password).toHaveAttribute('aria-invalid', 'true');

    await portal.context.clock.fastForward(5_000);
    await signIn(page, DEMO.bob.email, DEMO.bob.password);
    await expectSignedInAs(page, DEMO.bob.email);
  });

  test('an email with no account is answered the same way', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    const page = await portal.open();
    for (let i = 0; i < 5; i++) await signIn(page, 'nobody@acme-msp.example', `wrong password ${i}`);
    await expect(page.getByRole('alert')).toContainText('try again in 5 seconds (too many wrong passwords in a row)');
    await signIn(page, 'nobody@acme-msp.example', 'another');
    await expect(page.getByRole('alert')).toContainText('Too many wrong passwords in a row for this account. Wait');
  });
});

test.describe('SSO', () => {
  test('signs in through the demo identity provider without a code; Profile says MFA is not applicable', async ({ portal }) => {
    const page = await portal.open();
    await page.getByRole('button', { name: 'Sign in with SSO' }).click();
    // The identity provider's screen says plainly that it is a simulation.
    await expect(page.getByText('Demo identity provider')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Sign in to Acme Identity' })).toBeVisible();
    // ...and that a real deployment would verify the SSO assertion instead of trusting an email.
    const note = page.getByRole('note', { name: 'Simulated identity provider' });
    await expect(note).toBeVisible();
    await expect(note).toContainText('A real deployment would verify a signed SSO assertion');
    await expectNoSeriousA11yViolations(page);
    await page.getByLabel('Email').fill(DEMO.sso.email);
    await page.getByRole('button', { name: 'Continue' }).click();

    await expectSignedInAs(page, DEMO.sso.email);
    await expect(page.getByLabel('Authentication code')).toHaveCount(0);
    await openProfile(page, DEMO.sso.email);
    await expect(page.getByText('MFA is not applicable to your account')).toBeVisible();
    await expect(page.getByText('your SSO application authenticates you')).toBeVisible();
    await expect(page.getByRole('img', { name: /QR code/ })).toHaveCount(0);
    await expect(page.getByLabel('MFA Enabled')).toHaveCount(0);
  });

  test('an SSO user cannot skip SSO through the password form', async ({ portal }) => {
    const page = await portal.open();
    await signIn(page, DEMO.sso.email, 'anything');
    await expect(page.getByRole('alert')).toContainText('The email or password is not correct');
  });

  test('the identity provider refuses an email that is not an SSO user', async ({ portal }) => {
    const page = await portal.open();
    await page.getByRole('button', { name: 'Sign in with SSO' }).click();
    await page.getByLabel('Email').fill(DEMO.alice.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: /Cancel/ }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });
});

test.describe('Reset demo data', () => {
  test('asks for confirmation, then turns everyone’s MFA off again', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    const page = await portal.open();
    await signIn(page, DEMO.alice.email, DEMO.alice.password);
    await enableMfaForYourself(page, DEMO.alice.email);
    await signOut(page, DEMO.alice.email);

    await page.getByRole('button', { name: 'Reset demo data' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset demo data?' });
    await expect(dialog).toBeVisible();
    // Cancel keeps everything.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await signInToMfaPrompt(page, DEMO.alice.email, DEMO.alice.password);
    await page.getByRole('button', { name: 'Back to sign in' }).click();

    await page.getByRole('button', { name: 'Reset demo data' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Reset demo data' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The demo data has been restored' })).toBeVisible({ timeout: 20_000 });
    await signIn(page, DEMO.alice.email, DEMO.alice.password);
    await expectSignedInAs(page, DEMO.alice.email);
  });
});

test.describe('MFA prompt', () => {
  test('has no serious accessibility violations, also with an error shown', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    const page = await portal.open();
    await signIn(page, DEMO.carol.email, DEMO.carol.password);
    const { secret } = await enableMfaForYourself(page, DEMO.carol.email);
    await signOut(page, DEMO.carol.email);
    await signInToMfaPrompt(page, DEMO.carol.email, DEMO.carol.password);
    const field = page.getByLabel('Authentication code');
    await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(field).toHaveAttribute('inputmode', 'numeric');
    await expectNoSeriousA11yViolations(page);
    await enterCode(page, 'abc');
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await portal.context.clock.fastForward(30_000);
    await enterCode(page, totpFor(secret, await pageTime(page)));
    await expectSignedInAs(page, DEMO.carol.email);
  });
});
