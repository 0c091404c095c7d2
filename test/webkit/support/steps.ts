/**
 * The user's steps through the PWA in WebKit, and what the tests expect to
 * see: the add screen, the codes list, the lock, Settings.
 *
 * Time is real: WebDriver cannot install a fake clock before the app's
 * scripts run. A code is checked against the page's own clock instead: the
 * test reads `Date.now()` in the page just before and just after reading a
 * card, and the card must show the code (from shared/otp, the core the app
 * uses) of a moment in that window, widened by two seconds before it for a
 * card that re-renders on a timer. Any other code fails.
 */
import type { WebElement } from 'selenium-webdriver';
import { expect } from 'vitest';
import { generateHotp, generateTotp, parseOtpauthUri } from '../../../shared/otp';
import type { OtpAccount } from '../../../shared/otp/types';
import { SLOW_WAIT_MS, WAIT_MS, type WebKitApp } from './webkit-app';

/** An authenticator link as GitHub would issue it. */
export const GITHUB_URI = 'otpauth://totp/GitHub:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
/** How the app names that account. */
export const GITHUB_NAME = 'GitHub (alice@example.com)';
/** The GitHub account as the app reads it. */
export const GITHUB = parseOtpauthUri(GITHUB_URI);

/** The passphrase the lock tests choose. */
export const PASSPHRASE = 'correct horse battery staple';

/** "Code 1 2 3 4 5 6": a code as a screen reader reads it (the card's own words). */
export function spelled(code: string): string {
  return `Code ${code.split('').join(' ')}`;
}

/** "Add account", then the add dialog; returns the dialog. */
export async function openAddScreen(app: WebKitApp): Promise<WebElement> {
  // The empty state and the header both offer it; the first shown will do.
  await app.click(app.getByRole('button', 'Add account'));
  return app.getByRole('dialog', 'Add account');
}

/** Adds an account by pasting its link, the way a person does, and closes the add screen. */
export async function addByLink(app: WebKitApp, uri: string, name: string): Promise<void> {
  const dialog = await openAddScreen(app);
  await app.click(app.getByRole('tab', 'Paste a link', { within: dialog }));
  await app.fill(app.getByRole('textbox', 'otpauth:// link', { within: dialog }), uri);
  await app.click(app.getByRole('button', 'Add account', { within: dialog }));
  await app.getByRoleWithText('status', `Added ${name}`, { within: dialog });
  await app.click(app.getByRole('button', 'Done', { within: dialog }));
  await app.waitUntilGone('dialog', 'Add account');
}

/** The codes list. */
export function accountList(app: WebKitApp, timeout = WAIT_MS): Promise<WebElement> {
  return app.getByRole('list', 'Accounts', { timeout });
}

/** An account's card in the list, by the name the app gives it. */
export async function card(app: WebKitApp, name: string, timeout = WAIT_MS): Promise<WebElement> {
  return app.getByRole('listitem', name, { within: await accountList(app, timeout), timeout });
}

/**
 * Expects the card named `name` to show the TOTP code of `account` at the
 * page's current time (see the file's comment), retrying for a moment while
 * the app renders.
 */
export async function expectCardShowsCode(app: WebKitApp, name: string, account: OtpAccount): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const item = await card(app, name);
    const before = await app.now();
    const text = await app.textOf(item);
    const after = await app.now();
    const codes = new Set([before - 2_000, before, after].map((time) => spelled(generateTotp(account, time))));
    if ([...codes].some((code) => text.includes(code))) return;
    if (Date.now() > deadline) {
      expect.fail(`${name} shows "${text.replace(/\s+/g, ' ').trim()}", not one of ${[...codes].join(' or ')} (page time ${before}..${after})`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** Expects the card of an HOTP account to show the code of its counter. */
export async function expectCardShowsHotp(app: WebKitApp, name: string, account: OtpAccount): Promise<void> {
  await app.waitForText(await card(app, name), spelled(generateHotp(account, account.counter)));
}

/** How many accounts the list shows (0: the empty state). */
export async function accountCount(app: WebKitApp): Promise<number> {
  if (await app.isShown('heading', 'No accounts yet')) return 0;
  const list = await accountList(app);
  let count = 0;
  for (const item of await list.findElements({ css: '[role="listitem"]' })) if (await item.isDisplayed()) count++;
  return count;
}

/** Opens Settings; returns its dialog. */
export async function openSettings(app: WebKitApp): Promise<WebElement> {
  await app.click(app.getByRole('button', 'Settings'));
  return app.getByRole('dialog', 'Settings');
}

/** Closes `dialog` with its × button and waits until it is gone. */
export async function closeDialog(app: WebKitApp, dialog: WebElement, name: string): Promise<void> {
  await app.click(app.getByRole('button', 'Close', { within: dialog }));
  await app.waitUntilGone('dialog', name);
}

/** The lock screen's heading. */
export const LOCKED = 'Authenticator is locked';

/**
 * Turns the passphrase lock on the way a person does on first run: the card
 * above the list, "Set a passphrase", the passphrase twice, "Turn on lock".
 */
export async function turnOnLock(app: WebKitApp, passphrase = PASSPHRASE): Promise<void> {
  const offer = await app.getByRole('complementary', 'Protect your accounts with a passphrase');
  await app.click(app.getByRole('button', 'Set a passphrase', { within: offer }));
  const dialog = await app.getByRole('dialog', 'Protect with a passphrase');
  await app.fill(app.getByLabel('New passphrase', { within: dialog }), passphrase);
  await app.fill(app.getByLabel('Repeat the passphrase', { within: dialog }), passphrase);
  await app.click(app.getByRole('button', 'Turn on lock', { within: dialog }));
  // Argon2id at its production cost.
  await app.waitUntilGone('dialog', 'Protect with a passphrase', { timeout: SLOW_WAIT_MS });
}

/** Types `passphrase` on the lock screen and clicks Unlock; waits until the screen has judged it. */
export async function submitPassphrase(app: WebKitApp, passphrase: string): Promise<void> {
  await app.fill(app.getByLabel('Passphrase'), passphrase);
  await app.click(app.getByRole('button', 'Unlock'));
}
