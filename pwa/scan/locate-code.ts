/**
 * From finder patterns to the region a QR code occupies.
 *
 * Three finder patterns of one code have about the same module size and sit at
 * the corners of a right isosceles triangle whose legs span (size - 7) modules,
 * size being 21 (version 1) to 177 (version 40). Any rotation is fine; a mild
 * perspective (legs differing by up to a quarter) is tolerated.
 */
import type { FinderPattern } from './finder-patterns';
import type { Box, Point } from './types';

/** Where a code probably is, in the coordinates of the image the patterns came from. */
export interface CodeRegion {
  /** The box to hand the decoder: the code, its finder patterns' margins and some quiet zone. */
  box: Box;
  /** Module size estimated from the three finder patterns, in pixels. */
  moduleSize: number;
  /** Lower is a better fit to a QR code's geometry. */
  score: number;
}

/** Only the best-confirmed candidates are combined: 12 make 220 triples, noise makes hundreds of candidates. */
const MAX_PATTERNS = 12;
/** Modules kept around the finder centres: 3.5 to the code's edge, up to 1.5x that once turned 45 degrees, and 2 of quiet zone. */
const MARGIN_MODULES = 7;

/**
 * Returns plausible code regions, best first, clipped to `width` x `height`.
 * An empty list means no three patterns make a code.
 */
export function locateCodeRegions(patterns: readonly FinderPattern[], width: number, height: number): CodeRegion[] {
  const best = patterns.slice(0, MAX_PATTERNS);
  const regions: CodeRegion[] = [];
  for (let i = 0; i < best.length; i++) {
    for (let j = i + 1; j < best.length; j++) {
      for (let k = j + 1; k < best.length; k++) {
        const region = fitCode(best[i], best[j], best[k], width, height);
        if (region) regions.push(region);
      }
    }
  }
  return regions.sort((a, b) => a.score - b.score);
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

function fitCode(p: FinderPattern, q: FinderPattern, r: FinderPattern, width: number, height: number): CodeRegion | null {
  const sizes = [p.moduleSize, q.moduleSize, r.moduleSize];
  const moduleSize = (sizes[0] + sizes[1] + sizes[2]) / 3;
  if (Math.max(...sizes) > 1.5 * Math.min(...sizes)) return null;
  // The corner (top-left pattern) is the one opposite the longest side.
  const pq = distance(p, q);
  const qr = distance(q, r);
  const rp = distance(r, p);
  const [corner, a, b] = pq >= qr && pq >= rp ? [r, p, q] : qr >= rp ? [p, q, r] : [q, r, p];
  const legA = distance(corner, a);
  const legB = distance(corner, b);
  const legRatio = Math.max(legA, legB) / Math.min(legA, legB);
  if (legRatio > 1.25) return null;
  const cosine = ((a.x - corner.x) * (b.x - corner.x) + (a.y - corner.y) * (b.y - corner.y)) / (legA * legB);
  if (Math.abs(cosine) > 0.25) return null; // within about 15 degrees of square
  const dimension = (legA + legB) / 2 / moduleSize + 7;
  if (dimension < 17 || dimension > 185) return null;
  const fourth = { x: a.x + b.x - corner.x, y: a.y + b.y - corner.y };
  const xs = [corner.x, a.x, b.x, fourth.x];
  const ys = [corner.y, a.y, b.y, fourth.y];
  const margin = MARGIN_MODULES * moduleSize;
  const left = Math.max(0, Math.floor(Math.min(...xs) - margin));
  const top = Math.max(0, Math.floor(Math.min(...ys) - margin));
  const right = Math.min(width, Math.ceil(Math.max(...xs) + margin));
  const bottom = Math.min(height, Math.ceil(Math.max(...ys) + margin));
  const sizeSpread = (Math.max(...sizes) - Math.min(...sizes)) / moduleSize;
  const confirmations = p.count + q.count + r.count;
  return {
    box: { x: left, y: top, width: right - left, height: bottom - top },
    moduleSize,
    score: (legRatio - 1) + Math.abs(cosine) + sizeSpread - 0.01 * Math.min(confirmations, 30),
  };
}
