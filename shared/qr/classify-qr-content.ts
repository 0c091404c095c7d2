/**
 * Tells what kind of content a QR code or a pasted text holds (see
 * `qr-content-kind.ts`), from the well-known prefixes of the common QR
 * payloads alone: it never reads further in.
 */
import type { QrContentKind } from './qr-content-kind';

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
