/**
 * Adaptive (local mean) thresholding with a window per pixel, over an integral
 * image: for the decode pass's small region, where the threshold must follow
 * single modules (the search pass over a whole frame uses the cheaper blocks
 * of block-threshold.ts).
 *
 * Why not a global threshold: a camera frame is unevenly lit, and our
 * low-contrast case (ink 113, paper 160, issue 7) sits inside the range the
 * background spans. Why not jsQR's own binarizer: it thresholds gaussian noise
 * in flat areas into salt and pepper that its locator then walks run by run
 * (raw jsQR took 0.5-4 s on our noisy 720p and 1080p frames) and it reads
 * neither of our low-contrast frames at 640x480. Here a pixel is ink when it is
 * darker than the mean of the window around it by more than `offset`: the
 * window follows lighting, the offset keeps flat noisy areas white. No blur
 * first: at 2.4-3 pixels a module a 3x3 blur smeared single modules and jsQR
 * failed on 7-71 of 90 regions, against 1-3 without.
 */
import type { BinaryImage, LumaImage } from './types';

/** How `binarizeAdaptive` decides what is ink. */
export interface ThresholdOptions {
  /** Half-size of the square window whose mean is the local threshold; wider than a finder pattern. */
  windowRadius: number;
  /** How much darker than the local mean (in grey levels) a pixel must be to count as ink. */
  offset: number;
}

/**
 * Returns the summed-area table of `image`: `(width + 1) * (height + 1)`
 * entries, entry `(y + 1) * (width + 1) + (x + 1)` holding the sum of every
 * pixel at or above and left of (x, y). Fits an Int32Array up to 8.4 M pixels
 * of white, more than a 4K frame.
 */
export function computeIntegralImage(image: LumaImage): Int32Array {
  const { data, width, height } = image;
  const stride = width + 1;
  const table = new Int32Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    let rowSum = 0;
    const above = y * stride + 1;
    const here = above + stride;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      rowSum += data[row + x];
      table[here + x] = table[above + x] + rowSum;
    }
  }
  return table;
}

/** Marks as ink (1) every pixel darker than the mean of the window around it minus `offset`. */
export function binarizeAdaptive(image: LumaImage, options: ThresholdOptions): BinaryImage {
  const { data, width, height } = image;
  const { windowRadius, offset } = options;
  const table = computeIntegralImage(image);
  const stride = width + 1;
  const out = new Uint8Array(width * height);
  // Clamped window edges per column, computed once instead of per pixel.
  const left = new Int32Array(width);
  const right = new Int32Array(width);
  for (let x = 0; x < width; x++) {
    left[x] = Math.max(0, x - windowRadius);
    right[x] = Math.min(width, x + windowRadius + 1);
  }
  // Column sums of the window's rows, so each pixel's window sum is two look-ups, not four.
  const band = new Int32Array(stride);
  for (let y = 0; y < height; y++) {
    const top = Math.max(0, y - windowRadius);
    const bottom = Math.min(height, y + windowRadius + 1);
    const rows = bottom - top;
    const topRow = top * stride;
    const bottomRow = bottom * stride;
    for (let x = 0; x < stride; x++) band[x] = table[bottomRow + x] - table[topRow + x];
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const l = left[x];
      const r = right[x];
      const area = (r - l) * rows;
      // value < windowSum / area - offset, without dividing.
      out[row + x] = data[row + x] * area < band[r] - band[l] - offset * area ? 1 : 0;
    }
  }
  return { data: out, width, height };
}
