// `npm start` (after `npm run build`): serves the built PWA on localhost. With a
// display and a Chromium, opens Chromium with the extension loaded, the portal
// and the PWA side by side; otherwise prints how to load the extension by hand.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findChromium } from './find-chromium.js';
import { startStaticServer } from './static-server.js';

const port = Number(process.env.PORT ?? 5173);
const server = await startStaticServer({ root: resolve('dist/pwa'), mount: '/', port, host: process.env.HOST ?? 'localhost' });
const extension = realpathSync('dist/extension');
const chromium = findChromium();
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

/** Chromium's id for an unpacked extension: SHA-256 of its absolute path, first 32 hex digits written a–p. */
function unpackedExtensionId(path) {
  const hex = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

const profiles = [];
const browsers = [];
// Chromium refuses to run as root without --no-sandbox.
const rootFlags = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
/** Starts Chromium on a throw-away profile (the person's own is never touched), at `x`, `width` wide. */
function openChromium(x, width, args) {
  const profile = mkdtempSync(join(tmpdir(), 'msp-portal-start-'));
  profiles.push(profile);
  const flags = [`--user-data-dir=${profile}`, '--no-first-run', '--no-default-browser-check', `--window-position=${x},0`, `--window-size=${width},860`];
  browsers.push(spawn(chromium, [...flags, ...rootFlags, ...args], { stdio: 'ignore' }));
  return profile;
}

if (hasDisplay && chromium && !process.env.NO_BROWSER) {
  const portalUrl = `chrome-extension://${unpackedExtensionId(extension)}/extension/portal/index.html`;
  // Two browsers, as two devices: the desktop with the extension, and the PWA at phone width in its own
  // profile (a second launch on the same profile would ignore its window position and size).
  // Chrome (not Chromium) 137+ ignores --load-extension unless that feature is off.
  const desktop = openChromium(0, 1100, [`--load-extension=${extension}`, '--disable-features=DisableLoadExtensionCommandLineSwitch']);
  // A URL given at launch can be opened before the extension has loaded (ERR_BLOCKED_BY_CLIENT):
  // hand the portal to the running browser a moment later instead; it opens as a new tab.
  setTimeout(() => spawn(chromium, [`--user-data-dir=${desktop}`, ...rootFlags, portalUrl], { stdio: 'ignore' }), 3000);
  openChromium(1110, 430, [`--app=${server.url}`]);
  console.log(`
Chromium is opening two windows, on throw-away profiles:
  the portal (extension loaded)   ${portalUrl}
  the authenticator PWA           ${server.url}
Sign in with a demo account the login page lists and open Profile; then, in the
authenticator, Add account → Enter the key (or From an image, with a screenshot of the QR code).

Press Ctrl+C to stop.`);
} else {
  console.log(`
The authenticator PWA is served at:  ${server.url}

The portal extension is built in:     ${extension}   (Chrome, Edge)
                                      ${resolve('dist/firefox')}     (Firefox)
To load it in Chrome:
  1. Open chrome://extensions and switch on "Developer mode" (top right).
  2. Click "Load unpacked" and choose the folder above.
  3. Click the extension's toolbar button (pin it from the puzzle-piece menu) to open the portal.
In Firefox: open about:debugging#/runtime/this-firefox, "Load Temporary Add-on...",
and pick dist/firefox/manifest.json.
${hasDisplay ? '' : '(No display found: DISPLAY and WAYLAND_DISPLAY are unset, so no browser was opened.)\n'}${chromium ? '' : '(No Chromium found: set CHROMIUM_PATH to open one with the extension loaded.)\n'}
Press Ctrl+C to stop.`);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    void server.close(); // not awaited: an open browser may hold a keep-alive connection
    // Close the browsers we opened, then delete their profiles.
    await Promise.all(browsers.filter((b) => b.exitCode === null).map((b) => new Promise((done) => b.once('exit', done).kill())));
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
    process.exit(0);
  });
}
