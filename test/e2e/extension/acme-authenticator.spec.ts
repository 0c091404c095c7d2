/**
 * The portal and Acme Authenticator as one family (issue 14): Profile's step 1
 * names Acme Authenticator with its install link and a QR code of its address,
 * and beside the user's own QR code, links open the account in an
 * authenticator on this device. Another admin's QR code (Link to QR) never
 * gets those links.
 *
 * The built extension carries the PWA's address from `PWA_URL` at build time
 * (unset: http://localhost:5173/); these tests read the same variable, so they
 * hold for whatever address the build was given.
 */
import jsQR from 'jsqr';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { decodePng } from '../support/add-steps';
import { demoPeople, mfaSwitch, openAdminsTab, openQrWindow } from '../support/admins-steps';
import {
  DEMO,
  T0,
  enableMfaForYourself,
  expectNoSeriousA11yViolations,
  openProfile,
  readSecretKey,
  signIn,
  signOut,
} from '../support/portal-steps';
import { isLoopbackAddress, parsePwaUrl } from '../../../shared/family/pwa-address';
import { protocolHandlerUrl } from '../../../shared/family/authenticator-links';

/** The address the extension under test was built with. */
const PWA_URL = parsePwaUrl(process.env.PWA_URL);

/** Reads a QR code drawn on the page back into text, from a screenshot, as a phone's camera would. */
async function scanQrCode(page: Page, name: string): Promise<string | null> {
  const picture = decodePng(await page.getByRole('img', { name }).screenshot());
  return jsQR(picture.data, picture.width, picture.height)?.data ?? null;
}

/** The first numbered step of the article on Profile. */
const stepOne = (page: Page) => page.getByRole('listitem').filter({ hasText: 'Install an authenticator app on your smartphone' });

test.describe('Acme Authenticator on Profile', () => {
  test('step 1 names Acme Authenticator with its install link and a QR code of its address', async ({ portal }) => {
    const page = await portal.open();
    await signIn(page, DEMO.alice.email, DEMO.alice.password);
    await openProfile(page, DEMO.alice.email);

    const step = stepOne(page);
    await expect(step).toContainText('Google Authenticator, Authy, LastPass or our own Acme Authenticator.');
    const install = step.getByRole('link', { name: 'Install Acme Authenticator (opens in a new tab)' });
    await expect(install).toHaveAttribute('href', PWA_URL);
    await expect(install).toHaveAttribute('target', '_blank');

    // The install QR code waits behind a disclosure, so a camera pointed at the page finds the account's code only.
    const installQr = page.getByRole('img', { name: 'QR code to install Acme Authenticator' });
    await expect(installQr).toBeHidden();
    await step.getByText('Show a QR code to install it on your phone').click();
    await expect(installQr).toBeVisible();
    expect(await scanQrCode(page, 'QR code to install Acme Authenticator')).toBe(PWA_URL);
    await expect(step).toContainText(`Scan it with your phone's camera to open ${PWA_URL}`);
    // A phone cannot open this computer's own address: the page says so, only then.
    await expect(step.getByText('This address is this computer\'s own, so a phone cannot open it.')).toHaveCount(isLoopbackAddress(PWA_URL) ? 1 : 0);

    await expectNoSeriousA11yViolations(page, 'Profile with the install QR code shown');
  });

  test('"Open in" links under the QR code carry exactly the link the QR code holds, and leave with the key', async ({ portal }) => {
    await portal.context.clock.install({ time: T0 });
    const page = await portal.open();
    const console: string[] = [];
    page.on('console', (message) => console.push(message.text()));
    await signIn(page, DEMO.bob.email, DEMO.bob.password);
    await openProfile(page, DEMO.bob.email);

    const secret = await readSecretKey(page);
    const scanned = (await scanQrCode(page, `QR code for ${DEMO.bob.email}`)) ?? '';
    expect(scanned).toMatch(/^otpauth:\/\/totp\//);
    expect(new URLSearchParams(scanned.split('?')[1]).get('secret')).toBe(secret);

    const openIn = page.getByRole('group', { name: 'Or add it on this device' });
    const acme = openIn.getByRole('link', { name: 'Open in Acme Authenticator (opens in a new tab)' });
    const other = openIn.getByRole('link', { name: 'Open in another authenticator app' });
    await expect(acme).toHaveAttribute('href', `web+otpauth:${scanned}`);
    await expect(acme).toHaveAttribute('target', '_blank');
    await expect(other).toHaveAttribute('href', scanned);
    // Beneath the key, which stays where the article puts it: beneath the barcode, with its Copy button.
    const keyBox = (await page.getByRole('group', { name: 'Secret key' }).boundingBox())!;
    expect((await openIn.boundingBox())!.y).toBeGreaterThan(keyBox.y + keyBox.height - 1);
    await expect(page.getByRole('button', { name: 'Copy secret key' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'Profile with the "Open in" links');

    // On a 320 px phone screen the links wrap inside the page instead of widening it.
    await page.setViewportSize({ width: 320, height: 700 });
    await expect(other).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const otherBox = (await other.boundingBox())!;
    expect(otherBox.x).toBeGreaterThanOrEqual(0);
    expect(otherBox.x + otherBox.width).toBeLessThanOrEqual(320);
    await page.setViewportSize({ width: 1280, height: 800 });

    // Once MFA is on the key is no longer shown, and neither are the links that carry it.
    await enableMfaForYourself(page, DEMO.bob.email);
    await expect(page.getByRole('group', { name: 'Secret key' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: /^Open in / })).toHaveCount(0);
    await expect(page.locator('a[href*="otpauth"]')).toHaveCount(0);
    expect(console.filter((text) => text.includes(secret) || text.includes('otpauth')), 'nothing logs the key or the link').toEqual([]);
  });

  test('an SSO admin, for whom MFA is not applicable, is offered no link', async ({ portal }) => {
    const page = await portal.open();
    await page.getByRole('button', { name: 'Sign in with SSO' }).click();
    await page.getByLabel('Email').fill(DEMO.sso.email);
    await page.getByRole('button', { name: 'Continue' }).click();
    await openProfile(page, DEMO.sso.email);
    await expect(page.getByText('MFA is not applicable to your account')).toBeVisible();
    await expect(page.locator('a[href*="otpauth"]')).toHaveCount(0);
  });
});

test.describe('Open in Acme Authenticator', () => {
  let handlerSite: Server;
  let handlerOrigin: string;
  test.beforeAll(async () => {
    // A stand-in for the authenticator's page: it only shows the address it was opened at. The real PWA
    // reads and removes the #add= fragment at once (h-os); here the test wants to see what arrived.
    handlerSite = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!doctype html><html lang="en"><title>Stand-in authenticator</title><h1>Stand-in authenticator</h1>');
    });
    await new Promise<void>((done) => handlerSite.listen(0, '127.0.0.1', done));
    handlerOrigin = `http://127.0.0.1:${(handlerSite.address() as AddressInfo).port}/`;
  });
  test.afterAll(() => new Promise<void>((done) => handlerSite.close(() => done())));

  test('a click hands the link, in the address fragment, to the authenticator this browser registered', async ({ portal }) => {
    // The authenticator registers itself as the web+otpauth handler in this browser profile, as its Settings
    // button does. The browser asks the person first; WebDriver's "set RPH registration mode" (CDP
    // Page.setRPHRegistrationMode) answers "allow" for them, as a person clicking Allow would.
    const authenticator = await portal.context.newPage();
    await authenticator.goto(handlerOrigin);
    const cdp = await portal.context.newCDPSession(authenticator);
    await cdp.send('Page.setRPHRegistrationMode', { mode: 'autoAccept' });
    await authenticator.evaluate((handler) => navigator.registerProtocolHandler('web+otpauth', handler), protocolHandlerUrl(handlerOrigin));
    await authenticator.close();

    const page = await portal.open();
    await signIn(page, DEMO.carol.email, DEMO.carol.password);
    await openProfile(page, DEMO.carol.email);
    const uri = (await scanQrCode(page, `QR code for ${DEMO.carol.email}`)) ?? '';
    expect(uri).toMatch(/^otpauth:\/\//);

    const [opened] = await Promise.all([
      portal.context.waitForEvent('page'),
      page.getByRole('link', { name: 'Open in Acme Authenticator (opens in a new tab)' }).click(),
    ]);
    await expect(opened.getByRole('heading', { name: 'Stand-in authenticator' })).toBeVisible();
    const arrived = new URL(opened.url());
    // Only the fragment carries the link: the server saw a plain GET of its page, with no query.
    expect(`${arrived.origin}${arrived.pathname}${arrived.search}`).toBe(handlerOrigin);
    expect(arrived.hash.startsWith('#add=')).toBe(true);
    expect(decodeURIComponent(arrived.hash.slice('#add='.length))).toBe(`web+otpauth:${uri}`);
    // The portal stays where it was.
    await expect(page.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
  });
});

test.describe('Another admin’s QR code', () => {
  test('the Link to QR window names Acme Authenticator but offers no "Open in" link; the admin gets them at sign-in', async ({ portal }) => {
    const page = await portal.open();
    const { owner, admins } = await demoPeople(page);
    const bob = admins[1]!;
    await signIn(page, owner.email, owner.password);
    await openAdminsTab(page);
    await mfaSwitch(page, bob.email).click();
    await expect(mfaSwitch(page, bob.email)).toBeChecked();

    // The window shows Bob's secret for Bob's phone: a link would copy it into an app on the owner's device.
    const qrWindow = await openQrWindow(page, portal.context, bob.email);
    await expect(qrWindow.getByRole('group', { name: 'Secret key' })).toBeVisible();
    await expect(qrWindow.getByRole('listitem').first()).toContainText('Google Authenticator, Authy, LastPass or Acme Authenticator');
    await expect(qrWindow.getByRole('link', { name: `Acme Authenticator at ${PWA_URL} (opens in a new tab)` })).toHaveAttribute('href', PWA_URL);
    await expect(qrWindow.getByRole('link', { name: /^Open in / })).toHaveCount(0);
    await expect(qrWindow.locator('a[href*="otpauth"]')).toHaveCount(0);
    await expectNoSeriousA11yViolations(qrWindow, 'Link to QR window');
    await qrWindow.close();
    await signOut(page, owner.email);

    // Bob, signing in, sees his own QR code and key, and the links to his own account.
    await signIn(page, bob.email, bob.password);
    await expect(page.getByRole('heading', { name: 'Set up multi-factor authentication' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Acme Authenticator (opens in a new tab)', exact: true })).toHaveAttribute('href', PWA_URL);
    const uri = (await scanQrCode(page, `QR code for ${bob.email}`)) ?? '';
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    await expect(page.getByRole('link', { name: 'Open in Acme Authenticator (opens in a new tab)' })).toHaveAttribute('href', `web+otpauth:${uri}`);
    await expect(page.getByRole('link', { name: 'Open in another authenticator app' })).toHaveAttribute('href', uri);
    await expectNoSeriousA11yViolations(page, 'enrollment at sign-in with the "Open in" links');
  });
});
