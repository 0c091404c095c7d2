/**
 * The portal's clipboard: the authenticator's own model (pwa/app/model/clipboard.ts),
 * so a copied secret key or set of recovery codes is cleared after 30 seconds
 * if the clipboard still holds it, exactly as a copied code is in the app.
 * One for the page, so a second copy replaces the first one's timer.
 */
import { createClipboard } from '../../../pwa/app/model/clipboard';

export { CLIPBOARD_CLEAR_MS } from '../../../pwa/app/model/clipboard';

/** Copies text and clears it from the clipboard again after {@link CLIPBOARD_CLEAR_MS}. */
export const portalClipboard = createClipboard();
