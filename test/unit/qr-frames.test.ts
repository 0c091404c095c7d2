import { describe, expect, it } from 'vitest';
import { createGaussian, createRandom, makeQrFrame, QR_FRAME_VARIANTS, toI420, type RgbaFrame } from '../fixtures/qr-frames';

const TEXT = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

function lumaStats(frame: RgbaFrame): { mean: number; std: number; min: number; max: number } {
  let sum = 0;
  let squares = 0;
  let min = 255;
  let max = 0;
  const n = frame.width * frame.height;
  for (let p = 0; p < frame.data.length; p += 4) {
    const y = (frame.data[p] + frame.data[p + 1] + frame.data[p + 2]) / 3;
    sum += y;
    squares += y * y;
    min = Math.min(min, y);
    max = Math.max(max, y);
  }
  const mean = sum / n;
  return { mean, std: Math.sqrt(squares / n - mean * mean), min, max };
}

describe('createRandom', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect([c(), c(), c()]).not.toEqual(first);
    for (const value of first) expect(value >= 0 && value < 1).toBe(true);
  });
});

describe('createGaussian', () => {
  it('draws samples of mean 0 and standard deviation 1', () => {
    const gaussian = createGaussian(createRandom(7));
    const samples = Array.from({ length: 20000 }, gaussian);
    const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
    const std = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / samples.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(std - 1)).toBeLessThan(0.03);
  });
});

describe('makeQrFrame', () => {
  it.each(QR_FRAME_VARIANTS)('draws an opaque %s frame of the asked size', (variant) => {
    const frame = makeQrFrame({ text: TEXT, width: 320, height: 240, variant, seed: 1 });
    expect(frame.width).toBe(320);
    expect(frame.height).toBe(240);
    expect(frame.data).toHaveLength(320 * 240 * 4);
    expect(frame.data.every((value, i) => i % 4 !== 3 || value === 255)).toBe(true);
  });

  it('draws the same bytes for the same seed and other bytes for another', () => {
    const options = { text: TEXT, width: 320, height: 240, variant: 'noise8' as const };
    // Buffer.equals, not toEqual: a deep comparison of 300k elements takes seconds.
    const bytes = (seed: number) => Buffer.from(makeQrFrame({ ...options, seed }).data.buffer);
    expect(bytes(5).equals(bytes(5))).toBe(true);
    expect(bytes(5).equals(bytes(6))).toBe(false);
  });

  it('draws a cluttered background, not a plain colour', () => {
    const { std } = lumaStats(makeQrFrame({ text: TEXT, width: 320, height: 240, variant: 'none', seed: 3 }));
    expect(std).toBeGreaterThan(20);
  });

  it.each([
    ['noise8', 8],
    ['noise20', 20],
  ] as const)('adds gaussian noise of sigma %s to the clean frame', (variant, sigma) => {
    const clean = makeQrFrame({ text: TEXT, width: 320, height: 240, variant: 'clean', seed: 2 });
    const noisy = makeQrFrame({ text: TEXT, width: 320, height: 240, variant, seed: 2 });
    // Away from clipping at 0 and 255 the difference is the noise itself.
    let sum = 0;
    let squares = 0;
    let n = 0;
    for (let p = 0; p < clean.data.length; p += 4) {
      if (clean.data[p + 1] < 70 || clean.data[p + 1] > 185) continue;
      const d = noisy.data[p + 1] - clean.data[p + 1];
      sum += d;
      squares += d * d;
      n++;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(1);
    expect(Math.sqrt(squares / n - mean * mean)).toBeCloseTo(sigma, 0);
  });

  it('squeezes a low-contrast frame between grey levels 113 and 160', () => {
    const { min, max } = lumaStats(makeQrFrame({ text: TEXT, width: 320, height: 240, variant: 'lowContrast', seed: 4 }));
    expect(min).toBeGreaterThanOrEqual(113);
    expect(max).toBeLessThanOrEqual(160);
  });

  it('prints the code on a white card a third of the frame high', () => {
    const frame = makeQrFrame({ text: TEXT, width: 640, height: 480, variant: 'clean', seed: 8 });
    const background = makeQrFrame({ text: TEXT, width: 640, height: 480, variant: 'none', seed: 8 });
    // The card is where the two frames differ: its bounding box is the card.
    let top = Infinity;
    let bottom = -Infinity;
    for (let p = 0; p < frame.data.length; p += 4) {
      if (frame.data[p] === background.data[p] && frame.data[p + 1] === background.data[p + 1]) continue;
      const y = Math.floor(p / 4 / 640);
      top = Math.min(top, y);
      bottom = Math.max(bottom, y);
    }
    expect(bottom - top + 1).toBeGreaterThanOrEqual(158);
    expect(bottom - top + 1).toBeLessThanOrEqual(162);
  });
});

describe('toI420', () => {
  const solid = (value: number, width: number, height: number): RgbaFrame => ({
    data: new Uint8ClampedArray(width * height * 4).fill(value),
    width,
    height,
  });

  it.each([
    ['white', 255, 235],
    ['black', 0, 16],
  ])('maps %s to studio-swing luma %i with neutral chroma', (_name, value, luma) => {
    const planes = toI420(solid(value, 4, 2));
    expect([...planes.y]).toEqual(Array(8).fill(luma));
    expect([...planes.u]).toEqual([128, 128]);
    expect([...planes.v]).toEqual([128, 128]);
  });

  it('rounds chroma planes up for odd sizes', () => {
    const planes = toI420(solid(128, 5, 3));
    expect(planes.y).toHaveLength(15);
    expect(planes.u).toHaveLength(3 * 2);
    expect(planes.v).toHaveLength(3 * 2);
  });

  it('puts red in the V plane and blue in the U plane', () => {
    const red = toI420({ data: new Uint8ClampedArray([255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255]), width: 2, height: 2 });
    const blue = toI420({ data: new Uint8ClampedArray([0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 255]), width: 2, height: 2 });
    expect(red.v[0]).toBe(240);
    expect(blue.u[0]).toBe(240);
  });
});
