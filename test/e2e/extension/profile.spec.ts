/**
 * Profile in the built extension, following the article "How to Enable MFA
 * for Yourself" step by step, then turning MFA off, new keys, expiry and
 * recovery codes. Time is fixed with the browser clock; codes are computed
 * here from the key shown on screen.
 */
import jsQR from 'jsqr';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { decodePng } from '../support/add-steps';
import {
  DEMO,
  T0,
  enableMfaForYourself,
  enterCode,
  enterRecoveryCode,
  expectNoSeriousA11yViolations,
  expectSignedInAs,
  openProfile,
  pageTime,
  readRecoveryCodes,
  readSecretKey,
  signIn,
  signInToMfaPrompt,
  signOut,
  totpFor,
} from '../support/portal-steps';

/**
 * Reads the QR code drawn on the page back into text, as a phone's camera would:
 * from a screenshot of it (the portal's policy allows no data: image to redraw it).
 */
async function scanQrCode(page: Page, name: string): Promise<string | null> {
  const picture = decodePng(await page.getByRole('img', { name }).screenshot());
  return jsQR(picture.data, picture.width, picture.height)?.data ?? null;
}

test.describe('How to Enable MFA for Yourself', () => {
  test('each numbered step of the article, then the code at every sign-in', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    const page = await portal.open();
    const { email, password } = DEMO.alice;
    await signIn(page, email, password);

    // 2. "click on your email address in the top-right of the screen, then click on Profile".
    await page.getByRole('button', { name: email, exact: true }).click();
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    await expect(page.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();

    // 3. "you will see a barcode" with the "secret key provided beneath the barcode".
    const qr = page.getByRole('img', { name: `QR code for ${email}` });
    await expect(qr).toBeVisible();
    const box = (await qr.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(240);
    expect(box.height).toBe(box.width);
    const secret = await readSecretKey(page);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await expect(page.getByRole('group', { name: 'Secret key' }).locator('code')).toHaveText(secret.match(/.{4}/g)!.join(' '));
    const keyBox = (await page.getByRole('group', { name: 'Secret key' }).boundingBox())!;
    expect(keyBox.y).toBeGreaterThan(box.y + box.height - 1);

    // 4. "click the MFA Enabled checkbox on the bottom of your Profile page. Then click on the Update Profile button."
    const checkbox = page.getByLabel('MFA Enabled');
    await expect(checkbox).not.toBeChecked();
    const checkboxBox = (await checkbox.boundingBox())!;
    expect(checkboxBox.y).toBeGreaterThan(keyBox.y);
    // The barcode holds the otpauth:// link with the same key, for this email.
    // (Read after the boxes are compared: its screenshot may scroll the page.)
    const scanned = (await scanQrCode(page, `QR code for ${email}`)) ?? '';
    const [base, query] = scanned.split('?');
    expect(base).toMatch(/^otpauth:\/\/totp\//);
    expect(decodeURIComponent(base!.slice('otpauth://totp/'.length))).toBe(`Acme MSP:${email}`);
    const params = new URLSearchParams(query);
    expect(params.get('secret')).toBe(secret);
    expect(params.get('issuer')).toBe('Acme MSP');
    await checkbox.check();
    await page.getByRole('button', { name: 'Update Profile' }).click();
    // ...and the code from the authenticator proves it holds the key.
    await enterCode(page, totpFor(secret, await pageTime(page)));
    const codes = await readRecoveryCodes(page);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    await page.getByRole('button', { name: 'I have saved these codes' }).click();
    await expect(page.getByText('Enabled', { exact: true })).toBeVisible();
    await expect(page.getByText('10 of 10 recovery codes left')).toBeVisible();
    await expect(page.getByLabel('MFA Enabled')).toBeChecked();
    // Once confirmed, the key is not shown again.
    await expect(page.getByRole('img', { name: /QR code/ })).toHaveCount(0);

    // "Now, you'll be prompted to enter an authentication code ... each time you log in."
    await signOut(page, email);
    await signInToMfaPrompt(page, email, password);
    await portal.context.clock.fastForward(30_000);
    await enterCode(page, totpFor(secret, await pageTime(page)));
    await expectSignedInAs(page, email);
  });

  test('a wrong code does not turn MFA on; the error is announced with the clock hint', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    const page = await portal.open();
    await signIn(page, DEMO.bob.email, DEMO.bob.password);
    await openProfile(page, DEMO.bob.email);
    const secret = await readSecretKey(page);
    await page.getByLabel('MFA Enabled').check();
    await page.getByRole('button', { name: 'Update Profile' }).click();
    await enterCode(page, '000000' === totpFor(secret, await pageTime(page)) ? '111111' : '000000');
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('That code was not accepted');
    await expect(alert).toContainText('sets its date and time automatically');
    await expect(page.getByLabel('Authentication code')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Disabled', { exact: true })).toBeVisible();
    // Cancel leaves MFA off.
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByLabel('MFA Enabled')).not.toBeChecked();
  });

  test('Update Profile with nothing changed says so', async ({ portal }) => {
    const page = await portal.open();
    await signIn(page, DEMO.bob.email, DEMO.bob.password);
    await openProfile(page, DEMO.bob.email);
    await page.getByRole('button', { name: 'Update Profile' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Nothing to update' })).toBeVisible();
  });

  test('Profile, the code step and the recovery codes panel have no serious accessibility violations', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    const page = await portal.open();
    await signIn(page, DEMO.carol.email, DEMO.carol.password);
    await openProfile(page, DEMO.carol.email);
    await expectNoSeriousA11yViolations(page);
    const secret = await readSecretKey(page);
    await page.getByLabel('MFA Enabled').check();
    await page.getByRole('button', { name: 'Update Profile' }).click();
    await expect(page.getByLabel('Authentication code')).toBeFocused();
    await expectNoSeriousA11yViolations(page);
    await enterCode(page, totpFor(secret, await pageTime(page)));
    await readRecoveryCodes(page);
    await expectNoSeriousA11yViolations(page);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expectNoSeriousA11yViolations(page);
    await page.getByRole('button', { name: 'I have saved these codes' }).click();
    await expectNoSeriousA11yViolations(page);
  });

  test('the recovery codes can be downloaded as a .txt file and copied', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    await portal.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await portal.open();
    await signIn(page, DEMO.bob.email, DEMO.bob.password);
    await openProfile(page, DEMO.bob.email);
    const secret = await readSecretKey(page);
    await page.getByLabel('MFA Enabled').check();
    await page.getByRole('button', { name: 'Update Profile' }).click();
    await enterCode(page, totpFor(secret, await pageTime(page)));
    const codes = await readRecoveryCodes(page);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download (.txt)' }).click()]);
    expect(download.suggestedFilename()).toBe('acme-msp-recovery-codes.txt');
    const { readFile } = await import('node:fs/promises');
    const text = await readFile((await download.path())!, 'utf8');
    for (const code of codes) expect(text).toContain(code);
    expect(text).toContain(DEMO.bob.email);

    await page.getByRole('button', { name: 'Copy codes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'copied' })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(codes.join('\n'));
  });

  test('a copied secret key and copied recovery codes leave the clipboard after 30 seconds', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    await portal.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await portal.open();
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
    await signIn(page, DEMO.bob.email, DEMO.bob.password);
    await openProfile(page, DEMO.bob.email);
    const secret = await readSecretKey(page);
    await page.getByRole('button', { name: 'Copy secret key' }).click();
    expect(await clipboard()).toBe(secret);
    await portal.context.clock.fastForward(29_000);
    expect(await clipboard()).toBe(secret);
    await portal.context.clock.fastForward(1_000);
    await expect.poll(clipboard).toBe('');

    await page.getByLabel('MFA Enabled').check();
    await page.getByRole('button', { name: 'Update Profile' }).click();
    await enterCode(page, totpFor(secret, await pageTime(page)));
    const codes = await readRecoveryCodes(page);
    await page.getByRole('button', { name: 'Copy codes' }).click();
    expect(await clipboard()).toBe(codes.join('\n'));
    await portal.context.clock.fastForward(30_000);
    await expect.poll(clipboard).toBe('');
  });

  test('what the user copied meanwhile stays on the clipboard', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    await portal.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await portal.open();
    await signIn(page, DEMO.bob.email, DEMO.bob.password);
    await openProfile(page, DEMO.bob.email);
    await page.getByRole('button', { name: 'Copy secret key' }).click();
    await page.evaluate(() => navigator.clipboard.writeText('a note of my own'));
    await portal.context.clock.fastForward(31_000);
    // Give the clearing a moment to run (it must not), then read.
    await expect(page.getByRole('button', { name: 'Copy secret key' })).toHaveText('Copy');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('a note of my own');
  });

  test('the secret key copies without its spaces and says "Copied"', async ({ portal }) => {
    await portal.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await portal.open();
    await signIn(page, DEMO.bob.email, DEMO.bob.password);
    await openProfile(page, DEMO.bob.email);
    const secret = await readSecretKey(page);
    await page.getByRole('button', { name: 'Copy secret key' }).click();
    await expect(page.getByRole('button', { name: 'Copy secret key' })).toHaveText('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
  });
});

test.describe('Change password', () => {
  test('changes the password, keeps this tab signed in, and signs the old session out everywhere else', async ({ portal }) => {
    const page = await portal.open();
    const { email, password } = DEMO.carol;
    await signIn(page, email, password);
    await openProfile(page, email);
    const oldToken = await page.evaluate(() => localStorage.getItem('portal.session'));

    await page.getByRole('button', { name: 'Change password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change password' });
    await expect(dialog.getByLabel('Current password')).toBeFocused();
    // The rules, each on its field, announced.
    await dialog.getByLabel('Current password').fill(password);
    await dialog.getByLabel('New password', { exact: true }).fill('short');
    await dialog.getByLabel('New password again').fill('short');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect(dialog.getByRole('alert')).toContainText('at least 8 characters');
    await expect(dialog.getByLabel('New password', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByLabel('New password', { exact: true })).toBeFocused();
    await expectNoSeriousA11yViolations(page);
    await dialog.getByLabel('New password', { exact: true }).fill('a long new passphrase');
    await dialog.getByLabel('New password again').fill('a long new passphrase, typo');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect(dialog.getByRole('alert')).toContainText('not the same');
    await expect(dialog.getByLabel('New password again')).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByLabel('New password again').fill('a long new passphrase');
    await dialog.getByLabel('Current password').fill('not my password');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect(dialog.getByRole('alert')).toContainText('The password is not correct');
    await expect(dialog.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByLabel('Current password').fill(password);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: 'Your password is changed' })).toBeVisible();

    // This tab swapped to a fresh session and stays signed in, across a reload too.
    const newToken = await page.evaluate(() => localStorage.getItem('portal.session'));
    expect(newToken).toBeTruthy();
    expect(newToken).not.toBe(oldToken);
    await page.reload();
    await expectSignedInAs(page, email);
    await page.close();

    // A browser still holding the old session is signed out.
    const elsewhere = await portal.open();
    await elsewhere.evaluate((token) => localStorage.setItem('portal.session', token!), oldToken);
    await elsewhere.reload();
    await expect(elsewhere.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(elsewhere.getByRole('status').filter({ hasText: 'Sign in again' })).toBeVisible();
    // The old password no longer works; the new one does.
    await signIn(elsewhere, email, password);
    await expect(elsewhere.getByRole('alert')).toContainText('The email or password is not correct');
    await signIn(elsewhere, email, 'a long new passphrase');
    await expectSignedInAs(elsewhere, email);
  });

  test('turning MFA on keeps this tab signed in with a fresh session', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    const page = await portal.open();
    await signIn(page, DEMO.bob.email, DEMO.bob.password);
    const before = await page.evaluate(() => localStorage.getItem('portal.session'));
    await enableMfaForYourself(page, DEMO.bob.email);
    expect(await page.evaluate(() => localStorage.getItem('portal.session'))).not.toBe(before);
    await page.reload();
    await expectSignedInAs(page, DEMO.bob.email);
    await expect(page.getByText('10 of 10 recovery codes left')).toBeVisible();
  });
});

test.describe('changing MFA on Profile', () => {
  test('unchecking MFA Enabled asks for the password, then MFA is off and a new barcode is offered', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    const page = await portal.open();
    const { email, password } = DEMO.alice;
    await signIn(page, email, password);
    const { secret } = await enableMfaForYourself(page, email);

    await page.getByLabel('MFA Enabled').uncheck();
    await page.getByRole('button', { name: 'Update Profile' }).click();
    const dialog = page.getByRole('dialog', { name: 'Turn off MFA' });
    await expect(dialog.getByLabel('Password')).toBeFocused();
    await dialog.getByLabel('Password').fill('wrong password');
    await dialog.getByRole('button', { name: 'Turn off MFA' }).click();
    await expect(dialog.getByRole('alert')).toContainText('The password is not correct');
    await expect(dialog.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
    await dialog.getByLabel('Password').fill(password);
    await dialog.getByRole('button', { name: 'Turn off MFA' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('MFA is off.')).toBeVisible();
    await expect(page.getByText('Disabled', { exact: true })).toBeVisible();
    expect(await readSecretKey(page)).not.toBe(secret);

    // And sign-in no longer asks for a code.
    await signOut(page, email);
    await signIn(page, email, password);
    await expectSignedInAs(page, email);
  });

  test('Escape closes the password dialog without changing anything', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    const page = await portal.open();
    await signIn(page, DEMO.alice.email, DEMO.alice.password);
    await enableMfaForYourself(page, DEMO.alice.email);
    await page.getByLabel('MFA Enabled').uncheck();
    await page.getByRole('button', { name: 'Update Profile' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page.getByText('Enabled', { exact: true })).toBeVisible();
  });

  test('"Get a new secret key" asks for the password and replaces the key', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    const page = await portal.open();
    await signIn(page, DEMO.bob.email, DEMO.bob.password);
    await openProfile(page, DEMO.bob.email);
    const before = await readSecretKey(page);
    await page.getByRole('button', { name: 'Get a new secret key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Get a new secret key' });
    await dialog.getByLabel('Password').fill(DEMO.bob.password);
    await dialog.getByRole('button', { name: 'Get a new key' }).click();
    await expect(dialog).toBeHidden();
    await expect.poll(() => readSecretKey(page)).not.toBe(before);
    const after = await readSecretKey(page);

    // The old key no longer turns MFA on; the new one does.
    await page.getByLabel('MFA Enabled').check();
    await page.getByRole('button', { name: 'Update Profile' }).click();
    await enterCode(page, totpFor(before, await pageTime(page)));
    await expect(page.getByRole('alert')).toContainText('That code was not accepted');
    await enterCode(page, totpFor(after, await pageTime(page)));
    await expect(page.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
  });

  test('the pending key shows when it is replaced, and a new one appears when it expires', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    const page = await portal.open();
    await signIn(page, DEMO.carol.email, DEMO.carol.password);
    await openProfile(page, DEMO.carol.email);
    const before = await readSecretKey(page);
    await expect(page.getByText(/This key is replaced by a new one at/)).toBeVisible();
    await portal.context.clock.fastForward('10:01');
    await expect(page.getByRole('status').filter({ hasText: 'The secret key expired' })).toBeVisible();
    const after = await readSecretKey(page);
    expect(after).not.toBe(before);
    // The fresh key works.
    await page.getByLabel('MFA Enabled').check();
    await page.getByRole('button', { name: 'Update Profile' }).click();
    await enterCode(page, totpFor(after, await pageTime(page)));
    await expect(page.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
  });

  test('"Regenerate recovery codes" asks for the password and voids the old set', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    const page = await portal.open();
    const { email, password } = DEMO.alice;
    await signIn(page, email, password);
    const { recoveryCodes: oldCodes } = await enableMfaForYourself(page, email);
    await page.getByRole('button', { name: 'Regenerate recovery codes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Regenerate recovery codes' });
    await dialog.getByLabel('Password').fill(password);
    await dialog.getByRole('button', { name: 'Regenerate codes' }).click();
    const newCodes = await readRecoveryCodes(page);
    expect(newCodes.some((code) => oldCodes.includes(code))).toBe(false);
    await page.getByRole('button', { name: 'I have saved these codes' }).click();

    await signOut(page, email);
    await signInToMfaPrompt(page, email, password);
    await enterRecoveryCode(page, oldCodes[0]!);
    await expect(page.getByRole('alert')).toBeVisible();
    await enterRecoveryCode(page, newCodes[0]!);
    await expectSignedInAs(page, email);
  });
});
