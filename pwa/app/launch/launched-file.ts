/**
 * Where a file the app was opened with goes (a share, or the file manager's
 * "Open with"): a picture, which may show a QR code, to the add screen's
 * "From an image"; anything else to Import, which recognises backups and
 * exports by their content. Decided by the file's first bytes, never its
 * name or declared type, like the import itself.
 */

/** The two places a launched file can go. */
export type LaunchedFileRoute = 'image' | 'import';

/** How many leading bytes the signatures below need. */
export const SIGNATURE_BYTES = 12;

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/**
 * Whether `head` (a file's first bytes) starts like a picture the browser can
 * draw: PNG, JPEG, GIF, WebP, BMP, or AVIF/HEIF (an ISO media "ftyp" box).
 */
export function isImageSignature(head: Uint8Array): boolean {
  if (head.length >= 8 && head[0] === 0x89 && ascii(head, 1, 4) === 'PNG' && head[4] === 0x0d && head[5] === 0x0a) return true;
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return true;
  if (head.length >= 6 && (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a')) return true;
  if (head.length >= 12 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return true;
  // BMP: "BM", the file size, then two reserved 16-bit fields that are always 0 (so "BMW..." text is not one).
  if (head.length >= 10 && ascii(head, 0, 2) === 'BM' && head[6] === 0 && head[7] === 0 && head[8] === 0 && head[9] === 0) return true;
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp' && /^(avif|avis|heic|heix|mif1|msf1)$/.test(ascii(head, 8, 12))) return true;
  return false;
}

/** Reads the first bytes of `file` and says where it goes. */
export async function routeLaunchedFile(file: Blob): Promise<LaunchedFileRoute> {
  const head = new Uint8Array(await file.slice(0, SIGNATURE_BYTES).arrayBuffer());
  return isImageSignature(head) ? 'image' : 'import';
}
