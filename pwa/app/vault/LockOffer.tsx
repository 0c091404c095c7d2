/**
 * The first-run offer of a passphrase lock: a card above the list, never in
 * the way (skippable; Settings offers it again, with a plain warning while
 * the lock is off).
 */
import { Icon } from '../components/Icon';

/** Props of {@link LockOffer}. */
export interface LockOfferProps {
  /** Opens the "Protect with a passphrase" dialog. */
  onSetUp(): void;
  /** Hides the offer for good. */
  onDismiss(): void;
}

/** "Protect your accounts with a passphrase". */
export function LockOffer({ onSetUp, onDismiss }: LockOfferProps) {
  return (
    <aside class="notice-card" aria-labelledby="lock-offer-title">
      <span class="notice-card__icon" aria-hidden="true">
        <Icon name="lock" />
      </span>
      <div class="notice-card__body">
        <h2 id="lock-offer-title">Protect your accounts with a passphrase</h2>
        <p>
          Without a lock, your secret keys are stored unprotected on this device. With one, they are encrypted and the app
          asks for the passphrase when it opens.
        </p>
        <div class="notice-card__actions">
          <button type="button" class="btn btn--filled btn--small" onClick={onSetUp}>
            Set a passphrase
          </button>
          <button type="button" class="btn btn--text btn--small" onClick={onDismiss}>
            Not now
          </button>
        </div>
      </div>
    </aside>
  );
}
