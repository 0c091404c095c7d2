/**
 * Byte helpers for the vault and its file formats: random bytes, UTF-8,
 * hex, Base64 (standard, with padding) and Base64url (no padding). Decoders
 * return `undefined` for malformed input instead of throwing, so each caller
 * chooses the error a person should see.
 */

/** A byte array backed by a plain ArrayBuffer, as WebCrypto's typings want. */
export type Bytes = Uint8Array<ArrayBuffer>;

/** Returns `length` cryptographically random bytes. */
export function randomBytes(length: number): Bytes {
  return crypto.getRandomValues(new Uint8Array(length));
}

/** Copies any byte view into a fresh {@link Bytes}. */
export function toBytes(view: ArrayBuffer | ArrayBufferView): Bytes {
  if (view instanceof ArrayBuffer) return new Uint8Array(view.slice(0));
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer);
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: readonly Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Whether two byte arrays hold the same bytes. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const encoder = new TextEncoder();

/** UTF-8 encodes a string. */
export function utf8Encode(text: string): Bytes {
  return encoder.encode(text) as Bytes;
}

/** Decodes UTF-8, or returns undefined for bytes that are not valid UTF-8. */
export function utf8Decode(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Lower-case hex of the bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

/** Decodes hex (either case), or returns undefined when it is not an even run of hex digits. */
export function fromHex(text: unknown): Bytes | undefined {
  if (typeof text !== 'string' || text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Alphabet index per char code for both Base64 alphabets ('-' and '_' map like '+' and '/'). */
const BASE64_INDEX: Int8Array = (() => {
  const index = new Int8Array(128).fill(-1);
  for (let i = 0; i < BASE64_ALPHABET.length; i++) index[BASE64_ALPHABET.charCodeAt(i)] = i;
  index['-'.charCodeAt(0)] = 62;
  index['_'.charCodeAt(0)] = 63;
  return index;
})();

/** Standard Base64 (RFC 4648 §4) with `=` padding. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += BASE64_ALPHABET[a >> 2];
    out += BASE64_ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)];
    out += b === undefined ? '=' : BASE64_ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)];
    out += c === undefined ? '=' : BASE64_ALPHABET[c & 63];
  }
  return out;
}

/** Base64url (RFC 4648 §5) without padding, as WebAuthn writes credential ids. */
export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes Base64 in either alphabet (standard or url-safe), with or without
 * padding; whitespace is ignored. Returns undefined for anything else,
 * including a length no byte count encodes.
 */
export function fromBase64(text: unknown): Bytes | undefined {
  if (typeof text !== 'string') return undefined;
  const clean = text.replace(/\s+/g, '');
  const unpadded = clean.replace(/={1,2}$/, '');
  if (unpadded !== clean && clean.length % 4 !== 0) return undefined;
  if (unpadded.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((unpadded.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let offset = 0;
  for (let i = 0; i < unpadded.length; i++) {
    const code = unpadded.charCodeAt(i);
    const value = code < 128 ? (BASE64_INDEX[code] as number) : -1;
    if (value < 0) return undefined;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[offset++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}
