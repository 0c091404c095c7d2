import { Component } from 'preact';
import type { AdminRow, MfaDisplay } from '../../../shared/portal/portal-api';
import { adminQrWindowHref } from '../qr-window/qr-window-path';
import { EmailText } from '../components/EmailText';
import { MfaSwitch } from './MfaSwitch';

/** Element id of an admin's MFA switch. */
export function mfaSwitchId(adminId: string): string {
  return `mfa-switch-${adminId}`;
}

/** Element id of an admin's Link to QR. */
export function qrLinkId(adminId: string): string {
  return `qr-link-${adminId}`;
}

/** The article's words for a state, for rows whose MFA is not a switch. */
const MFA_WORDS: Record<MfaDisplay, string> = {
  disabled: 'Disabled',
  pending: 'Enabled, not yet confirmed',
  enabled: 'Enabled',
  not_applicable: 'Not applicable',
};

/** Props of {@link AdminsTable}. */
export interface AdminsTableProps {
  /** The admins on this page. */
  rows: AdminRow[];
  /** The signed-in owner's id: their own row points to Profile. */
  ownId: string;
  /** Ids of admins whose change is being saved. */
  saving: ReadonlySet<string>;
  /** True while the rows are being replaced (search, paging). */
  loading: boolean;
  /** The MFA toggle was flipped. */
  onToggle(row: AdminRow, next: boolean): void;
  /** Link to QR was chosen. */
  onOpenQr(row: AdminRow): void;
  /** Reset MFA was chosen. */
  onReset(row: AdminRow): void;
  /** Unlock was chosen. */
  onUnlock(row: AdminRow): void;
}

/** The Admins table: email, role, sign-in method, MFA, Link to QR and Sign-in lock columns. */
export function AdminsTable({ rows, ownId, saving, loading, onToggle, onOpenQr, onReset, onUnlock }: AdminsTableProps) {
  return (
    <table class="data-table admins-table" aria-busy={loading}>
      <caption class="sr-only">Admins of the reseller account and their multi-factor authentication</caption>
      <thead>
        <tr>
          <th scope="col">Admin email</th>
          {/* Role and sign-in method give way first on a narrow screen (shown under the email instead): the MFA column stays in view. */}
          <th scope="col" class="col-detail">
            Role
          </th>
          <th scope="col" class="col-detail">
            Sign-in method
          </th>
          <th scope="col">MFA</th>
          <th scope="col">Link to QR</th>
          <th scope="col">Sign-in lock</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <AdminTableRow
            key={row.id}
            row={row}
            own={row.id === ownId}
            saving={saving.has(row.id)}
            onToggle={onToggle}
            onOpenQr={onOpenQr}
            onReset={onReset}
            onUnlock={onUnlock}
          />
        ))}
      </tbody>
    </table>
  );
}

/** Props of {@link AdminTableRow}. */
interface AdminTableRowProps {
  row: AdminRow;
  /** The signed-in owner's own row. */
  own: boolean;
  /** A change to this admin is being saved. */
  saving: boolean;
  onToggle(row: AdminRow, next: boolean): void;
  onOpenQr(row: AdminRow): void;
  onReset(row: AdminRow): void;
  onUnlock(row: AdminRow): void;
}

/**
 * One admin's row. A class for `shouldComponentUpdate`: a new page, a search
 * or a status change re-renders the table while the next rows are fetched,
 * and 50 rows that have not changed are skipped rather than diffed.
 */
class AdminTableRow extends Component<AdminTableRowProps> {
  override shouldComponentUpdate(next: AdminTableRowProps): boolean {
    const props = this.props;
    return (Object.keys(next) as Array<keyof AdminTableRowProps>).some((key) => next[key] !== props[key]);
  }

  override render() {
    const { row, own, saving, onToggle, onOpenQr, onReset, onUnlock } = this.props;
    const role = row.role === 'owner' ? 'Owner' : 'Admin';
    const signIn = row.signIn === 'sso' ? 'SSO' : 'Password';
    return (
      <tr>
        <th scope="row">
          <span class="admin-email">
            <EmailText email={row.email} />
          </span>
          {row.name && <span class="admin-name">{row.name}</span>}
          <span class="admin-meta">
            {role} · {signIn}
          </span>
        </th>
        <td class="col-detail">{role}</td>
        <td class="col-detail">{signIn}</td>
        <td>
          <MfaCell row={row} own={own} saving={saving} onToggle={onToggle} />
        </td>
        <td>
          <QrCell row={row} own={own} saving={saving} onOpenQr={onOpenQr} onReset={onReset} />
        </td>
        <td>
          <LockCell row={row} own={own} saving={saving} onUnlock={onUnlock} />
        </td>
      </tr>
    );
  }
}

/** The MFA column for one admin: the toggle, or why there is none. */
function MfaCell({ row, own, saving, onToggle }: Pick<AdminTableRowProps, 'row' | 'own' | 'saving' | 'onToggle'>) {
  if (row.mfa === 'not_applicable' || row.signIn === 'sso') {
    return (
      <div class="mfa-cell">
        <strong>Not applicable</strong>
        <span class="cell-note">Signs in with SSO: their SSO application authenticates.</span>
      </div>
    );
  }
  if (own) {
    return (
      <div class="mfa-cell">
        <span>{MFA_WORDS[row.mfa]}</span>
        <a class="cell-note" href="#/profile">
          Set up your own MFA on your Profile
        </a>
      </div>
    );
  }
  return (
    <div class="mfa-cell">
      <MfaSwitch id={mfaSwitchId(row.id)} email={row.email} on={row.mfa !== 'disabled'} busy={saving} onToggle={(next) => onToggle(row, next)} />
      {saving ? (
        <span class="cell-note">Saving…</span>
      ) : row.mfa === 'pending' ? (
        <span class="cell-note cell-note--pending">Waiting for the admin to scan the QR code and sign in</span>
      ) : row.mfa === 'enabled' ? (
        <span class="cell-note">Confirmed by the admin</span>
      ) : null}
    </div>
  );
}

/** "5 Dec, 14:05": when a timed lock ends, to the minute. */
function formatLockEnd(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
}

/** The Sign-in lock column: whether the admin's codes are refused (until when, or until unlocked) and the owner's Unlock. */
function LockCell({ row, own, saving, onUnlock }: Pick<AdminTableRowProps, 'row' | 'own' | 'saving' | 'onUnlock'>) {
  const { lock } = row;
  if (lock.status === 'none') {
    return (
      <>
        <span aria-hidden="true" class="cell-none">
          —
        </span>
        <span class="sr-only">Not locked</span>
      </>
    );
  }
  return (
    <div class="mfa-cell">
      <strong class="danger-text">
        {lock.status === 'hard' ? 'Locked until unlocked' : `Locked until ${formatLockEnd(lock.until)}`}
      </strong>
      <span class="cell-note">
        {lock.status === 'hard'
          ? '100 wrong codes in a row: codes are refused until you unlock; a recovery code still signs them in.'
          : 'Too many wrong codes in a row.'}
      </span>
      {/* The owner's own lock is lifted by a recovery code only: nobody is above the owner. */}
      {!own && (
        <button type="button" class="link-button" aria-disabled={saving} onClick={() => !saving && onUnlock(row)}>
          Unlock<span class="sr-only"> {row.email}</span>
        </button>
      )}
    </div>
  );
}

/** The Link to QR column: the link while enrollment is pending, Reset MFA once confirmed. */
function QrCell({ row, own, saving, onOpenQr, onReset }: Pick<AdminTableRowProps, 'row' | 'own' | 'saving' | 'onOpenQr' | 'onReset'>) {
  if (own || row.signIn === 'sso' || row.mfa === 'not_applicable' || row.mfa === 'disabled') {
    const why = own ? 'Your own QR code is on your Profile' : row.mfa === 'disabled' ? 'None while MFA is disabled' : 'Not applicable';
    return (
      <>
        <span aria-hidden="true" class="cell-none">
          —
        </span>
        <span class="sr-only">{why}</span>
      </>
    );
  }
  if (row.mfa === 'pending') {
    return (
      <a
        id={qrLinkId(row.id)}
        class="qr-link"
        href={adminQrWindowHref(row.id)}
        target="_blank"
        rel="noopener"
        onClick={(e) => {
          // Open the article's "additional screen" (a popup window), not a tab.
          e.preventDefault();
          onOpenQr(row);
        }}
      >
        Link to QR<span class="sr-only"> for {row.email}</span>
      </a>
    );
  }
  return (
    <button type="button" class="link-button danger-text" aria-disabled={saving} onClick={() => !saving && onReset(row)}>
      Reset MFA<span class="sr-only"> for {row.email}</span>
    </button>
  );
}
