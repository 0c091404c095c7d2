/**
 * Opening additional windows of the extension. The one module of the portal's
 * pages that talks to the browser's window API, so components stay plain.
 */
import browser from 'webextension-polyfill';

/** The size of an additional window, in CSS pixels. */
export interface WindowSize {
  width: number;
  height: number;
}

/**
 * Opens a page of this extension in an additional popup window (the
 * article's "additional screen").
 * @param path The page's path inside the extension, e.g. `extension/portal/qr-window/index.html?admin=…`.
 * @param size The window's size.
 */
export async function openExtensionWindow(path: string, size: WindowSize): Promise<void> {
  await browser.windows.create({ url: browser.runtime.getURL(path), type: 'popup', ...size });
}
