/**
 * Making this browser open `web+otpauth:` links in the app (issue 14): an
 * installed app is registered by its manifest's `protocol_handlers`; a
 * browser tab asks with `navigator.registerProtocolHandler`, which Chromium
 * and Firefox have (behind a prompt of theirs) and WebKit does not.
 */
import { LAUNCH_FRAGMENT, OTPAUTH_PROTOCOL } from '../launch/launch-fragment';

/**
 * The handler URL for the app at `appUrl`: the link goes in the fragment
 * (`#add=%s`), so it never reaches a server. Same as the manifest's.
 */
export function otpauthHandlerUrl(appUrl: string): string {
  const url = new URL('./', appUrl);
  return `${url.origin}${url.pathname}#${LAUNCH_FRAGMENT.addLink}=%s`;
}

/** Whether this browser can be asked to open `web+otpauth:` links here. */
export function canRegisterOtpauthLinks(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.registerProtocolHandler === 'function';
}

/**
 * Asks the browser to open `web+otpauth:` links in this app. The browser
 * decides (it may ask the person); nothing tells the page the answer.
 *
 * @throws the browser's error (a SecurityError) if it refuses the request outright.
 */
export function registerOtpauthLinks(): void {
  navigator.registerProtocolHandler(OTPAUTH_PROTOCOL, otpauthHandlerUrl(location.href));
}
