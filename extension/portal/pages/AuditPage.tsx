import type { AuditEvent } from '../../../shared/portal/model';
import type { PageProps } from '../page-props';
import { useAudit } from '../audit/use-audit';
import { describeAuditAction, describeAuditReason, describeAuditResult } from '../audit/audit-words';
import { Alert } from '../components/Alert';
import { BusyButton } from '../components/BusyButton';
import { Pagination, describeRange } from '../components/Pagination';
import '../admin-pages.css';

/** Props of {@link AuditPage}: the shell's usual page props. */
export type AuditPageProps = PageProps;

/** Local date and time, to the second, in the reader's own format. */
const when = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * The Audit log (owner): who did what to whom, when, and how it ended,
 * newest first. Codes and secrets are never recorded, so never shown.
 */
export function AuditPage({ api, token, onSessionExpired }: AuditPageProps) {
  const audit = useAudit(api, token, onSessionExpired);
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
        <div class="card table-card">
          <div class="table-tools">
            <p class="range" aria-live="polite">
              {audit.loaded ? describeRange(audit.offset, audit.events.length, audit.total, 'events') : 'Loading the audit log…'}
            </p>
            <BusyButton type="button" tone="secondary" busy={audit.loading && audit.loaded} busyLabel="Refreshing…" onClick={audit.refresh}>
              Refresh
            </BusyButton>
          </div>
          {/* Focusable, so the log can be scrolled sideways by keyboard on a narrow screen. */}
          <div class="table-scroll" role="region" aria-label="Audit events" tabIndex={0}>
            {audit.events.length > 0 ? (
              <table class="data-table audit-table" aria-busy={audit.loading}>
                <caption class="sr-only">Audit log, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Action</th>
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
              audit.loaded && <p class="table-empty">Nothing has been recorded yet.</p>
            )}
          </div>
          <Pagination label="Audit log pages" offset={audit.offset} limit={audit.limit} total={audit.total} onPage={audit.goTo} />
        </div>
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
