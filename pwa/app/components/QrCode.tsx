/**
 * A QR code drawn as SVG rectangles from the matrix `uqr` encodes (as the
 * portal's extension/portal/components/QrCode.tsx does): no canvas, crisp at
 * any size. It fills the width it is given (CSS `.qr-code`), so a code shown
 * for another phone to scan is as large as the screen allows.
 */
import { useMemo } from 'preact/hooks';
import { encode } from 'uqr';

/** Props of {@link QrCode}. */
export interface QrCodeProps {
  /** What the code carries, e.g. an `otpauth-migration://` URI. */
  value: string;
  /** The accessible name, e.g. "QR code 1 of 2". */
  label: string;
}

/** The quiet zone in modules; ISO/IEC 18004 asks for 4, and scanners find the code much faster with it. */
const QUIET_ZONE = 4;

/** Merges each row's adjacent dark modules into runs, so the SVG stays small. */
function toRuns(data: boolean[][]): Array<{ x: number; y: number; width: number }> {
  const runs: Array<{ x: number; y: number; width: number }> = [];
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
  return runs;
}

/** Draws `value` as a QR code (error correction M), always dark on white, also in dark mode. */
export function QrCode({ value, label }: QrCodeProps) {
  const { modules, runs } = useMemo(() => {
    const qr = encode(value, { ecc: 'M', border: QUIET_ZONE });
    return { modules: qr.size, runs: toRuns(qr.data) };
  }, [value]);
  return (
    <svg
      class="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${modules} ${modules}`}
      shape-rendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={modules} height={modules} fill="#ffffff" />
      {runs.map((r) => (
        <rect key={`${r.y}-${r.x}`} x={r.x} y={r.y} width={r.width} height={1} fill="#000000" />
      ))}
    </svg>
  );
}
