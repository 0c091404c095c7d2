/**
 * Where the authenticator PWA lives, as the portal names it (issue 14): its
 * install link and the QR code a phone scans to open it. The address is fixed
 * when the extension is built, from the `PWA_URL` environment variable
 * (vite.config.ts), and checked here so a typo fails the build instead of
 * shipping a dead link.
 */

/** The address `npm start` serves the PWA at (scripts/start.js): the one used when `PWA_URL` is not set. */
export const DEFAULT_PWA_URL = 'http://localhost:5173/';

/** An example of a good value, for the build's error messages. */
const EXAMPLE = 'https://authenticator.example.com/';

/**
 * Returns the PWA's address from the raw `PWA_URL` value, normalised by the
 * URL parser (`https://host` becomes `https://host/`), or {@link DEFAULT_PWA_URL}
 * when it is not set.
 *
 * Refused, each with a message saying what to set instead: an empty value
 * (a CI variable that was meant to be filled in), anything that is not an
 * absolute http:// or https:// address, a user name or password (the address
 * is printed in a QR code anyone near the screen can read), and a `#fragment`
 * (the PWA's link handler puts its own `#add=` there).
 *
 * @param raw The variable's value, or undefined when it is not set.
 * @throws Error naming `PWA_URL`, for the build to stop on. This is a build
 *   setting for a developer, not user input, so it is not an `AppError`.
 */
export function parsePwaUrl(raw: string | undefined): string {
  if (raw === undefined) return DEFAULT_PWA_URL;
  const fail = (why: string): never => {
    throw new Error(`PWA_URL ${why}. Set it to the address where the authenticator PWA is published, such as ${EXAMPLE}, or leave it unset for ${DEFAULT_PWA_URL}.`);
  };
  if (raw.trim() === '') fail('is set but empty');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(`is not an absolute address: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`must start with https:// or http://, not ${JSON.stringify(url.protocol)}`);
  // Checked before the address is quoted back: a password must not reach a build log.
  if (url.username !== '' || url.password !== '') fail('must not carry a user name or password');
  if (url.hash !== '' || raw.includes('#')) fail(`must not carry a #fragment: ${JSON.stringify(raw)}`);
  return url.href;
}

/**
 * Whether the address names this computer (localhost, 127.0.0.0/8, [::1]): a
 * phone that scans it opens itself, not the computer, so the portal says so
 * beside the QR code.
 * @param pwaUrl An address {@link parsePwaUrl} returned.
 */
export function isLoopbackAddress(pwaUrl: string): boolean {
  const host = new URL(pwaUrl).hostname;
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}
