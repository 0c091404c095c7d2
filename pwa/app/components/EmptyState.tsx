/** The first screen: no accounts yet, and the four ways to add one, each a shortcut into the add screen. */
import { ADD_WAY_LABELS, type AddWay } from '../add/add-ways';
import { Icon, type IconName } from './Icon';

export type { AddWay };

/** Props of {@link EmptyState}. */
export interface EmptyStateProps {
  /** Opens the add-account screen, at one way or at the default one. */
  onAdd(way?: AddWay): void;
}

const WAYS: ReadonlyArray<{ way: AddWay; icon: IconName; text: string }> = [
  { way: 'scan', icon: 'camera', text: 'Point your camera at the QR code the service shows when you turn on two-step verification.' },
  { way: 'image', icon: 'image', text: 'Choose, drop or paste a screenshot of the QR code.' },
  { way: 'uri', icon: 'link', text: 'Some services offer an otpauth:// setup link instead of, or beside, the QR code.' },
  { way: 'key', icon: 'key', text: 'Enter the key shown under the QR code (often behind “Can’t scan it?”).' },
];

/** What the list shows before any account is added. */
export function EmptyState({ onAdd }: EmptyStateProps) {
  return (
    <section class="empty" aria-labelledby="empty-title">
      <div class="empty__badge" aria-hidden="true">
        <Icon name="shield" size="3rem" />
      </div>
      <h2 id="empty-title" class="empty__title">
        No accounts yet
      </h2>
      <p class="empty__lead">
        Add the accounts you protect with two-step verification, and their codes appear here, even offline. There are four
        ways to add one:
      </p>
      <ul class="ways" role="list">
        {WAYS.map((way) => (
          <li key={way.way}>
            <button type="button" class="ways__item" onClick={() => onAdd(way.way)}>
              <span class="ways__icon" aria-hidden="true">
                <Icon name={way.icon} />
              </span>
              <span class="ways__body">
                <span class="ways__title">{ADD_WAY_LABELS[way.way]}</span>
                <span class="ways__text">{way.text}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="btn btn--filled btn--large" onClick={() => onAdd()}>
        <Icon name="add" /> Add account
      </button>
      <p class="empty__note">Your accounts are stored only on this device.</p>
    </section>
  );
}
