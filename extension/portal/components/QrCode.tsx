/**
 * A QR code drawn as SVG rectangles from the matrix `uqr` encodes: no canvas,
 * no innerHTML, crisp at any size and scannable at arm's length.
 */
import { useMemo } from 'preact/hooks';
import { encodeQrRuns } from '../../../shared/qr/qr-runs';

/** Props of {@link QrCode}. */
export interface QrCodeProps {
  /** What the code carries, e.g. an `otpauth://` URI. */
  value: string;
  /** The accessible name, e.g. "QR code for alice@example.com". */
  label: string;
  /**
   * The smallest width and height in CSS pixels, quiet zone included
   * (default 240). Rounded up to a whole number of pixels per module, so every
   * module is drawn the same size.
   */
  minSize?: number;
  /** Extra class names for the `<svg>`. */
  class?: string;
}

/**
 * Draws `value` as a QR code (error correction M) with a white quiet zone.
 * Always dark on white, also in dark mode, because scanners expect it.
 */
export function QrCode({ value, label, minSize = 240, class: className }: QrCodeProps) {
  const { modules, runs } = useMemo(() => encodeQrRuns(value), [value]);
  const size = Math.ceil(minSize / modules) * modules;

  return (
    <svg
      class={className ? `qr-code ${className}` : 'qr-code'}
      role="img"
      aria-label={label}
      width={size}
      height={size}
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
