/**
 * The portal and Acme Authenticator on one computer (issue 14), headless, with
 * a screenshot of every step: docs/screenshots/family-NN-*.png.
 *
 * One browser profile holds both: the portal extension, and the authenticator
 * PWA in a tab, registered as the handler of `web+otpauth:` links. The
 * portal's "Open in Acme Authenticator" then adds the owner's account to it
 * in one click, plus the authenticator's own confirmation, and the code it
 * shows turns MFA on.
 *
 * Registering: the PWA's page calls `navigator.registerProtocolHandler` with
 * the handler URL both products agree on (`<PWA address>#add=%s`, see
 * shared/family/authenticator-links.ts), as its Settings button does. Chromium
 * then asks the person to allow it; WebDriver's "set RPH registration mode"
 * (CDP `Page.setRPHRegistrationMode`, autoAccept) answers for them, the hook
 * the HTML standard defines for automation. Without it the request stays
 * pending and the link does nothing.
 *
 * The PWA's side of the contract: it reads `#add=`, removes it from the
 * address bar and opens "Paste a link" prefilled (pwa/app/launch/).
 */
import type { Page } from '@playwright/test';
import { test, expect } from '../test/e2e/fixtures';
import { DEMO, enterCode, openProfile, readRecoveryCodes, signIn } from '../test/e2e/support/portal-steps';
import { protocolHandlerUrl, WEB_OTPAUTH_SCHEME } from '../shared/family/authenticator-links';

let shots = 0;
/** Saves the page as family-NN-<name>.png. */
const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: `docs/screenshots/family-${String(++shots).padStart(2, '0')}-${name}.png`, fullPage });

/** The code Acme Authenticator shows now for the account whose name contains `account`. */
async function readCode(authenticator: Page, account: string): Promise<string> {
  const card = authenticator.getByRole('list', { name: 'Accounts' }).getByRole('listitem', { name: account });
  const digits = card.getByText(/^\d{3,5}( \d{3,5})+$/).first();
  await expect(digits).toBeVisible();
  return (await digits.innerText()).replace(/\s/g, '');
}

test('Open in Acme Authenticator: the portal hands the account to the authenticator on the same computer', async ({ portal, pwaUrl }) => {
  const { email, password } = DEMO.owner;

  // The authenticator, open in a tab of the same browser, lets web+otpauth: links come to it.
  const authenticator = await portal.context.newPage();
  await authenticator.setViewportSize({ width: 480, height: 780 });
  await authenticator.goto(pwaUrl);
  await expect(authenticator.getByRole('button', { name: 'Add account' })).toBeVisible({ timeout: 20_000 });
  const cdp = await portal.context.newCDPSession(authenticator);
  await cdp.send('Page.setRPHRegistrationMode', { mode: 'autoAccept' });
  await authenticator.evaluate(([scheme, handler]) => navigator.registerProtocolHandler(scheme!, handler!), [WEB_OTPAUTH_SCHEME, protocolHandlerUrl(pwaUrl)]);
  await authenticator.close();

  // The owner's Profile: step 1 names Acme Authenticator, with a QR code of its address for a phone.
  const page = await portal.open();
  await page.setViewportSize({ width: 1200, height: 780 });
  await signIn(page, email, password);
  await openProfile(page, email);
  await page.getByText('Show a QR code to install it on your phone').click();
  const installQr = page.getByRole('img', { name: 'QR code to install Acme Authenticator' });
  await installQr.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await shot(page, 'profile-install-acme-authenticator');
  await page.getByText('Show a QR code to install it on your phone').click();

  // Beneath the account's QR code and key: "Open in Acme Authenticator".
  const openIn = page.getByRole('group', { name: 'Or add it on this device' });
  await openIn.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await shot(page, 'profile-open-in-acme-authenticator');

  // One click: the authenticator opens with the account ready to add, and the link gone from its address.
  const [added] = await Promise.all([
    portal.context.waitForEvent('page'),
    openIn.getByRole('link', { name: /^Open in Acme Authenticator/ }).click(),
  ]);
  await added.setViewportSize({ width: 480, height: 780 });
  const dialog = added.getByRole('dialog', { name: 'Add account' });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await expect(added).toHaveURL((url) => url.hash === '' && !url.href.includes('otpauth'));
  await shot(added, 'authenticator-confirms-the-account');
  await dialog.getByRole('button', { name: 'Add account', exact: true }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Added ' })).toContainText(email);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  const code = await readCode(added, email);
  await shot(added, 'authenticator-shows-the-code');

  // Its code turns MFA on in the portal.
  await page.bringToFront();
  await page.getByLabel('MFA Enabled').check();
  await page.getByRole('button', { name: 'Update Profile' }).click();
  await enterCode(page, code);
  await readRecoveryCodes(page);
  await page.getByRole('button', { name: 'I have saved these codes' }).click();
  await expect(page.getByText('Enabled', { exact: true })).toBeVisible();
  await shot(page, 'profile-mfa-enabled-with-its-code');
});
