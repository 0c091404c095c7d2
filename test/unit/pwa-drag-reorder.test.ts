import { describe, expect, it } from 'vitest';
import { dropIndex } from '../../pwa/app/components/drag-reorder';

// Four cards 100 px tall: centres at 50, 150, 250, 350.
const CENTRES = [50, 150, 250, 350];

describe('dropIndex', () => {
  it.each([
    ['stays put without moving', 1, 150, 1],
    ['stays put short of the next centre', 1, 240, 1],
    ['moves down past one centre', 1, 260, 2],
    ['moves to the end past every centre', 0, 400, 3],
    ['moves up past one centre', 2, 140, 1],
    ['moves to the top above every centre', 3, -20, 0],
    ['stays put when dragged up less than a card', 2, 160, 2],
  ])('%s', (_, from, centre, expected) => {
    expect(dropIndex(CENTRES, from, centre)).toBe(expected);
  });

  it('never leaves the list', () => {
    expect(dropIndex(CENTRES, 0, 1e9)).toBe(3);
    expect(dropIndex(CENTRES, 3, -1e9)).toBe(0);
  });
});
