/**
 * Byte encodings the portal stores and shows: base64 (password hashes),
 * base64url (tokens) and hex (recovery-code hashes). `btoa`/`atob` exist in
 * browsers, workers and Node alike, so no Buffer.
 */

/** Encodes bytes as standard base64 with padding. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number);
  return btoa(binary);
}

/** Decodes standard base64; returns null for anything that is not base64. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/** Encodes bytes as base64url without padding (RFC 4648 §5), safe in URLs and storage keys. */
export function encodeBase64Url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Encodes bytes as lower-case hex. */
export function encodeHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += (bytes[i] as number).toString(16).padStart(2, '0');
  return hex;
}

/** Returns `length` bytes from the platform's cryptographic random source. */
export function generateRandomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

/** Returns a random 256-bit token as base64url (43 characters): session tokens and challenge ids. */
export function generateToken(): string {
  return encodeBase64Url(generateRandomBytes(32));
}
