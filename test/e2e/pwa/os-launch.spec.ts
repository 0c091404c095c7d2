/**
 * The app in the operating system (issue 14): the manifest's shortcuts,
 * protocol handler, file handlers and screenshots, read by Chromium; a
 * `web+otpauth:` link opening the add screen prefilled, with the link gone
 * from the address at once; Settings' "Open authenticator links here"; and a
 * file opened with the installed app (launchQueue) landing in Import.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { test, expect } from '../fixtures';
import { expectNoSeriousA11yViolations } from '../support/a11y';
import { expectAccountShowsCode, expectedCode, FIXED_TIME, GITHUB_NAME, GITHUB_URI } from '../support/add-steps';
import { handlerUrl, launchPhoneProfile, pngSize, registerHandlerInProfile } from '../support/launch-steps';
import { card, lockScreen, openSettings, openWithAccounts, turnOnLock, unlock } from '../support/vault-steps';

test.describe.configure({ timeout: 120_000 });

/** The add screen. */
const addScreen = (page: Page) => page.getByRole('dialog', { name: 'Add account' });

/** Expects the address to hold no fragment, and the current history entry neither. */
async function expectNoFragment(page: Page): Promise<void> {
  expect(new URL(page.url()).hash).toBe('');
  expect(await page.evaluate(() => location.href.includes('#'))).toBe(false);
}

test.describe('in a Chrome profile', () => {
  let profile: string;
  let context: BrowserContext | undefined;
  test.beforeEach(async () => {
    profile = await mkdtemp(join(tmpdir(), 'pwa-os-'));
  });
  test.afterEach(async () => {
    await context?.close();
    context = undefined;
    await rm(profile, { recursive: true, force: true });
  });

  test('Chromium reads the shortcuts, share target, protocol handler, file handlers and screenshots, and the app stays installable', async ({ pwaUrl }) => {
    context = await launchPhoneProfile(profile, ['--bypass-app-banner-engagement-checks']);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(pwaUrl);
    await expect(page.getByRole('heading', { name: 'Authenticator' })).toBeVisible();
    const cdp = await context.newCDPSession(page);
    await expect.poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, { timeout: 30_000 }).toEqual([]);

    // Chromium's own reading of the manifest: no errors, and each member understood.
    const { errors, manifest } = (await cdp.send('Page.getAppManifest')) as unknown as { errors: unknown[]; manifest: Record<string, unknown> };
    expect(errors).toEqual([]);
    expect(manifest.protocolHandlers).toEqual([{ protocol: 'web+otpauth', url: `${pwaUrl}#add=%s` }]);
    expect(manifest.shortcuts).toEqual([
      { name: 'Scan a QR code', url: `${pwaUrl}#shortcut=scan` },
      { name: 'Add by key', url: `${pwaUrl}#shortcut=key` },
    ]);
    expect(manifest.shareTarget).toMatchObject({ action: `${pwaUrl}share-target`, method: 'kPost' });
    expect((manifest.screenshots as Array<{ formFactor: string }>).map((shot) => shot.formFactor)).toEqual(['kNarrow', 'kWide']);

    // File handlers are read when the app is installed.
    const { appId } = await cdp.send('Page.getAppId');
    await cdp.send('PWA.install', { manifestId: appId! });
    const state = (await cdp.send('PWA.getOsAppState', { manifestId: appId! })) as { fileHandlers: Array<{ accepts: Array<{ mediaType: string; fileExtensions: string[] }> }> };
    expect(state.fileHandlers.flatMap((handler) => handler.accepts.flatMap((accept) => accept.fileExtensions)).sort()).toEqual(['.2fas', '.json', '.txt']);

    // Every picture the manifest names is served, a PNG of the size it says.
    const served = await (await page.request.get(new URL('manifest.webmanifest', pwaUrl).href)).json();
    const pictures = [
      ...served.shortcuts.flatMap((shortcut: { icons: Array<{ src: string; sizes: string }> }) => shortcut.icons),
      ...served.screenshots,
    ] as Array<{ src: string; sizes: string; type: string }>;
    expect(pictures).toHaveLength(4);
    for (const picture of pictures) {
      const response = await page.request.get(new URL(picture.src, pwaUrl).href);
      expect(response.headers()['content-type']).toBe(picture.type);
      expect(pngSize(await response.body())).toBe(picture.sizes);
    }
  });

  test('a file opened with the installed app (its file handler) is read by Import, as if chosen there', async ({ pwaUrl }) => {
    context = await launchPhoneProfile(profile);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(pwaUrl);
    await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
    const cdp = await context.newCDPSession(page);
    const { appId } = await cdp.send('Page.getAppId');
    await cdp.send('PWA.install', { manifestId: appId! });

    // What the file manager's "Open with Acme Authenticator" does: a new app window, the file in window.launchQueue.
    const file = join(profile, 'authenticator-links.txt');
    await writeFile(file, `${GITHUB_URI}\n`);
    const [app] = await Promise.all([context.waitForEvent('page'), cdp.send('PWA.launchFilesInApp', { manifestId: appId!, files: [file] })]);
    await app.clock.setFixedTime(FIXED_TIME);
    const dialog = app.getByRole('dialog', { name: 'Import accounts' });
    await expect(dialog).toContainText('authenticator-links.txt, list of otpauth:// links.', { timeout: 30_000 });
    await expectNoSeriousA11yViolations(app, 'import opened from a file');
    await dialog.getByRole('button', { name: 'Import 1 account' }).click();
    await expect(dialog.getByRole('status').filter({ hasText: 'Imported 1 account.' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expectAccountShowsCode(app, GITHUB_NAME, expectedCode(GITHUB_URI));
  });

  test('a click on a web+otpauth: link on another page opens the app, which asks to add the account', async ({ pwaUrl }) => {
    // The app registered as the handler, as Chromium keeps it once the person accepted (see launch-steps.ts).
    await registerHandlerInProfile(profile, pwaUrl);
    context = await launchPhoneProfile(profile);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.clock.setFixedTime(FIXED_TIME);
    await page.setContent(`<a href="web+otpauth:${GITHUB_URI}">Open in Acme Authenticator</a>`);
    await page.getByRole('link', { name: 'Open in Acme Authenticator' }).click();

    const dialog = addScreen(page);
    await expect(dialog.getByRole('textbox', { name: 'otpauth:// link' })).toHaveValue(GITHUB_URI, { timeout: 30_000 });
    await expectNoFragment(page);
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await expect(dialog.getByText(`Added ${GITHUB_NAME}`)).toBeVisible();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expectAccountShowsCode(page, GITHUB_NAME, expectedCode(GITHUB_URI));
  });
});

test.describe('a web+otpauth: link', () => {
  test.beforeEach(async ({ page }) => {
    await page.clock.setFixedTime(FIXED_TIME);
  });

  test('opens "Paste a link" filled in and named; one "Add account" adds it; the link is gone from the address at once', async ({ page, pwaUrl }) => {
    await page.goto(handlerUrl(pwaUrl, GITHUB_URI));
    const dialog = addScreen(page);
    await expect(dialog.getByRole('tab', { name: 'Paste a link' })).toHaveAttribute('aria-selected', 'true');
    await expect(dialog.getByRole('textbox', { name: 'otpauth:// link' })).toHaveValue(GITHUB_URI);
    await expect(dialog.getByRole('status').filter({ hasText: 'A link opened the app with' })).toHaveText(
      `A link opened the app with ${GITHUB_NAME}. Check the link, then choose Add account.`,
    );
    await expect(dialog.getByRole('button', { name: 'Add account' })).toBeFocused();
    await expectNoFragment(page);
    await expectNoSeriousA11yViolations(page, 'add screen opened by a link');

    await dialog.getByRole('button', { name: 'Add account' }).click();
    await expect(dialog.getByText(`Added ${GITHUB_NAME}`)).toBeVisible();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expectAccountShowsCode(page, GITHUB_NAME, expectedCode(GITHUB_URI));
    // Back leads to no entry with the link in it either.
    await expectNoFragment(page);
  });

  for (const [fault, link, message] of [
    ['a link that is not an otpauth:// link', 'https://evil.example/phish', 'This text holds a web address, not an otpauth:// link.'],
    ['a malformed otpauth:// link', 'otpauth://totp/GitHub:alice?issuer=GitHub', 'The secret key is missing.'],
  ] as const) {
    test(`with ${fault} says what is wrong, and adds nothing`, async ({ page, pwaUrl }) => {
      await page.goto(handlerUrl(pwaUrl, link));
      const dialog = addScreen(page);
      const field = dialog.getByRole('textbox', { name: 'otpauth:// link' });
      await expect(dialog.getByRole('alert')).toContainText(message);
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(dialog.getByRole('status').filter({ hasText: 'A link opened the app' })).toHaveCount(0);
      await expectNoFragment(page);
      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
    });
  }

  test('opened while the app is locked leaves the address at once, and waits for the unlock', async ({ page, pwaUrl }) => {
    await openWithAccounts(page, pwaUrl, [{ issuer: 'Dropbox', label: 'alice@example.com', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }]);
    await turnOnLock(page);
    // A fresh start of the app (not a fragment change in the open page): it opens locked.
    await page.goto('about:blank');
    await page.goto(handlerUrl(pwaUrl, GITHUB_URI));
    await expect(lockScreen(page)).toBeVisible();
    await expectNoFragment(page);
    await expect(addScreen(page)).toHaveCount(0);

    await unlock(page);
    await expect(addScreen(page).getByRole('textbox', { name: 'otpauth:// link' })).toHaveValue(GITHUB_URI);
    await addScreen(page).getByRole('button', { name: 'Add account' }).click();
    await addScreen(page).getByRole('button', { name: 'Done' }).click();
    await expect(card(page, GITHUB_NAME)).toBeVisible();
    await expect(card(page, 'Dropbox (alice@example.com)')).toBeVisible();
  });

  test('arriving while the app is open (a fragment change) opens the add screen too', async ({ page, pwaUrl }) => {
    await page.goto(pwaUrl);
    await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
    await page.goto(handlerUrl(pwaUrl, GITHUB_URI));
    await expect(addScreen(page).getByRole('textbox', { name: 'otpauth:// link' })).toHaveValue(GITHUB_URI);
    await expectNoFragment(page);
  });
});

test.describe('the shortcuts', () => {
  for (const [name, tab] of [
    ['Scan a QR code', 'Scan QR code'],
    ['Add by key', 'Enter the key'],
  ] as const) {
    test(`"${name}" opens the add screen on "${tab}"`, async ({ page, pwaUrl }) => {
      const manifest = await (await page.request.get(new URL('manifest.webmanifest', pwaUrl).href)).json();
      const shortcut = (manifest.shortcuts as Array<{ name: string; url: string }>).find((entry) => entry.name === name)!;
      await page.goto(new URL(shortcut.url, new URL('manifest.webmanifest', pwaUrl)).href);
      await expect(addScreen(page).getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
      await expectNoFragment(page);
      await addScreen(page).getByRole('button', { name: 'Close' }).click();
      await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
    });
  }
});

test('a shortcut used while the add screen is open switches it to that way', async ({ page, pwaUrl }) => {
  await page.goto(`${pwaUrl}#shortcut=scan`);
  await expect(addScreen(page).getByRole('tab', { name: 'Scan QR code' })).toHaveAttribute('aria-selected', 'true');
  await page.goto(`${pwaUrl}#shortcut=key`);
  await expect(addScreen(page).getByRole('tab', { name: 'Enter the key' })).toHaveAttribute('aria-selected', 'true');
  await expect(addScreen(page)).toHaveCount(1);
  await expectNoFragment(page);
  // One Close (one history entry for the screen) goes back to the list.
  await addScreen(page).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
});

test.describe('Settings', () => {
  test('"Open authenticator links here" asks the browser to open web+otpauth: links in the app', async ({ page, pwaUrl }) => {
    // Recorded, then passed on to the browser's own registerProtocolHandler.
    await page.addInitScript(() => {
      const register = Navigator.prototype.registerProtocolHandler;
      const calls: string[][] = [];
      (window as unknown as { protocolCalls: string[][] }).protocolCalls = calls;
      Navigator.prototype.registerProtocolHandler = function (this: Navigator, scheme: string, url: string | URL) {
        calls.push([scheme, String(url)]);
        return register.call(this, scheme, url);
      };
    });
    await openWithAccounts(page, pwaUrl, [{ issuer: 'GitHub', label: 'alice@example.com' }]);
    const settings = await openSettings(page);
    const section = settings.getByRole('region', { name: 'Authenticator links' });
    await section.getByRole('button', { name: 'Open authenticator links here' }).click();
    await expect(section.getByRole('status')).toContainText('links that start with web+otpauth: will then open here');
    expect(await page.evaluate(() => (window as unknown as { protocolCalls: string[][] }).protocolCalls)).toEqual([['web+otpauth', `${pwaUrl}#add=%s`]]);
    await expectNoSeriousA11yViolations(page, 'Settings with authenticator links');
  });

  test('has no such button where the browser cannot register a handler (WebKit)', async ({ page, pwaUrl }) => {
    await page.addInitScript(() => {
      delete (Navigator.prototype as { registerProtocolHandler?: unknown }).registerProtocolHandler;
    });
    await openWithAccounts(page, pwaUrl, [{ issuer: 'GitHub', label: 'alice@example.com' }]);
    const settings = await openSettings(page);
    await expect(settings.getByRole('heading', { name: 'Backups' })).toBeVisible();
    await expect(settings.getByRole('button', { name: 'Open authenticator links here' })).toHaveCount(0);
    await expect(settings.getByRole('heading', { name: 'Authenticator links' })).toHaveCount(0);
  });
});
