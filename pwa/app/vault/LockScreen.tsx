/**
 * The lock screen: the only thing on screen while the vault is locked (no
 * account, code or secret is in the page). The passphrase, or a passkey where
 * the vault has one and the browser can use it. After repeated wrong
 * passphrases the vault makes the next attempt wait (`unlockAllowedAt`); the
 * button stays disabled with a countdown until then, also after a reload.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { isAppError } from '../../../shared/errors';
import type { VaultStatus } from '../../../shared/vault/vault';
import { Icon } from '../components/Icon';
import { errorMessage } from '../model/errors';

/** Props of {@link LockScreen}. */
export interface LockScreenProps {
  /** The vault's status (for the passkeys and the wait after failures). */
  status: VaultStatus;
  /** Whether this browser can unlock with a passkey. */
  passkeySupported: boolean;
  /** Unlocks with the passphrase; rejects with the vault's AppError. */
  onUnlock(passphrase: string): Promise<void>;
  /** Unlocks with a passkey; rejects with an AppError. */
  onUnlockWithPasskey(): Promise<void>;
  /** Reads the status again (after a failure, for the new wait). */
  onRefresh(): Promise<void>;
}

/** Seconds left until `until`, at least 0. */
function secondsUntil(until: number): number {
  return Math.max(0, Math.ceil((until - Date.now()) / 1000));
}

/** "1 second", "12 seconds", "2:05". */
function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The lock screen. */
export function LockScreen({ status, passkeySupported, onUnlock, onUnlockWithPasskey, onRefresh }: LockScreenProps) {
  const id = useId();
  const field = useRef<HTMLInputElement>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState<'passphrase' | 'passkey' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [waitUntil, setWaitUntil] = useState(status.unlockAllowedAt);
  const [left, setLeft] = useState(() => secondsUntil(status.unlockAllowedAt));

  useEffect(() => setWaitUntil((current) => Math.max(current, status.unlockAllowedAt)), [status.unlockAllowedAt]);

  // The countdown: once a second until the wait is over, then focus is back on the field.
  useEffect(() => {
    const tick = () => setLeft(secondsUntil(waitUntil));
    tick();
    if (secondsUntil(waitUntil) === 0) return;
    const timer = setInterval(() => {
      tick();
      if (secondsUntil(waitUntil) === 0) {
        clearInterval(timer);
        field.current?.focus();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [waitUntil]);

  useEffect(() => field.current?.focus(), []);

  const fail = (e: unknown) => {
    setError(errorMessage(e));
    if (isAppError(e) && typeof e.details.retryInSeconds === 'number' && e.details.retryInSeconds > 0) {
      setWaitUntil(Date.now() + e.details.retryInSeconds * 1000);
    }
    void onRefresh();
  };

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || left > 0) return;
    setBusy('passphrase');
    setError(null);
    try {
      await onUnlock(passphrase);
      // Unmounted by the app on success.
    } catch (e) {
      setBusy(null);
      fail(e);
      if (!isAppError(e, 'vault_corrupt')) {
        field.current?.focus();
        field.current?.select();
      }
    }
  }

  async function unlockWithPasskey() {
    setBusy('passkey');
    setError(null);
    try {
      await onUnlockWithPasskey();
    } catch (e) {
      setBusy(null);
      fail(e);
    }
  }

  const waiting = left > 0;
  const showPasskey = passkeySupported && status.passkeys.length > 0;
  return (
    <main id="main" class="lock" aria-labelledby={`${id}-title`}>
      <div class="lock__card">
        <span class="lock__badge" aria-hidden="true">
          <Icon name="lock" size="2.5rem" />
        </span>
        <h1 id={`${id}-title`} class="lock__title">
          Authenticator is locked
        </h1>
        <p class="lock__lead">Enter your passphrase to see your codes.</p>
        <form class="form lock__form" onSubmit={submit} noValidate>
          <div class="field">
            <label for={`${id}-passphrase`}>Passphrase</label>
            <input
              ref={field}
              id={`${id}-passphrase`}
              type="password"
              autocomplete="current-password"
              spellcheck={false}
              autocapitalize="off"
              value={passphrase}
              aria-invalid={error !== null}
              aria-describedby={error ? `${id}-error` : undefined}
              onInput={(event) => setPassphrase(event.currentTarget.value)}
            />
          </div>
          <p id={`${id}-error`} class="form__error" role="alert">
            {error}
          </p>
          <p class="lock__wait" role="status">
            {busy === 'passphrase' ? (
              <>
                <span class="spinner" aria-hidden="true" /> Unlocking…
              </>
            ) : waiting ? (
              `You can try again in ${formatWait(left)}.`
            ) : (
              ''
            )}
          </p>
          <button type="submit" class="btn btn--filled btn--large" disabled={busy !== null || waiting}>
            Unlock
          </button>
          {showPasskey && (
            <button type="button" class="btn btn--tonal btn--large" disabled={busy !== null} onClick={() => void unlockWithPasskey()}>
              <Icon name="key" /> Unlock with a passkey
            </button>
          )}
        </form>
        <p class="lock__note">
          Forgot the passphrase? It cannot be recovered: restore your accounts from a backup after clearing this app's data.
        </p>
      </div>
    </main>
  );
}
