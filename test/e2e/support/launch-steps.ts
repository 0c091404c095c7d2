/**
 * Steps for the tests of the app in the operating system (issue 14): a phone
 * profile on disk (installing, protocol handlers and the service worker's
 * share target need one), and the handler URL as the browser builds it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, devices, expect, type BrowserContext } from '@playwright/test';
import { chromiumPath, QUIET_ARGS } from './chromium';

/** A phone-sized Chrome on the profile folder `profile` (installability and handlers need a real profile). */
export function launchPhoneProfile(profile: string, args: string[] = []): Promise<BrowserContext> {
  const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = devices['Pixel 7'];
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: [...QUIET_ARGS, ...args],
    viewport,
    userAgent,
    deviceScaleFactor,
    isMobile,
    hasTouch,
  });
}

/**
 * The page Chromium opens for a click on `web+otpauth:<link>` once the app at
 * `pwaUrl` handles the scheme: the handler URL `<app>#add=%s` with the whole
 * clicked URL, percent-encoded, in place of `%s`.
 */
export function handlerUrl(pwaUrl: string, link: string): string {
  return `${pwaUrl}#add=${encodeURIComponent(`web+otpauth:${link}`)}`;
}

/**
 * Registers the app at `pwaUrl` as the `web+otpauth` handler in a Chromium
 * profile that has not started yet, the way Chromium stores an accepted
 * `registerProtocolHandler` prompt (Default/Preferences, `custom_handlers`):
 * headless Chromium has no prompt to click.
 */
export async function registerHandlerInProfile(profile: string, pwaUrl: string): Promise<void> {
  await mkdir(join(profile, 'Default'), { recursive: true });
  const handler = { protocol: 'web+otpauth', url: `${pwaUrl}#add=%s`, default: true, last_modified: '13300000000000000' };
  await writeFile(join(profile, 'Default', 'Preferences'), JSON.stringify({ custom_handlers: { enabled: true, registered_protocol_handlers: [handler] } }));
}

/** The width and height a PNG's header declares. */
export function pngSize(png: Buffer): string {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`;
}
