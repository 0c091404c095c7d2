/**
 * "Enter the key": the issuer, the account name and the secret key as the
 * service shows it (spaces and dashes allowed, checked as Base32 while it is
 * typed), and under "Advanced" the type, algorithm, digits and period or
 * counter, for the few services that change them. The Steam Guard type fixes
 * the rest (SHA1, 5 characters, 30 s), so those fields are hidden and it says why.
 */
import { useRef, useState } from 'preact/hooks';
import type { AppError } from '../../../shared/errors';
import { OTP_ALGORITHMS, OTP_DEFAULTS, type OtpAlgorithm, type OtpType } from '../../../shared/otp';
import { AddFlowNotice } from './AddFlowNotice';
import { checkSecret, checkSecretWhileTyping, EMPTY_KEY_FORM, readKeyForm, type KeyFormErrors, type KeyFormField, type KeyFormValues } from './add-input';
import type { AddFlow } from './use-add-flow';

/** Props of {@link KeyPanel}. */
export interface KeyPanelProps {
  /** The screen's add flow; a valid form becomes an account through it. */
  flow: AddFlow;
  /** Closes the add screen. */
  onDone(): void;
}

/** Fields in the order the form shows them, to focus the first one at fault. */
const FIELD_ORDER: KeyFormField[] = ['issuer', 'label', 'secret', 'algorithm', 'digits', 'period', 'counter'];
/** Fields inside the "Advanced" disclosure, opened when one of them is at fault. */
const ADVANCED_FIELDS: ReadonlySet<KeyFormField> = new Set(['algorithm', 'digits', 'period', 'counter']);

/** Props of {@link TextField}. */
interface TextFieldProps {
  /** The field's key in the form (also its id suffix). */
  name: KeyFormField;
  /** Visible label. */
  label: string;
  /** Help under the field. */
  hint?: string;
  /** The current value. */
  value: string;
  /** The error to show, if the field is at fault. */
  error?: AppError;
  /** Called with the new value on every keystroke. */
  onInput(value: string): void;
  /** Called when the field loses focus. */
  onBlur?(): void;
  /** Extra attributes for the input (inputmode, autocomplete...). */
  inputProps?: Record<string, string | boolean>;
}

/** A labelled text input with its hint and its error, wired for screen readers. */
function TextField({ name, label, hint, value, error, onInput, onBlur, inputProps }: TextFieldProps) {
  const id = `add-key-${name}`;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        class="field__input"
        type="text"
        value={value}
        aria-invalid={error !== undefined}
        aria-describedby={describedBy}
        onInput={(event) => onInput(event.currentTarget.value)}
        onBlur={onBlur}
        {...inputProps}
      />
      {hint && (
        <p id={`${id}-hint`} class="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="field__error" role="alert">
          {error.message}
        </p>
      )}
    </div>
  );
}

/** The typed-key path of the add screen. */
export function KeyPanel({ flow, onDone }: KeyPanelProps) {
  const [values, setValues] = useState<KeyFormValues>(EMPTY_KEY_FORM);
  const [errors, setErrors] = useState<KeyFormErrors>({});
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const update = (field: keyof KeyFormValues, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    // A field's error goes once it is edited; the secret is re-checked as it is typed.
    setErrors((current) => {
      const next = { ...current };
      delete next[field as KeyFormField];
      if (field === 'secret') {
        const error = checkSecretWhileTyping(value);
        if (error) next.secret = error;
      }
      return next;
    });
  };

  const checkSecretOnBlur = () => {
    const error = checkSecret(values.secret);
    setErrors((current) => {
      const next = { ...current };
      if (error) next.secret = error;
      else delete next.secret;
      return next;
    });
  };

  const submit = (event: Event) => {
    event.preventDefault();
    const result = readKeyForm(values);
    if (result.account) {
      setErrors({});
      void flow.add(result.account);
      return;
    }
    setErrors(result.errors);
    const first = FIELD_ORDER.find((field) => result.errors[field]);
    if (first && ADVANCED_FIELDS.has(first)) setAdvancedOpen(true);
    // After the render that shows the errors (and opens "Advanced"), focus the first field at fault.
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`#add-key-${first}`)?.focus());
  };

  const startOver = () => {
    flow.reset();
    setValues(EMPTY_KEY_FORM);
    setErrors({});
    setAdvancedOpen(false);
    formRef.current?.querySelector<HTMLElement>('#add-key-issuer')?.focus();
  };

  return (
    <form ref={formRef} class="add-panel__body add-form" onSubmit={submit} noValidate>
      <TextField
        name="issuer"
        label="Service"
        hint="The website or company, e.g. GitHub."
        value={values.issuer}
        error={errors.issuer}
        onInput={(value) => update('issuer', value)}
        inputProps={{ autocomplete: 'organization', autocapitalize: 'words', dir: 'auto' }}
      />
      <TextField
        name="label"
        label="Account name"
        hint="Your email or user name there."
        value={values.label}
        error={errors.label}
        onInput={(value) => update('label', value)}
        inputProps={{ autocomplete: 'username', autocapitalize: 'off', spellcheck: false, dir: 'auto' }}
      />
      <TextField
        name="secret"
        label="Secret key"
        hint="Letters A–Z and digits 2–7, as the service shows it; spaces and dashes are fine."
        value={values.secret}
        error={errors.secret}
        onInput={(value) => update('secret', value)}
        onBlur={checkSecretOnBlur}
        inputProps={{ autocomplete: 'off', autocapitalize: 'characters', spellcheck: false, class: 'field__input field__input--mono' }}
      />

      <details
        class="advanced"
        open={advancedOpen}
        onToggle={(event) => setAdvancedOpen((event.currentTarget as HTMLDetailsElement).open)}
      >
        <summary>Advanced</summary>
        <p class="field__hint">Change these only if the service says so; most use the defaults.</p>
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
              <input
                type="radio"
                name="type"
                value={type}
                checked={values.type === type}
                onChange={() => update('type', type)}
              />
              {label}
            </label>
          ))}
        </fieldset>
        {values.type === 'steam' ? (
          <p class="field__hint" role="note">
            Steam Guard codes are always 5 letters and digits, new every 30 seconds (SHA1), so there is nothing else to
            set, and a blank Service is Steam. Type the Base32 key (the secret= part of the link in Steam Desktop
            Authenticator's .maFile), or import the .maFile itself.
          </p>
        ) : (
          <>
            <div class="field">
              <label for="add-key-algorithm">Algorithm</label>
              <select
                id="add-key-algorithm"
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
            <TextField
              name="digits"
              label="Digits"
              hint="Code length, 6 to 10 (usually 6)."
              value={values.digits}
              error={errors.digits}
              onInput={(value) => update('digits', value)}
              inputProps={{ inputmode: 'numeric', autocomplete: 'off' }}
            />
            {values.type === 'totp' ? (
              <TextField
                name="period"
                label="Period (seconds)"
                hint="How long each code lasts (usually 30)."
                value={values.period}
                error={errors.period}
                onInput={(value) => update('period', value)}
                inputProps={{ inputmode: 'numeric', autocomplete: 'off' }}
              />
            ) : (
              <TextField
                name="counter"
                label="Counter"
                hint="The counter the service gives (usually 0)."
                value={values.counter}
                error={errors.counter}
                onInput={(value) => update('counter', value)}
                inputProps={{ inputmode: 'numeric', autocomplete: 'off' }}
              />
            )}
          </>
        )}
      </details>

      <button type="submit" class="button button--primary button--block" disabled={flow.busy}>
        Add account
      </button>
      <AddFlowNotice flow={flow} anotherLabel="Add another" onAnother={startOver} onDone={onDone} />
    </form>
  );
}
