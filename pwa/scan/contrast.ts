/**
 * How far apart a region's dark and light are, for thresholds that must
 * scale with contrast: ink 0 / paper 255 on a clean print, 113 / 160 through
 * a dim camera (issue 7's low-contrast case).
 */
import type { LumaImage } from './types';

/** The dark and light levels of an image, as grey levels. */
export interface ContrastLevels {
  /** The level below which `fraction` of the pixels lie. */
  dark: number;
  /** The level above which `fraction` of the pixels lie. */
  light: number;
}

/**
 * Measures the dark and light levels of `image` as its `fraction` and
 * `1 - fraction` percentiles: percentiles rather than min and max, so a few
 * noisy pixels do not set them.
 */
export function measureContrast(image: LumaImage, fraction = 0.05): ContrastLevels {
  const histogram = new Uint32Array(256);
  const { data } = image;
  for (let i = 0; i < data.length; i++) histogram[data[i]]++;
  const cut = fraction * data.length;
  let dark = 0;
  for (let seen = 0; dark < 255 && seen + histogram[dark] <= cut; dark++) seen += histogram[dark];
  let light = 255;
  for (let seen = 0; light > 0 && seen + histogram[light] <= cut; light--) seen += histogram[light];
  return { dark, light: Math.max(dark, light) };
}
