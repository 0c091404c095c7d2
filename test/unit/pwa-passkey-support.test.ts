/**
 * When the PWA offers passkey unlock (issue 14): only where WebAuthn's PRF
 * extension can work, so no browser gets a passkey button that always fails.
 * The browser's WebAuthn surface is the environment here, set per case; the
 * decision is the app's.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isPasskeyUnlockSupported, isWebKitBrowser } from '../../pwa/app/model/passkeys';

const AGENTS = {
  iphoneSafari17:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
  iphoneChrome: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
  macSafari: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
  webKitGtk: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15',
  androidChrome: 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
  desktopEdge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
} as const;

describe('isWebKitBrowser', () => {
  it.each([
    ['iphoneSafari17', true],
    ['iphoneChrome', true],
    ['macSafari', true],
    ['webKitGtk', true],
    ['androidChrome', false],
    ['desktopEdge', false],
    ['firefox', false],
  ] as const)('says %s is %s', (agent, expected) => {
    expect(isWebKitBrowser(AGENTS[agent])).toBe(expected);
  });
});

/** A browser's WebAuthn, as far as the check can see it. */
interface WebAuthnSurface {
  userAgent: string;
  /** What `getClientCapabilities` reports; absent when the browser has no such method. */
  capabilities?: Record<string, boolean>;
  /** What `isUserVerifyingPlatformAuthenticatorAvailable` answers. */
  platformAuthenticator: boolean;
  hostname?: string;
}

function browserWith({ userAgent, capabilities, platformAuthenticator, hostname = 'authenticator.example' }: WebAuthnSurface): void {
  const credential = Object.assign(function PublicKeyCredential() {}, {
    isUserVerifyingPlatformAuthenticatorAvailable: async () => platformAuthenticator,
    ...(capabilities ? { getClientCapabilities: async () => capabilities } : {}),
  });
  vi.stubGlobal('window', { isSecureContext: true });
  vi.stubGlobal('location', { hostname });
  vi.stubGlobal('navigator', { userAgent });
  vi.stubGlobal('PublicKeyCredential', credential);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('isPasskeyUnlockSupported', () => {
  it.each([
    // Safari before 17.4: no getClientCapabilities, and no PRF: a passkey could never unlock.
    ['an iPhone with Safari 17.2 and Face ID', { userAgent: AGENTS.iphoneSafari17, platformAuthenticator: true }, false],
    ['Chrome on an iPhone (WebKit) without the capability report', { userAgent: AGENTS.iphoneChrome, platformAuthenticator: true }, false],
    // Safari 18: it says PRF is there.
    ['Safari reporting PRF', { userAgent: AGENTS.macSafari, capabilities: { 'extension:prf': true }, platformAuthenticator: true }, true],
    ['Safari reporting no PRF', { userAgent: AGENTS.macSafari, capabilities: { 'extension:prf': false }, platformAuthenticator: true }, false],
    // Chromium had PRF (116) before getClientCapabilities (133): its platform authenticator decides.
    ['Chrome 130 on Android with a screen lock', { userAgent: AGENTS.androidChrome, platformAuthenticator: true }, true],
    ['Chrome 130 on Android without one', { userAgent: AGENTS.androidChrome, platformAuthenticator: false }, false],
    ['Edge reporting no PRF', { userAgent: AGENTS.desktopEdge, capabilities: {}, platformAuthenticator: true }, false],
    ['an app opened by IP address', { userAgent: AGENTS.androidChrome, platformAuthenticator: true, hostname: '192.168.1.20' }, false],
  ] as const)('for %s is %s', async (_, surface, expected) => {
    browserWith(surface);
    expect(await isPasskeyUnlockSupported()).toBe(expected);
  });

  it('is false without WebAuthn at all', async () => {
    browserWith({ userAgent: AGENTS.webKitGtk, platformAuthenticator: false });
    vi.stubGlobal('PublicKeyCredential', undefined);
    expect(await isPasskeyUnlockSupported()).toBe(false);
  });
});
