/**
 * Calendar days in a time zone (shared/portal/local-dates.ts): where a day
 * starts in zones with DST at midnight, half-hour offsets, the extremes of
 * -12 and +14 hours, and a day that was skipped; local ISO 8601 times.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import {
  formatLocalIsoTime,
  isCalendarDate,
  localDateOf,
  nextCalendarDate,
  parseCalendarDate,
  startOfLocalDay,
} from '../../shared/portal/local-dates';

describe('parseCalendarDate', () => {
  it.each([
    ['2025-03-31', { year: 2025, month: 3, day: 31 }],
    ['2024-02-29', { year: 2024, month: 2, day: 29 }],
    ['2025-02-29', null],
    ['2025-13-01', null],
    ['2025-00-10', null],
    ['2025-3-31', null],
    ['31/03/2025', null],
    ['2025-03-31T00:00', null],
    ['0099-01-01', null],
    ['', null],
    [20250331, null],
    [undefined, null],
  ])('reads %j as %j', (text, expected) => {
    expect(parseCalendarDate(text)).toEqual(expected);
    expect(isCalendarDate(text)).toBe(expected !== null);
  });
});

describe('nextCalendarDate', () => {
  it.each([
    ['2025-03-31', '2025-04-01'],
    ['2024-02-28', '2024-02-29'],
    ['2025-02-28', '2025-03-01'],
    ['2025-12-31', '2026-01-01'],
  ])('gives the day after %s: %s', (date, next) => {
    expect(nextCalendarDate(date)).toBe(next);
  });
});

describe('startOfLocalDay', () => {
  it.each([
    ['2025-01-01', 'UTC', '2025-01-01T00:00:00.000Z'],
    ['2025-06-15', 'Europe/Paris', '2025-06-14T22:00:00.000Z'],
    ['2025-01-15', 'Europe/Paris', '2025-01-14T23:00:00.000Z'],
    // The day the clocks go forward (at 02:00) and back (at 03:00) still starts at midnight.
    ['2025-03-30', 'Europe/Paris', '2025-03-29T23:00:00.000Z'],
    ['2025-10-26', 'Europe/Paris', '2025-10-25T22:00:00.000Z'],
    ['2025-03-09', 'America/New_York', '2025-03-09T05:00:00.000Z'],
    ['2025-06-15', 'Asia/Kolkata', '2025-06-14T18:30:00.000Z'],
    ['2025-01-01', 'Pacific/Kiritimati', '2024-12-31T10:00:00.000Z'],
    ['2025-01-01', 'Etc/GMT+12', '2025-01-01T12:00:00.000Z'],
    ['2025-04-06', 'Australia/Lord_Howe', '2025-04-05T13:00:00.000Z'],
    // Lebanon and Chile move their clocks at midnight: 00:00 does not exist, the day starts at 01:00.
    ['2024-03-31', 'Asia/Beirut', '2024-03-30T22:00:00.000Z'],
    ['2024-09-08', 'America/Santiago', '2024-09-08T04:00:00.000Z'],
    // Samoa skipped 30 December 2011: it "starts" where 31 December does.
    ['2011-12-29', 'Pacific/Apia', '2011-12-29T10:00:00.000Z'],
    ['2011-12-30', 'Pacific/Apia', '2011-12-30T10:00:00.000Z'],
    ['2011-12-31', 'Pacific/Apia', '2011-12-30T10:00:00.000Z'],
  ])('%s starts in %s at %s', (date, zone, iso) => {
    expect(new Date(startOfLocalDay(date, zone)).toISOString()).toBe(iso);
  });

  it('is the first instant of the day: the second before belongs to the day before', () => {
    const zones = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Beirut', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Pacific/Apia'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const date = localDateOf(instant, zone);
          const start = startOfLocalDay(date, zone);
          const end = startOfLocalDay(nextCalendarDate(date), zone);
          expect(start).toBeLessThanOrEqual(instant);
          expect(instant).toBeLessThan(end);
          expect(localDateOf(start, zone)).toBe(date);
          expect(localDateOf(start - 1000, zone) < date).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a time zone the runtime does not know, with a message naming it', () => {
    let caught: unknown;
    try {
      startOfLocalDay('2025-01-01', 'Mars/Olympus_Mons');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('audit_filter_invalid');
    expect((caught as AppError).message).toContain('"Mars/Olympus_Mons"');
  });
});

describe('formatLocalIsoTime', () => {
  it.each([
    [Date.UTC(2025, 2, 30, 1, 30, 5, 999), 'Europe/Paris', '2025-03-30T03:30:05+02:00'],
    [Date.UTC(2025, 2, 30, 0, 59, 59), 'Europe/Paris', '2025-03-30T01:59:59+01:00'],
    [Date.UTC(2025, 0, 1), 'UTC', '2025-01-01T00:00:00+00:00'],
    [Date.UTC(2025, 0, 1), 'America/New_York', '2024-12-31T19:00:00-05:00'],
    [Date.UTC(2025, 5, 1, 12), 'Asia/Kathmandu', '2025-06-01T17:45:00+05:45'],
    [Date.UTC(2025, 5, 1, 12), 'Pacific/Marquesas', '2025-06-01T02:30:00-09:30'],
  ])('writes %i in %s as %s', (ms, zone, text) => {
    expect(formatLocalIsoTime(ms, zone)).toBe(text);
  });

  it('names the same instant as the UTC time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2040, 0, 1) }), fc.constantFrom('Europe/Paris', 'Asia/Kolkata', 'America/Santiago'), (ms, zone) => {
        expect(Date.parse(formatLocalIsoTime(ms, zone))).toBe(Math.floor(ms / 1000) * 1000);
      }),
      { numRuns: 200 },
    );
  });
});
