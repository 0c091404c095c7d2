/**
 * Turns a picture the user chose into an account icon (issue 12): decoded by
 * the browser, drawn on a canvas at most 96 px a side, and encoded as PNG
 * (what other apps such as Aegis read), or as WebP when the PNG is over the
 * cap (a photo), then checked against the cap.
 * Whatever the file was (JPEG, GIF, even an SVG), only the canvas's pixels are
 * stored, so nothing of the original file (metadata, scripts) is kept.
 */
import { AppError } from '../../../shared/errors';
import { assertIconFileSize, assertIconImage, ICON_IMAGE_LIMITS, type IconImageMime } from '../../../shared/vault/account-icon';

/** Base64 of bytes, in chunks (a spread of 30,000 arguments would overflow the stack). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function encode(canvas: HTMLCanvasElement, mime: string): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, mime, 0.85));
}

/**
 * Reads, resizes and encodes a picture file.
 * @throws AppError `icon_file_too_large` (file over 10 MB), `icon_image_unreadable`
 *   (not a picture the browser decodes), `icon_image_too_large` (still over 32 KB).
 */
export async function resizeIconImage(file: Blob): Promise<{ mime: IconImageMime; data: string }> {
  assertIconFileSize(file.size);
  if (!file.type.startsWith('image/')) throw new AppError('icon_image_unreadable');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (e) {
    throw new AppError('icon_image_unreadable', {}, { cause: e });
  }
  const scale = Math.min(1, ICON_IMAGE_LIMITS.maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new AppError('icon_image_unreadable');
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  let blob = await encode(canvas, 'image/png');
  // Safari encodes WebP as PNG silently: the Blob's type says what we got.
  if (!blob || blob.size > ICON_IMAGE_LIMITS.maxBytes) blob = (await encode(canvas, 'image/webp')) ?? blob;
  if (!blob) throw new AppError('icon_image_unreadable');
  const icon = { mime: blob.type, data: toBase64(new Uint8Array(await blob.arrayBuffer())) };
  assertIconImage(icon);
  return icon;
}
