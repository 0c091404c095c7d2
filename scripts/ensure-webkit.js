// Makes sure WebKit is there before the WebKit tests run (test/webkit/). Playwright's
// own WebKit cannot be downloaded here, so we use Debian's: WebKitWebDriver
// (webkit2gtk-driver) drives the MiniBrowser of libwebkit2gtk-4.1, on the X server
// xvfb-run starts (xvfb, xauth). Installed with apt-get when we are root,
// otherwise we say exactly what to install. `findWebKit()` is also what the
// tests launch, so both agree.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { aptInstallBrowser } from './apt-install.js';

/** The Debian packages the WebKit tests need. */
export const WEBKIT_PACKAGES = ['webkit2gtk-driver', 'xvfb', 'xauth'];

/** Where libwebkit2gtk-4.1 puts its MiniBrowser, by architecture; WEBKIT_MINIBROWSER overrides. */
const MINIBROWSER_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/libexec/webkit2gtk-4.1/MiniBrowser',
];

/** The first directory of PATH holding `name`, joined with it. */
function onPath(name) {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .map((dir) => join(dir, name))
    .find((path) => existsSync(path));
}

/**
 * Where the WebKit tests' programs are, or undefined when one is missing.
 * @returns {{ driver: string, miniBrowser: string, xvfbRun: string } | undefined}
 */
export function findWebKit() {
  const driver = onPath('WebKitWebDriver');
  const fromEnv = process.env.WEBKIT_MINIBROWSER;
  const miniBrowser = fromEnv ? (existsSync(fromEnv) ? fromEnv : undefined) : MINIBROWSER_CANDIDATES.find((path) => existsSync(path));
  const xvfbRun = onPath('xvfb-run');
  // xvfb-run -a needs xauth to hand the display's cookie to its clients.
  const xauth = onPath('xauth');
  return driver && miniBrowser && xvfbRun && xauth ? { driver, miniBrowser, xvfbRun } : undefined;
}

function ensureWebKit() {
  if (findWebKit()) return 0;
  if (process.env.WEBKIT_MINIBROWSER && !existsSync(process.env.WEBKIT_MINIBROWSER)) {
    console.error(`WEBKIT_MINIBROWSER is set to ${process.env.WEBKIT_MINIBROWSER}, but no file is there.`);
    return 1;
  }
  if (aptInstallBrowser(WEBKIT_PACKAGES, 'WebKit', findWebKit)) return 0;
  console.error(
    [
      'The WebKit tests need WebKitWebDriver, its MiniBrowser, Xvfb and xauth, and one is missing.',
      `Install them with:   sudo apt-get install ${WEBKIT_PACKAGES.join(' ')}`,
      'or point WEBKIT_MINIBROWSER at a WebKitGTK MiniBrowser.',
    ].join('\n'),
  );
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exit(ensureWebKit());
}
