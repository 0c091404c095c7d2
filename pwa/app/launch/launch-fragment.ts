/**
 * What the app is asked to do when the operating system or another page opens
 * it (issue 14), read from the URL's fragment. Every way in uses the fragment,
 * never the query string: a fragment is not sent to the server, so a link
 * with a secret in it stays out of every server log. Pure, so a Node test
 * covers every case; `launch-inbox.ts` takes the fragment out of the address.
 *
 * The contract, for the portal and anyone else who links to the app:
 *
 * - `#add=<link>`: the `web+otpauth` protocol handler (`./#add=%s`). The
 *   browser puts the whole clicked link, percent-encoded, in place of `%s`:
 *   `#add=web%2Botpauth%3Aotpauth%3A%2F%2Ftotp%2F...`. A plain
 *   `#add=<percent-encoded otpauth:// link>` works too. The app shows the add
 *   screen's "Paste a link" with the link filled in, for one "Add account".
 * - `#shortcut=scan`, `#shortcut=key`: the manifest's shortcuts.
 * - `#share=<id>`, `#share-error=empty|unreadable`: the service worker after a
 *   share (pwa/sw/share-target.ts).
 */
import { LAUNCH_FRAGMENT } from './launch-fragment-names';

export { LAUNCH_FRAGMENT };

/** Why a share reached the app without files: no file came with it, or the form could not be read. */
export type ShareError = 'empty' | 'unreadable';

/** The ways of adding a shortcut can open. */
export type ShortcutMethod = 'scan' | 'key';

/** What a fragment asks the app to do. */
export type LaunchFragment =
  /** Open the add screen on this way of adding. */
  | { kind: 'add'; method: ShortcutMethod }
  /** Open "Paste a link" filled with `link` (not checked yet: the add screen checks it). */
  | { kind: 'add-link'; link: string }
  /** Take the files of share `id` from the share cache. */
  | { kind: 'share'; id: string }
  /** A share came without a file, or its form could not be read. */
  | { kind: 'share-failed'; reason: ShareError };

/** The scheme the protocol handler is registered for. */
export const OTPAUTH_PROTOCOL = 'web+otpauth';
const PROTOCOL_PREFIX = /^\s*web\+otpauth:/i;

/** Percent-decodes, or keeps the text as it is when it is not valid percent-encoding (the add screen then says what is wrong). */
function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Reads a location's fragment (`location.hash`, with or without its `#`).
 * Returns null for a fragment that is none of the app's, which is left alone.
 */
export function readLaunchFragment(hash: string): LaunchFragment | null {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const equals = fragment.indexOf('=');
  if (equals < 0) return null;
  const name = fragment.slice(0, equals);
  // Everything after the first "=" is the value: a link may hold "=" and "&" of its own.
  const value = fragment.slice(equals + 1);
  switch (name) {
    case LAUNCH_FRAGMENT.addLink:
      // Once decoded: the browser encodes the clicked link once. Its own escapes (%40 in a label) stay for the parser.
      return { kind: 'add-link', link: decode(value).replace(PROTOCOL_PREFIX, '').trim() };
    case LAUNCH_FRAGMENT.shortcut:
      return value === 'scan' || value === 'key' ? { kind: 'add', method: value } : null;
    case LAUNCH_FRAGMENT.share:
      return /^[\w-]{1,64}$/.test(value) ? { kind: 'share', id: value } : { kind: 'share-failed', reason: 'unreadable' };
    case LAUNCH_FRAGMENT.shareError:
      return { kind: 'share-failed', reason: value === 'empty' ? 'empty' : 'unreadable' };
    default:
      return null;
  }
}
