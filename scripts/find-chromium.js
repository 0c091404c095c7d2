// Where the Chromium for tests and `npm start` lives. One place, so the test
// harness, `npm start` and `ensure-chromium` agree.
import { existsSync } from 'node:fs';

/** Candidate paths, most specific first. CHROMIUM_PATH overrides everything. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium', '/usr/bin/google-chrome'];

/**
 * Returns the path of a Chromium executable, or undefined when none is found.
 * @returns {string | undefined}
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}
