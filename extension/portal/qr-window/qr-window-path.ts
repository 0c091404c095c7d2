/**
 * Where the admin's QR window lives. Only the admin's id goes into the URL,
 * never the secret: the window asks the domain for it, which audits the view.
 */

/** The QR window page, relative to the extension's root. */
export const QR_WINDOW_PATH = 'extension/portal/qr-window/index.html';

/** The QR window's size: room for a QR code large enough to scan at arm's length, and the key beneath it. */
export const QR_WINDOW_SIZE = { width: 480, height: 760 } as const;

/** The query parameter that names the admin whose QR code the window shows. */
export const QR_WINDOW_ADMIN_PARAM = 'admin';

/**
 * Returns the QR window's path for one admin, relative to the extension's root.
 * @param adminId The admin's user id.
 */
export function adminQrWindowPath(adminId: string): string {
  return `${QR_WINDOW_PATH}?${new URLSearchParams({ [QR_WINDOW_ADMIN_PARAM]: adminId })}`;
}

/**
 * Returns the QR window's URL relative to the portal page (extension/portal/index.html),
 * for the link's `href`, so the link still works when opened in a tab.
 * @param adminId The admin's user id.
 */
export function adminQrWindowHref(adminId: string): string {
  return `qr-window/index.html?${new URLSearchParams({ [QR_WINDOW_ADMIN_PARAM]: adminId })}`;
}
