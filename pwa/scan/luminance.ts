/**
 * RGBA to luminance, reading only a region and shrinking it on the way.
 *
 * This is the only pass over all of the camera's pixels, and about 40% of a
 * frame without a code at 1280x720. Shrinking while converting means the frame
 * is read once, one 32-bit read a pixel, and the mean of each block divides
 * gaussian noise by its side, for free.
 */
import type { Box, LumaImage, RgbaFrame } from './types';

/** True where a Uint32 read of RGBA bytes gives R in the low byte (every browser and Node we run on). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Reads the luminance of `box` (whole frame by default) of an RGBA frame,
 * shrunk by the integer `factor`: each output pixel is the mean of a
 * factor x factor block. Uses BT.601 weights (77 R + 150 G + 29 B) / 256, the
 * luma a camera's YUV frames carry. Pixels past the last whole block are
 * dropped.
 */
export function readLuminance(frame: RgbaFrame, factor = 1, box: Box = { x: 0, y: 0, width: frame.width, height: frame.height }): LumaImage {
  const width = Math.floor(box.width / factor);
  const height = Math.floor(box.height / factor);
  const out = new Uint8Array(width * height);
  const pixels = asPixels(frame.data);
  if (!pixels) return readLuminanceBytes(frame, factor, box, width, height, out);
  const stride = frame.width;
  if (factor === 1) {
    for (let y = 0, o = 0; y < height; y++) {
      let i = (box.y + y) * stride + box.x;
      for (let x = 0; x < width; x++, i++, o++) {
        const p = pixels[i];
        out[o] = (77 * (p & 255) + 150 * ((p >>> 8) & 255) + 29 * ((p >>> 16) & 255)) >>> 8;
      }
    }
    return { data: out, width, height };
  }
  if (factor === 2) return read2x2Means(pixels, stride, box.x, box.y, 2, width, height, out);
  // Sum R, G and B of a block apart and weight them once: 3 multiplies a block, not a pixel.
  const sums = new Uint32Array(width);
  const scale = 1 / (factor * factor * 256);
  for (let y = 0, o = 0; y < height; y++) {
    sums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      let i = (box.y + y * factor + dy) * stride + box.x;
      for (let x = 0; x < width; x++) {
        let r = 0;
        let g = 0;
        let b = 0;
        for (let dx = 0; dx < factor; dx++, i++) {
          const p = pixels[i];
          r += p & 255;
          g += (p >>> 8) & 255;
          b += (p >>> 16) & 255;
        }
        sums[x] += 77 * r + 150 * g + 29 * b;
      }
    }
    for (let x = 0; x < width; x++, o++) out[o] = sums[x] * scale;
  }
  return { data: out, width, height };
}

/**
 * Each output pixel the mean luminance of the 2x2 pixels at
 * (x0 + x * step, y0 + y * step), from packed RGBA: `readLuminance` at factor 2
 * (step 2, every pixel read; the common case, 2x faster than its general loop)
 * and `sampleLuminance` (a 2x2 sample of each larger block).
 */
function read2x2Means(pixels: Uint32Array, stride: number, x0: number, y0: number, step: number, width: number, height: number, out: Uint8Array): LumaImage {
  for (let y = 0, o = 0; y < height; y++) {
    let i = (y0 + y * step) * stride + x0;
    let j = i + stride;
    for (let x = 0; x < width; x++, o++, i += step, j += step) {
      const a = pixels[i];
      const b = pixels[i + 1];
      const c = pixels[j];
      const d = pixels[j + 1];
      const r = (a & 255) + (b & 255) + (c & 255) + (d & 255);
      const g = ((a >>> 8) & 255) + ((b >>> 8) & 255) + ((c >>> 8) & 255) + ((d >>> 8) & 255);
      const bl = ((a >>> 16) & 255) + ((b >>> 16) & 255) + ((c >>> 16) & 255) + ((d >>> 16) & 255);
      out[o] = (77 * r + 150 * g + 29 * bl) >>> 10;
    }
  }
  return { data: out, width, height };
}

/**
 * Reads the luminance of the whole frame shrunk by the integer `factor`,
 * each output pixel being the mean of the 2x2 pixels at the centre of its
 * factor x factor block. For the search pass: it reads at most 4 pixels per
 * output pixel whatever the factor, so a 1920x1080 frame costs what a
 * 1280x720 one does (a full 3x3 mean read 2.25x the pixels and took 5 ms
 * instead of 1.3 ms, CPU time, here), and the 2x2 mean still halves noise.
 */
export function sampleLuminance(frame: RgbaFrame, factor: number): LumaImage {
  const pixels = asPixels(frame.data);
  if (factor <= 2 || !pixels) return readLuminance(frame, factor);
  const width = Math.floor(frame.width / factor);
  const height = Math.floor(frame.height / factor);
  const out = new Uint8Array(width * height);
  const inset = (factor - 2) >> 1;
  return read2x2Means(pixels, frame.width, inset, inset, factor, width, height, out);
}

/** A Uint32 view of the RGBA bytes, one read per pixel (3x fewer loads), or null where that view is impossible. */
function asPixels(data: Uint8ClampedArray): Uint32Array | null {
  if (!LITTLE_ENDIAN || data.byteOffset % 4 !== 0) return null;
  return new Uint32Array(data.buffer, data.byteOffset, data.length >>> 2);
}

/** The same as `readLuminance`, one byte at a time, for the rare unaligned or big-endian input. */
function readLuminanceBytes(frame: RgbaFrame, factor: number, box: Box, width: number, height: number, out: Uint8Array): LumaImage {
  const { data } = frame;
  const scale = 1 / (factor * factor * 256);
  for (let y = 0, o = 0; y < height; y++) {
    for (let x = 0; x < width; x++, o++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        let p = ((box.y + y * factor + dy) * frame.width + box.x + x * factor) * 4;
        for (let dx = 0; dx < factor; dx++, p += 4) sum += 77 * data[p] + 150 * data[p + 1] + 29 * data[p + 2];
      }
      out[o] = sum * scale;
    }
  }
  return { data: out, width, height };
}
