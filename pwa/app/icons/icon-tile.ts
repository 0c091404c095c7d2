/**
 * Colours of a brand icon's tile (issue 12). The glyph must stand out from
 * its tile and the tile from the card, in the light and the dark theme, by at
 * least 3:1 (WCAG 2.2 SC 1.4.11, non-text contrast). simple-icons gives each
 * brand one colour, often too dark for the dark theme (GitHub's #181717) or
 * too light for the light one (Snapchat's #FFFC00), so the tile is chosen by
 * contrast rather than always painted in the brand colour.
 */

/** The cards' background in each theme (`--surface` in app.css). */
export const CARD_BACKGROUNDS = Object.freeze({ light: 'FFFFFF', dark: '161B23' });

/** The neutral tiles used when the brand colour is too close to the card. */
const DARK_TILE = '1F2328';
const LIGHT_TILE = 'FFFFFF';

/** WCAG 2.2 minimum contrast for graphical objects (SC 1.4.11). */
export const MIN_ICON_CONTRAST = 3;

/** A tile: its background and the glyph's colour, six hex digits without "#". */
export interface IconTileColors {
  tile: string;
  glyph: string;
}

/** Relative luminance of an sRGB colour (WCAG 2.2, "relative luminance"). */
export function relativeLuminance(hex: string): number {
  const channel = (offset: number) => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** Contrast ratio of two colours, from 1 to 21 (WCAG 2.2, "contrast ratio"). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** White or black, whichever stands out more on `background`. */
function blackOrWhite(background: string): string {
  return contrastRatio('FFFFFF', background) >= contrastRatio('000000', background) ? 'FFFFFF' : '000000';
}

/**
 * The tile for a brand colour on a card: the brand colour with a white or
 * black glyph when it stands out from the card; otherwise a neutral tile of
 * the opposite lightness, with the glyph in the brand colour if that stands
 * out from it, else white or black.
 */
export function iconTileColors(brandHex: string, cardHex: string): IconTileColors {
  const brand = brandHex.toUpperCase();
  if (contrastRatio(brand, cardHex) >= MIN_ICON_CONTRAST) return { tile: brand, glyph: blackOrWhite(brand) };
  const tile = relativeLuminance(cardHex) > 0.5 ? DARK_TILE : LIGHT_TILE;
  return { tile, glyph: contrastRatio(brand, tile) >= MIN_ICON_CONTRAST ? brand : blackOrWhite(tile) };
}
