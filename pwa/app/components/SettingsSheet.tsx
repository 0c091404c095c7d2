/** Settings and about: persistent storage, installing, and what the app keeps where. */
import type { InstallMode } from '../model/install';
import type { PersistenceState } from '../model/persistent-storage';
import { Dialog } from './Dialog';
import { InstallHelp } from './InstallHelp';

/** Props of {@link SettingsSheet}. */
export interface SettingsSheetProps {
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

/** The Settings sheet. */
export function SettingsSheet({ persistence, onRequestPersistence, installMode, onInstall, accountCount, version, onClose }: SettingsSheetProps) {
  const text = PERSISTENCE_TEXT[persistence];
  return (
    <Dialog title="Settings" onClose={onClose}>
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
