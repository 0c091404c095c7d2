/** How to install the app, in whatever way this browser supports. */
import type { InstallMode } from '../model/install';
import { Icon } from './Icon';

/** Props of {@link InstallHelp}. */
export interface InstallHelpProps {
  /** How this browser installs the app. */
  mode: InstallMode;
  /** Shows the browser's install prompt (mode `prompt`). */
  onInstall(): void;
}

/** The "Install app" button, or the iOS steps, or a note. */
export function InstallHelp({ mode, onInstall }: InstallHelpProps) {
  switch (mode) {
    case 'installed':
      return <p>The app is installed on this device.</p>;
    case 'prompt':
      return (
        <>
          <p>Install it to open it from your home screen, in its own window, even offline.</p>
          <button type="button" class="btn btn--filled" onClick={onInstall}>
            <Icon name="install" /> Install app
          </button>
        </>
      );
    case 'ios':
      return (
        <>
          <p>To add it to your Home Screen in Safari:</p>
          <ol class="steps">
            <li>
              Tap <strong>Share</strong> <Icon name="share" size="1.1rem" /> in the toolbar.
            </li>
            <li>
              Choose <strong>Add to Home Screen</strong>.
            </li>
            <li>
              Tap <strong>Add</strong>.
            </li>
          </ol>
        </>
      );
    default:
      return (
        <p>
          To install it, use your browser’s menu: <strong>Install app</strong> or <strong>Add to Home screen</strong>.
        </p>
      );
  }
}
