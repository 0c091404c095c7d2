import { describe, expect, it } from 'vitest';
import { planImageRegions } from '../../pwa/app/add/image-decode';

describe('planImageRegions', () => {
  it('tries a small picture whole only', () => {
    expect(planImageRegions(400, 300)).toEqual([{ x: 0, y: 0, width: 400, height: 300 }]);
  });

  it('tries the whole picture first, then squares that cover it and stay inside it', () => {
    const [whole, ...tiles] = planImageRegions(1170, 2532);
    expect(whole).toEqual({ x: 0, y: 0, width: 1170, height: 2532 });
    expect(tiles.length).toBeGreaterThan(3);
    for (const tile of tiles) {
      expect(tile.width).toBe(tile.height);
      expect(tile.x + tile.width).toBeLessThanOrEqual(1170);
      expect(tile.y + tile.height).toBeLessThanOrEqual(2532);
    }
    // Every point of the picture lies in some square of each size.
    for (const side of new Set(tiles.map((tile) => tile.width))) {
      const ofSide = tiles.filter((tile) => tile.width === side);
      expect(Math.max(...ofSide.map((t) => t.x + t.width))).toBe(1170);
      expect(Math.max(...ofSide.map((t) => t.y + t.height))).toBe(2532);
      expect(Math.min(...ofSide.map((t) => t.y))).toBe(0);
    }
  });

  it('tries squares of half the short side in a desktop screenshot, where a code is small', () => {
    const tiles = planImageRegions(1920, 1080).slice(1);
    expect(tiles.some((tile) => tile.width === 540)).toBe(true);
  });

  it('caps the work for a huge picture', () => {
    expect(planImageRegions(12000, 9000).length).toBeLessThanOrEqual(48);
  });
});
