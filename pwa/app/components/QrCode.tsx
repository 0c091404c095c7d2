/**
 * A QR code drawn as SVG rectangles from shared/qr/qr-runs.ts (as the
 * portal's QR code is): no canvas, crisp at any size. It fills the width it is given (CSS `.qr-code`), so a code shown
 * for another phone to scan is as large as the screen allows.
 */
import { useMemo } from 'preact/hooks';
import { encodeQrRuns } from '../../../shared/qr/qr-runs';

/** Props of {@link QrCode}. */
export interface QrCodeProps {
  /** What the code carries, e.g. an `otpauth-migration://` URI. */
  value: string;
  /** The accessible name, e.g. "QR code 1 of 2". */
  label: string;
}

/** Draws `value` as a QR code (error correction M), always dark on white, also in dark mode. */
export function QrCode({ value, label }: QrCodeProps) {
  const { modules, runs } = useMemo(() => encodeQrRuns(value), [value]);
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
