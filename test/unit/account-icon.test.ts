import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { createVaultAccount, setVaultAccountIcon } from '../../shared/vault/account';
import { assertIconFileSize, assertIconImage, ICON_IMAGE_LIMITS, readAccountIcon } from '../../shared/vault/account-icon';

const NOW = 1_750_000_000_000;

/** Base64 of `bytes` bytes. */
const base64Of = (bytes: number): string => Buffer.alloc(bytes, 7).toString('base64');

function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

describe('readAccountIcon', () => {
  it.each([
    ['absent (a record written before icons)', undefined, null],
    ['null (automatic)', null, null],
    ['the letter avatar', { kind: 'letter' }, { kind: 'letter' }],
    ['an icon of the set', { kind: 'set', slug: 'github' }, { kind: 'set', slug: 'github' }],
    ['an own PNG', { kind: 'image', mime: 'image/png', data: 'iVBORw==' }, { kind: 'image', mime: 'image/png', data: 'iVBORw==' }],
    ['an own WebP', { kind: 'image', mime: 'image/webp', data: 'UklGRg==' }, { kind: 'image', mime: 'image/webp', data: 'UklGRg==' }],
    ['an own JPEG (as Aegis files carry)', { kind: 'image', mime: 'image/jpeg', data: '/9j/4A==' }, { kind: 'image', mime: 'image/jpeg', data: '/9j/4A==' }],
    ['a slug with a path in it', { kind: 'set', slug: '../evil' }, null],
    ['an SVG image (could carry script)', { kind: 'image', mime: 'image/svg+xml', data: 'PHN2Zz4=' }, null],
    ['an image that is not Base64', { kind: 'image', mime: 'image/png', data: 'not base64!' }, null],
    ['an image over the cap', { kind: 'image', mime: 'image/png', data: base64Of(ICON_IMAGE_LIMITS.maxBytes + 1) }, null],
    ['an unknown kind', { kind: 'emoji', value: '🙂' }, null],
    ['a string', 'github', null],
  ])('reads %s', (_case, stored, expected) => {
    expect(readAccountIcon(stored)).toStrictEqual(expected);
  });

  it('drops stray properties', () => {
    expect(readAccountIcon({ kind: 'set', slug: 'github', extra: 'x' })).toStrictEqual({ kind: 'set', slug: 'github' });
  });
});

describe('assertIconImage', () => {
  it('accepts an image of exactly the cap (32 KB)', () => {
    expect(ICON_IMAGE_LIMITS.maxBytes).toBe(32 * 1024);
    expect(() => assertIconImage({ mime: 'image/webp', data: base64Of(ICON_IMAGE_LIMITS.maxBytes) })).not.toThrow();
  });

  it.each([1, 2, 3])('refuses an image %i byte(s) over the cap with icon_image_too_large', (over) => {
    const error = thrown(() => assertIconImage({ mime: 'image/png', data: base64Of(ICON_IMAGE_LIMITS.maxBytes + over) }));
    expect(error.code).toBe('icon_image_too_large');
    expect(error.details.max).toBe(32 * 1024);
    expect(error.message).toContain('32 KB');
  });

  it.each([
    ['an SVG (it can hold script)', 'image/svg+xml', 'AAAA'],
    ['a GIF', 'image/gif', 'AAAA'],
    ['empty data', 'image/png', ''],
    ['data that is not Base64', 'image/png', 'a b c d'],
  ])('refuses %s with icon_image_unreadable', (_case, mime, data) => {
    expect(thrown(() => assertIconImage({ mime, data })).code).toBe('icon_image_unreadable');
  });
});

describe('setVaultAccountIcon', () => {
  const account = createVaultAccount({ type: 'totp', issuer: 'GitHub', label: 'a', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 }, NOW);

  it('starts automatic (null) on a new account', () => {
    expect(account.icon).toBeNull();
  });

  it('sets an icon and stamps updatedAt, keeping every other field', () => {
    const changed = setVaultAccountIcon(account, { kind: 'set', slug: 'gitlab' }, NOW + 5);
    expect(changed).toStrictEqual({ ...account, icon: { kind: 'set', slug: 'gitlab' }, updatedAt: NOW + 5 });
    expect(setVaultAccountIcon(changed, null, NOW + 6).icon).toBeNull();
  });

  it('refuses an own image over the cap, so no path stores one', () => {
    const error = thrown(() => setVaultAccountIcon(account, { kind: 'image', mime: 'image/png', data: base64Of(ICON_IMAGE_LIMITS.maxBytes + 1) }, NOW));
    expect(error.code).toBe('icon_image_too_large');
  });
});

describe('assertIconFileSize', () => {
  it('accepts a picture file of exactly 10 MB and refuses one byte more with icon_file_too_large', () => {
    expect(ICON_IMAGE_LIMITS.maxFileBytes).toBe(10 * 1024 * 1024);
    expect(() => assertIconFileSize(ICON_IMAGE_LIMITS.maxFileBytes)).not.toThrow();
    const error = thrown(() => assertIconFileSize(ICON_IMAGE_LIMITS.maxFileBytes + 1));
    expect(error.code).toBe('icon_file_too_large');
    expect(error.message).toContain('10 MB');
  });
});
