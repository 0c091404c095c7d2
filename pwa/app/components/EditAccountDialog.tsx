/**
 * Editing an account's issuer and name. The secret and code settings are not
 * editable: changing them would silently break the codes; re-add the account instead.
 */
import { useId, useRef, useState } from 'preact/hooks';
import { errorMessage } from '../model/errors';
import { Dialog } from './Dialog';

/** Props of {@link EditAccountDialog}. */
export interface EditAccountDialogProps {
  /** The issuer as stored. */
  issuer: string;
  /** The account name as stored. */
  label: string;
  /**
   * Saves the new details; resolves when stored, or rejects with an error whose
   * `message` the dialog shows (and `field`, if any, marks that input invalid).
   */
  onSave(details: { issuer: string; label: string }): Promise<void>;
  /** Closes without saving. */
  onClose(): void;
}

/** The "Edit account" dialog. */
export function EditAccountDialog({ issuer: initialIssuer, label: initialLabel, onSave, onClose }: EditAccountDialogProps) {
  const id = useId();
  const first = useRef<HTMLInputElement>(null);
  const [issuer, setIssuer] = useState(initialIssuer);
  const [label, setLabel] = useState(initialLabel);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSave({ issuer, label });
    } catch (e) {
      const field = (e as { field?: unknown }).field;
      setError({ message: errorMessage(e), field: typeof field === 'string' ? field : undefined });
      setSaving(false);
    }
  }

  const labelInvalid = error?.field === 'label';
  return (
    <Dialog title="Edit account" onClose={onClose} initialFocus={first}>
      <form class="form" onSubmit={submit} noValidate>
        <div class="field">
          <label for={`${id}-issuer`}>Issuer</label>
          <input
            ref={first}
            id={`${id}-issuer`}
            type="text"
            value={issuer}
            autocomplete="off"
            autocapitalize="words"
            placeholder="e.g. GitHub"
            onInput={(event) => setIssuer(event.currentTarget.value)}
            aria-invalid={labelInvalid ? 'true' : undefined}
          />
        </div>
        <div class="field">
          <label for={`${id}-label`}>Account name</label>
          <input
            id={`${id}-label`}
            type="text"
            value={label}
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            placeholder="e.g. alice@example.com"
            onInput={(event) => setLabel(event.currentTarget.value)}
            aria-invalid={labelInvalid ? 'true' : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </div>
        <p id={`${id}-error`} class="form__error" role="alert">
          {error?.message}
        </p>
        <div class="dialog__actions">
          <button type="button" class="btn btn--text" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="btn btn--filled" disabled={saving}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
