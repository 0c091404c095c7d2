/**
 * Acme Authenticator, our own authenticator app, offered beside the apps the
 * article names (issue 14): a link to its address, and, behind a disclosure so
 * that a camera pointed at the page finds only the account's code, a QR code
 * of that address for a phone to open it and add it to its home screen.
 */
import { isLoopbackAddress } from '../../../shared/family/pwa-address';
import { ACME_AUTHENTICATOR } from '../pwa-address';
import { QrCode } from './QrCode';

/** Props of {@link InstallAcmeAuthenticator}. */
export interface InstallAcmeAuthenticatorProps {
  /** Where Acme Authenticator is published (`PWA_URL` at build time). */
  pwaUrl: string;
}

/** The install link and the install QR code of Acme Authenticator. */
export function InstallAcmeAuthenticator({ pwaUrl }: InstallAcmeAuthenticatorProps) {
  return (
    <div class="install-app">
      <a class="button button--secondary button--small" href={pwaUrl} target="_blank" rel="noopener noreferrer">
        Install {ACME_AUTHENTICATOR}
        <span class="visually-hidden"> (opens in a new tab)</span>
      </a>
      <details class="install-app__phone">
        <summary>Show a QR code to install it on your phone</summary>
        <div class="install-app__qr">
          <QrCode value={pwaUrl} label={`QR code to install ${ACME_AUTHENTICATOR}`} minSize={160} />
          <p>
            Scan it with your phone's camera to open <span class="install-app__address">{pwaUrl}</span>, then add{' '}
            {ACME_AUTHENTICATOR} to your home screen.
          </p>
          {isLoopbackAddress(pwaUrl) && (
            <p class="install-app__note">
              This address is this computer's own, so a phone cannot open it. To use {ACME_AUTHENTICATOR} on a phone, ask
              your administrator for the address where it is published.
            </p>
          )}
        </div>
      </details>
    </div>
  );
}
