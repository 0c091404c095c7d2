/**
 * Hands a binary image to jsQR and reads the code's text.
 *
 * jsQR is given our ink/paper image as black/white RGBA with
 * `inversionAttempts: 'dontInvert'`: its own binarizer then passes it through
 * unchanged, and it does not binarize and locate a second time on the
 * inverted image, which on a miss halves its cost. Light-on-dark codes are
 * therefore not read; authenticator QR codes are printed dark on light.
 *
 * jsQR 1.4.0 copies options into its shared defaults object, so this option
 * sticks for every later call in the same realm (a bug upstream): a baseline
 * that wants jsQR's default must pass `inversionAttempts: 'attemptBoth'`.
 */
import jsQR from 'jsqr';
import type { BinaryImage, Point } from './types';

/** A decoded code: its text and where its corners are in the image it was read from. */
export interface QrReading {
  /** The code's content, as text. */
  text: string;
  /** Top-left, top-right, bottom-right, bottom-left corners of the symbol (without quiet zone). */
  corners: [Point, Point, Point, Point];
}

/** Opaque black and white as one little-endian 32-bit RGBA pixel. */
const INK = 0xff000000;
const PAPER = 0xffffffff;

/** Returns the QR code jsQR reads in `image` (ink = 1), or null. */
export function readQrCode(image: BinaryImage): QrReading | null {
  const { data, width, height } = image;
  const rgba = new Uint8ClampedArray(width * height * 4);
  const pixels = new Uint32Array(rgba.buffer);
  for (let i = 0; i < data.length; i++) pixels[i] = data[i] ? INK : PAPER;
  const code = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
  if (!code) return null;
  const { topLeftCorner, topRightCorner, bottomRightCorner, bottomLeftCorner } = code.location;
  return { text: code.data, corners: [topLeftCorner, topRightCorner, bottomRightCorner, bottomLeftCorner] };
}
