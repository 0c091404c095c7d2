/**
 * zxing-wasm, the decoding benchmark's second baseline, loaded in Node from
 * its packaged wasm file (never from a network: its default would fetch the
 * wasm from a CDN).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** The installed zxing-wasm package folder (or ZXING_WASM_DIR), or null when it is not installed. */
export function zxingPackageDir(dir = process.env.ZXING_WASM_DIR) {
  if (dir) return dir;
  try {
    // dist/es/reader/index.js -> the package folder
    return join(dirname(require.resolve('zxing-wasm/reader')), '../../..');
  } catch {
    return null;
  }
}

/**
 * Loads zxing-wasm's reader from its packaged wasm file and returns
 * `(frame) => Promise<text | null>` (QR codes only, default options), or
 * null when zxing-wasm is not installed.
 */
export async function loadZxing(dir) {
  const packageDir = zxingPackageDir(dir);
  if (!packageDir) return null;
  const zxing = await import(pathToFileURL(join(packageDir, 'dist/es/reader/index.js')).href);
  const wasmBinary = readFileSync(join(packageDir, 'dist/reader/zxing_reader.wasm'));
  await zxing.prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  return async (frame) => (await zxing.readBarcodes(frame, { formats: ['QRCode'] }))[0]?.text ?? null;
}
