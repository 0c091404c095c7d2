/**
 * Positions in the user's list that sync: each account carries its own
 * position, a "fractional index" (a string read as the digits after a
 * radix point, in base 36). Moving one account rewrites only its position,
 * so two devices that move different accounts at once both keep their
 * move, and the list never needs renumbering as the vault's 0..n-1 `order`
 * does. Strings rather than numbers because a float runs out of room after
 * some 50 moves into the same gap; a string only grows by a character.
 * (David Greenspan, "Implementing Fractional Indexing", 2020.)
 */

/** The digits, in ascending code-unit order, so plain `<` compares positions. */
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Longest position accepted: some 600 moves into the very same gap; {@link spreadPositions} resets them. */
export const MAX_POSITION_LENGTH = 128;

/** A non-empty run of digits not ending with the smallest one, so there is always room before it. */
const POSITION = /^[0-9a-z]*[1-9a-z]$/;

/** Whether `value` is a well-formed position. */
export function isPosition(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_POSITION_LENGTH && POSITION.test(value);
}

/** A string strictly between `a` ('' = the start) and `b` (null = the end); neither ends with '0'. */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? '0') === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const digitA = a === '' ? 0 : DIGITS.indexOf(a[0] as string);
  const digitB = b === null ? DIGITS.length : DIGITS.indexOf(b[0] as string);
  if (digitB - digitA > 1) return DIGITS[Math.round((digitA + digitB) / 2)] as string;
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return (DIGITS[digitA] as string) + midpoint(a.slice(1), null);
}

/**
 * A position between two neighbours in the list: `before` (null: move to the
 * top) and `after` (null: move to the end). Two accounts with the same
 * position (two devices moved them into one gap at once) are listed by
 * document id; if `before` is not smaller than `after` (such a tie), the new
 * position goes just after `before`, still the same on every device.
 */
export function positionBetween(before: string | null, after: string | null): string {
  const low = before ?? '';
  const high = after !== null && after > low ? after : null;
  return midpoint(low, high);
}

/**
 * `count` evenly spaced positions in ascending order, as short as they can be:
 * for a first sync of an existing list (in its current order), or to reset
 * positions grown long.
 */
export function spreadPositions(count: number): string[] {
  let width = 1;
  while (DIGITS.length ** width < count + 1) width++;
  const span = DIGITS.length ** width;
  return Array.from({ length: count }, (_, i) => {
    const value = Math.floor(((i + 1) * span) / (count + 1));
    return value.toString(36).padStart(width, '0').replace(/0+$/, '');
  });
}
