/**
 * Reading a QR code from a picture: a file the user picked or dropped, or a
 * screenshot pasted from the clipboard. The picture is decoded by the browser
 * (`createImageBitmap`), drawn into a canvas and handed, region by region, to
 * the same decoder as the camera's frames (`pwa/scan/`, in its worker).
 *
 * Why regions: the decoder is tuned for camera frames, where the code fills a
 * good part of the view; it searches a frame shrunk to about 360 lines. In a
 * phone screenshot (1170x2532) or a desktop one (1920x1080) the code may be a
 * tenth of the picture, too small at that scale. So after the whole picture we
 * try overlapping squares of the short side, then of half of it, where such a
 * code is big enough again. A picture with a code usually reads at the first
 * try; one without costs some tens of decodes, a fraction of a second.
 */
import { AppError } from '../../../shared/errors';
import { createFrameDecoder, type FrameDecoder } from '../../scan/frame-decoder';
import type { Box, RgbaFrame } from '../../scan/types';

/** Longest side, in pixels, a region is drawn at: more only slows the decoder down. */
const MAX_REGION_SIDE = 1600;
/** Smallest square worth trying: a readable code needs some 100 pixels, a quarter of the square. */
const MIN_TILE_SIDE = 240;
/** Most regions tried in one picture, so a huge picture cannot keep the decoder busy for long. */
const MAX_REGIONS = 48;

/**
 * The regions of a `width` x `height` picture to look for a code in, best
 * first: the whole picture, then overlapping squares (half a side apart) of
 * its short side and of half of it, each row of squares reaching both edges.
 */
export function planImageRegions(width: number, height: number): Box[] {
  const regions: Box[] = [{ x: 0, y: 0, width, height }];
  const short = Math.min(width, height);
  const sides: number[] = [];
  // A picture about as wide as high is already covered by the whole-picture try.
  if (Math.max(width, height) > short * 1.34) sides.push(short);
  if (short / 2 >= MIN_TILE_SIDE) sides.push(Math.floor(short / 2));
  for (const side of sides) {
    for (const y of tileOffsets(height, side)) {
      for (const x of tileOffsets(width, side)) regions.push({ x, y, width: side, height: side });
    }
  }
  return regions.slice(0, MAX_REGIONS);
}

/** Offsets of tiles of `side` along `length`, half a tile apart, the last one flush with the end. */
function tileOffsets(length: number, side: number): number[] {
  const offsets: number[] = [];
  const step = Math.max(1, Math.floor(side / 2));
  for (let offset = 0; offset + side < length; offset += step) offsets.push(offset);
  offsets.push(Math.max(0, length - side));
  return offsets;
}

/** A 2D context we can draw into and read back, on an OffscreenCanvas where there is one. */
type Context2d = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/** Makes a canvas context for reading pixels back often. */
function createContext(): Context2d {
  const options = { willReadFrequently: true };
  const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1) : document.createElement('canvas');
  const context = canvas.getContext('2d', options) as Context2d | null;
  if (!context) throw new AppError('image_unreadable');
  return context;
}

/** Draws `region` of `image` scaled to at most MAX_REGION_SIDE, optionally inverted, and returns its pixels. */
function readRegion(context: Context2d, image: ImageBitmap, region: Box, invert: boolean): RgbaFrame {
  const scale = Math.min(1, MAX_REGION_SIDE / Math.max(region.width, region.height));
  const width = Math.max(1, Math.round(region.width * scale));
  const height = Math.max(1, Math.round(region.height * scale));
  const canvas = context.canvas;
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  // A transparent PNG's clear pixels read as black without a white ground.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(image, region.x, region.y, region.width, region.height, 0, 0, width, height);
  const { data } = context.getImageData(0, 0, width, height);
  if (invert) for (let i = 0; i < data.length; i += 4) [data[i], data[i + 1], data[i + 2]] = [255 - data[i]!, 255 - data[i + 1]!, 255 - data[i + 2]!];
  return { data, width, height };
}

/** Sends one frame to the decoder and waits for its answer. */
function decodeOnce(decoder: FrameDecoder, frame: RgbaFrame): Promise<string | null> {
  return new Promise((resolve) => {
    const stop = decoder.onResult((result) => {
      stop();
      resolve(result.text);
    });
    if (!decoder.submit(frame)) {
      stop();
      resolve(null);
    }
  });
}

/**
 * Returns the text of the QR code in a picture.
 *
 * @param image A picture file or blob (PNG, JPEG, WebP, GIF...).
 * @param signal Aborts the search (the user chose another picture or left).
 * @throws AppError `image_unreadable` when the browser cannot decode the
 *   picture; `no_qr_found` when no region holds a readable code. An
 *   `AbortError` DOMException when aborted.
 */
export async function decodeQrImage(image: Blob, signal?: AbortSignal): Promise<string> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(image);
  } catch (error) {
    throw new AppError('image_unreadable', {}, { cause: error });
  }
  const decoder = createFrameDecoder();
  try {
    const context = createContext();
    const whole = { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
    // Last, the whole picture inverted: a light code on a dark ground (a dark-mode screenshot).
    const attempts = [...planImageRegions(bitmap.width, bitmap.height).map((region) => ({ region, invert: false })), { region: whole, invert: true }];
    for (const { region, invert } of attempts) {
      signal?.throwIfAborted();
      const text = await decodeOnce(decoder, readRegion(context, bitmap, region, invert));
      if (text !== null) return text;
    }
    throw new AppError('no_qr_found');
  } finally {
    decoder.terminate();
    bitmap.close();
  }
}
