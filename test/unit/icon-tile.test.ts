import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CARD_BACKGROUNDS, contrastRatio, iconTileColors, MIN_ICON_CONTRAST } from '../../pwa/app/icons/icon-tile';

const setColours = (createRequire(import.meta.url)('simple-icons/icons.json') as { hex: string }[]).map((icon) => icon.hex);

describe('contrastRatio', () => {
  it.each([
    ['FFFFFF', '000000', 21],
    ['FFFFFF', 'FFFFFF', 1],
    ['767676', 'FFFFFF', 4.54],
  ])('gives %s on %s a ratio of %d', (a, b, ratio) => {
    expect(contrastRatio(a, b)).toBeCloseTo(ratio, 2);
  });
});

describe('iconTileColors', () => {
  it.each([
    ['GitHub, light theme: its near-black tile, white glyph', '181717', 'light', { tile: '181717', glyph: 'FFFFFF' }],
    ['GitHub, dark theme: too close to the card, so a white tile with the brand glyph', '181717', 'dark', { tile: 'FFFFFF', glyph: '181717' }],
    ['Snapchat yellow, light theme: a dark tile with the yellow glyph', 'FFFC00', 'light', { tile: '1F2328', glyph: 'FFFC00' }],
    ['Snapchat yellow, dark theme: its yellow tile, black glyph', 'FFFC00', 'dark', { tile: 'FFFC00', glyph: '000000' }],
    ['Google blue, light theme: its blue tile', '4285F4', 'light', { tile: '4285F4', glyph: '000000' }],
  ] as const)('draws %s', (_case, hex, theme, expected) => {
    expect(iconTileColors(hex, CARD_BACKGROUNDS[theme])).toStrictEqual(expected);
  });

  it.each(['light', 'dark'] as const)('keeps every icon of the set at 3:1 or more, tile on card and glyph on tile (%s theme)', (theme) => {
    const card = CARD_BACKGROUNDS[theme];
    expect(setColours.length).toBeGreaterThan(3000);
    for (const hex of setColours) {
      const { tile, glyph } = iconTileColors(hex, card);
      expect(contrastRatio(tile, card), `${hex} tile on the ${theme} card`).toBeGreaterThanOrEqual(MIN_ICON_CONTRAST);
      expect(contrastRatio(glyph, tile), `${hex} glyph on its tile`).toBeGreaterThanOrEqual(MIN_ICON_CONTRAST);
    }
  });
});
