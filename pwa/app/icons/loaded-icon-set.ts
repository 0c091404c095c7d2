/**
 * The icon set once loaded: its index, matcher and tile colours, in the same
 * lazily loaded chunk as the index, so none of it weighs on the first load.
 */
import rows, { shards } from 'virtual:icon-set/index';
import { buildIconIndex, matchIcon, type IconEntry, type IconIndex } from '../../../shared/vault/icon-match';
import { CARD_BACKGROUNDS, iconTileColors } from './icon-tile';

/** An icon of the bundled set, with the chunk its path is in. */
export interface SetIcon extends IconEntry {
  /** Which path chunk holds its SVG path. */
  shard: number;
  /** The CSS custom properties of its tile in both themes (see icon-tile.ts). */
  readonly tileStyle: Record<string, string>;
}

/** The loaded set. */
export interface LoadedIconSet {
  /** Every icon, by slug and by name. */
  index: IconIndex<SetIcon>;
  /** One loader per shard of SVG paths. */
  shards: typeof shards;
  /** The icon for an issuer, or null (the letter). */
  match(issuer: string): SetIcon | null;
}

const tileStyles = new Map<string, Record<string, string>>();

/** The tile's colours for a brand colour, computed once per colour. */
function tileStyle(hex: string): Record<string, string> {
  let style = tileStyles.get(hex);
  if (!style) {
    const light = iconTileColors(hex, CARD_BACKGROUNDS.light);
    const dark = iconTileColors(hex, CARD_BACKGROUNDS.dark);
    style = { '--tile-light': `#${light.tile}`, '--glyph-light': `#${light.glyph}`, '--tile-dark': `#${dark.tile}`, '--glyph-dark': `#${dark.glyph}` };
    tileStyles.set(hex, style);
  }
  return style;
}

const index = buildIconIndex(
  rows.map(
    ([slug, title, hex, shard, ...aliases]): SetIcon => ({
      slug,
      title,
      hex,
      shard,
      aliases,
      get tileStyle() {
        return tileStyle(hex);
      },
    }),
  ),
);

/** The set, ready to use. */
export const iconSet: LoadedIconSet = {
  index,
  shards,
  match: (issuer) => matchIcon(index, issuer),
};
