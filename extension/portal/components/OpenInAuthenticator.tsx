/**
 * "Open in Acme Authenticator" and "Open in another authenticator app": the
 * account's `otpauth://` link, for an authenticator on this device instead of
 * a camera (issue 14). Render it only beside a QR code of the viewer's own
 * account whose secret key is already on screen: the links carry that secret,
 * so they add no exposure only there. Nothing here logs them.
 */
import { useId } from 'preact/hooks';
import { buildAuthenticatorLinks } from '../../../shared/family/authenticator-links';
import { ACME_AUTHENTICATOR } from '../pwa-address';

/** Props of {@link OpenInAuthenticator}. */
export interface OpenInAuthenticatorProps {
  /** The account's Key URI, exactly as its QR code holds it. */
  uri: string;
}

/** Two links that hand the account to an authenticator app on this device. */
export function OpenInAuthenticator({ uri }: OpenInAuthenticatorProps) {
  const labelId = useId();
  const hintId = useId();
  const links = buildAuthenticatorLinks(uri);
  return (
    <div class="open-in" role="group" aria-labelledby={labelId} aria-describedby={hintId}>
      <span class="open-in__label" id={labelId}>
        Or add it on this device
      </span>
      <div class="open-in__links">
        {/* A new tab: the browser turns web+otpauth: into the authenticator's page, which would otherwise replace the portal. */}
        <a class="button button--secondary button--small" href={links.acmeAuthenticator} target="_blank" rel="noopener noreferrer">
          Open in {ACME_AUTHENTICATOR}
          <span class="visually-hidden"> (opens in a new tab)</span>
        </a>
        <a class="button button--secondary button--small" href={links.otherApp}>
          Open in another authenticator app
        </a>
      </div>
      <p class="open-in__hint" id={hintId}>
        {ACME_AUTHENTICATOR} opens the link once it is installed on this device, or allowed in its Settings to open
        authenticator links. Another app opens it if this device has one that does.
      </p>
    </div>
  );
}
