/**
 * What an account's name may contain (issue 11): the characters a person can
 * see. Issuer and label come from whoever made the QR code, link or file, so
 * they are untrusted: without this, "\u202Elapyap\u202C.com" (a right-to-left
 * override) shows as "paypal.com", and "pay\u200Bpal.com" (a zero-width space)
 * looks like "paypal.com" while being another name (UTS #39 §4, Unicode
 * Technical Report #36 §2.1 and §3.5).
 *
 * No imports: `shared/errors.ts` uses it to quote untrusted text in messages.
 */

/**
 * Characters that are invisible or reorder the text around them:
 * - `\p{Cf}`, the format characters: bidirectional embeddings, overrides and
 *   isolates (U+202A–U+202E, U+2066–U+2069), the marks U+200E, U+200F and
 *   U+061C, zero-width space, non-joiner and joiner (U+200B–U+200D), word
 *   joiner (U+2060), invisible operators (U+2061–U+2064), the byte order mark
 *   (U+FEFF), the soft hyphen (U+00AD), interlinear annotations and tags.
 * - `\p{Cc}`, the control characters (C0, DEL, C1).
 * - Letters that render as nothing: the Hangul fillers (U+115F, U+1160,
 *   U+3164, U+FFA0), often used to fake an empty-looking or padded name.
 *
 * Stripping, rather than showing them visibly, is a deliberate choice: no
 * account name needs them. The cost is that an emoji sequence joined with
 * U+200D (a family) falls apart into its emoji, and a tag flag (England)
 * becomes a black flag; both still read, and neither can spoof.
 */
const INVISIBLE = /[\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0]/gu;

/**
 * Line breaks and tabs: text, not names; each becomes one space so the words
 * either side stay apart. U+2028 and U+2029 are the line and paragraph
 * separators (categories Zl and Zp), which would break a card's line.
 */
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

/**
 * Returns `text` as an account name may hold it: line breaks and tabs become
 * a space, invisible and bidirectional-control characters (see `INVISIBLE`)
 * are removed, the result is in Unicode Normalization Form C (so "é" typed as
 * e + U+0301 equals the precomposed "é" everywhere: search, duplicates,
 * exports), and surrounding whitespace is trimmed. Idempotent; never throws.
 */
export function sanitizeAccountText(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(INVISIBLE, '').normalize('NFC').trim();
}

/**
 * Returns a note as an account may hold it: like {@link sanitizeAccountText},
 * line by line, so its line breaks are kept (as `\n`; CR LF and the Unicode
 * separators become one) while invisible and bidirectional-control
 * characters are removed from every line; blank lines at either end are
 * dropped. Idempotent; never throws.
 */
export function sanitizeNoteText(text: string): string {
  return text
    .split(/\r\n|[\n\v\f\r\u0085\u2028\u2029]/)
    .map(sanitizeAccountText)
    .join('\n')
    .trim();
}
