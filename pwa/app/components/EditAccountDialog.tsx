/**
 * Editing an account's issuer and name, and how it is organised (issue 12):
 * favourite, groups, note. The secret and code settings are not editable:
 * changing them would silently break the codes; re-add the account instead.
 */
import { useId, useRef, useState } from 'preact/hooks';
import { isAppError } from '../../../shared/errors';
import type { AccountOrganisation, GroupId } from '../../../shared/vault/account';
import type { VaultGroup } from '../../../shared/vault/groups';
import { errorField, errorMessage } from '../model/errors';
import { Dialog } from './Dialog';

/** Props of {@link EditAccountDialog}. */
export interface EditAccountDialogProps {
  /** The issuer as stored. */
  issuer: string;
  /** The account name as stored. */
  label: string;
  /** Its groups, favourite and note as stored. */
  organisation: AccountOrganisation;
  /** Every group, in bar order, offered as checkboxes. */
  groups: readonly VaultGroup[];
  /**
   * Saves the new details; resolves when stored, or rejects with an error whose
   * `message` the dialog shows (and whose field, if any, marks that input invalid;
   * `account_name_missing` marks both, since either would do).
   */
  onSave(details: { issuer: string; label: string }, organisation: AccountOrganisation): Promise<void>;
  /** Closes without saving. */
  onClose(): void;
}

/** The "Edit account" dialog. */
export function EditAccountDialog({ issuer: initialIssuer, label: initialLabel, organisation, groups, onSave, onClose }: EditAccountDialogProps) {
  const id = useId();
  const first = useRef<HTMLInputElement>(null);
  const [issuer, setIssuer] = useState(initialIssuer);
  const [label, setLabel] = useState(initialLabel);
  const [favourite, setFavourite] = useState(organisation.favourite);
  const [note, setNote] = useState(organisation.note);
  const [inGroups, setInGroups] = useState<readonly GroupId[]>(organisation.groups);
  const [error, setError] = useState<{ message: string; fields: string[] } | null>(null);
  const [saving, setSaving] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSave({ issuer, label }, { favourite, note, groups: inGroups });
    } catch (e) {
      const fields = isAppError(e, 'account_name_missing') ? ['issuer', 'label'] : [errorField(e) ?? ''];
      setError({ message: errorMessage(e), fields });
      setSaving(false);
    }
  }

  const issuerInvalid = error?.fields.includes('issuer') ?? false;
  const labelInvalid = error?.fields.includes('label') ?? false;
  const noteInvalid = error?.fields.includes('note') ?? false;
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
        <label class="check">
          <input type="checkbox" checked={favourite} onChange={(event) => setFavourite(event.currentTarget.checked)} />
          Favourite (listed first)
        </label>
        {groups.length > 0 && (
          <fieldset class="field groups-check">
            <legend>Groups</legend>
            {groups.map((group) => (
              <label key={group.id} class="check">
                <input
                  type="checkbox"
                  checked={inGroups.includes(group.id)}
                  onChange={(event) =>
                    setInGroups((ids) => (event.currentTarget.checked ? [...ids, group.id] : ids.filter((other) => other !== group.id)))
                  }
                />
                <bdi>{group.name}</bdi>
              </label>
            ))}
          </fieldset>
        )}
        <div class="field">
          <label for={`${id}-note`}>Note</label>
          <textarea
            id={`${id}-note`}
            value={note}
            rows={3}
            dir="auto"
            placeholder="e.g. where the recovery codes are"
            onInput={(event) => setNote(event.currentTarget.value)}
            aria-invalid={noteInvalid ? 'true' : undefined}
            aria-describedby={noteInvalid ? `${id}-error` : undefined}
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
