/**
 * Calendar days in a time zone, for the Audit log's date filter and its CSV
 * export: where a day starts, and an instant written as local ISO 8601 time.
 * The time zone is always a parameter (an IANA name such as "Europe/Paris"),
 * so a Node test can check any zone; the page passes the browser's own.
 *
 * Built on `Intl.DateTimeFormat`, which carries the time-zone database: a day
 * does not always start at midnight (Asia/Beirut moves its clocks at 00:00),
 * does not always last 24 hours (DST), and may be skipped altogether
 * (Pacific/Apia had no 30 December 2011). Rather than adding offsets, the
 * start of a day is searched for as the first instant whose local date is that
 * day or later, which holds in every one of those cases.
 */
import { AppError } from './portal-errors';

/** A calendar date, `YYYY-MM-DD` (what `<input type="date">` gives). */
export type CalendarDate = string;

const DAY_MS = 86_400_000;

/** Readers of local date and time in each time zone asked for so far (making one costs far more than using it). */
const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The formatter for `timeZone`: Gregorian calendar, Latin digits and a
 * 24-hour clock, whatever the browser's language.
 * @throws AppError `audit_filter_invalid` (field `timeZone`) for a zone this runtime does not know.
 */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new AppError('audit_filter_invalid', { field: 'timeZone', value: String(timeZone), reason: 'unknown_time_zone' });
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local wall-clock reading of an instant. */
interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What the clocks of `timeZone` read at instant `ms` (to the second). */
function wallTimeAt(ms: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    // Older runtimes may write midnight as 24.
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** A date as one comparable number: 2025-03-31 -> 20250331. */
function dateKey(year: number, month: number, day: number): number {
  return year * 10_000 + month * 100 + day;
}

/**
 * Reads a `YYYY-MM-DD` date, or returns null when it is not one (a wrong
 * shape, or a day the calendar does not have, such as 2025-02-30).
 */
export function parseCalendarDate(text: unknown): { year: number; month: number; day: number } | null {
  if (typeof text !== 'string') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Years before 1000 are refused: Date.UTC would read 0099 as 1999, and no event is that old.
  if (year < 1000) return null;
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** Returns whether `text` is a real `YYYY-MM-DD` date. */
export function isCalendarDate(text: unknown): text is CalendarDate {
  return parseCalendarDate(text) !== null;
}

/** The day after a `YYYY-MM-DD` date, in the same form. Throws a plain Error for anything but a date (a bug). */
export function nextCalendarDate(date: CalendarDate): CalendarDate {
  const parsed = parseCalendarDate(date);
  if (!parsed) throw new Error(`nextCalendarDate: not a date: ${date}`);
  return new Date(Date.UTC(parsed.year, parsed.month - 1, parsed.day) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The first instant (ms) of `date` in `timeZone`: the first moment at which
 * that zone's clocks show that day, or a later one (a day the zone skipped
 * starts where the next day does).
 * @throws AppError `audit_filter_invalid` for a zone this runtime does not know.
 */
export function startOfLocalDay(date: CalendarDate, timeZone: string): number {
  const parsed = parseCalendarDate(date);
  if (!parsed) throw new Error(`startOfLocalDay: not a date: ${date}`);
  const wanted = dateKey(parsed.year, parsed.month, parsed.day);
  const reached = (second: number): boolean => {
    const wall = wallTimeAt(second * 1000, timeZone);
    return dateKey(wall.year, wall.month, wall.day) >= wanted;
  };
  // Local midnight lies within 14 hours of UTC midnight (offsets run from -12:00 to +14:00), and a
  // skipped day moves it by 24 hours more: 36 hours either side holds it. Offsets and transitions
  // fall on whole seconds, so the search is over seconds (18 steps).
  const utcMidnight = Date.UTC(parsed.year, parsed.month - 1, parsed.day) / 1000;
  let before = utcMidnight - 36 * 3600;
  let after = utcMidnight + 36 * 3600;
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (reached(middle)) after = middle;
    else before = middle;
  }
  return after * 1000;
}

/** The date `YYYY-MM-DD` that the clocks of `timeZone` show at instant `ms`. */
export function localDateOf(ms: number, timeZone: string): CalendarDate {
  const { year, month, day } = wallTimeAt(ms, timeZone);
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * An instant as ISO 8601 local time with its offset, to the second:
 * `2025-03-30T03:30:00+02:00` (Paris, just after its clocks went forward).
 * A zero offset is written `+00:00`, so every value has the same shape.
 */
export function formatLocalIsoTime(ms: number, timeZone: string): string {
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  const wall = wallTimeAt(wholeSecond, timeZone);
  const wallAsUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const offsetMinutes = Math.round((wallAsUtc - wholeSecond) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  const offset = `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
  return `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${offset}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
