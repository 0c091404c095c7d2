/**
 * Editing an account (issue 12): its issuer and name, and its secret and code
 * settings (type, algorithm, digits, period or counter). Every field is read
 * with the add form's checks (`readKeyForm`), and the account is built by
 * `editVaultAccount`. A change that changes the codes (secret, type,
 * algorithm, digits, period, counter) asks first: the service keeps its own
 * copy of the old settings, so it will not accept the new codes unless its
 * setup changed too. It also sets how the account is organised: favourite,
 * groups and a note (saved in the same write). A Steam Guard account's
 * algorithm, digits and period are fixed, so they are hidden and it says why.
 */
import { useId, useRef, useState } from 'preact/hooks';
import { isAppError } from '../../../shared/errors';
import { STEAM_PARAMS } from '../../../shared/otp/steam';
import { OTP_ALGORITHMS, OTP_DEFAULTS, type OtpAccount, type OtpAlgorithm, type OtpType } from '../../../shared/otp/types';
import { changedCodeFields, type AccountOrganisation, type GroupId } from '../../../shared/vault/account';
import type { VaultGroup } from '../../../shared/vault/groups';
import { readKeyForm, type KeyFormErrors, type KeyFormField, type KeyFormValues } from '../add/add-input';
import { errorField, errorMessage } from '../model/errors';
import { Dialog } from './Dialog';

/** Props of {@link EditAccountDialog}. */
export interface EditAccountDialogProps {
  /** The account as stored now (after another tab's change, as it is now). */
  account: OtpAccount;
  /** Its groups, favourite and note as stored. */
  organisation: AccountOrganisation;
  /** Every group, in bar order, offered as checkboxes. */
  groups: readonly VaultGroup[];
  /**
   * Saves the edited account; resolves when stored, or rejects with an error whose
   * `message` the dialog shows (and whose field, if any, marks that input invalid).
   */
  onSave(account: OtpAccount, organisation: AccountOrganisation): Promise<void>;
  /** Closes without saving. */
  onClose(): void;
}

/** How each code-changing field is named in the confirmation. */
const FIELD_NAMES: Record<ReturnType<typeof changedCodeFields>[number], string> = {
  type: 'type',
  secret: 'secret key',
  algorithm: 'algorithm',
  digits: 'number of digits',
  period: 'period',
  counter: 'counter',
};

function formValues(account: OtpAccount): KeyFormValues {
  return {
    issuer: account.issuer,
    label: account.label,
    secret: account.secret,
    type: account.type,
    algorithm: account.algorithm,
    digits: String(account.digits),
    period: String(account.period),
    counter: String(account.counter),
  };
}

/** "the period", "the period and the algorithm", "the secret key, the period and the digits". */
function listFields(fields: readonly string[]): string {
  const named = fields.map((field) => `the ${field}`);
  return named.length <= 1 ? named.join('') : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

/** The "Edit account" dialog. */
export function EditAccountDialog({ account, organisation, groups, onSave, onClose }: EditAccountDialogProps) {
  const id = useId();
  const first = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState(() => formValues(account));
  const [errors, setErrors] = useState<KeyFormErrors>({});
  const [saveError, setSaveError] = useState<string | null>(null);
  const [showSecret, setShowSecret] = useState(false);
  const [confirm, setConfirm] = useState<{ edited: OtpAccount; fields: string[] } | null>(null);
  const [saving, setSaving] = useState(false);
  const [favourite, setFavourite] = useState(organisation.favourite);
  const [note, setNote] = useState(organisation.note);
  const [noteError, setNoteError] = useState<string | null>(null);
  const [inGroups, setInGroups] = useState<readonly GroupId[]>(organisation.groups);

  const update = (field: keyof KeyFormValues, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => {
      const next = { ...current };
      delete next[field as KeyFormField];
      return next;
    });
  };

  // Leaving Steam Guard, its 5 digits (which no other type allows) become the usual 6.
  const chooseType = (type: OtpType) => {
    if (values.type === 'steam' && values.digits === String(STEAM_PARAMS.digits)) update('digits', String(OTP_DEFAULTS.digits));
    update('type', type);
  };

  async function save(edited: OtpAccount) {
    setSaving(true);
    setSaveError(null);
    try {
      await onSave(edited, { favourite, note, groups: inGroups });
    } catch (e) {
      setConfirm(null);
      const field = isAppError(e, 'account_name_missing') ? 'label' : errorField(e);
      if (field === 'note') setNoteError(errorMessage(e));
      else if (field && field in values && isAppError(e)) setErrors({ [field]: e });
      else setSaveError(errorMessage(e));
      setSaving(false);
    }
  }

  function submit(event: Event) {
    event.preventDefault();
    const read = readKeyForm(values);
    setNoteError(null);
    if (read.errors) {
      setErrors(read.errors);
      setSaveError(null);
      const firstField = Object.keys(read.errors)[0];
      document.getElementById(`${id}-${firstField}`)?.focus();
      return;
    }
    const changed = changedCodeFields(account, read.account);
    if (changed.length > 0) setConfirm({ edited: read.account, fields: changed.map((field) => FIELD_NAMES[field]) });
    else void save(read.account);
  }

  if (confirm) {
    const name = account.issuer || 'the service';
    return (
      <Dialog title="Change how codes are made?" onClose={() => setConfirm(null)}>
        <p>
          You changed {listFields(confirm.fields)}. <strong>The codes for this account will change.</strong>
        </p>
        <p>
          {name} will only accept the new codes if its own setup changed too (for example, you set up two-step verification
          again there and it gave you these settings). Otherwise you may be locked out of it.
        </p>
        <p class="form__error" role="alert">
          {saveError}
        </p>
        <div class="dialog__actions">
          <button type="button" class="btn btn--text" onClick={() => setConfirm(null)}>
            Back
          </button>
          <button type="button" class="btn btn--filled" disabled={saving} onClick={() => void save(confirm.edited)}>
            {saving ? 'Saving…' : 'Change codes'}
          </button>
        </div>
      </Dialog>
    );
  }

  const field = (name: KeyFormField, label: string, props: { hint?: string; inputRef?: typeof first; [key: string]: unknown }) => {
    const { hint, inputRef, ...inputProps } = props;
    // "Enter an account name or the service" is about both names.
    const invalid = errors[name] !== undefined || (name === 'issuer' && isAppError(errors.label, 'account_name_missing'));
    const describedBy = [hint && `${id}-${name}-hint`, invalid && `${id}-error`].filter(Boolean).join(' ') || undefined;
    return (
      <div class="field">
        <label for={`${id}-${name}`}>{label}</label>
        <input
          ref={inputRef}
          id={`${id}-${name}`}
          type="text"
          value={values[name]}
          autocomplete="off"
          onInput={(event) => update(name, event.currentTarget.value)}
          aria-invalid={invalid ? 'true' : undefined}
          aria-describedby={describedBy}
          {...inputProps}
        />
        {hint && (
          <p id={`${id}-${name}-hint`} class="field__hint">
            {hint}
          </p>
        )}
      </div>
    );
  };

  return (
    <Dialog title="Edit account" onClose={onClose} initialFocus={first}>
      <form class="form" onSubmit={submit} noValidate>
        {field('issuer', 'Issuer', { inputRef: first, autocapitalize: 'words', dir: 'auto', placeholder: 'e.g. GitHub' })}
        {field('label', 'Account name', { autocapitalize: 'off', spellcheck: false, dir: 'auto', placeholder: 'e.g. alice@example.com' })}
        {field('secret', 'Secret key', {
          type: showSecret ? 'text' : 'password',
          class: 'field__input--mono',
          autocapitalize: 'characters',
          spellcheck: false,
          hint: 'Changing it changes the codes.',
        })}
        <label class="settings__switch">
          <input type="checkbox" checked={showSecret} onChange={(event) => setShowSecret(event.currentTarget.checked)} />
          Show key
        </label>
        <fieldset class="field field--choices">
          <legend>Type</legend>
          {(
            [
              ['totp', 'Time-based (TOTP)'],
              ['hotp', 'Counter-based (HOTP)'],
              ['steam', 'Steam Guard'],
            ] as Array<[OtpType, string]>
          ).map(([type, label]) => (
            <label key={type} class="choice">
              <input type="radio" name={`${id}-type`} value={type} checked={values.type === type} onChange={() => chooseType(type)} />
              {label}
            </label>
          ))}
        </fieldset>
        {values.type === 'steam' ? (
          <p class="field__hint" role="note">
            Steam Guard codes are always 5 letters and digits, new every 30 seconds (SHA1), so there is nothing else to set.
          </p>
        ) : (
          <>
            <div class="field">
              <label for={`${id}-algorithm`}>Algorithm</label>
              <select
                id={`${id}-algorithm`}
                class="field__input"
                value={values.algorithm}
                onChange={(event) => update('algorithm', event.currentTarget.value as OtpAlgorithm)}
              >
                {OTP_ALGORITHMS.map((algorithm) => (
                  <option key={algorithm} value={algorithm}>
                    {algorithm}
                    {algorithm === OTP_DEFAULTS.algorithm ? ' (default)' : ''}
                  </option>
                ))}
              </select>
            </div>
            {field('digits', 'Digits', { inputmode: 'numeric', hint: 'Code length, 6 to 10.' })}
            {values.type === 'totp'
              ? field('period', 'Period (seconds)', { inputmode: 'numeric', hint: 'How long each code lasts.' })
              : field('counter', 'Counter', { inputmode: 'numeric' })}
          </>
        )}
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
            onInput={(event) => {
              setNote(event.currentTarget.value);
              setNoteError(null);
            }}
            aria-invalid={noteError ? 'true' : undefined}
            aria-describedby={noteError ? `${id}-error` : undefined}
          />
        </div>
        {/* One message for the whole form (the first field at fault), announced; the fields point to it. */}
        <p id={`${id}-error`} class="form__error" role="alert">
          {noteError ?? saveError ?? Object.values(errors).find(Boolean)?.message}
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
