/**
 * Shapes shared by the scan pipeline's modules. Pure data: no DOM types, so the
 * pipeline runs the same in a Web Worker and in Node.
 */

/** An RGBA image laid out as `ImageData` is: 4 bytes a pixel, row by row. */
export interface RgbaFrame {
  /** RGBA bytes, `width * height * 4` of them (alpha is ignored). */
  data: Uint8ClampedArray;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/** A single-channel image of 8-bit luminance (0 black ... 255 white). */
export interface LumaImage {
  /** One byte a pixel, row by row. */
  data: Uint8Array;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/** A one-bit image: 1 where a pixel is dark (a QR module's ink), 0 where light. */
export interface BinaryImage {
  /** One byte a pixel, 0 or 1, row by row. */
  data: Uint8Array;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/** An axis-aligned rectangle of whole pixels: [x, x + width) x [y, y + height). */
export interface Box {
  /** Left edge, inclusive. */
  x: number;
  /** Top edge, inclusive. */
  y: number;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/** A point in pixel coordinates (may be fractional). */
export interface Point {
  /** Horizontal position. */
  x: number;
  /** Vertical position. */
  y: number;
}
