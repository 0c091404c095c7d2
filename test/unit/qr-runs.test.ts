import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { encodeQrRuns, QR_QUIET_ZONE } from '../../shared/qr/qr-runs';

/** Paints the runs into RGBA pixels, `scale` pixels a module, as the SVG would look. */
function paint({ modules, runs }: ReturnType<typeof encodeQrRuns>, scale = 4) {
  const side = modules * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const { x, y, width } of runs) {
    for (let py = y * scale; py < (y + 1) * scale; py++) {
      for (let px = x * scale; px < (x + width) * scale; px++) data.fill(0, (py * side + px) * 4, (py * side + px) * 4 + 3);
    }
  }
  return { data, side };
}

describe('encodeQrRuns', () => {
  it.each([
    'otpauth://totp/Acme%20MSP:owner%40acme-msp.example?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20MSP',
    'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC',
  ])('draws runs that a QR reader reads back as %s', (value) => {
    const { data, side } = paint(encodeQrRuns(value));
    expect(jsQR(data, side, side, { inversionAttempts: 'dontInvert' })?.data).toBe(value);
  });

  it('leaves the quiet zone white', () => {
    const { modules, runs } = encodeQrRuns('hello');
    for (const run of runs) {
      expect(run.y).toBeGreaterThanOrEqual(QR_QUIET_ZONE);
      expect(run.y).toBeLessThan(modules - QR_QUIET_ZONE);
      expect(run.x).toBeGreaterThanOrEqual(QR_QUIET_ZONE);
      expect(run.x + run.width).toBeLessThanOrEqual(modules - QR_QUIET_ZONE);
    }
  });
});
