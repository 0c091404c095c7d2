// Makes sure a Chromium is there before the end-to-end tests run. Playwright
// cannot download its own browser here, so we use Debian's package: installed
// with apt-get when we are root, otherwise we say exactly what to install.
import { aptInstallBrowser } from './apt-install.js';
import { findChromium } from './find-chromium.js';

const found = findChromium();
if (found) {
  process.exit(0);
}
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH is set to ${process.env.CHROMIUM_PATH}, but no file is there.`);
  process.exit(1);
}
if (aptInstallBrowser('chromium', 'Chromium', findChromium)) process.exit(0);
console.error(
  [
    'The end-to-end tests need Chromium, and none was found.',
    'Install it with:   sudo apt-get install chromium',
    'or point CHROMIUM_PATH at a Chromium or Chrome executable, e.g.',
    '  CHROMIUM_PATH=/path/to/chrome npm test',
  ].join('\n'),
);
process.exit(1);
