/**
 * Small statistics and formatting helpers shared by the benchmark items.
 * Every figure `npm run bench` reports is a median of repeated measurements.
 */

/** Median of `values` (NaN when empty). */
export function median(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median and spread of `values`, for results.json. */
export function summary(values) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return {
    median: round(median(sorted)),
    min: round(sorted[0]),
    max: round(sorted[sorted.length - 1]),
    n: sorted.length,
  };
}

/** Rounds to 3 significant decimals for JSON (keeps small numbers readable). */
export function round(value, digits = 3) {
  if (!Number.isFinite(value)) return value ?? null;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Formats a number for the table: up to 3 significant digits, thousands separated. */
export function fmt(value, unit = '') {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  if (typeof value === 'string') return value;
  const abs = Math.abs(value);
  const text =
    abs >= 1000 ? Math.round(value).toLocaleString('en-US') : abs >= 100 ? value.toFixed(0) : abs >= 10 ? value.toFixed(1) : abs >= 1 ? value.toFixed(2) : value.toPrecision(2);
  return unit ? `${text} ${unit}` : text;
}

/** Awaits `ms` milliseconds. */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
