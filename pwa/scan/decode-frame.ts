/**
 * QR decoding of one camera frame, within the per-frame budget of issue 7:
 * at most 10 ms a 1280x720 frame and at most 1.5x zxing-wasm's time; a frame
 * without a code no dearer than one with a code; every variant read (clean,
 * noise sigma 8 and 20, turned 10 degrees, low contrast 113/160).
 *
 * Raw jsQR misses that budget by 10x to 200x here (65-140 ms a clean or empty
 * 720p frame, 0.5-1.5 s a noisy one, CPU time on this shared machine) and
 * misses noisy and low-contrast codes: it reads the whole frame at full
 * resolution, binarizes it in 8x8 blocks, then visits every pixel with a
 * closure call looking for finder patterns; noise turns flat areas into
 * thousands of short runs, and it does all of it twice (inverted) when it
 * finds nothing. Its cost grows with the pixels it is given, so we give it few:
 *
 * 1. Search: the frame shrunk by a whole factor to at least 360 lines (1x at
 *    480p, 2x at 720p, 3x at 1080p, reading a 2x2 mean per output pixel, which
 *    halves noise), thresholded by 5x5-block local means, and scanned for
 *    finder patterns by our own typed-array scan (finder-patterns.ts). About
 *    3 ms a 720p frame. A frame where no three patterns make a code stops here,
 *    so a frame without a code is the cheapest kind.
 * 2. Decode: only the region the three patterns span, read from the full frame
 *    at 2.4-4.8 pixels a module (jsQR's floor; 2x at 720p, about 120x120
 *    pixels), thresholded per pixel at a 9-module local mean minus 8% of the
 *    region's contrast, given to jsQR as black and white with `dontInvert`.
 *    About 3 ms. The offset keeps noise in the quiet zone from speckling, and
 *    scaled to the contrast it still works at 113/160.
 * 3. Only when that fails while three patterns in a code's geometry are in
 *    view (the evidence that a code is there), the same region one factor
 *    finer: full resolution at 720p.
 * 4. Across frames, the region where the last code was read is tried first:
 *    a code held in view then costs step 2 alone.
 *
 * Measured (scripts/bench-decode.ts; median CPU ms a frame over 3 generated
 * backgrounds, on a shared 2-core machine): 720p 5.1-6.4 ms with a code and
 * 2.8 without, against zxing-wasm's 6.6-11.6 and 6.0 (0.56-0.96x); 1080p
 * 5.6-6.7 and 2.8, against 13.7-26.5 and 13.7. At 480p, which has no budget,
 * 5.7-9.2 ms against zxing-wasm's 2.3-4.1: a 480-line frame cannot be shrunk
 * for the search, and jsQR's fixed costs on the region remain.
 */
import { binarizeByBlocks } from './block-threshold';
import { measureContrast } from './contrast';
import { findFinderPatterns } from './finder-patterns';
import { locateCodeRegions } from './locate-code';
import { readLuminance, sampleLuminance } from './luminance';
import { readQrCode } from './read-qr-code';
import { binarizeAdaptive } from './threshold';
import type { Box, RgbaFrame } from './types';

/** What `decodeFrame` remembers between frames of one camera stream. */
export interface DecodeState {
  /** Where, in frame pixels, the last code was read (with slack for a moving hand); null before the first read or after a miss. */
  region: Box | null;
  /** That code's module size in frame pixels. */
  moduleSize: number;
}

/** Returns a fresh state for a new camera stream. */
export function createDecodeState(): DecodeState {
  return { region: null, moduleSize: 0 };
}

/**
 * Lines the search pass works at, at least: a code a third of the frame high
 * then has 2.4 pixels a module, the least at which finder patterns still show.
 */
const SEARCH_HEIGHT = 360;
/**
 * Search threshold block size, as a fraction of the search image's height. The
 * threshold window (5 blocks) must be well wider than a finder pattern's 3x3
 * centre, or the centre of a code filling the frame comes out hollow: 1/45
 * makes the window 0.11 of the height, 1.5x the centre of a version 4 code
 * (the smallest an otpauth URI fits) as high as the frame.
 */
const SEARCH_BLOCK_FRACTION = 1 / 45;
/** Grey levels below the local mean that count as ink in the search pass: keeps flat noisy areas white, passes the 47-level low-contrast code. */
const SEARCH_OFFSET = 3;
/**
 * Fewest pixels a module the decode pass aims for (jsQR's floor is about 2).
 * At 720p it means shrinking the region 2x; aiming at 3 would keep it at full
 * resolution, 4x the pixels, for no more codes read (1 miss in 90 generated
 * regions either way).
 */
const DECODE_MODULE_PIXELS = 2.4;
/** Decode threshold window radius, in modules: 2 to 6 were tried; 4 failed least. */
const DECODE_WINDOW_MODULES = 4;
/** Decode threshold offset, as a fraction of the region's contrast: 0 speckles the quiet zone under noise, 0.25 erodes thin modules. */
const DECODE_OFFSET_FRACTION = 0.08;
/** Regions tried per frame: the best fit is almost always the code; a second one covers a false triple ahead of it. */
const MAX_REGIONS = 2;

/**
 * Decodes the QR code in an RGBA frame (as from `getImageData` or a video
 * frame), or returns null when there is none it can read. Pure: reads only its
 * arguments, and writes only `state`. Throws a RangeError when `data` is not
 * `width * height * 4` bytes. Pass the same `state` for successive
 * frames of one stream to look first where the last code was.
 */
export function decodeFrame(frame: RgbaFrame, state?: DecodeState): string | null {
  if (frame.data.length !== frame.width * frame.height * 4) {
    throw new RangeError(`A ${frame.width}x${frame.height} RGBA frame has ${frame.width * frame.height * 4} bytes, not ${frame.data.length}`);
  }
  if (state?.region && fitsIn(state.region, frame)) {
    // No finer retry here: nothing in this frame says the code is still there.
    const text = decodeRegion(frame, state.region, state.moduleSize, state, false);
    if (text !== null) return text;
  }
  const factor = Math.max(1, Math.floor(frame.height / SEARCH_HEIGHT));
  const luma = sampleLuminance(frame, factor);
  const binary = binarizeByBlocks(luma, { blockSize: Math.max(4, Math.round(luma.height * SEARCH_BLOCK_FRACTION)), offset: SEARCH_OFFSET });
  const regions = locateCodeRegions(findFinderPatterns(binary), luma.width, luma.height);
  for (const region of regions.slice(0, MAX_REGIONS)) {
    const { x, y, width, height } = region.box;
    const box = { x: x * factor, y: y * factor, width: width * factor, height: height * factor };
    const text = decodeRegion(frame, box, region.moduleSize * factor, state, true);
    if (text !== null) return text;
  }
  if (state) state.region = null;
  return null;
}

/**
 * Reads the code in `box` at about `DECODE_MODULE_PIXELS` a module; failing
 * that, when `retryFiner`, once more one factor finer. Records where the code
 * was in `state`.
 */
function decodeRegion(frame: RgbaFrame, box: Box, moduleSize: number, state: DecodeState | undefined, retryFiner: boolean): string | null {
  const coarse = Math.max(1, Math.floor(moduleSize / DECODE_MODULE_PIXELS));
  for (const factor of retryFiner && coarse > 1 ? [coarse, coarse - 1] : [coarse]) {
    const luma = readLuminance(frame, factor, box);
    const { dark, light } = measureContrast(luma);
    const binary = binarizeAdaptive(luma, {
      windowRadius: Math.max(3, Math.round((DECODE_WINDOW_MODULES * moduleSize) / factor)),
      offset: DECODE_OFFSET_FRACTION * (light - dark),
    });
    const reading = readQrCode(binary);
    if (!reading) continue;
    if (state) {
      const xs = reading.corners.map((p) => box.x + p.x * factor);
      const ys = reading.corners.map((p) => box.y + p.y * factor);
      state.region = boundWithSlack(xs, ys, frame);
      state.moduleSize = moduleSize;
    }
    return reading.text;
  }
  return null;
}

/** Whether `box` lies inside `frame` (a stream may change size between frames). */
function fitsIn(box: Box, frame: RgbaFrame): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= frame.width && box.y + box.height <= frame.height;
}

/** The box around the code's corners plus a quarter of its size each side (quiet zone and a moving hand), clipped to the frame. */
function boundWithSlack(xs: number[], ys: number[], frame: RgbaFrame): Box {
  const slack = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) / 4;
  const left = Math.max(0, Math.floor(Math.min(...xs) - slack));
  const top = Math.max(0, Math.floor(Math.min(...ys) - slack));
  const right = Math.min(frame.width, Math.ceil(Math.max(...xs) + slack));
  const bottom = Math.min(frame.height, Math.ceil(Math.max(...ys) + slack));
  return { x: left, y: top, width: right - left, height: bottom - top };
}
