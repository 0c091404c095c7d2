import { useEffect, useState } from 'preact/hooks';
import type { UserId } from '../../../shared/portal/model';
import type { EnrollmentView, PortalApi } from '../../../shared/portal/portal-api';
import { QrCode } from '../components/QrCode';
import { SecretKey } from '../components/SecretKey';
import { Alert } from '../components/Alert';
import { errorMessage } from '../model/errors';
import { ACME_AUTHENTICATOR, PWA_URL } from '../pwa-address';

/** Props of {@link QrWindow}. */
export interface QrWindowProps {
  /** The portal's operations. */
  api: PortalApi;
  /** The owner's session token (shared with the portal tab through localStorage). */
  token: string;
  /** The admin whose QR code to show, from the window's URL. */
  adminId: UserId;
}

/** Where the window stands. */
type QrWindowState =
  | { status: 'loading' }
  | { status: 'shown'; enrollment: EnrollmentView }
  | { status: 'failed'; message: string };

/** The window's title while it shows an admin's QR code. */
function titleFor(email: string): string {
  return `QR code for ${email} – Acme MSP Portal`;
}

/**
 * The article's "additional screen": a reseller admin's QR code, labelled with
 * their email, with the secret key beneath it, so the admin can scan it or type
 * it. The secret comes from the domain, which allows it only to the owner and
 * only while the admin's enrollment is pending, and records every view.
 */
export function QrWindow({ api, token, adminId }: QrWindowProps) {
  const [state, setState] = useState<QrWindowState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    api.viewAdminQr(token, adminId, Date.now()).then(
      (enrollment) => {
        if (!live) return;
        document.title = titleFor(enrollment.email);
        setState({ status: 'shown', enrollment });
      },
      (e: unknown) => {
        if (live) setState({ status: 'failed', message: errorMessage(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [api, token, adminId]);

  if (state.status === 'loading') {
    return (
      <main class="qr-window" aria-busy="true">
        <p role="status">Loading the QR code…</p>
      </main>
    );
  }

  if (state.status === 'failed') {
    return (
      <main class="qr-window">
        <h1>The QR code cannot be shown</h1>
        <Alert tone="error">
          <p>{state.message}</p>
        </Alert>
        <p>Close this window and use Link to QR on the Admins tab again.</p>
        <button type="button" class="button button--secondary" onClick={() => window.close()}>
          Close window
        </button>
      </main>
    );
  }

  // No "Open in … app" links here, unlike Profile: this window shows another admin's secret, for
  // that admin's phone to scan. A link would add it to an app on the owner's device, a copy the
  // admin does not hold (permissions.ts: the owner's own account is set up on Profile, never here).
  const { email, uri, secret } = state.enrollment;
  return (
    <main class="qr-window">
      <p class="qr-window-kicker">Acme MSP · Reseller Admin QR code</p>
      <h1 class="qr-window-email">{email}</h1>
      <QrCode value={uri} label={`QR code for ${email}`} minSize={280} class="qr-window-code" />
      <SecretKey secret={secret} />
      <h2>Set up the authenticator</h2>
      <ol class="steps">
        <li>
          Open an authenticator app on your phone, such as Google Authenticator, Authy, LastPass or {ACME_AUTHENTICATOR} (
          <a href={PWA_URL} target="_blank" rel="noopener noreferrer" aria-label={`${ACME_AUTHENTICATOR} at ${PWA_URL} (opens in a new tab)`}>
            {PWA_URL}
          </a>
          ).
        </li>
        <li>Scan this QR code with it, or type the secret key shown beneath the code.</li>
        <li>At your next sign-in, after your password, enter the 6-digit code the app shows to finish turning on MFA.</li>
      </ol>
      <p class="qr-window-note">
        Anyone who sees this code can make your sign-in codes: keep it private, and close this window once the code is in
        your app.
      </p>
      <button type="button" class="button button--secondary" onClick={() => window.close()}>
        Close window
      </button>
    </main>
  );
}
