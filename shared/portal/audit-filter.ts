/**
 * The Audit log's filter: by person, by kind of event and by dates, combined
 * (an event must match every part that is set). The page gives calendar days
 * in the owner's time zone; `toAuditFilter` turns them into instants once, and
 * the store and the export compare instants only.
 */
import { AUDIT_ACTIONS, type AuditAction, type AuditEvent } from './model';
import { isCalendarDate, nextCalendarDate, startOfLocalDay } from './local-dates';
import { AppError } from './portal-errors';

/** Which events to list; every part is optional, and the parts combine. */
export interface AuditFilter {
  /**
   * Part of an email, any case: matches who did it (`actor`) or whom it was
   * about (`subject`). Blank matches everyone.
   */
  person?: string;
  /** Only events of this kind. */
  action?: AuditAction;
  /** Only events at or after this instant (ms). */
  from?: number;
  /** Only events before this instant (ms): the start of the day after the last day asked for. */
  until?: number;
}

/** The filter as the owner sets it: text, a kind, and calendar days (`YYYY-MM-DD`), each blank when unused. */
export interface AuditFilterInput {
  /** Part of an email. */
  person?: string;
  /** A kind of event (an {@link AuditAction}), or blank for every kind. */
  action?: string;
  /** The first day to include, in the owner's time zone. */
  fromDate?: string;
  /** The last day to include, in the owner's time zone. */
  toDate?: string;
}

/** Longest person text accepted (an email is at most 254 characters, RFC 5321 §4.5.3.1). */
export const MAX_PERSON_LENGTH = 254;

/** Returns whether `value` is a kind of event the portal records. */
export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** The text a person filter compares: trimmed and lower-case, as stored emails are. */
function normalizePerson(text: string | undefined): string {
  return typeof text === 'string' ? text.trim().toLowerCase() : '';
}

/**
 * Turns what the owner chose into a filter: the days become instants in
 * `timeZone`, both days included (from the first instant of `fromDate` to just
 * before the first instant of the day after `toDate`).
 * @param timeZone An IANA time zone, e.g. the browser's
 *   `Intl.DateTimeFormat().resolvedOptions().timeZone`.
 * @throws AppError `audit_filter_invalid` naming the field at fault: a date
 *   that is not one, a From day after the To day, an unknown kind, too long a person text.
 */
export function toAuditFilter(input: AuditFilterInput, timeZone: string): AuditFilter {
  const filter: AuditFilter = {};
  const person = normalizePerson(input.person);
  if (person.length > MAX_PERSON_LENGTH) {
    throw new AppError('audit_filter_invalid', { field: 'person', reason: 'too_long', limit: MAX_PERSON_LENGTH });
  }
  if (person) filter.person = person;
  const action = input.action ?? '';
  if (action !== '') {
    if (!isAuditAction(action)) throw new AppError('audit_filter_invalid', { field: 'event', reason: 'unknown_event', value: action });
    filter.action = action;
  }
  const fromDate = input.fromDate ?? '';
  const toDate = input.toDate ?? '';
  for (const [field, date] of [['from', fromDate], ['to', toDate]] as const) {
    if (date !== '' && !isCalendarDate(date)) throw new AppError('audit_filter_invalid', { field, reason: 'not_a_date', value: date });
  }
  // Same-shaped dates compare as text.
  if (fromDate !== '' && toDate !== '' && fromDate > toDate) {
    throw new AppError('audit_filter_invalid', { field: 'from', reason: 'after_to' });
  }
  if (fromDate !== '') filter.from = startOfLocalDay(fromDate, timeZone);
  if (toDate !== '') filter.until = startOfLocalDay(nextCalendarDate(toDate), timeZone);
  return filter;
}

/** Returns whether an event matches every part of the filter that is set. */
export function matchesAuditFilter(event: AuditEvent, filter: AuditFilter): boolean {
  if (filter.action !== undefined && event.action !== filter.action) return false;
  if (filter.from !== undefined && event.at < filter.from) return false;
  if (filter.until !== undefined && event.at >= filter.until) return false;
  const person = normalizePerson(filter.person);
  if (person !== '' && !(event.actor?.includes(person) || event.subject?.includes(person))) return false;
  return true;
}

/** Returns whether the filter narrows by person or kind (a date range alone is answered from the time index). */
export function filtersByContent(filter: AuditFilter): boolean {
  return normalizePerson(filter.person) !== '' || filter.action !== undefined;
}

/**
 * Returns the part of a filter that a caller got wrong (a forged call, not
 * the page's: the page builds it with {@link toAuditFilter}), or null.
 */
export function findAuditFilterProblem(filter: unknown): 'filter' | 'person' | 'action' | 'from' | 'until' | null {
  if (filter === undefined) return null;
  if (typeof filter !== 'object' || filter === null) return 'filter';
  const { person, action, from, until } = filter as Record<string, unknown>;
  if (person !== undefined && (typeof person !== 'string' || person.length > MAX_PERSON_LENGTH)) return 'person';
  if (action !== undefined && !isAuditAction(action)) return 'action';
  const isInstant = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
  if (from !== undefined && !isInstant(from)) return 'from';
  if (until !== undefined && (!isInstant(until) || (typeof from === 'number' && (until as number) < from))) return 'until';
  return null;
}
