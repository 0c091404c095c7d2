import { encode } from 'uqr';
import { describe, expect, it } from 'vitest';
import { binarizeByBlocks } from '../../pwa/scan/block-threshold';
import { measureContrast } from '../../pwa/scan/contrast';
import { findFinderPatterns } from '../../pwa/scan/finder-patterns';
import { locateCodeRegions } from '../../pwa/scan/locate-code';
import { readLuminance, sampleLuminance } from '../../pwa/scan/luminance';
import { readQrCode } from '../../pwa/scan/read-qr-code';
import { binarizeAdaptive, computeIntegralImage } from '../../pwa/scan/threshold';
import type { BinaryImage, LumaImage } from '../../pwa/scan/types';

const TEXT = 'otpauth://totp/ACME:bob@example.com?secret=GEZDGNBVGY3TQOJQ&issuer=ACME';

/** The code of TEXT as ink (1) / paper (0), `module` pixels a module, with a 4-module quiet zone, at (left, top) in a paper image. */
function drawCode(module: number, width: number, height: number, left = 0, top = 0): BinaryImage & { modules: number } {
  const qr = encode(TEXT, { ecc: 'M', border: 4 });
  const data = new Uint8Array(width * height);
  for (let y = 0; y < qr.size * module; y++) {
    for (let x = 0; x < qr.size * module; x++) {
      data[(top + y) * width + left + x] = qr.data[Math.floor(y / module)][Math.floor(x / module)] ? 1 : 0;
    }
  }
  return { data, width, height, modules: qr.size };
}

/** A binary image as luminance: ink `dark`, paper `light`. */
const toLuma = (image: BinaryImage, dark: number, light: number): LumaImage => ({
  data: image.data.map((bit) => (bit ? dark : light)),
  width: image.width,
  height: image.height,
});

const rgba = (pixels: number[][], width: number, height: number) => ({ data: new Uint8ClampedArray(pixels.flat()), width, height });

describe('readLuminance', () => {
  it.each([
    ['white', [255, 255, 255, 255], 255],
    ['black', [0, 0, 0, 255], 0],
    ['red', [255, 0, 0, 255], 76],
    ['green', [0, 255, 0, 255], 149],
    ['blue', [0, 0, 255, 255], 28],
  ])('weighs %s as BT.601 luma', (_name, pixel, luma) => {
    expect([...readLuminance(rgba([pixel], 1, 1)).data]).toEqual([luma]);
  });

  it.each([2, 3, 4])('averages each block when shrinking by %i', (factor) => {
    // Grey pixels (R = G = B, so luma = grey) of varied values; each output is its block's mean.
    const width = factor * 3;
    const height = factor * 2;
    const grey = (x: number, y: number) => (x * 37 + y * 91) % 256;
    const pixels = Array.from({ length: width * height }, (_, i) => {
      const v = grey(i % width, Math.floor(i / width));
      return [v, v, v, 255];
    });
    const out = readLuminance(rgba(pixels, width, height), factor);
    expect([out.width, out.height]).toEqual([3, 2]);
    for (let by = 0; by < 2; by++) {
      for (let bx = 0; bx < 3; bx++) {
        let sum = 0;
        for (let y = 0; y < factor; y++) for (let x = 0; x < factor; x++) sum += grey(bx * factor + x, by * factor + y);
        expect(Math.abs(out.data[by * 3 + bx] - sum / (factor * factor))).toBeLessThan(1);
      }
    }
  });

  it('reads only the asked box', () => {
    const pixels = [[0, 0, 0, 255], [255, 255, 255, 255], [0, 0, 0, 255], [255, 255, 255, 255]];
    const out = readLuminance(rgba(pixels, 2, 2), 1, { x: 1, y: 0, width: 1, height: 2 });
    expect([...out.data]).toEqual([255, 255]);
  });

  it('reads a frame whose bytes do not start on a 4-byte boundary', () => {
    const backing = new Uint8ClampedArray(1 + 4).fill(200);
    const out = readLuminance({ data: backing.subarray(1), width: 1, height: 1 });
    expect([...out.data]).toEqual([200]);
  });
});

describe('sampleLuminance', () => {
  it('averages the 2x2 pixels at the centre of each 4x4 block', () => {
    const pixels = Array.from({ length: 16 }, (_, i) => {
      const x = i % 4;
      const y = Math.floor(i / 4);
      const v = x >= 1 && x <= 2 && y >= 1 && y <= 2 ? 100 : 0;
      return [v, v, v, 255];
    });
    expect([...sampleLuminance(rgba(pixels, 4, 4), 4).data]).toEqual([100]);
  });
});

describe('measureContrast', () => {
  it('finds dark and light levels ignoring the rarest 5% at each end', () => {
    const data = new Uint8Array(100).fill(150);
    data.fill(110, 0, 40);
    data[0] = 0; // an outlier
    data[99] = 255;
    expect(measureContrast({ data, width: 100, height: 1 })).toEqual({ dark: 110, light: 150 });
  });
});

describe('computeIntegralImage', () => {
  it('sums every pixel above and left of each entry', () => {
    const table = computeIntegralImage({ data: new Uint8Array([1, 2, 3, 4]), width: 2, height: 2 });
    expect([...table]).toEqual([0, 0, 0, 0, 1, 3, 0, 4, 10]);
  });
});

describe.each([
  ['binarizeAdaptive', (image: LumaImage) => binarizeAdaptive(image, { windowRadius: 12, offset: 3 })],
  ['binarizeByBlocks', (image: LumaImage) => binarizeByBlocks(image, { blockSize: 6, offset: 3 })],
])('%s', (_name, binarize) => {
  it.each([
    ['full', 0, 255],
    ['low', 113, 160],
  ])('recovers a code printed at %s contrast', (_contrast, dark, light) => {
    const code = drawCode(3, 180, 180, 10, 10);
    // Buffer.equals: a deep comparison of 32k elements is slow.
    expect(Buffer.from(binarize(toLuma(code, dark, light)).data).equals(Buffer.from(code.data))).toBe(true);
  });

  it('leaves a flat image as paper', () => {
    const flat = { data: new Uint8Array(60 * 60).fill(128), width: 60, height: 60 };
    expect(binarize(flat).data.every((bit) => bit === 0)).toBe(true);
  });
});

describe('findFinderPatterns', () => {
  it.each([2, 3, 6])('finds the three finder patterns of a code at %i pixels a module', (m) => {
    const code = drawCode(m, 400, 400, 20, 30);
    const patterns = findFinderPatterns(code);
    expect(patterns).toHaveLength(3);
    // Finder centres are 3.5 modules in from the symbol's corners, after the 4-module quiet zone.
    const near = 7.5 * m;
    const far = (code.modules - 7.5) * m;
    const expected = [
      [20 + near, 30 + near],
      [20 + far, 30 + near],
      [20 + near, 30 + far],
    ];
    for (const [x, y] of expected) {
      expect(patterns.some((p) => Math.abs(p.x - x) <= 1 && Math.abs(p.y - y) <= 1)).toBe(true);
    }
    for (const p of patterns) expect(p.moduleSize).toBeCloseTo(m, 0);
  });

  it('finds nothing in an image without a code', () => {
    const stripes = new Uint8Array(200 * 200).map((_, i) => ((i % 200) % 10 < 5 ? 1 : 0));
    expect(findFinderPatterns({ data: stripes, width: 200, height: 200 })).toEqual([]);
  });
});

describe('locateCodeRegions', () => {
  const pattern = (x: number, y: number, moduleSize = 3) => ({ x, y, moduleSize, count: 9 });

  it('returns a box around three patterns at the corners of a square', () => {
    const regions = locateCodeRegions([pattern(100, 100), pattern(200, 100), pattern(100, 200)], 640, 480);
    expect(regions).toHaveLength(1);
    const { box } = regions[0];
    expect(box.x).toBeLessThanOrEqual(100 - 7 * 3);
    expect(box.y).toBeLessThanOrEqual(100 - 7 * 3);
    expect(box.x + box.width).toBeGreaterThanOrEqual(200 + 7 * 3);
    expect(box.y + box.height).toBeGreaterThanOrEqual(200 + 7 * 3);
    expect(regions[0].moduleSize).toBe(3);
  });

  it('clips the box to the image', () => {
    const [{ box }] = locateCodeRegions([pattern(5, 5), pattern(105, 5), pattern(5, 105)], 110, 110);
    expect(box).toEqual({ x: 0, y: 0, width: 110, height: 110 });
  });

  it.each([
    ['in a line', [pattern(100, 100), pattern(200, 100), pattern(300, 100)]],
    ['of unequal legs', [pattern(100, 100), pattern(300, 100), pattern(100, 150)]],
    ['of different sizes', [pattern(100, 100, 3), pattern(200, 100, 6), pattern(100, 200, 3)]],
    ['too close for any code', [pattern(100, 100), pattern(120, 100), pattern(100, 120)]],
  ])('rejects three patterns %s', (_name, patterns) => {
    expect(locateCodeRegions(patterns, 640, 480)).toEqual([]);
  });
});

describe('readQrCode', () => {
  it('reads a binary image of a code and says where its corners are', () => {
    const reading = readQrCode(drawCode(3, 200, 200, 20, 20));
    expect(reading?.text).toBe(TEXT);
    // The symbol starts after the 4-module quiet zone.
    expect(reading?.corners[0].x).toBeCloseTo(20 + 12, -1);
    expect(reading?.corners[0].y).toBeCloseTo(20 + 12, -1);
  });

  it('returns null for an image without a code', () => {
    expect(readQrCode({ data: new Uint8Array(100 * 100), width: 100, height: 100 })).toBeNull();
  });
});
