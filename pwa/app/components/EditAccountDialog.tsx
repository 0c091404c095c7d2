/**
 * Editing an account's issuer and name. The secret and code settings are not
 * editable: changing them would silently break the codes; re-add the account instead.
 */
import { useId, useRef, useState } from 'preact/hooks';
import { isAppError } from '../../../shared/errors';
import { errorField, errorMessage } from '../model/errors';
import { Dialog } from './Dialog';

/** Props of {@link EditAccountDialog}. */
export interface EditAccountDialogProps {
  /** The issuer as stored. */
  issuer: string;
  /** The account name as stored. */
  label: string;
  /**
   * Saves the new details; resolves when stored, or rejects with an error whose
   * `message` the dialog shows (and whose field, if any, marks that input invalid;
   * `account_name_missing` marks both, since either would do).
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
  const [error, setError] = useState<{ message: string; fields: string[] } | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSave({ issuer, label });
    } catch (e) {
      const fields = isAppError(e, 'account_name_missing') ? ['issuer', 'label'] : [errorField(e) ?? ''];
      setError({ message: errorMessage(e), fields });
      setSaving(false);
    }
  }

  const issuerInvalid = error?.fields.includes('issuer') ?? false;
  const labelInvalid = error?.fields.includes('label') ?? false;
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
            dir="auto"
            placeholder="e.g. GitHub"
            onInput={(event) => setIssuer(event.currentTarget.value)}
            aria-invalid={issuerInvalid ? 'true' : undefined}
            aria-describedby={issuerInvalid ? `${id}-error` : undefined}
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
            dir="auto"
            placeholder="e.g. alice@example.com"
            onInput={(event) => setLabel(event.currentTarget.value)}
            aria-invalid={labelInvalid ? 'true' : undefined}
            aria-describedby={labelInvalid ? `${id}-error` : undefined}
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
