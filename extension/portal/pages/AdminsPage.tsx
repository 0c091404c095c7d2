import { useCallback, useEffect, useState } from 'preact/hooks';
import type { AdminRow } from '../../../shared/portal/portal-api';
import type { PageProps } from '../page-props';
import { useAdmins } from '../admins/use-admins';
import { AdminsTable, mfaSwitchId, qrLinkId } from '../admins/AdminsTable';
import { Alert } from '../components/Alert';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Pagination, describeRange } from '../components/Pagination';
import { SettledAnnouncement } from '../components/SettledAnnouncement';
import { MfaStatusFilter } from '../admins/MfaStatusFilter';
import { describeAdminsForScreenReader, describeNoMatch, describeNoMfa } from '../admins/admins-view';
import '../admin-pages.css';

/** Props of {@link AdminsPage}: the shell's usual page props. */
export type AdminsPageProps = PageProps;

/** A change that waits for the owner's confirmation. */
interface PendingConfirmation {
  /** Turning MFA off, or resetting a confirmed MFA. */
  kind: 'disable' | 'reset';
  /** The admin concerned. */
  row: AdminRow;
}

/**
 * The Admins tab (owner): every admin's MFA, set one user at a time as the
 * article describes, with Link to QR while an admin's enrollment is pending
 * and Reset MFA once they have confirmed it. The domain decides who may do
 * what: for anyone but the owner the list comes back as a permission error.
 */
export function AdminsPage({ api, token, profile, onSessionExpired }: AdminsPageProps) {
  const admins = useAdmins(api, token, onSessionExpired);
  const range = admins.loaded ? describeRange(admins.offset, admins.rows.length, admins.total, 'admins') : 'Loading admins…';
  const spoken = admins.loaded
    ? describeAdminsForScreenReader(admins.offset, admins.rows.length, admins.total, admins.appliedSearch, admins.mfa)
    : '';
  const summary = admins.counts ? describeNoMfa(admins.counts, admins.appliedSearch) : '';
  const [confirm, setConfirm] = useState<PendingConfirmation | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);

  // Focus moves only after the row has re-rendered with its new controls.
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  // Kept the same from render to render, so the table's rows re-render only when their admin changed.
  const { setAdminMfa, openQr, unlock } = admins;
  const toggle = useCallback(
    (row: AdminRow, next: boolean) => {
      if (next) void setAdminMfa(row, true);
      else setConfirm({ kind: 'disable', row });
    },
    [setAdminMfa],
  );
  const onOpenQr = useCallback((row: AdminRow) => void openQr(row), [openQr]);
  const onReset = useCallback((row: AdminRow) => setConfirm({ kind: 'reset', row }), []);
  const onUnlock = useCallback((row: AdminRow) => void unlock(row), [unlock]);

  const runConfirmed = async () => {
    if (!confirm) return;
    const { kind, row } = confirm;
    const ok = kind === 'disable' ? await admins.setAdminMfa(row, false) : await admins.resetMfa(row);
    setConfirm(null);
    // After a reset, Reset MFA gives way to Link to QR: the owner's next step.
    setFocusId(kind === 'reset' && ok ? qrLinkId(row.id) : mfaSwitchId(row.id));
  };

  return (
    <section class="page admin-page" aria-labelledby="admins-heading">
      <header class="page__header">
        <h1 id="admins-heading">Admins</h1>
        <p class="page__lead">Multi-factor authentication (MFA) for the admins of your reseller account.</p>
      </header>
      <div class="callout">
        <p>
          <strong>There is no global MFA switch: MFA is set for each user individually.</strong> Each admin can turn it on
          from their own Profile, or you can set it up for them here.
        </p>
        <p>
          To set it up for an admin: under <em>MFA</em>, toggle <em>Disabled</em>; then choose <em>Link to QR</em> and let
          the admin scan the QR code in the additional window, or type the secret key beneath it. Admins who sign in with SSO
          are not affected: their SSO application authenticates.
        </p>
      </div>

      {admins.loadError && admins.loaded ? (
        <Alert tone="error" title="The admins cannot be shown">
          <p>{admins.loadError}</p>
        </Alert>
      ) : (
        <>
          {/* Always in the page, so what is put in them is announced. */}
          <div role="alert" class={admins.actionError ? 'alert alert--error' : 'sr-only'}>
            {admins.actionError}
          </div>
          <p role="status" class={!admins.status ? 'sr-only' : admins.saving.size > 0 ? 'alert alert--info' : 'alert alert--success'}>
            {admins.status}
          </p>

          <div class="card table-card">
            <div class="table-tools">
              <div class="field">
                <label class="field__label" for="admin-search">
                  Search admins by email
                </label>
                <input
                  id="admin-search"
                  class="input"
                  type="search"
                  autocomplete="off"
                  spellcheck={false}
                  value={admins.search}
                  onInput={(e) => admins.setSearch(e.currentTarget.value)}
                />
              </div>
              <MfaStatusFilter value={admins.mfa} counts={admins.counts} onChange={admins.setMfa} />
            </div>
            <div class="table-summary">
              {summary && <p class="table-summary__no-mfa">{summary}</p>}
              <p class="range">{range}</p>
              <SettledAnnouncement text={spoken} />
            </div>
            {/* Focusable, so the table can be scrolled sideways by keyboard on a narrow screen. */}
            <div class="table-scroll" role="region" aria-label="Admins table" tabIndex={0}>
              {admins.rows.length > 0 ? (
                <AdminsTable
                  rows={admins.rows}
                  ownId={profile.id}
                  saving={admins.saving}
                  loading={admins.loading}
                  onToggle={toggle}
                  onOpenQr={onOpenQr}
                  onReset={onReset}
                  onUnlock={onUnlock}
                />
              ) : (
                admins.loaded && (
                  <p class="table-empty">{describeNoMatch(admins.appliedSearch, admins.mfa)}</p>
                )
              )}
            </div>
            <Pagination label="Admins pages" offset={admins.offset} limit={admins.limit} total={admins.total} onPage={admins.goTo} />
          </div>
        </>
      )}

      {confirm?.kind === 'disable' && (
        <ConfirmDialog
          title={`Turn off MFA for ${confirm.row.email}?`}
          confirmLabel="Turn off MFA"
          busyLabel="Turning off MFA…"
          onConfirm={runConfirmed}
          onCancel={() => setConfirm(null)}
        >
          <p>
            {confirm.row.mfa === 'pending'
              ? 'The QR code waiting for them stops working, and they will sign in with their password alone.'
              : 'They will sign in with their password alone: the codes from their authenticator app and their recovery codes stop working.'}{' '}
            This is recorded in the audit log.
          </p>
        </ConfirmDialog>
      )}
      {confirm?.kind === 'reset' && (
        <ConfirmDialog
          title={`Reset MFA for ${confirm.row.email}?`}
          confirmLabel="Reset MFA"
          busyLabel="Resetting MFA…"
          onConfirm={runConfirmed}
          onCancel={() => setConfirm(null)}
        >
          <p>
            The codes from their authenticator app and their recovery codes stop working at once, and they get a new secret
            key. Show it to them with Link to QR; at their next sign-in they enter a code from it. This is recorded in the
            audit log.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
