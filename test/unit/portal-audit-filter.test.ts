/**
 * The Audit log's filter (shared/portal/audit-filter.ts) on its own, and
 * through the portal's operations: listAudit pages of the filtered log,
 * exportAudit hands out all of it (and is itself audited), and a malformed
 * filter is refused.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { matchesAuditFilter, toAuditFilter, type AuditFilter } from '../../shared/portal/audit-filter';
import { AUDIT_ACTIONS, type AuditEvent } from '../../shared/portal/model';
import type { PortalApi } from '../../shared/portal/portal-api';
import { closePortals, DEMO, openTestPortal, rejection, signIn, T0 } from './portal-helpers';

afterEach(closePortals);

const NEW_YORK = 'America/New_York';

/** The AppError `run` throws. */
function thrown(run: () => unknown): AppError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an AppError');
}

describe('toAuditFilter', () => {
  it('leaves out every blank part', () => {
    expect(toAuditFilter({}, NEW_YORK)).toEqual({});
    expect(toAuditFilter({ person: '  ', action: '', fromDate: '', toDate: '' }, NEW_YORK)).toEqual({});
  });

  it('keeps the person trimmed and lower-case, and the kind', () => {
    expect(toAuditFilter({ person: ' Alice@ ', action: 'mfa_reset' }, NEW_YORK)).toEqual({ person: 'alice@', action: 'mfa_reset' });
  });

  it('takes the whole of both days in the time zone given: from the first instant of From to just before the day after To', () => {
    const filter = toAuditFilter({ fromDate: '2025-03-09', toDate: '2025-03-10' }, NEW_YORK);
    // 9 March 2025 is the day New York's clocks go forward: it starts at UTC-5 and the 11th at UTC-4.
    expect(filter).toEqual({ from: Date.parse('2025-03-09T05:00:00Z'), until: Date.parse('2025-03-11T04:00:00Z') });
    expect(toAuditFilter({ fromDate: '2025-03-09', toDate: '2025-03-10' }, 'Asia/Tokyo')).toEqual({
      from: Date.parse('2025-03-08T15:00:00Z'),
      until: Date.parse('2025-03-10T15:00:00Z'),
    });
  });

  it('takes one whole day when From and To are the same day, and either alone', () => {
    expect(toAuditFilter({ fromDate: '2025-07-01', toDate: '2025-07-01' }, 'UTC')).toEqual({
      from: Date.parse('2025-07-01T00:00:00Z'),
      until: Date.parse('2025-07-02T00:00:00Z'),
    });
    expect(toAuditFilter({ fromDate: '2025-07-01' }, 'UTC')).toEqual({ from: Date.parse('2025-07-01T00:00:00Z') });
    expect(toAuditFilter({ toDate: '2025-07-01' }, 'UTC')).toEqual({ until: Date.parse('2025-07-02T00:00:00Z') });
  });

  it('refuses a From day after the To day, saying what to do', () => {
    const error = thrown(() => toAuditFilter({ fromDate: '2025-07-02', toDate: '2025-07-01' }, 'UTC'));
    expect(error.code).toBe('audit_filter_invalid');
    expect(error.details).toMatchObject({ field: 'from', reason: 'after_to' });
    expect(error.message).toBe('The From date is after the To date. Choose a From date on or before the To date (both days are included).');
  });

  it.each([
    ['fromDate', 'from', 'From', '2025-02-30'],
    ['toDate', 'to', 'To', '31/12/2025'],
  ] as const)('refuses a %s that is not a date, naming the field', (key, field, label, value) => {
    const error = thrown(() => toAuditFilter({ [key]: value }, 'UTC'));
    expect(error.details).toMatchObject({ field, reason: 'not_a_date' });
    expect(error.message).toBe(
      `The ${label} date "${value}" is not a date. Pick a day from the calendar, or type it as year-month-day, for example 2025-03-31.`,
    );
  });

  it('refuses a kind of event the log does not record, and too long a person', () => {
    expect(thrown(() => toAuditFilter({ action: 'toString' }, 'UTC')).message).toBe(
      'That kind of event is not one the audit log records. Choose one from the Event list.',
    );
    expect(thrown(() => toAuditFilter({ person: 'a'.repeat(255) }, 'UTC')).details).toMatchObject({ field: 'person' });
  });
});

describe('matchesAuditFilter', () => {
  const event = (fields: Partial<AuditEvent>): AuditEvent => ({
    at: T0,
    action: 'sign_in',
    actor: 'alice@acme-msp.example',
    subject: 'bob@acme-msp.example',
    result: 'success',
    ...fields,
  });

  it('includes the first instant and excludes the end', () => {
    const filter: AuditFilter = { from: T0, until: T0 + 1000 };
    expect(matchesAuditFilter(event({ at: T0 - 1 }), filter)).toBe(false);
    expect(matchesAuditFilter(event({ at: T0 }), filter)).toBe(true);
    expect(matchesAuditFilter(event({ at: T0 + 999 }), filter)).toBe(true);
    expect(matchesAuditFilter(event({ at: T0 + 1000 }), filter)).toBe(false);
  });

  it('matches the person as who did it or whom it was about, in any case', () => {
    expect(matchesAuditFilter(event({}), { person: 'ALICE' })).toBe(true);
    expect(matchesAuditFilter(event({}), { person: 'bob@' })).toBe(true);
    expect(matchesAuditFilter(event({}), { person: 'carol' })).toBe(false);
    expect(matchesAuditFilter(event({ actor: null, subject: null }), { person: 'alice' })).toBe(false);
    expect(matchesAuditFilter(event({ actor: null }), { person: 'bob' })).toBe(true);
  });

  it('needs every part that is set', () => {
    const filter: AuditFilter = { person: 'alice', action: 'mfa_reset', from: T0 };
    expect(matchesAuditFilter(event({ action: 'mfa_reset' }), filter)).toBe(true);
    expect(matchesAuditFilter(event({ action: 'sign_in' }), filter)).toBe(false);
    expect(matchesAuditFilter(event({ action: 'mfa_reset', at: T0 - 1 }), filter)).toBe(false);
    expect(matchesAuditFilter(event({ action: 'mfa_reset', actor: 'carol@x', subject: null }), filter)).toBe(false);
  });
});

/** Every event of the log for `filter`, newest first, read page by page as the Audit log page does. */
async function readFiltered(api: PortalApi, owner: string, filter: AuditFilter, pageSize = 100): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await api.listAudit(owner, { offset, limit: pageSize, filter }, T0);
    events.push(...page.rows);
    if (events.length >= page.total) return events;
  }
}

/** People the seeded events are about. */
const PEOPLE = ['alice@acme-msp.example', 'bob@acme-msp.example', 'carol@acme-msp.example', null] as const;

/**
 * A portal with the owner signed in and `count` more events, one every 7
 * minutes before T0, several in the same millisecond, of every kind and person.
 */
async function withEvents(count = 400) {
  const portal = openTestPortal();
  const owner = await signIn(portal.api, DEMO.owner, T0);
  const events: AuditEvent[] = Array.from({ length: count }, (_, i) => ({
    at: T0 - 1000 - Math.floor(i / 3) * 7 * 60_000,
    action: AUDIT_ACTIONS[i % AUDIT_ACTIONS.length]!,
    actor: PEOPLE[i % 4] ?? null,
    subject: PEOPLE[(i * 3 + 1) % 4] ?? null,
    result: i % 2 ? 'success' : 'failure',
  }));
  await portal.store.applyEffects({ audit: events });
  const all = await readFiltered(portal.api, owner, {});
  return { ...portal, owner, all };
}

describe('listAudit with a filter', () => {
  it('gives what the filter matches in the whole log, newest first, in pages, whatever the parts', async () => {
    const { api, owner, all } = await withEvents(150);
    const span = { min: all.at(-1)!.at - 60_000, max: T0 + 60_000 };
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            person: fc.constantFrom('alice', 'BOB@', 'acme', 'nobody', ' carol '),
            action: fc.constantFrom(...AUDIT_ACTIONS),
            from: fc.integer(span),
            until: fc.integer(span),
          },
          { requiredKeys: [] },
        ),
        fc.integer({ min: 10, max: 100 }),
        async (raw, pageSize) => {
          const filter: AuditFilter = { ...raw };
          if (filter.from !== undefined && filter.until !== undefined && filter.until < filter.from) {
            [filter.from, filter.until] = [filter.until, filter.from];
          }
          const expected = all.filter((event) => matchesAuditFilter(event, filter));
          expect(await readFiltered(api, owner, filter, pageSize)).toEqual(expected);
        },
      ),
      { numRuns: 30 },
    );
    // Fake IndexedDB is slow, and the machine is shared: room for 30 runs of a few pages each.
  }, 30_000);

  it('gives a day in the owner’s time zone, both ends included', async () => {
    const { api, owner, store } = await withEvents(0);
    const at = (iso: string) => Date.parse(iso);
    const times = ['2025-03-09T04:59:59.999Z', '2025-03-09T05:00:00.000Z', '2025-03-10T03:59:59.999Z', '2025-03-10T04:00:00.000Z'];
    await store.applyEffects({ audit: times.map((iso) => ({ at: at(iso), action: 'sign_in', actor: 'a@x', subject: 'a@x', result: 'success' as const })) });
    // 9 March in New York: 05:00Z (EST) to 04:00Z on the 10th (EDT), the first instant in, the last out.
    const page = await api.listAudit(owner, { offset: 0, limit: 10, filter: toAuditFilter({ fromDate: '2025-03-09', toDate: '2025-03-09' }, NEW_YORK) }, T0);
    expect(page.rows.map((event) => new Date(event.at).toISOString())).toEqual([times[2], times[1]]);
    expect(page.total).toBe(2);
  });

  it.each([
    [{ action: 'not_a_kind' }, 'action'],
    [{ person: 42 }, 'person'],
    [{ person: 'x'.repeat(255) }, 'person'],
    [{ from: -1 }, 'from'],
    [{ from: 1.5 }, 'from'],
    [{ from: 10, until: 5 }, 'until'],
    ['everything', 'filter'],
  ])('refuses the filter %j, naming %s', async (filter, field) => {
    const { api, owner } = await withEvents(0);
    const error = await rejection(api.listAudit(owner, { offset: 0, limit: 10, filter: filter as AuditFilter }, T0), 'page_invalid');
    expect(error.details.field).toBe(field);
    await rejection(api.exportAudit(owner, filter as AuditFilter, T0), 'page_invalid');
  });
});

describe('exportAudit', () => {
  it('gives every event the filter matches, newest first, past any page size, then records the export', async () => {
    const { api, owner, all } = await withEvents(400);
    const filter: AuditFilter = { person: 'acme' };
    const expected = all.filter((event) => matchesAuditFilter(event, filter));
    expect(expected.length).toBeGreaterThan(100);
    expect(await api.exportAudit(owner, filter, T0)).toEqual(expected);
    const [newest] = (await api.listAudit(owner, { offset: 0, limit: 1 }, T0 + 1)).rows;
    expect(newest).toMatchObject({ action: 'audit_exported', actor: DEMO.owner.email, subject: null, result: 'success', at: T0 });
    // The record of the export is not in the export.
    expect(await api.exportAudit(owner, {}, T0 + 1)).toHaveLength(all.length + 1);
  });
});
