/**
 * What an account shows beside its name (issue 12). `null` on the account
 * means automatic: the app matches the issuer against the bundled icon set
 * and falls back to the letter avatar. Stored sealed with the account.
 */
import { AppError } from '../errors';

/** An icon the user chose for an account. */
export type AccountIcon =
  /** The letter avatar, chosen explicitly (no matching). */
  | { kind: 'letter' }
  /** An icon of the bundled set (simple-icons), by its slug ("github"). */
  | { kind: 'set'; slug: string }
  /** The user's own image, already resized (or imported): Base64 of a PNG, JPEG or WebP file. */
  | { kind: 'image'; mime: IconImageMime; data: string };

/**
 * The image types an own icon is stored as: what the app's canvas writes (PNG,
 * WebP) and what Aegis files carry (PNG, JPEG). Never SVG: it can hold script.
 */
export type IconImageMime = 'image/png' | 'image/jpeg' | 'image/webp';

const IMAGE_MIMES: readonly string[] = ['image/png', 'image/jpeg', 'image/webp'];

/**
 * Caps of an own image. 96 px is twice the largest avatar (48 CSS px on a 2× screen);
 * 32 KB of file keeps 1,000 accounts with images within a few tens of MB and each
 * sealed record small (a 96×96 PNG of a photo is about 20 KB, WebP far less).
 */
export const ICON_IMAGE_LIMITS = Object.freeze({
  /** Largest width and height, in pixels, an image is resized to. */
  maxSide: 96,
  /** Largest encoded file, in bytes, after resizing. */
  maxBytes: 32 * 1024,
  /** Largest picture file read at all, in bytes, before decoding it (a phone photo is a few MB). */
  maxFileBytes: 10 * 1024 * 1024,
});

/**
 * Checks the size of a picture file the user chose, before it is decoded.
 * @throws AppError `icon_file_too_large` (`details.max` in bytes).
 */
export function assertIconFileSize(bytes: number): void {
  if (bytes > ICON_IMAGE_LIMITS.maxFileBytes) throw new AppError('icon_file_too_large', { max: ICON_IMAGE_LIMITS.maxFileBytes });
}

/** A slug as simple-icons writes them: lower-case letters and digits (ASCII), at most 100. */
const SLUG = /^[a-z0-9_]{1,100}$/;
/** Standard Base64, padded. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Bytes a Base64 text decodes to. */
function decodedLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return (base64.length / 4) * 3 - padding;
}

/**
 * Checks an own image before it is stored: type, Base64 and the size cap.
 * @throws AppError `icon_image_too_large` (`details.max` in bytes) or `icon_image_unreadable`.
 */
export function assertIconImage(icon: { mime: string; data: string }): asserts icon is { mime: IconImageMime; data: string } {
  if (!IMAGE_MIMES.includes(icon.mime) || !BASE64.test(icon.data) || icon.data === '') {
    throw new AppError('icon_image_unreadable');
  }
  if (decodedLength(icon.data) > ICON_IMAGE_LIMITS.maxBytes) {
    throw new AppError('icon_image_too_large', { max: ICON_IMAGE_LIMITS.maxBytes });
  }
}

/**
 * Reads an icon as stored (or as given by the UI) into an {@link AccountIcon}:
 * absent (a record written before icons existed) and anything malformed read
 * as `null` (automatic), so an icon can never keep an account from opening.
 */
export function readAccountIcon(value: unknown): AccountIcon | null {
  if (typeof value !== 'object' || value === null) return null;
  const icon = value as Record<string, unknown>;
  switch (icon.kind) {
    case 'letter':
      return { kind: 'letter' };
    case 'set':
      return typeof icon.slug === 'string' && SLUG.test(icon.slug) ? { kind: 'set', slug: icon.slug } : null;
    case 'image': {
      if (typeof icon.mime !== 'string' || typeof icon.data !== 'string') return null;
      const image = { mime: icon.mime, data: icon.data };
      try {
        assertIconImage(image);
      } catch {
        return null;
      }
      return { kind: 'image', mime: image.mime, data: image.data };
    }
    default:
      return null;
  }
}
