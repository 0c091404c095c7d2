/**
 * Firefox smoke test: the portal extension (dist/firefox) and the
 * authenticator PWA (dist/pwa) in Debian's firefox-esr, driven by
 * puppeteer-core over WebDriver BiDi (Playwright cannot drive firefox-esr).
 *
 *   npm run build:firefox && npm run build:pwa && npm run test:firefox
 *
 * Prints one PASS or FAIL line per step and exits non-zero if any fails.
 * Steps of the portal build on each other, so after a failure the rest of
 * the portal is SKIPped; the PWA steps run regardless. On failure a
 * screenshot goes to test-results/firefox/.
 *
 * Time is real (BiDi in Firefox has no fake clock), so codes are computed
 * from the page's clock with the shared OTP core, and a sign-in code is
 * always of a later time step than the enrollment code (the portal refuses
 * a replayed step).
 *
 * Environment: FIREFOX_PATH (default: see scripts/ensure-firefox.js),
 * HEADFUL=1 to watch.
 */
import puppeteer from 'puppeteer-core';
import { runnerImport } from 'vite';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { findFirefox } from '../../scripts/ensure-firefox.js';
import { startStaticServer } from '../../scripts/static-server.js';

const EXTENSION_DIR = resolve('dist/firefox');
const PWA_DIR = resolve('dist/pwa');
const RESULTS_DIR = resolve('test-results/firefox');
/** The gecko id in the Firefox manifest (vite.config.ts). */
const GECKO_ID = 'msp-portal@acme.example';
/**
 * A fixed moz-extension:// host for the add-on, set through the
 * `extensions.webextensions.uuids` pref before launch, so the portal's URL is known.
 */
const EXTENSION_UUID = '0d5e7a43-1c2b-4f6e-9a8d-3b7c5e1f2a90';
const PORTAL_URL = `moz-extension://${EXTENSION_UUID}/extension/portal/index.html`;
/** How long one step may wait for the page (PBKDF2 sign-in takes a few seconds on a busy machine). */
const WAIT_MS = 30_000;

// The shared core is TypeScript: load it through Vite's module runner, so the
// codes here come from the same generateTotp the products use.
const load = async (path) => (await runnerImport(resolve(path), { configFile: false, logLevel: 'silent' })).module;
const { generateTotp, parseOtpauthUri } = await load('shared/otp/index.ts');
const { listDemoCredentials } = await load('shared/portal/demo-data.ts');

const demo = listDemoCredentials();
const OWNER = demo.find((u) => u.role === 'owner');
const ADMIN = demo.find((u) => u.role === 'admin' && u.signIn === 'password');
/** The portal's TOTP parameters (SHA1, 6 digits, 30 s). */
const PORTAL_TOTP = { algorithm: 'SHA1', digits: 6, period: 30 };
/** An authenticator link as GitHub would issue it. */
const GITHUB_URI = 'otpauth://totp/GitHub:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const GITHUB_NAME = 'GitHub (alice@example.com)';

// ---------------------------------------------------------------- reporting

let failures = 0;
let skipping = false;

/**
 * Runs one step and prints PASS or FAIL with its duration; after a failure,
 * later steps of the same group print SKIP.
 * @param {string} name
 * @param {() => Promise<string | void>} run  may return a detail to print
 * @param {import('puppeteer-core').Page | undefined} [page]  screenshotted on failure
 */
async function step(name, run, page) {
  if (skipping) {
    console.log(`SKIP  ${name}`);
    return;
  }
  const started = Date.now();
  try {
    const detail = await run();
    console.log(`PASS  ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${detail ? `: ${detail}` : ''}`);
  } catch (error) {
    failures++;
    skipping = true;
    console.log(`FAIL  ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    console.log(`      ${String(error?.stack ?? error).split('\n').slice(0, 4).join('\n      ')}`);
    if (page && !page.isClosed()) {
      const file = join(RESULTS_DIR, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
      await mkdir(RESULTS_DIR, { recursive: true });
      await page.screenshot({ path: file }).then(
        () => console.log(`      screenshot: ${file}`),
        () => {},
      );
    }
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// ------------------------------------------------------------ page helpers

/** An ARIA selector: the element a person finds by its role and accessible name. */
const byRole = (role, name) => `::-p-aria([name=${JSON.stringify(name)}][role=${JSON.stringify(role)}])`;

/**
 * Waits until an element with `role` and `name` is visible and returns it.
 * Polls page.$ rather than page.waitForSelector, whose in-page polling of
 * ARIA selectors never sees a moz-extension:// document reloaded behind
 * puppeteer's back (no navigation events, see openExtensionPage).
 */
async function see(page, role, name) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const handle = await page.$(byRole(role, name)).catch(() => null);
    if (handle && (await handle.isVisible().catch(() => false))) return handle;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`no ${role} named "${name}" shown within ${WAIT_MS / 1000} s`);
}

/**
 * Waits for a visible table whose <caption> is `caption`. Firefox 140's
 * accessibility locator (ESR, Debian's firefox-esr) does not match a table by
 * the name its caption gives it, so this one looks at the DOM; the Chromium
 * tests check the accessible name.
 */
async function seeTable(page, caption) {
  await waitInPage(
    page,
    `a table with the caption "${caption}"`,
    (wanted) =>
      [...document.querySelectorAll('table')].some(
        (table) => table.caption?.textContent?.trim() === wanted && table.getClientRects().length > 0,
      ),
    caption,
  );
}

const click = async (page, role, name) => (await see(page, role, name)).click();

/**
 * Polls `fn(...args)` in the page until it returns something truthy, and
 * returns a handle to it. Not page.waitForFunction: in Firefox 140 (the ESR
 * Debian ships) it fails at once in moz-extension:// pages, and it never sees
 * a document reloaded behind puppeteer's back (see `see`).
 * @param {import('puppeteer-core').Page} page
 * @param {string} what  what is waited for, for the error message
 */
async function waitInPage(page, what, fn, ...args) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const handle = await page.evaluateHandle(fn, ...args).catch(() => null);
    if (handle && (await handle.evaluate((value) => !!value).catch(() => false))) return handle;
    await handle?.dispose().catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${what} not shown within ${WAIT_MS / 1000} s`);
}

/**
 * Waits for the form field whose label (a <label>, aria-label or
 * aria-labelledby) is exactly `label`, as Playwright's getByLabel finds it;
 * the ARIA selector cannot, since a password field has no textbox role.
 */
async function fieldByLabel(page, label) {
  const handle = await waitInPage(
    page,
    `a field labelled "${label}"`,
    (wanted) => {
      const named = (field) => {
        const names = [...(field.labels ?? [])].map((l) => l.textContent);
        names.push(field.getAttribute('aria-label'));
        const by = field.getAttribute('aria-labelledby');
        if (by) names.push(by.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
        return names.some((n) => n?.replace(/\s+/g, ' ').trim() === wanted);
      };
      return [...document.querySelectorAll('input, textarea, select')].find((f) => named(f) && f.getClientRects().length > 0) ?? false;
    },
    label,
  );
  return handle.asElement();
}

/** Types `value` into the field labelled `label`, replacing what is there. */
async function fill(page, label, value) {
  const field = await fieldByLabel(page, label);
  await field.evaluate((input) => {
    input.value = '';
  });
  await field.type(value);
}

/** Waits until an element whose whole text is `text` is shown, as getByText(text, { exact: true }). */
async function seeText(page, text) {
  await waitInPage(
    page,
    `the text "${text}"`,
    (wanted) => [...document.querySelectorAll('body *')].some((e) => e.textContent?.trim() === wanted && e.getClientRects().length > 0),
    text,
  );
}

/** Waits until the page's text contains `text`. */
async function seeTextContaining(page, text) {
  await waitInPage(page, `text containing "${text}"`, (wanted) => document.body?.textContent?.includes(wanted), text);
}

/**
 * Waits for the group labelled (aria-labelledby) by the text `label`. Not by
 * ARIA selector: Firefox names elements from their rendered text, and the
 * portal's key label is `text-transform: uppercase`, so Firefox calls the
 * group "SECRET KEY" (Chromium, and Playwright, "Secret key").
 */
async function groupByLabel(page, label) {
  const handle = await waitInPage(
    page,
    `a group labelled "${label}"`,
    (wanted) =>
      [...document.querySelectorAll('[role="group"][aria-labelledby]')].find(
        (group) => document.getElementById(group.getAttribute('aria-labelledby'))?.textContent?.trim() === wanted,
      ) ?? false,
    label,
  );
  return handle.asElement();
}

/**
 * Waits until the page's loaded document is at a URL starting with `prefix`
 * and, if `unmarked`, is not the document we marked before a reload. Polls,
 * and shrugs off errors: the old document may vanish under an evaluate.
 */
async function waitForDocument(page, prefix, unmarked = false) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const ready = await page
      .evaluate(
        (wanted, fresh) => document.readyState === 'complete' && location.href.startsWith(wanted) && !(fresh && window.__smokeMarked),
        prefix,
        unmarked,
      )
      .catch(() => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the page did not load ${prefix} within ${WAIT_MS / 1000} s`);
}

/**
 * Opens a moz-extension:// page. BiDi navigates there (given
 * --remote-allow-system-access) but reports no load event for extension
 * pages, so page.goto would time out: it is not awaited, and we wait for the
 * document instead.
 */
async function openExtensionPage(page, url) {
  page.goto(url, { timeout: 5_000 }).catch(() => {});
  await waitForDocument(page, url);
}

/** Reloads an extension page (see openExtensionPage) and waits for the new document. */
async function reloadExtensionPage(page) {
  const url = page.url().replace(/#.*$/, '');
  await page.evaluate(() => {
    window.__smokeMarked = true;
    location.reload();
  });
  await waitForDocument(page, url, true);
}

/** The page's clock, for computing the code an authenticator would show. */
const pageTime = (page) => page.evaluate(() => Date.now());

// --------------------------------------------------------- portal steps

async function signIn(page, email, password) {
  await see(page, 'heading', 'Sign in');
  await fill(page, 'Email', email);
  await fill(page, 'Password', password);
  await click(page, 'button', 'Sign in');
}

async function enterCode(page, code) {
  await fill(page, 'Authentication code', code);
  await click(page, 'button', 'Verify');
}

async function openProfile(page, email) {
  await click(page, 'button', email);
  await click(page, 'menuitem', 'Profile');
  await see(page, 'heading', 'Profile');
}

async function signOut(page, email) {
  await click(page, 'button', email);
  await click(page, 'menuitem', 'Sign out');
  await see(page, 'heading', 'Sign in');
}

/** The secret key shown beneath the QR code, without the spaces that group it. */
async function readSecretKey(page) {
  const group = await groupByLabel(page, 'Secret key');
  const text = await group.$eval('code', (code) => code.textContent ?? '');
  return text.replace(/\s+/g, '');
}

/**
 * Waits for a tab or window that is not among `before` and returns it. Polls
 * browser.pages(): the target of a window the add-on opens keeps the URL
 * about:blank for puppeteer (no navigation events for extension pages).
 */
async function waitForNewPage(browser, before) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const added = (await browser.pages()).filter((page) => !before.includes(page));
    if (added.length > 0) return added[0];
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no new window within ${WAIT_MS / 1000} s`);
}

// ------------------------------------------------------------------ main

const firefox = findFirefox();
if (!firefox) {
  console.log('FAIL  Firefox is installed: none found (run node scripts/ensure-firefox.js, or set FIREFOX_PATH)');
  process.exit(1);
}
for (const [dir, build] of [
  [EXTENSION_DIR, 'npm run build:firefox'],
  [PWA_DIR, 'npm run build:pwa'],
]) {
  if (!existsSync(join(dir, 'index.html')) && !existsSync(join(dir, 'manifest.json'))) {
    console.log(`FAIL  ${dir} is built: it is not (run ${build} first)`);
    process.exit(1);
  }
}

const startedAt = Date.now();
const browser = await puppeteer.launch({
  browser: 'firefox',
  protocol: 'webDriverBiDi',
  executablePath: firefox,
  headless: process.env.HEADFUL ? false : true,
  // Lets BiDi navigate a tab to the add-on's moz-extension:// pages, as the
  // Chromium tests goto chrome-extension:// (without it Firefox refuses).
  args: ['--remote-allow-system-access'],
  extraPrefsFirefox: {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
  },
});
const version = await browser.version();
console.log(`Firefox: ${firefox} (${version}), puppeteer-core over WebDriver BiDi`);

let server;
try {
  // ------------------------------------------------ the portal extension
  const portal = await browser.newPage();

  await step('the extension installs from dist/firefox', async () => {
    const id = await browser.installExtension(EXTENSION_DIR);
    assert(id === GECKO_ID, `installed as ${id}, expected ${GECKO_ID}`);
    return id;
  });

  await step('the portal opens on its sign-in page', async () => {
    await openExtensionPage(portal, PORTAL_URL);
    await see(portal, 'heading', 'Sign in');
    await seeTable(portal, 'Demo credentials');
    return portal.url();
  }, portal);

  let enrolledAt = 0;
  let ownerSecret = '';
  await step('the owner enables MFA on Profile with a code from the key beneath the QR', async () => {
    await signIn(portal, OWNER.email, OWNER.password);
    await see(portal, 'button', OWNER.email);
    await openProfile(portal, OWNER.email);
    const secret = await readSecretKey(portal);
    await click(portal, 'checkbox', 'MFA Enabled');
    await click(portal, 'button', 'Update Profile');
    enrolledAt = await pageTime(portal);
    await enterCode(portal, generateTotp({ ...PORTAL_TOTP, secret }, enrolledAt));
    await see(portal, 'list', 'Recovery codes');
    await click(portal, 'button', 'I have saved these codes');
    await seeText(portal, 'Enabled');
    ownerSecret = secret;
  }, portal);

  await step('sign-in asks for a code, and the code from the secret signs in', async () => {
    await signOut(portal, OWNER.email);
    await signIn(portal, OWNER.email, OWNER.password);
    await see(portal, 'heading', 'Multi-factor authentication');
    // The portal refuses a time step already used (replay), so use the step
    // after enrollment's; the verifier's window accepts one step ahead.
    const now = await pageTime(portal);
    const period = PORTAL_TOTP.period * 1000;
    const at = Math.floor(now / period) > Math.floor(enrolledAt / period) ? now : enrolledAt + period;
    await enterCode(portal, generateTotp({ ...PORTAL_TOTP, secret: ownerSecret }, at));
    await see(portal, 'button', OWNER.email);
  }, portal);

  let qrWindow;
  await step('Link to QR opens the admin’s QR code in a new window', async () => {
    await click(portal, 'link', 'Admins');
    await see(portal, 'heading', 'Admins');
    // The switch is named by its words: "MFA for <email>: Disabled" (Playwright matches a prefix; puppeteer whole names).
    await click(portal, 'switch', `MFA for ${ADMIN.email}: Disabled`);
    await see(portal, 'switch', `MFA for ${ADMIN.email}: Enabled`);
    const before = await browser.pages();
    await click(portal, 'link', `Link to QR for ${ADMIN.email}`);
    qrWindow = await waitForNewPage(browser, before);
    await see(qrWindow, 'heading', ADMIN.email);
    await groupByLabel(qrWindow, 'Secret key');
    const after = (await browser.pages()).length;
    assert(after === before.length + 1, `pages before ${before.length}, after ${after}`);
    const where = await qrWindow.evaluate(() => location.pathname);
    return `pages ${before.length} → ${after}, ${where}`;
  }, portal);

  await step('IndexedDB keeps the data across a reload', async () => {
    await qrWindow?.close();
    await reloadExtensionPage(portal);
    await see(portal, 'button', OWNER.email);
    await openProfile(portal, OWNER.email);
    await seeText(portal, 'Enabled');
    await click(portal, 'link', 'Admins');
    await see(portal, 'heading', 'Admins');
    await see(portal, 'link', `Link to QR for ${ADMIN.email}`);
    const databases = await portal.evaluate(async () => (await indexedDB.databases()).map((db) => db.name).join(', '));
    return `still signed in, owner MFA Enabled, admin enrollment pending (databases: ${databases})`;
  }, portal);

  // ------------------------------------------------------------- the PWA
  skipping = false;
  server = await startStaticServer({ root: PWA_DIR, mount: '/apps/authenticator/' });
  const pwa = await browser.newPage();

  await step('the PWA renders', async () => {
    await pwa.goto(server.url, { waitUntil: 'load', timeout: WAIT_MS });
    await see(pwa, 'heading', 'Authenticator');
    await see(pwa, 'heading', 'No accounts yet');
    return server.url;
  }, pwa);

  await step('the PWA adds an account from a pasted otpauth:// link and shows its code', async () => {
    await click(pwa, 'button', 'Add account');
    const dialog = await see(pwa, 'dialog', 'Add account');
    await click(pwa, 'tab', 'Paste a link');
    await fill(pwa, 'otpauth:// link', GITHUB_URI);
    const submit = await dialog.$(byRole('button', 'Add account'));
    assert(submit, 'the add dialog has no "Add account" button');
    await submit.click();
    await seeTextContaining(pwa, `Added ${GITHUB_NAME}`);
    await click(pwa, 'button', 'Done');
    const account = parseOtpauthUri(GITHUB_URI);
    const card = await see(pwa, 'listitem', GITHUB_NAME);
    // The code rolls over every 30 s: accept the steps around the page's time.
    const t0 = await pageTime(pwa);
    const expected = [-30_000, 0, 30_000].map((dt) => generateTotp(account, t0 + dt));
    // waitInPage, not page.waitForFunction: puppeteer rebuilds that function in the page with
    // `new Function`, which the PWA's Content Security Policy refuses (no 'unsafe-eval').
    const shown = await waitInPage(
      pwa,
      'the code',
      (item, codes) => codes.find((code) => item.textContent?.includes(`Code ${code.split('').join(' ')}`)) ?? false,
      card,
      expected,
    );
    return `code ${await shown.jsonValue()}`;
  }, pwa);

  await step('the PWA keeps the account across a reload', async () => {
    await pwa.reload({ waitUntil: 'load', timeout: WAIT_MS });
    await see(pwa, 'listitem', GITHUB_NAME);
  }, pwa);
} catch (error) {
  failures++;
  console.log(`FAIL  unexpected error: ${error?.stack ?? error}`);
} finally {
  await browser.close().catch(() => {});
  await server?.close();
}

console.log(`${failures === 0 ? 'PASS' : 'FAIL'}  Firefox smoke test, ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
process.exit(failures === 0 ? 0 : 1);
