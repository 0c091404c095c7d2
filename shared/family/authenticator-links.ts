/**
 * Links that open an account in an authenticator app on this device (issue
 * 14), offered beside a QR code whose secret is already on screen: the same
 * exposure, no new one. The link is never logged, put in a URL sent to a
 * server, or shown for an account other than the viewer's own.
 *
 * The contract with Acme Authenticator (pwa/): the PWA registers itself as the
 * handler of the `web+otpauth` scheme with the handler URL
 * {@link protocolHandlerUrl} (`<PWA address>#add=%s`). The browser then turns
 * `web+otpauth:otpauth://totp/...` into `<PWA address>#add=` + the whole link,
 * percent-encoded (`web%2Botpauth%3Aotpauth%3A%2F%2F...`): in the fragment, so
 * the secret never reaches the server's logs.
 */
import { AppError } from '../errors';

/** The scheme Acme Authenticator handles (`navigator.registerProtocolHandler` allows `web+` schemes). */
export const WEB_OTPAUTH_SCHEME = 'web+otpauth';

/** Where an account's links lead. */
export interface AuthenticatorLinks {
  /** `web+otpauth:` + the otpauth URI: opens Acme Authenticator where it handles the scheme. */
  acmeAuthenticator: string;
  /** The plain `otpauth://` URI: opens the native authenticator app the system has for it. */
  otherApp: string;
}

/**
 * Returns the "open in" links of one account.
 * @param otpauthUri The account's Key URI, exactly as its QR code holds it.
 * @throws AppError `not_otpauth_uri` for anything that is not an `otpauth://`
 *   link, so no other scheme (`javascript:`...) can become a link's target.
 */
export function buildAuthenticatorLinks(otpauthUri: string): AuthenticatorLinks {
  if (!/^otpauth:\/\/[^\s]+$/i.test(otpauthUri)) throw new AppError('not_otpauth_uri');
  return { acmeAuthenticator: `${WEB_OTPAUTH_SCHEME}:${otpauthUri}`, otherApp: otpauthUri };
}

/**
 * The handler URL Acme Authenticator registers for {@link WEB_OTPAUTH_SCHEME}:
 * the link goes in the fragment (`#add=%s`), which browsers never send to the
 * server.
 * @param pwaUrl The PWA's address (see `parsePwaUrl`), without a fragment.
 */
export function protocolHandlerUrl(pwaUrl: string): string {
  return `${pwaUrl}#add=%s`;
}
