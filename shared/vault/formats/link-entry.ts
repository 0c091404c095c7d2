/**
 * Reading an `otpauth://` link of another app's export where the Key URI
 * parser alone is not enough: a Steam link (Ente Auth writes
 * `otpauth://steam/...`, Authenticator Pro a totp link marked `steam`), and
 * the name of a link that could not be read, for the import preview.
 */
import { parseOtpauthUri } from '../../otp/otpauth-uri';
import type { OtpAccount } from '../../otp/types';
import { describeEntryName, readEntry } from './entry';

/** Everything after the scheme and the type: the label, then the parameters. */
const SCHEME_AND_TYPE = /^otpauth:\/\/[^/?#]*\/?/i;

/** Percent-decodes, or returns '' for a broken escape. */
function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return '';
  }
}

/**
 * A Steam account from a link: its names and secret, read as the Key URI
 * parser reads them, and type `steam` (Steam's codes are fixed, 5 characters,
 * SHA1, 30 s, so the link's digits, algorithm and period do not count).
 *
 * @throws AppError as `parseOtpauthUri` and `readEntry` do (`entry_type_unsupported`
 *   where the app has no Steam type).
 */
export function readSteamLink(link: string): OtpAccount {
  const asTotp = link.trim().replace(SCHEME_AND_TYPE, 'otpauth://totp/').replace(/([?&])(digits|algorithm|period|counter)=[^&#]*/gi, '$1');
  const { secret, issuer, label } = parseOtpauthUri(asTotp);
  return readEntry({ type: 'steam', secret, issuer, label });
}

/**
 * "Issuer: account" of a link, as the preview lists an entry that could not be
 * read ('' when the link has no readable names). Never the secret.
 */
export function describeLinkName(link: string): string {
  // Any other line might be a bare secret: it is never quoted.
  if (!SCHEME_AND_TYPE.test(link.trim())) return '';
  const rest = link.trim().replace(SCHEME_AND_TYPE, '').split('#')[0] ?? '';
  const [path = '', query = ''] = rest.split('?');
  const issuerParam = query
    .split('&')
    .find((pair) => pair.toLowerCase().startsWith('issuer='))
    ?.slice('issuer='.length);
  const label = decode(path);
  const colon = label.indexOf(':');
  const issuer = issuerParam !== undefined ? decode(issuerParam.replace(/\+/g, ' ')) : colon === -1 ? '' : label.slice(0, colon);
  return describeEntryName(issuer, colon === -1 ? label : label.slice(colon + 1));
}
