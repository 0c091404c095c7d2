/**
 * A modal dialog to change the password: the current one, then the new one
 * twice. The rules (at least 8 characters, any characters, no composition
 * rules, not the current one) are the domain's; this shows its answer on
 * the field at fault.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { BusyButton } from './BusyButton';
import { Field } from './Field';

/** A field of the form. */
export type ChangePasswordField = 'current' | 'new' | 'repeat';

/** Props of {@link ChangePasswordDialog}. */
export interface ChangePasswordDialogProps {
  /** Runs the change; resolves to the field at fault and its message, or null when done (the parent then closes the dialog). */
  onSubmit(current: string, next: string, repeat: string): Promise<{ field: ChangePasswordField; message: string } | null>;
  /** The user cancelled (Cancel button or Escape). */
  onCancel(): void;
}

/** Asks for the current password and the new one twice, in a modal dialog. */
export function ChangePasswordDialog({ onSubmit, onCancel }: ChangePasswordDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const inputs = { current: useRef<HTMLInputElement>(null), new: useRef<HTMLInputElement>(null), repeat: useRef<HTMLInputElement>(null) };
  const [values, setValues] = useState({ current: '', new: '', repeat: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: ChangePasswordField; message: string } | null>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.showModal();
    inputs.current.current?.focus();
    return () => opener?.focus?.();
  }, []);

  // To the field at fault, once it is enabled again.
  useEffect(() => {
    if (error) inputs[error.field].current?.focus();
  }, [error]);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const failure = await onSubmit(values.current, values.new, values.repeat);
    if (failure) {
      setBusy(false);
      setError(failure);
    }
  }

  const field = (name: ChangePasswordField, label: string, autocomplete: string, hint?: string) => (
    <Field
      label={label}
      type="password"
      autocomplete={autocomplete}
      value={values[name]}
      maxLength={1024}
      hint={hint}
      onInput={(e) => {
        const value = e.currentTarget.value;
        setValues((v) => ({ ...v, [name]: value }));
        if (error?.field === name) setError(null);
      }}
      error={error?.field === name ? error.message : null}
      inputRef={inputs[name]}
      disabled={busy}
    />
  );

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="change-password-title"
      aria-describedby="change-password-description"
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <form class="dialog__form" onSubmit={submit} noValidate>
        <h2 id="change-password-title" class="dialog__title">
          Change password
        </h2>
        <p id="change-password-description" class="dialog__description">
          You stay signed in here; every other browser or device signed in to your account is signed out.
        </p>
        {field('current', 'Current password', 'current-password')}
        {field('new', 'New password', 'new-password', 'At least 8 characters. Any characters, spaces too: a few words make a good one.')}
        {field('repeat', 'New password again', 'new-password')}
        <div class="dialog__actions">
          <button type="button" class="button button--secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <BusyButton busy={busy} busyLabel="Changing…">
            Change password
          </BusyButton>
        </div>
      </form>
    </dialog>
  );
}
