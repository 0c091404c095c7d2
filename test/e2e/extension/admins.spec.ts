/**
 * The Admins tab, as the article's "How to Enable MFA for Your Other Admins":
 * the owner toggles MFA for an admin, opens Link to QR in an additional window,
 * the admin finishes at sign-in with a code, and the owner can reset it.
 */
import { test, expect } from '../fixtures';
import {
  DEMO,
  T0,
  enableMfaForYourself,
  enterCode,
  expectNoSeriousA11yViolations,
  expectSignedInAs,
  pageTime,
  readSecretKey,
  signIn,
  signInToMfaPrompt,
  signOut,
  totpFor,
  wrongCodeFor,
} from '../support/portal-steps';
import {
  adminRow,
  demoPeople,
  mfaSwitch,
  openAdminsTab,
  openAuditLog,
  openQrWindow,
  qrLink,
  resetButton,
} from '../support/admins-steps';

/**
 * A fixed moment a few minutes ahead, 10 s into a 30-second step, so codes are
 * computed for the step the portal sees. Ahead of the real clock, so sessions
 * made before the clock is fixed are still fresh; fixed only after the QR
 * window was used, because the context's clock may reach a window opened by
 * `windows.create` too late, and a window on another clock than the session's
 * would see the session as expired.
 */
function fixedMomentAhead(): number {
  return Math.floor((Date.now() + 5 * 60_000) / 30_000) * 30_000 + 10_000;
}

test.describe('Admins tab', () => {
  test('the owner turns on MFA for an admin, shows the QR in a new window, and resets it once confirmed', async ({ portal }) => {
    const page = await portal.open();
    const { owner, admins } = await demoPeople(page);
    const alice = admins[0];

    // The owner signs in and opens the Admins tab.
    await signIn(page, owner.email, owner.password);
    await openAdminsTab(page);
    await expect(page.getByText('There is no global MFA switch: MFA is set for each user individually.')).toBeVisible();

    // Step 3: under the MFA column, toggle Disabled.
    const toggle = mfaSwitch(page, alice.email);
    await expect(toggle).not.toBeChecked();
    await expect(toggle).toHaveText(/Disabled/);
    await expect(qrLink(page, alice.email)).toHaveCount(0);
    await toggle.click();
    await expect(toggle).toBeChecked();
    await expect(toggle).toHaveText(/Enabled/);
    await expect(adminRow(page, alice.email)).toContainText('Waiting for the admin to scan');
    await expect(page.getByRole('status').filter({ hasText: `MFA is now enabled for ${alice.email}` })).toBeVisible();

    // Step 4: the link under Link to QR opens the admin's QR code in an additional window.
    const qrWindow = await openQrWindow(page, portal.context, alice.email);
    await expect(qrWindow.getByRole('main')).toContainText(alice.email);
    await expect(qrWindow.getByRole('heading', { level: 1 })).toHaveText(alice.email);
    await expect(qrWindow.getByRole('img', { name: `QR code for ${alice.email}` })).toBeVisible();
    await expect(qrWindow).toHaveTitle(`QR code for ${alice.email} – Acme MSP Portal`);
    // Step 5: the secret key beneath the barcode, to type instead of scanning.
    const secret = await readSecretKey(qrWindow);
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    // Only the admin's id travels in the window's address, never the secret.
    expect(qrWindow.url()).not.toContain(secret);
    expect(new URL(qrWindow.url()).searchParams.get('admin')).toBeTruthy();
    await qrWindow.close();

    // The admin signs in with their password and finishes enrollment with a code.
    const T0 = fixedMomentAhead();
    await portal.context.clock.setFixedTime(T0);
    await signOut(page, owner.email);
    await signIn(page, alice.email, alice.password);
    await expect(page.getByRole('heading', { name: 'Set up multi-factor authentication' })).toBeVisible();
    await enterCode(page, totpFor(secret, T0));
    await expect(page.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible();
    await page.getByRole('button', { name: 'I have saved these codes' }).click();
    await signOut(page, alice.email);

    // The owner's table now shows Enabled, and Reset MFA where the link was.
    await signIn(page, owner.email, owner.password);
    await openAdminsTab(page);
    await expect(mfaSwitch(page, alice.email)).toBeChecked();
    await expect(adminRow(page, alice.email)).toContainText('Confirmed by the admin');
    await expect(qrLink(page, alice.email)).toHaveCount(0);

    // Reset MFA asks first; Cancel changes nothing.
    await resetButton(page, alice.email).click();
    const dialog = page.getByRole('dialog', { name: `Reset MFA for ${alice.email}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(resetButton(page, alice.email)).toBeFocused();

    // Confirmed, the admin is pending again: Link to QR is back, and has the focus.
    await resetButton(page, alice.email).click();
    await dialog.getByRole('button', { name: 'Reset MFA' }).click();
    await expect(dialog).toBeHidden();
    await expect(qrLink(page, alice.email)).toBeFocused();
    await expect(resetButton(page, alice.email)).toHaveCount(0);
    await expect(adminRow(page, alice.email)).toContainText('Waiting for the admin to scan');

    // The audit log records the QR view and the reset.
    await openAuditLog(page);
    const log = page.getByRole('table', { name: 'Audit log, newest first' });
    const rows = log.getByRole('row');
    await expect(rows.nth(1)).toContainText('Reset MFA');
    await expect(rows.nth(1)).toContainText(alice.email);
    await expect(rows.filter({ hasText: 'Viewed the QR code' }).filter({ hasText: alice.email })).toHaveCount(1);
    await expect(log).not.toContainText(secret);
    await signOut(page, owner.email);

    // At the admin's next sign-in the old secret's code is refused; the new one is offered.
    const T1 = T0 + 90_000;
    await portal.context.clock.setFixedTime(T1);
    await signIn(page, alice.email, alice.password);
    await expect(page.getByRole('heading', { name: 'Set up multi-factor authentication' })).toBeVisible();
    const newSecret = await readSecretKey(page);
    expect(newSecret).not.toBe(secret);
    await enterCode(page, totpFor(secret, T1));
    await expect(page.getByRole('alert').filter({ hasText: 'That code was not accepted' })).toBeVisible();
    await enterCode(page, totpFor(newSecret, T1));
    await expect(page.getByRole('heading', { name: 'Save your recovery codes' })).toBeVisible();
  });

  test('toggling MFA off asks for confirmation first', async ({ portal }) => {
    const page = await portal.open();
    const { owner, admins } = await demoPeople(page);
    const bob = admins[1];
    await signIn(page, owner.email, owner.password);
    await openAdminsTab(page);

    // Keyboard: the switch takes the focus and Space flips it.
    const toggle = mfaSwitch(page, bob.email);
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect(toggle).toBeChecked();
    await expect(qrLink(page, bob.email)).toBeVisible();

    // Turning it off asks; Escape keeps MFA on and returns the focus to the switch.
    await page.keyboard.press('Space');
    const dialog = page.getByRole('dialog', { name: `Turn off MFA for ${bob.email}?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('recorded in the audit log');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(toggle).toBeChecked();
    await expect(toggle).toBeFocused();

    // Confirmed, MFA is off and the link is gone.
    await page.keyboard.press('Enter');
    await dialog.getByRole('button', { name: 'Turn off MFA' }).click();
    await expect(dialog).toBeHidden();
    await expect(toggle).not.toBeChecked();
    await expect(toggle).toHaveText(/Disabled/);
    await expect(qrLink(page, bob.email)).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: `MFA is now disabled for ${bob.email}` })).toBeVisible();

    await openAuditLog(page);
    const newest = page.getByRole('table', { name: 'Audit log, newest first' }).getByRole('row').nth(1);
    await expect(newest).toContainText('Turned MFA off');
    await expect(newest).toContainText(bob.email);
  });

  test('SSO admins show Not applicable, the owner’s own row points to Profile, and search filters by email', async ({ portal }) => {
    const page = await portal.open();
    const { owner, admins, sso } = await demoPeople(page);
    await signIn(page, owner.email, owner.password);
    await openAdminsTab(page);

    const ssoRow = adminRow(page, sso.email);
    await expect(ssoRow).toContainText('Not applicable');
    await expect(ssoRow).toContainText('their SSO application authenticates');
    await expect(mfaSwitch(page, sso.email)).toHaveCount(0);
    await expect(qrLink(page, sso.email)).toHaveCount(0);

    const ownRow = adminRow(page, owner.email);
    await expect(mfaSwitch(page, owner.email)).toHaveCount(0);
    await expect(ownRow.getByRole('link', { name: 'Set up your own MFA on your Profile' })).toHaveAttribute('href', '#/profile');

    const search = page.getByRole('searchbox', { name: 'Search admins by email' });
    const carol = admins[2];
    await search.fill(carol.email.split('@')[0]);
    await expect(page.getByText('Showing 1–1 of 1 admins')).toBeVisible();
    await expect(adminRow(page, carol.email)).toBeVisible();
    await expect(adminRow(page, admins[0].email)).toHaveCount(0);

    await search.fill('nobody-has-this-email');
    await expect(page.getByText('No admin’s email contains “nobody-has-this-email”.')).toBeVisible();

    await search.fill('');
    await expect(adminRow(page, admins[0].email)).toBeVisible();
    await expect(adminRow(page, carol.email)).toBeVisible();
  });

  test('an admin sees no Admins tab, and the Admins and Audit pages refuse them', async ({ portal }) => {
    const page = await portal.open();
    const { admins } = await demoPeople(page);
    const alice = admins[0];
    await signIn(page, alice.email, alice.password);
    await expect(page.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Admins' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Audit log' })).toHaveCount(0);

    // The pages keep empty live regions (role="alert") for later messages: look for the one that refuses.
    const refusal = page.getByRole('alert').filter({ hasText: 'Only the account owner can do this.' });
    await page.goto(portal.url('extension/portal/index.html#/admins'));
    await expect(page.getByRole('heading', { name: 'Admins', level: 1 })).toBeVisible();
    await expect(refusal).toBeVisible();
    await expect(page.getByRole('switch')).toHaveCount(0);

    await page.goto(portal.url('extension/portal/index.html#/audit'));
    await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
    await expect(refusal).toBeVisible();
    await expect(page.getByRole('table')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Download CSV' })).toHaveCount(0);
  });
});

test.describe('Sign-in lock', () => {
  test('the Admins tab shows an admin locked after wrong codes, until when, and the owner unlocks them', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    const page = await portal.open();
    const { email, password } = DEMO.alice;
    await signIn(page, email, password);
    const { secret } = await enableMfaForYourself(page, email);
    await signOut(page, email);

    // Five wrong codes in a row lock Alice's codes out for 15 minutes.
    await signInToMfaPrompt(page, email, password);
    for (let i = 0; i < 5; i++) await enterCode(page, wrongCodeFor(secret, await pageTime(page)));
    await page.reload();

    await signIn(page, DEMO.owner.email, DEMO.owner.password);
    await openAdminsTab(page);
    const row = adminRow(page, email);
    await expect(page.getByRole('columnheader', { name: 'Sign-in lock' })).toBeVisible();
    await expect(row).toContainText('Locked until');
    await expect(adminRow(page, DEMO.bob.email)).toContainText('Not locked');
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: `Unlock ${email}` }).click();
    await expect(page.getByRole('status').filter({ hasText: `${email} is unlocked` })).toBeVisible();
    await expect(row).toContainText('Not locked');
    await expect(page.getByRole('button', { name: `Unlock ${email}` })).toHaveCount(0);

    // The unlock is in the audit log, with who did it.
    await openAuditLog(page);
    const unlocked = page.getByRole('row').filter({ hasText: 'Unlocked the account' });
    await expect(unlocked).toContainText(DEMO.owner.email);
    await expect(page.getByRole('row').filter({ hasText: 'Locked out after too many wrong codes' })).toContainText('Locked for 15 minutes');
    await signOut(page, DEMO.owner.email);

    // Alice's valid code works again at once.
    await signInToMfaPrompt(page, email, password);
    await portal.context.clock.fastForward(30_000);
    await enterCode(page, totpFor(secret, await pageTime(page)));
    await expectSignedInAs(page, email);
  });
});
