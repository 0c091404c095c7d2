/**
 * What kind of thing a QR code (or a pasted text) holds when it is not an
 * authenticator link: Wi-Fi network details, a web address, a contact card...
 *
 * The add flow names the kind in its error instead of quoting the content: a
 * Wi-Fi code holds the network's password, a contact card someone's phone
 * number, a payment request an account number (issue 14). The kind is read
 * from the well-known prefixes of the common QR payloads (ZXing's "barcode
 * contents" list: `WIFI:`, `MECARD:`, `BEGIN:VCARD`, `mailto:`, `tel:`,
 * `smsto:`, `geo:`, `BEGIN:VEVENT`...), never by looking further in.
 */

/** The kinds of content a non-authenticator QR code is told apart by. */
export type QrContentKind =
  | 'wifi'
  | 'web-address'
  | 'contact'
  | 'email'
  | 'phone'
  | 'sms'
  | 'location'
  | 'calendar-event'
  | 'payment'
  | 'app-link'
  | 'text';

/**
 * How a message names each kind, to follow "holds": "This QR code holds
 * Wi-Fi network details, not an authenticator account."
 */
export const QR_CONTENT_DESCRIPTIONS: Readonly<Record<QrContentKind, string>> = {
  wifi: 'Wi-Fi network details',
  'web-address': 'a web address',
  contact: 'a contact card',
  email: 'an e-mail address or message',
  phone: 'a phone number',
  sms: 'a text message',
  location: 'a map location',
  'calendar-event': 'a calendar event',
  payment: 'a payment request',
  'app-link': 'a link for another app',
  text: 'plain text',
};

/** Prefixes (lower case) that name a kind, checked in order against the trimmed, lower-cased text. */
const PREFIXES: ReadonlyArray<readonly [string, QrContentKind]> = [
  ['wifi:', 'wifi'],
  ['http://', 'web-address'],
  ['https://', 'web-address'],
  ['www.', 'web-address'],
  ['urlto:', 'web-address'],
  ['begin:vcard', 'contact'],
  ['mecard:', 'contact'],
  ['bizcard:', 'contact'],
  ['mailto:', 'email'],
  ['matmsg:', 'email'],
  ['smtp:', 'email'],
  ['tel:', 'phone'],
  ['sms:', 'sms'],
  ['smsto:', 'sms'],
  ['mms:', 'sms'],
  ['mmsto:', 'sms'],
  ['geo:', 'location'],
  ['begin:vevent', 'calendar-event'],
  ['begin:vcalendar', 'calendar-event'],
  ['bitcoin:', 'payment'],
  ['bitcoincash:', 'payment'],
  ['ethereum:', 'payment'],
  ['litecoin:', 'payment'],
  ['monero:', 'payment'],
  ['lightning:', 'payment'],
  ['upi://', 'payment'],
];

/** The European Payments Council's SEPA transfer code: "BCD", a version line, "SCT" (EPC069-12). */
const EPC_PAYMENT = /^bcd\r?\n\d{3}\r?\n\d\r?\nsct\b/;
/** A bare e-mail address: something, "@", a domain with a dot, and nothing else. */
const BARE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A bare phone number: "+", digits and the usual separators, and nothing else. */
const BARE_PHONE = /^\+\d[\d ()./-]{5,}$/;
/** Any other URI with a scheme and "//" (market://, intent://, an app's own scheme). */
const OTHER_URI = /^[a-z][a-z\d+.-]*:\/\//;

/**
 * Returns the kind of content `text` holds, from its prefix alone. Anything
 * not recognised is `text`. Does not look for authenticator links: callers
 * ask `isKeyUriText` first.
 */
export function classifyQrContent(text: string): QrContentKind {
  const start = text.trim().toLowerCase();
  for (const [prefix, kind] of PREFIXES) if (start.startsWith(prefix)) return kind;
  if (EPC_PAYMENT.test(start)) return 'payment';
  if (BARE_EMAIL.test(start)) return 'email';
  if (BARE_PHONE.test(start)) return 'phone';
  if (OTHER_URI.test(start)) return 'app-link';
  return 'text';
}

/** Whether `value` is one of the kinds (for a message built from plain error details). */
export function isQrContentKind(value: unknown): value is QrContentKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(QR_CONTENT_DESCRIPTIONS, value);
}
