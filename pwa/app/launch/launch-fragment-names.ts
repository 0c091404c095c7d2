/**
 * The names of the app's fragment parameters (launch-fragment.ts says what
 * each means). On their own, so the first load (launch-inbox.ts) and the
 * service worker's script carry the names without the parser.
 */
export const LAUNCH_FRAGMENT = Object.freeze({
  /** A `web+otpauth:` or `otpauth://` link to add. */
  addLink: 'add',
  /** A manifest shortcut: which way of adding to open. */
  shortcut: 'shortcut',
  /** A share's id in the share cache. */
  share: 'share',
  /** Why a share brought no file. */
  shareError: 'share-error',
});
