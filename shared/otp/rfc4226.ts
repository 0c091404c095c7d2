/**
 * The two steps of HOTP around the HMAC (RFC 4226 §5.3), for generators that
 * compute the HMAC themselves (hotp-webcrypto.ts): the counter as the HMAC's
 * 8-byte message, and the dynamic truncation of the HMAC to a code.
 */

/**
 * Returns the counter as the 8-byte big-endian message RFC 4226 §5.1 signs.
 * The caller checks the counter first (`assertOtpCounter`): a whole number
 * from 0 to 2^53 - 1, so both 32-bit halves are exact.
 */
export function encodeHotpCounter(counter: number): Uint8Array<ArrayBuffer> {
  const message = new Uint8Array(8);
  const high = Math.floor(counter / 2 ** 32);
  const low = counter >>> 0;
  for (let i = 0; i < 4; i++) {
    message[3 - i] = (high >>> (8 * i)) & 0xff;
    message[7 - i] = (low >>> (8 * i)) & 0xff;
  }
  return message;
}

/**
 * Dynamic truncation (RFC 4226 §5.3, §5.4): the low 4 bits of the HMAC's last
 * byte give an offset; the 31 bits from there, as a number. The HMAC may be
 * SHA1's 20 bytes, SHA256's 32 or SHA512's 64 (RFC 6238 §1.2): the offset is
 * at most 15, so 4 bytes always follow.
 */
export function dynamicTruncation(mac: Uint8Array): number {
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  return (
    (((mac[offset] as number) & 0x7f) << 24) |
    ((mac[offset + 1] as number) << 16) |
    ((mac[offset + 2] as number) << 8) |
    (mac[offset + 3] as number)
  );
}

/**
 * The HOTP value (RFC 4226 §5.3): the {@link dynamicTruncation} of the HMAC
 * modulo 10^`digits`, zero-padded.
 *
 * @param mac The HMAC of the counter.
 * @param digits The code length, 6 to 10 (checked by the caller).
 */
export function truncateHotpMac(mac: Uint8Array, digits: number): string {
  // Up to 31 bits, so 10 digits keep the whole number (as other authenticators do).
  return String(dynamicTruncation(mac) % 10 ** digits).padStart(digits, '0');
}
