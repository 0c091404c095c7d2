// Makes sure a Firefox is there before the Firefox smoke test runs. Nothing can
// download a browser here, so we use Debian's firefox-esr: installed with
// apt-get when we are root, otherwise we say exactly what to install.
// `findFirefox()` is also what test/firefox/smoke.mjs launches, so both agree.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { aptInstallBrowser } from './apt-install.js';

/** Candidate paths, most specific first. FIREFOX_PATH overrides everything. */
const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/usr/lib/firefox-esr/firefox-esr', '/snap/bin/firefox'];

/**
 * Returns the path of a Firefox executable, or undefined when none is found.
 * @returns {string | undefined}
 */
export function findFirefox() {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

function ensureFirefox() {
  if (findFirefox()) return 0;
  if (process.env.FIREFOX_PATH) {
    console.error(`FIREFOX_PATH is set to ${process.env.FIREFOX_PATH}, but no file is there.`);
    return 1;
  }
  if (aptInstallBrowser('firefox-esr', 'Firefox', findFirefox)) return 0;
  console.error(
    [
      'The Firefox smoke test needs Firefox (ESR 140 or newer), and none was found.',
      'Install it with:   sudo apt-get install firefox-esr',
      'or point FIREFOX_PATH at a Firefox executable, e.g.',
      '  FIREFOX_PATH=/path/to/firefox npm run test:firefox',
    ].join('\n'),
  );
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exit(ensureFirefox());
}
