import type { AuditEvent } from '../../../shared/portal/model';
import type { PageProps } from '../page-props';
import { AuditFilters } from '../audit/AuditFilters';
import { useAudit } from '../audit/use-audit';
import { describeAuditAction, describeAuditReason, describeAuditResult } from '../audit/audit-words';
import { Alert } from '../components/Alert';
import { BusyButton } from '../components/BusyButton';
import { Pagination, describeRange } from '../components/Pagination';
import { SettledAnnouncement } from '../components/SettledAnnouncement';
import '../admin-pages.css';

/** Props of {@link AuditPage}: the shell's usual page props. */
export type AuditPageProps = PageProps;

/** Local date and time, to the second, in the reader's own format. */
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

const count = new Intl.NumberFormat('en-US');

/** What the table shows, for a screen reader: "12 events match the filters.", "Events 1 to 50 of 312." */
function describeForScreenReader(offset: number, shown: number, total: number, filtered: boolean): string {
  if (filtered) return `${total === 0 ? 'No' : count.format(total)} event${total === 1 ? '' : 's'} match${total === 1 ? 'es' : ''} the filters.`;
  return shown === 0 ? '' : `Events ${count.format(offset + 1)} to ${count.format(offset + shown)} of ${count.format(total)}.`;
}

/**
 * The Audit log (owner): who did what to whom, when, and how it ended,
 * newest first, filtered by person, kind of event and dates, and downloaded
 * as CSV. Codes and secrets are never recorded, so never shown.
 */
export function AuditPage({ api, token, onSessionExpired }: AuditPageProps) {
  const audit = useAudit(api, token, onSessionExpired);
  const { view } = audit;
  const spoken = audit.loaded && !audit.filterProblem ? describeForScreenReader(view.offset, audit.events.length, audit.total, audit.filtered) : '';
  const empty = audit.filterProblem ? '' : audit.filtered ? 'No event matches the filters.' : 'Nothing has been recorded yet.';
  return (
    <section class="page admin-page" aria-labelledby="audit-heading">
      <header class="page__header">
        <h1 id="audit-heading">Audit log</h1>
        <p class="page__lead">
          Every change to MFA, every view of an admin's QR code, every reset, and every refused code or sign-in, newest
          first. Codes and secret keys are never recorded.
        </p>
      </header>
      {audit.error && audit.loaded ? (
        <Alert tone="error" title="The audit log cannot be shown">
          <p>{audit.error}</p>
        </Alert>
      ) : (
        <>
          {/* Always in the page, so what is put in them is announced. */}
          <div role="alert" class={audit.exportError ? 'alert alert--error' : 'sr-only'}>
            {audit.exportError}
          </div>
          <p role="status" class={!audit.exportStatus ? 'sr-only' : audit.exporting ? 'alert alert--info' : 'alert alert--success'}>
            {audit.exportStatus}
          </p>
          <div class="card table-card">
            <AuditFilters
              view={view}
              filtered={audit.filtered}
              problem={audit.filterProblem}
              timeZone={audit.timeZone}
              onChange={audit.setFilter}
              onClear={audit.clearFilter}
            />
            <div class="table-summary">
              <p class="range">
                {audit.loaded ? describeRange(view.offset, audit.events.length, audit.total, 'events') : 'Loading the audit log…'}
              </p>
              <SettledAnnouncement text={spoken} />
              <div class="table-summary__actions">
                <BusyButton type="button" tone="secondary" busy={audit.loading && audit.loaded} busyLabel="Refreshing…" onClick={audit.refresh}>
                  Refresh
                </BusyButton>
                <BusyButton
                  type="button"
                  tone="secondary"
                  busy={audit.exporting}
                  busyLabel="Preparing the CSV…"
                  disabled={audit.filterProblem !== null}
                  onClick={() => void audit.exportCsv()}
                >
                  Download CSV
                </BusyButton>
              </div>
            </div>
            {/* Focusable, so the log can be scrolled sideways by keyboard on a narrow screen. */}
            <div class="table-scroll" role="region" aria-label="Audit events" tabIndex={0}>
              {audit.events.length > 0 ? (
                <table class="data-table audit-table" aria-busy={audit.loading}>
                  <caption class="sr-only">Audit log, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Event</th>
                      <th scope="col">Who</th>
                      <th scope="col">About whom</th>
                      <th scope="col">Result</th>
                      <th scope="col">Reason</th>
                    </tr>
                  </thead>
                  <tbody>
                    {audit.events.map((event, i) => (
                      <AuditRow key={event.id ?? `${event.at}-${i}`} event={event} />
                    ))}
                  </tbody>
                </table>
              ) : (
                audit.loaded && empty && <p class="table-empty">{empty}</p>
              )}
            </div>
            <Pagination label="Audit log pages" offset={view.offset} limit={audit.limit} total={audit.total} onPage={audit.goTo} />
          </div>
        </>
      )}
    </section>
  );
}

/** Props of {@link AuditRow}. */
interface AuditRowProps {
  event: AuditEvent;
}

/** One event of the log. */
function AuditRow({ event }: AuditRowProps) {
  return (
    <tr>
      <td>
        <time dateTime={new Date(event.at).toISOString()}>{when.format(event.at)}</time>
      </td>
      <td>{describeAuditAction(event.action)}</td>
      <td class="nowrap">{event.actor ?? <span class="cell-none">Not signed in</span>}</td>
      <td class="nowrap">{event.subject ?? <span class="cell-none">—</span>}</td>
      <td class={event.result === 'success' ? 'result-ok' : 'result-failed'}>{describeAuditResult(event.result)}</td>
      <td>{describeAuditReason(event.reason)}</td>
    </tr>
  );
}
