/**
 * Settings and about: the passphrase lock (on/off, passphrase, auto-lock,
 * passkeys), backups (export, import, the last backup's date), persistent
 * storage, installing, and what the app keeps where.
 */
import { useId, useState } from 'preact/hooks';
import { AUTO_LOCK_OPTIONS, type AutoLockMinutes } from '../../../shared/vault/lock-policy';
import type { PasskeySummary } from '../../../shared/vault/vault';
import type { InstallMode } from '../model/install';
import type { PersistenceState } from '../model/persistent-storage';
import { formatDate } from '../model/format-date';
import { canRegisterOtpauthLinks, registerOtpauthLinks } from '../model/protocol-handler';
import { Dialog } from './Dialog';
import { Icon } from './Icon';
import { InstallHelp } from './InstallHelp';

/** What Settings shows about the lock. */
export interface SecuritySettings {
  /** Whether the passphrase lock is on. */
  lock: 'on' | 'off';
  /** The chosen idle time. */
  autoLockMinutes: AutoLockMinutes;
  /** The passkeys that unlock the app. */
  passkeys: PasskeySummary[];
  /** Whether this browser can unlock with a passkey (WebAuthn PRF). */
  passkeySupported: boolean;
}

/** What Settings can do about the lock. */
export interface SecurityActions {
  onEnableLock(): void;
  onChangePassphrase(): void;
  onDisableLock(): void;
  onLockNow(): void;
  onAutoLock(minutes: AutoLockMinutes): void;
  onAddPasskey(): void;
  onRemovePasskey(slotId: string): void;
}

/** Props of {@link SettingsSheet}. */
export interface SettingsSheetProps {
  /** The lock's settings. */
  security: SecuritySettings;
  /** The lock's actions. */
  securityActions: SecurityActions;
  /** When the last backup was made (ms), or null. */
  lastBackupAt: number | null;
  /** Whether to remind the person to make a backup (`needsBackupReminder`). */
  backupReminder: boolean;
  /** Opens Back up / Export. */
  onExport(): void;
  /** Opens Import. */
  onImport(): void;
  /** Whether storage is persistent. */
  persistence: PersistenceState;
  /** Asks for persistent storage again. */
  onRequestPersistence(): void;
  /** How this browser installs the app. */
  installMode: InstallMode;
  /** Shows the install prompt. */
  onInstall(): void;
  /** How many accounts are stored. */
  accountCount: number;
  /** The app's version. */
  version: string;
  /** "Hide codes": codes show as •••••• until tapped (issue 12). */
  hideCodes: boolean;
  /** Turns "Hide codes" on or off. */
  onHideCodes(hide: boolean): void;
  /** Closes the sheet. */
  onClose(): void;
}

const PERSISTENCE_TEXT: Record<PersistenceState, { status: string; detail: string }> = {
  unknown: { status: 'Checking…', detail: '' },
  unsupported: {
    status: 'Not available',
    detail: 'This browser cannot promise to keep the data. Keep another way to sign in to your accounts.',
  },
  granted: {
    status: 'Granted',
    detail: 'The browser will not clear your accounts to free up space.',
  },
  'not-granted': {
    status: 'Not granted',
    detail:
      'The browser may clear your accounts if the device runs very low on space. Installing the app usually earns this permission.',
  },
};

const AUTO_LOCK_LABELS: Record<string, string> = { 1: '1 minute', 5: '5 minutes', 15: '15 minutes', never: 'Never' };

/** The Settings sheet. */
export function SettingsSheet(props: SettingsSheetProps) {
  const { persistence, onRequestPersistence, installMode, onInstall, accountCount, version, onClose } = props;
  const text = PERSISTENCE_TEXT[persistence];
  return (
    <Dialog title="Settings" onClose={onClose}>
      <SecuritySection security={props.security} actions={props.securityActions} />
      <section class="settings__section" aria-labelledby="settings-codes">
        <h3 id="settings-codes">Codes</h3>
        <label class="settings__switch">
          <input type="checkbox" checked={props.hideCodes} onChange={(event) => props.onHideCodes(event.currentTarget.checked)} aria-describedby="settings-hide-codes-hint" />
          Hide codes
        </label>
        <p id="settings-hide-codes-hint" class="settings__detail">
          For using the app in public: codes show as •••••• until you tap them. A tap shows a code until it changes; tap again to copy it.
        </p>
      </section>
      <section class="settings__section" aria-labelledby="settings-backup">
        <h3 id="settings-backup">Backups</h3>
        <p class="settings__fact">
          Last backup: <strong>{props.lastBackupAt === null ? 'never' : formatDate(props.lastBackupAt)}</strong>
        </p>
        {props.backupReminder && (
          <p class="settings__detail settings__detail--warning">
            Accounts were added since your last backup. Make one now, so losing this device does not lock you out.
          </p>
        )}
        <div class="settings__buttons">
          <button type="button" class="btn btn--tonal" onClick={props.onExport}>
            <Icon name="install" /> Back up / Export
          </button>
          <button type="button" class="btn btn--tonal" onClick={props.onImport}>
            <Icon name="upload" /> Import
          </button>
        </div>
      </section>
      <section class="settings__section" aria-labelledby="settings-storage">
        <h3 id="settings-storage">Storage</h3>
        <dl class="settings__facts">
          <div>
            <dt>Persistent storage</dt>
            <dd class={`pill pill--${persistence}`}>{text.status}</dd>
          </div>
          <div>
            <dt>Accounts on this device</dt>
            <dd>{accountCount}</dd>
          </div>
        </dl>
        {text.detail && <p class="settings__detail">{text.detail}</p>}
        {persistence === 'not-granted' && (
          <button type="button" class="btn btn--tonal" onClick={onRequestPersistence}>
            Ask to keep data
          </button>
        )}
      </section>
      <section class="settings__section" aria-labelledby="settings-install">
        <h3 id="settings-install">Install</h3>
        <InstallHelp mode={installMode} onInstall={onInstall} />
      </section>
      {canRegisterOtpauthLinks() && <OtpauthLinksSection />}
      <section class="settings__section" aria-labelledby="settings-about">
        <h3 id="settings-about">About</h3>
        <p>
          Acme Authenticator {version}. Your accounts and their secret keys are stored only in this browser on this
          device; nothing is sent anywhere, and the codes work offline.
        </p>
      </section>
    </Dialog>
  );
}

/** The lock's part of Settings. */
function SecuritySection({ security, actions }: { security: SecuritySettings; actions: SecurityActions }) {
  const id = useId();
  if (security.lock === 'off') {
    return (
      <section class="settings__section" aria-labelledby="settings-security">
        <h3 id="settings-security">Security</h3>
        <p class="settings__fact">
          Passphrase lock: <strong class="pill pill--not-granted">Off</strong>
        </p>
        <div class="vault-warning" role="note">
          <Icon name="warning" />
          <p>
            <strong>Your secret keys are stored unprotected on this device.</strong> Anyone who can open this browser, or
            copy its data, can see your codes. A passphrase lock encrypts them.
          </p>
        </div>
        <button type="button" class="btn btn--filled" onClick={actions.onEnableLock}>
          <Icon name="lock" /> Turn on passphrase lock
        </button>
      </section>
    );
  }
  return (
    <section class="settings__section" aria-labelledby="settings-security">
      <h3 id="settings-security">Security</h3>
      <p class="settings__fact">
        Passphrase lock: <strong class="pill pill--granted">On</strong>
      </p>
      <p class="settings__detail">Your secret keys are encrypted with your passphrase.</p>
      <div class="settings__buttons">
        <button type="button" class="btn btn--filled" onClick={actions.onLockNow}>
          <Icon name="lock" /> Lock now
        </button>
        <button type="button" class="btn btn--tonal" onClick={actions.onChangePassphrase}>
          Change passphrase
        </button>
        <button type="button" class="btn btn--text" onClick={actions.onDisableLock}>
          Turn off lock
        </button>
      </div>
      <fieldset class="choice" aria-describedby={`${id}-auto-hint`}>
        <legend>Lock automatically after</legend>
        <div class="choice__row">
          {AUTO_LOCK_OPTIONS.map((minutes) => (
            <label class="choice__option" key={minutes}>
              <input
                type="radio"
                name={`${id}-auto-lock`}
                checked={security.autoLockMinutes === minutes}
                onChange={() => actions.onAutoLock(minutes)}
              />
              {AUTO_LOCK_LABELS[String(minutes)]}
            </label>
          ))}
        </div>
        <p id={`${id}-auto-hint`} class="hint">
          Without use, or in the background, for that long.
        </p>
      </fieldset>
      {(security.passkeySupported || security.passkeys.length > 0) && (
        <div class="settings__passkeys">
          <h4>Passkeys</h4>
          {security.passkeys.length === 0 ? (
            <p class="settings__detail">Unlock with your fingerprint, face or device PIN. Your passphrase keeps working.</p>
          ) : (
            <ul class="passkey-list">
              {security.passkeys.map((passkey) => (
                <li key={passkey.slotId}>
                  <span>
                    {passkey.label}
                    <span class="hint"> · added {formatDate(passkey.createdAt)}</span>
                  </span>
                  <button
                    type="button"
                    class="btn btn--text btn--small"
                    aria-label={`Remove passkey ${passkey.label}`}
                    onClick={() => actions.onRemovePasskey(passkey.slotId)}
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
          {security.passkeySupported && (
            <button type="button" class="btn btn--tonal" onClick={actions.onAddPasskey}>
              <Icon name="key" /> Add a passkey
            </button>
          )}
        </div>
      )}
    </section>
  );
}

/** "Authenticator links": asks the browser to open `web+otpauth:` links here (hidden where it cannot). */
function OtpauthLinksSection() {
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const register = () => {
    try {
      registerOtpauthLinks();
      setOutcome({
        ok: true,
        text: 'Asked. If your browser shows a question (often an icon in the address bar), allow it: links that start with web+otpauth: will then open here.',
      });
    } catch {
      setOutcome({ ok: false, text: 'This browser refused to open such links in this app. Installing the app may do it instead.' });
    }
  };
  return (
    <section class="settings__section" aria-labelledby="settings-links">
      <h3 id="settings-links">Authenticator links</h3>
      <p class="settings__detail" id="settings-links-hint">
        Some sites offer an “Open in authenticator” link next to their QR code. Let this browser open those links in this app,
        which then asks you to confirm the account.
      </p>
      <button type="button" class="btn btn--tonal" aria-describedby="settings-links-hint" onClick={register}>
        <Icon name="add" /> Open authenticator links here
      </button>
      <p role="status" class="settings__detail">
        {outcome?.ok && outcome.text}
      </p>
      {outcome?.ok === false && (
        <p role="alert" class="settings__detail settings__detail--warning">
          {outcome.text}
        </p>
      )}
    </section>
  );
}
