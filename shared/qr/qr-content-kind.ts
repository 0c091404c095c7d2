/**
 * What kind of thing a QR code (or a pasted text) holds when it is not an
 * authenticator link: Wi-Fi network details, a web address, a contact card...
 * This module holds the kinds and how messages name them (the error table
 * needs them on the first load); `classify-qr-content.ts` tells them apart.
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

/** Whether `value` is one of the kinds (for a message built from plain error details). */
export function isQrContentKind(value: unknown): value is QrContentKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(QR_CONTENT_DESCRIPTIONS, value);
}
