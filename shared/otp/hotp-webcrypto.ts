/**
 * HOTP code generation (RFC 4226) on WebCrypto, for the authenticator's list:
 * the account's key is imported once (HMAC, non-extractable) and every code
 * after that is one `crypto.subtle.sign`, computed natively. A refresh of many
 * accounts issues all its signs together and awaits them together, which is
 * what makes it fast: the key pads are not set up again for every code, as the
 * synchronous generator (hotp.ts, over otpauth's JavaScript HMAC) does.
 *
 * The price is that a code is a promise. The portal's verifier stays on the
 * synchronous generator: it checks codes inside IndexedDB transactions, which
 * cannot wait for WebCrypto.
 */
import { decodeBase32, normalizeBase32Secret } from './base32';
import type { HotpParams } from './hotp';
import { assertCodeParams, assertOtpCounter } from './params';
import { dynamicTruncation, encodeHotpCounter, truncateHotpMac } from './rfc4226';
import { formatSteamCode } from './steam';
import type { OtpAlgorithm } from './types';

/** Computes the code for one counter value with already-checked parameters; rejects with `counter_invalid` for a bad counter. */
export type AsyncHotpGenerator = (counter: number) => Promise<string>;

/**
 * The last counter's message, shared by every generator: a refresh asks a
 * thousand accounts for the same step. Safe to share because `sign` copies
 * the bytes when it is called, and the array never leaves this module.
 */
let lastMessage: { counter: number; bytes: Uint8Array<ArrayBuffer> } | undefined;

function messageFor(counter: number): Uint8Array<ArrayBuffer> {
  if (lastMessage?.counter !== counter) lastMessage = { counter, bytes: encodeHotpCounter(counter) };
  return lastMessage.bytes;
}

/** WebCrypto's names of the hash functions. */
const WEBCRYPTO_HASH: Record<OtpAlgorithm, string> = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' };

/**
 * Checks `params` and imports the secret as a non-extractable HMAC key once;
 * returns a function computing the code for any counter with that key
 * (Steam's 5 characters for `type: 'steam'`, as `createHotpGenerator`).
 *
 * @throws AppError `missing_secret`, `secret_not_base32`,
 *   `unsupported_algorithm`, `digits_out_of_range` or `steam_params_fixed`
 *   for bad params (at once, not from the returned function, so a caller can show why).
 */
export function createAsyncHotpGenerator(params: HotpParams): AsyncHotpGenerator {
  const { algorithm, digits } = params;
  assertCodeParams(params);
  const bytes = decodeBase32(normalizeBase32Secret(params.secret));
  const subtle = globalThis.crypto.subtle;
  const importing = subtle.importKey('raw', bytes, { name: 'HMAC', hash: WEBCRYPTO_HASH[algorithm] }, false, ['sign']);
  // importKey takes its own copy of the bytes before it returns (WebCrypto, importKey step "get a copy of the bytes"), so ours can go now.
  bytes.fill(0);
  // Once imported, the key is used directly: a refresh is 1,000 codes, and every promise hop per code shows.
  let key: CryptoKey | undefined;
  // A failed import surfaces from every code asked for; until one is asked, it is not an unhandled rejection.
  importing.then((imported) => (key = imported)).catch(() => undefined);
  const truncate =
    params.type === 'steam'
      ? (mac: ArrayBuffer) => formatSteamCode(dynamicTruncation(new Uint8Array(mac)))
      : (mac: ArrayBuffer) => truncateHotpMac(new Uint8Array(mac), digits);

  return (counter) => {
    try {
      assertOtpCounter(counter);
    } catch (error) {
      return Promise.reject(error);
    }
    const message = messageFor(counter);
    if (key) return subtle.sign('HMAC', key, message).then(truncate);
    return importing.then((imported) => subtle.sign('HMAC', imported, message)).then(truncate);
  };
}
