/**
 * A modal dialog that asks for the password again before a sensitive change
 * (turning MFA off, a new secret key, new recovery codes).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { BusyButton } from './BusyButton';
import { Field } from './Field';

/** Props of {@link PasswordDialog}. */
export interface PasswordDialogProps {
  /** The dialog's heading, e.g. "Turn off MFA". */
  title: string;
  /** Why the password is asked and what happens next. */
  description: string;
  /** The confirm button's label, e.g. "Turn off MFA". */
  confirmLabel: string;
  /** What the confirm button says while working, e.g. "Turning off…". */
  busyLabel: string;
  /** `danger` for a change that lowers security. */
  tone?: 'primary' | 'danger';
  /** Runs the change; resolves to an error message to show, or null when done (the parent then closes the dialog). */
  onSubmit(password: string): Promise<string | null>;
  /** The user cancelled (Cancel button or Escape). */
  onCancel(): void;
}

/** Asks for the password in a modal dialog and runs the change with it. */
export function PasswordDialog({ title, description, confirmLabel, busyLabel, tone = 'primary', onSubmit, onCancel }: PasswordDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.showModal();
    input.current?.focus();
    // Back to the button that opened the dialog when it goes away.
    return () => opener?.focus?.();
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (!password) {
      setError('Enter your password.');
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const message = await onSubmit(password);
    if (message !== null) {
      setBusy(false);
      setError(message);
      setPassword('');
      input.current?.focus();
    }
  }

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="password-dialog-title"
      aria-describedby="password-dialog-description"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <form class="dialog__form" onSubmit={submit} noValidate>
        <h2 id="password-dialog-title" class="dialog__title">
          {title}
        </h2>
        <p id="password-dialog-description" class="dialog__description">
          {description}
        </p>
        <Field
          label="Password"
          type="password"
          autocomplete="current-password"
          value={password}
          onInput={(e) => {
            setPassword(e.currentTarget.value);
            setError(null);
          }}
          error={error}
          inputRef={input}
          disabled={busy}
        />
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <BusyButton busy={busy} busyLabel={busyLabel} tone={tone}>
            {confirmLabel}
          </BusyButton>
        </div>
      </form>
    </dialog>
  );
}
