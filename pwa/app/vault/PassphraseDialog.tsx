/**
 * One form dialog for everything that asks for passphrases: turning the lock
 * on, changing the passphrase, turning it off, adding a passkey. The fields
 * differ; the behaviour is the same: nothing is sent until submit, the error
 * is announced (`role="alert"`) and the field at fault is marked
 * `aria-invalid` and focused.
 */
import type { ComponentChildren } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import { isAppError } from '../../../shared/errors';
import { Dialog } from '../components/Dialog';
import { errorMessage, InputError } from '../model/errors';

/** One field of the form. */
export interface PassphraseFieldSpec {
  /** Key of the value passed to `onSubmit`. */
  name: string;
  /** The visible label. */
  label: string;
  /** `current-password` for a passphrase to check, `new-password` for a new one, `off` for a plain name. */
  autocomplete: 'current-password' | 'new-password' | 'off';
  /** A plain text field (a name) instead of a password field. */
  text?: boolean;
  /** The value it starts with. */
  initial?: string;
  /** A hint below the field. */
  hint?: string;
}

/** Props of {@link PassphraseDialog}. */
export interface PassphraseDialogProps {
  /** The dialog's title. */
  title: string;
  /** What it does and what to know first. */
  description: ComponentChildren;
  /** The fields, in order. */
  fields: PassphraseFieldSpec[];
  /** The submit button's label. */
  submitLabel: string;
  /** Said while the submit runs ("Encrypting your accounts…"). */
  busyLabel: string;
  /** A red submit button (turning protection off). */
  danger?: boolean;
  /** Does the work; a rejection's message is shown. */
  onSubmit(values: Record<string, string>): Promise<void>;
  /** Which field an error is about (default: an InputError's field, else the first field). */
  fieldOf?(error: unknown): string | undefined;
  /** Closes without doing anything. */
  onClose(): void;
}

/** A dialog with passphrase fields and one action. */
export function PassphraseDialog({ title, description, fields, submitLabel, busyLabel, danger, onSubmit, fieldOf, onClose }: PassphraseDialogProps) {
  const id = useId();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, f.initial ?? ''])));
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const inputs = useRef<Record<string, HTMLInputElement | null>>({});
  const first = useRef<HTMLInputElement | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (e) {
      const field = e instanceof InputError ? e.field : fieldOf?.(e);
      setError({ message: errorMessage(e), field: field ?? fields.find((f) => !f.text)?.name });
      setBusy(false);
      const target = inputs.current[field ?? ''] ?? first.current;
      target?.focus();
      target?.select();
    }
  }

  return (
    <Dialog title={title} description={description} onClose={() => !busy && onClose()} initialFocus={first}>
      <form class="form" onSubmit={submit} noValidate>
        {fields.map((field, index) => {
          const invalid = error?.field === field.name;
          const hintId = field.hint ? `${id}-${field.name}-hint` : '';
          return (
            <div class="field" key={field.name}>
              <label for={`${id}-${field.name}`}>{field.label}</label>
              <input
                ref={(element) => {
                  inputs.current[field.name] = element;
                  if (index === 0) first.current = element;
                }}
                id={`${id}-${field.name}`}
                type={(field.text ? 'text' : 'password') as 'password'}
                autocomplete={field.autocomplete}
                spellcheck={false}
                autocapitalize="off"
                value={values[field.name]}
                aria-invalid={invalid}
                aria-describedby={[hintId, invalid ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
                onInput={(event) => {
                  const value = event.currentTarget.value;
                  setValues((current) => ({ ...current, [field.name]: value }));
                }}
              />
              {field.hint && (
                <p id={hintId} class="hint">
                  {field.hint}
                </p>
              )}
            </div>
          );
        })}
        <p id={`${id}-error`} class="form__error" role="alert">
          {error?.message}
        </p>
        <div role="status" class="vault-busy">
          {busy && (
            <>
              <span class="spinner" aria-hidden="true" /> {busyLabel}
            </>
          )}
        </div>
        <div class="dialog__actions">
          <button type="button" class="btn btn--text" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" class={`btn ${danger ? 'btn--danger' : 'btn--filled'}`} disabled={busy}>
            {submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Which field a vault error is about, for dialogs with a current and a new passphrase. */
export function vaultErrorField(current: string, next: string) {
  return (error: unknown): string | undefined => {
    if (isAppError(error, 'passphrase_too_short')) return next;
    if (isAppError(error, 'wrong_passphrase') || isAppError(error, 'unlock_delayed')) return current;
    return undefined;
  };
}
