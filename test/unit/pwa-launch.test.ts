import { describe, expect, it } from 'vitest';
import { readLaunchFragment } from '../../pwa/app/launch/launch-fragment';
import { isImageSignature } from '../../pwa/app/launch/launched-file';
import { otpauthHandlerUrl } from '../../pwa/app/model/protocol-handler';
import { SHARE_TARGET } from '../../pwa/sw/share-target-contract';
import { IMPORT_LIMITS } from '../../shared/vault/import-limits';
import { encodePng } from '../e2e/support/add-steps';

const LINK = 'otpauth://totp/GitHub:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';

describe('readLaunchFragment', () => {
  it.each([
    // What Chromium builds from the handler URL "./#add=%s" for a click on "web+otpauth:<link>".
    ['a web+otpauth: link as the browser encodes it', `#add=${encodeURIComponent(`web+otpauth:${LINK}`)}`, { kind: 'add-link', link: LINK }],
    ['the link encoded, without the scheme', `#add=${encodeURIComponent(LINK)}`, { kind: 'add-link', link: LINK }],
    ['a link with "+" and "&" written as they are', '#add=web+otpauth:otpauth://totp/A?secret=JBSWY3DP&issuer=A+B', { kind: 'add-link', link: 'otpauth://totp/A?secret=JBSWY3DP&issuer=A+B' }],
    ['WEB+OTPAUTH: in capitals', `#add=WEB%2BOTPAUTH%3A${encodeURIComponent(LINK)}`, { kind: 'add-link', link: LINK }],
    ['a broken percent-escape, kept for the add screen to refuse', '#add=%E0%A4%A', { kind: 'add-link', link: '%E0%A4%A' }],
    ['something that is not a link at all', `#add=${encodeURIComponent('web+otpauth:https://evil.example/')}`, { kind: 'add-link', link: 'https://evil.example/' }],
    ['the scan shortcut', '#shortcut=scan', { kind: 'add', method: 'scan' }],
    ['the key shortcut', 'shortcut=key', { kind: 'add', method: 'key' }],
    ['a share', '#share=3f2c1a9e-0b1d-4c6e-9f00-1234567890ab', { kind: 'share', id: '3f2c1a9e-0b1d-4c6e-9f00-1234567890ab' }],
    ['a share id that is not one', '#share=../../etc', { kind: 'share-failed', reason: 'unreadable' }],
    ['a share without files', '#share-error=empty', { kind: 'share-failed', reason: 'empty' }],
    ['a share that could not be read', '#share-error=unreadable', { kind: 'share-failed', reason: 'unreadable' }],
  ])('reads %s', (_name, hash, expected) => {
    expect(readLaunchFragment(hash)).toEqual(expected);
  });

  it.each([
    ['no fragment', ''],
    ['an anchor', '#main'],
    ['another parameter', '#page=2'],
    ['an unknown shortcut', '#shortcut=camera'],
  ])('ignores %s', (_name, hash) => {
    expect(readLaunchFragment(hash)).toBeNull();
  });
});

describe('otpauthHandlerUrl', () => {
  it.each([
    ['the app at a folder', 'https://example.com/apps/authenticator/', 'https://example.com/apps/authenticator/#add=%s'],
    ['the app with a fragment and a query', 'https://example.com/apps/authenticator/?x=1#add=abc', 'https://example.com/apps/authenticator/#add=%s'],
    ['the app at the root, on localhost', 'http://localhost:5173/index.html', 'http://localhost:5173/#add=%s'],
  ])('puts the link in the fragment for %s', (_name, appUrl, expected) => {
    expect(otpauthHandlerUrl(appUrl)).toBe(expected);
  });
});

describe('isImageSignature', () => {
  const bytes = (...parts: Array<string | number[]>) =>
    new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));
  it.each([
    ['a PNG', new Uint8Array(encodePng({ width: 1, height: 1, data: new Uint8ClampedArray(4) }).subarray(0, 12))],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')],
    ['a GIF', bytes('GIF89a', [1, 0, 1, 0])],
    ['a WebP', bytes('RIFF', [0, 0, 0, 0], 'WEBP')],
    ['a BMP', bytes('BM', [0x46, 0, 0, 0], [0, 0, 0, 0])],
    ['an AVIF', bytes([0, 0, 0, 0x1c], 'ftypavif')],
    ['a HEIC photo', bytes([0, 0, 0, 0x18], 'ftypheic')],
  ])('recognises %s', (_name, head) => {
    expect(isImageSignature(head)).toBe(true);
  });

  it.each([
    ['our backup (JSON)', bytes('{"format":"ac')],
    ['an otpauth list', bytes('otpauth://tot')],
    ['a text starting with BM', bytes('BMW:otpauth:/')],
    ['a CSV', bytes('folder,favori')],
    ['an MP4 video', bytes([0, 0, 0, 0x18], 'ftypmp42')],
    ['nothing', new Uint8Array()],
  ])('sends %s to Import', (_name, head) => {
    expect(isImageSignature(head)).toBe(false);
  });
});

describe('SHARE_TARGET', () => {
  it('keeps every file the import takes, so a shared file gets the import’s own size message', () => {
    expect(SHARE_TARGET.maxFileBytes).toBeGreaterThanOrEqual(IMPORT_LIMITS.fileBytes);
  });
});
