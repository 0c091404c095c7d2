/**
 * How long each field of an account may be, in one place (issue 11, part 9).
 * Without caps a 100 MB secret ran the page out of memory and a
 * 100,000-character label took 16 s to add. Every way in (link, scanned or
 * imaged QR code, typed key, edit, import) checks these before any expensive
 * work: the whole link before it is parsed, the secret while its characters
 * are counted (before Base32 decoding), a name before it is sanitised.
 */
import { AppError } from '../errors';

/** The fields with a length cap, as `AppError` details name them. */
export type LimitedField = 'uri' | 'secret' | 'issuer' | 'label' | 'note' | 'groupName';

/** The caps, in characters (see each field for what is counted and why that value). */
export const INPUT_LIMITS = {
  /**
   * Issuer (service name), in Unicode code points after sanitising: 256. Real
   * issuers are a word or two; 256 is the margin that still keeps a card,
   * a search and an export fast.
   */
  issuer: 256,
  /**
   * Account name, in Unicode code points after sanitising: 256. An email
   * address is at most 254 characters (RFC 5321 §4.5.3.1.3 with RFC 3696
   * errata), so every email fits.
   */
  label: 256,
  /**
   * Secret key, in Base32 characters (separators and `=` padding not
   * counted): 1,024, i.e. 640 bytes. RFC 4226 §4 requires 128 bits and
   * recommends 160 (32 characters); the largest key that makes sense is the
   * HMAC-SHA512 block, 128 bytes (RFC 2104 §2: longer keys are hashed down
   * anyway), 205 characters. 1,024 leaves five times that as margin.
   */
  secret: 1024,
  /**
   * A whole `otpauth://` link, or any text pasted or scanned, checked before it
   * is parsed: 16,384 characters. A QR code holds at most 4,296 characters
   * (ISO/IEC 18004, version 40-L, alphanumeric), so every scanned code fits; the
   * cap is higher so that every account within the other caps can be written
   * as a link and read back: the issuer twice and the label once, each up to
   * 256 code points of 4 UTF-8 bytes percent-encoded as 12 characters
   * (3 × 3,072), plus a 1,024-character secret and the parameters, is under
   * 10,400 (a unit test checks it).
   */
  uri: 16384,
  /**
   * An account's note, in Unicode code points after sanitising: 2,000. A
   * note holds recovery hints or a line about the account, not documents;
   * 2,000 keeps every card, search and export fast with 10,000 accounts.
   */
  note: 2000,
  /**
   * A group's name, in Unicode code points after sanitising: 64. It is a tab
   * in the group bar: a word or two.
   */
  groupName: 64,
} as const satisfies Record<LimitedField, number>;

/**
 * For a name, how many raw characters are read at most before sanitising:
 * four times the cap. Sanitising only removes invisible characters, so a
 * longer name is either over the cap anyway or mostly invisible, which is not
 * a name; refusing it at once keeps a pasted megabyte from being scanned.
 */
const RAW_NAME_FACTOR = 4;

/** Throws `input_too_long` (naming the field and its cap) when `length` is over the cap of `field`. */
export function assertWithinLimit(field: LimitedField, length: number): void {
  const limit = INPUT_LIMITS[field];
  if (length > limit) throw new AppError('input_too_long', { field, limit });
}

/** Throws `input_too_long` when a raw name cannot be within its cap once sanitised (see `RAW_NAME_FACTOR`). */
export function assertRawNameWithinLimit(field: 'issuer' | 'label' | 'note' | 'groupName', raw: string): void {
  if (raw.length > INPUT_LIMITS[field] * RAW_NAME_FACTOR) throw new AppError('input_too_long', { field, limit: INPUT_LIMITS[field] });
}
