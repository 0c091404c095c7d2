/**
 * The Link to QR window: one admin's QR code, opened from the Admins tab in an
 * additional window. The URL names only the admin; the owner's session comes
 * from localStorage, which this window shares with the portal tab.
 */
import { render } from 'preact';
import { createPortal } from '../../../shared/portal';
import type { UserId } from '../../../shared/portal/model';
import { readStoredToken, SESSION_STORAGE_KEY } from '../model/session';
import { QrWindow } from './QrWindow';
import { QR_WINDOW_ADMIN_PARAM } from './qr-window-path';
import '../portal.css';
import '../admin-pages.css';

const api = createPortal();
const adminId = (new URLSearchParams(location.search).get(QR_WINDOW_ADMIN_PARAM) ?? '') as UserId;
const root = document.getElementById('app')!;

/** Shows the window for the session stored now. */
function show(): void {
  render(<QrWindow api={api} token={readStoredToken() ?? ''} adminId={adminId} />, root);
}

show();
// When the owner signs out (or someone else signs in) in another tab, the
// window asks again with the new session, so the secret does not outlive it.
window.addEventListener('storage', (event) => {
  if (event.key === SESSION_STORAGE_KEY || event.key === null) show();
});
