import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { buildAuthenticatorLinks, protocolHandlerUrl, WEB_OTPAUTH_SCHEME } from '../../shared/family/authenticator-links';
import { DEFAULT_PWA_URL, isLoopbackAddress, parsePwaUrl } from '../../shared/family/pwa-address';

/** A Key URI as the portal formats one (shared/portal/enrollment.ts). */
const PORTAL_URI =
  'otpauth://totp/Acme%20MSP:alice%40acme-msp.example?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Acme%20MSP&algorithm=SHA1&digits=6&period=30';

describe('parsePwaUrl', () => {
  it('returns the address npm start serves when PWA_URL is not set', () => {
    expect(parsePwaUrl(undefined)).toBe('http://localhost:5173/');
    expect(DEFAULT_PWA_URL).toBe('http://localhost:5173/');
  });

  it.each([
    ['https://authenticator.example.com/', 'https://authenticator.example.com/'],
    ['https://authenticator.example.com', 'https://authenticator.example.com/'],
    ['https://example.com/apps/authenticator/', 'https://example.com/apps/authenticator/'],
    ['HTTPS://Example.COM:8443/auth/', 'https://example.com:8443/auth/'],
    ['http://192.168.1.20:5173/', 'http://192.168.1.20:5173/'],
    ['  https://example.com/  ', 'https://example.com/'],
  ])('accepts %j as %j', (raw, expected) => {
    expect(parsePwaUrl(raw)).toBe(expected);
  });

  it.each([
    ['', /PWA_URL is set but empty/],
    ['   ', /PWA_URL is set but empty/],
    ['localhost:5173', /must start with https:\/\/ or http:\/\/, not "localhost:"/],
    ['example.com/authenticator', /PWA_URL is not an absolute address: "example.com\/authenticator"/],
    ['/authenticator/', /not an absolute address/],
    ['ftp://example.com/', /must start with https:\/\/ or http:\/\/, not "ftp:"/],
    ['javascript:alert(1)', /must start with https:\/\/ or http:\/\//],
    ['file:///srv/pwa/index.html', /must start with https:\/\/ or http:\/\//],
    ['https://example.com/#add=%s', /must not carry a #fragment/],
    ['https://example.com/#', /must not carry a #fragment/],
  ])('refuses %j with a message naming PWA_URL and what to set', (raw, message) => {
    expect(() => parsePwaUrl(raw)).toThrow(message);
    expect(() => parsePwaUrl(raw)).toThrow(/Set it to the address where the authenticator PWA is published, such as https:\/\/authenticator\.example\.com\//);
  });

  it('refuses a user name or password without repeating it', () => {
    for (const raw of ['https://deploy:hunter22@example.com/', 'https://deploy@example.com/']) {
      let message = '';
      try {
        parsePwaUrl(raw);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/PWA_URL must not carry a user name or password/);
      expect(message).not.toContain('deploy');
      expect(message).not.toContain('hunter22');
    }
  });
});

describe('isLoopbackAddress', () => {
  it.each([
    ['http://localhost:5173/', true],
    ['http://app.localhost/', true],
    ['http://127.0.0.1:5173/', true],
    ['http://127.1.2.3/', true],
    ['http://[::1]:5173/', true],
    ['https://authenticator.example.com/', false],
    ['http://192.168.1.20:5173/', false],
    ['https://localhost.example.com/', false],
    ['https://127.0.0.1.example.com/', false],
  ])('%s is loopback: %s', (url, loopback) => {
    expect(isLoopbackAddress(url)).toBe(loopback);
  });
});

describe('buildAuthenticatorLinks', () => {
  it('wraps exactly the Key URI in web+otpauth: for Acme Authenticator and gives the plain URI to other apps', () => {
    const links = buildAuthenticatorLinks(PORTAL_URI);
    expect(links.acmeAuthenticator).toBe(`web+otpauth:${PORTAL_URI}`);
    expect(links.otherApp).toBe(PORTAL_URI);
    expect(WEB_OTPAUTH_SCHEME).toBe('web+otpauth');
  });

  it('makes a link a URL parser reads back to the same Key URI', () => {
    const url = new URL(buildAuthenticatorLinks(PORTAL_URI).acmeAuthenticator);
    expect(url.protocol).toBe('web+otpauth:');
    expect(url.href.slice('web+otpauth:'.length)).toBe(PORTAL_URI);
  });

  it.each([
    'javascript:alert(1)',
    'https://example.com/?secret=JBSWY3DPEHPK3PXP',
    'web+otpauth:otpauth://totp/x?secret=JBSWY3DPEHPK3PXP',
    ' otpauth://totp/x?secret=JBSWY3DPEHPK3PXP',
    'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP\njavascript:alert(1)',
    '',
  ])('refuses %j with not_otpauth_uri', (uri) => {
    expect(() => buildAuthenticatorLinks(uri)).toThrow(AppError);
    try {
      buildAuthenticatorLinks(uri);
    } catch (e) {
      expect((e as AppError).code).toBe('not_otpauth_uri');
      expect((e as AppError).message).toMatch(/starts with "otpauth:\/\/"/);
    }
  });
});

describe('protocolHandlerUrl', () => {
  it('puts the link in the fragment of the PWA address, never in the query or path', () => {
    const handler = protocolHandlerUrl('https://example.com/apps/authenticator/');
    expect(handler).toBe('https://example.com/apps/authenticator/#add=%s');
    const url = new URL(handler);
    expect(url.search).toBe('');
    expect(url.hash).toBe('#add=%s');
  });
});
