import { findChromium } from '../../../scripts/find-chromium.js';

/** Debian's Chromium (or CHROMIUM_PATH); Playwright cannot download its own here. */
export function chromiumPath(): string {
  const path = findChromium();
  if (!path) throw new Error('No Chromium found: run `node scripts/ensure-chromium.js` or set CHROMIUM_PATH.');
  return path;
}

/**
 * Flags that keep Chromium quiet on a machine with no network but the package
 * registries: without them it keeps dialling Google's services.
 */
export const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
