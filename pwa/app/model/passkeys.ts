/**
 * Passkey unlock over WebAuthn's PRF extension: whether this browser can do
 * it, and the two ceremonies (create a credential and evaluate its PRF; get
 * the PRF of one of the vault's credentials). The vault turns the PRF output
 * into a key slot (shared/vault/key-slots.ts); nothing here is a rule.
 */
import { AppError } from '../../../shared/errors';
import { fromBase64, toBase64Url } from '../../../shared/vault/bytes';
import type { PasskeyUnlockOptions } from '../../../shared/vault/vault';

/** What a ceremony gives the vault. */
export interface PasskeyPrf {
  /** The credential's id, Base64url. */
  credentialId: string;
  /** The PRF output for the slot's salt. */
  prfOutput: BufferSource;
}

type PrfResults = { enabled?: boolean; results?: { first?: BufferSource } };

/**
 * Whether `userAgent` is a WebKit browser: Safari, and every browser on an
 * iPhone or iPad (CriOS, FxiOS... must use WebKit there). Chromium's agent
 * says "AppleWebKit" too, but also "Chrome/".
 */
export function isWebKitBrowser(userAgent: string): boolean {
  return /\bAppleWebKit\//.test(userAgent) && !/\bChrome\//.test(userAgent);
}

/**
 * Whether passkeys can unlock the app here: WebAuthn with the PRF extension.
 * Browsers that can say so (`getClientCapabilities`) are asked; others get
 * the option only if they have a platform authenticator, and a passkey
 * without PRF is then reported when it is created (`passkey_unsupported`).
 * WebKit is the exception: it could say so (Safari 17.4) before it had PRF
 * (Safari 18), so a WebKit that cannot say so has no PRF, and offering it a
 * passkey would be a button that always fails (issue 14).
 */
export async function isPasskeyUnlockSupported(): Promise<boolean> {
  if (typeof window === 'undefined' || !window.isSecureContext || typeof PublicKeyCredential !== 'function') return false;
  // A passkey belongs to a domain: an app opened by IP address cannot have one.
  if (/^[\d.]+$|^\[/.test(location.hostname)) return false;
  const api = PublicKeyCredential as unknown as {
    getClientCapabilities?: () => Promise<Record<string, boolean>>;
    isUserVerifyingPlatformAuthenticatorAvailable?: () => Promise<boolean>;
  };
  try {
    if (api.getClientCapabilities) return (await api.getClientCapabilities())['extension:prf'] === true;
    if (isWebKitBrowser(navigator.userAgent)) return false;
    return (await api.isUserVerifyingPlatformAuthenticatorAvailable?.()) === true;
  } catch {
    return false;
  }
}

/** Turns a WebAuthn failure into the AppError to show. */
function toPasskeyError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const name = (error as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'AbortError') return new AppError('passkey_cancelled', {}, { cause: error });
  return new AppError('passkey_unsupported', {}, { cause: error });
}

function randomChallenge(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(32));
}

function prfOf(credential: PublicKeyCredential): PrfResults | undefined {
  return (credential.getClientExtensionResults() as { prf?: PrfResults }).prf;
}

/**
 * Creates a passkey for this app and evaluates its PRF at `prfSalt` (in the
 * creation itself where the authenticator can, else with one `get()`).
 *
 * @throws AppError `passkey_cancelled`, `passkey_unsupported`.
 */
export async function createPasskey(prfSalt: Uint8Array<ArrayBuffer>, label: string): Promise<PasskeyPrf> {
  try {
    const credential = (await navigator.credentials.create({
      publicKey: {
        rp: { name: 'Acme Authenticator', id: location.hostname },
        user: { id: crypto.getRandomValues(new Uint8Array(16)), name: label, displayName: label },
        challenge: randomChallenge(),
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ],
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
        extensions: { prf: { eval: { first: prfSalt } } } as AuthenticationExtensionsClientInputs,
      },
    })) as PublicKeyCredential | null;
    if (!credential) throw new AppError('passkey_cancelled');
    const prf = prfOf(credential);
    const first = prf?.results?.first;
    if (first) return { credentialId: credential.id, prfOutput: first };
    if (prf?.enabled === false || prf === undefined) throw new AppError('passkey_unsupported');
    // PRF enabled, but this authenticator evaluates it only on assertion.
    return await getPasskeyPrf({ credentials: [{ credentialId: credential.id, prfSalt }] });
  } catch (error) {
    throw toPasskeyError(error);
  }
}

/**
 * Asks for one of the vault's passkeys and returns its PRF output for that
 * credential's salt.
 *
 * @throws AppError `passkey_cancelled`, `passkey_unsupported`, `passkey_not_recognized` (no passkeys).
 */
export async function getPasskeyPrf(options: PasskeyUnlockOptions): Promise<PasskeyPrf> {
  if (options.credentials.length === 0) throw new AppError('passkey_not_recognized');
  try {
    const evalByCredential: Record<string, { first: BufferSource }> = {};
    for (const { credentialId, prfSalt } of options.credentials) evalByCredential[credentialId] = { first: prfSalt as Uint8Array<ArrayBuffer> };
    const assertion = (await navigator.credentials.get({
      publicKey: {
        challenge: randomChallenge(),
        rpId: location.hostname,
        allowCredentials: options.credentials.map(({ credentialId }) => ({
          type: 'public-key' as const,
          id: fromBase64(credentialId) ?? new Uint8Array(),
        })),
        userVerification: 'required',
        extensions: { prf: { evalByCredential } } as AuthenticationExtensionsClientInputs,
      },
    })) as PublicKeyCredential | null;
    if (!assertion) throw new AppError('passkey_cancelled');
    const first = prfOf(assertion)?.results?.first;
    if (!first) throw new AppError('passkey_unsupported');
    return { credentialId: assertion.id || toBase64Url(new Uint8Array(assertion.rawId)), prfOutput: first };
  } catch (error) {
    throw toPasskeyError(error);
  }
}
