/**
 * A QR code as horizontal runs of dark modules, for the portal and the PWA to
 * draw as SVG rects (no canvas, no innerHTML, crisp at any size). One place
 * decides the error correction and the quiet zone, so both products' codes
 * scan the same way.
 */
import { encode } from 'uqr';

/**
 * The quiet zone in modules. ISO/IEC 18004 asks for 4: phone scanners find
 * the code much faster with it, whatever the page's background is.
 */
export const QR_QUIET_ZONE = 4;

/** One horizontal run of dark modules: row, first column, length. */
export interface QrRun {
  y: number;
  x: number;
  width: number;
}

/** A code ready to draw: its side in modules (quiet zone included) and its dark runs. */
export interface QrRuns {
  modules: number;
  runs: QrRun[];
}

/** Encodes `value` (error correction M) and merges each row's adjacent dark modules into runs, so the SVG stays small. */
export function encodeQrRuns(value: string): QrRuns {
  const { size, data } = encode(value, { ecc: 'M', border: QR_QUIET_ZONE });
  const runs: QrRun[] = [];
  data.forEach((row, y) => {
    let start = -1;
    for (let x = 0; x <= row.length; x++) {
      const dark = x < row.length && row[x];
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        runs.push({ y, x: start, width: x - start });
        start = -1;
      }
    }
  });
  return { modules: size, runs };
}
