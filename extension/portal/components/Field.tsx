/**
 * A labelled text field with an optional hint and error. The error is
 * announced (role="alert") and the field marked aria-invalid, as the design
 * asks of every field at fault.
 */
import type { ComponentChildren, Ref, TargetedInputEvent } from 'preact';
import { useId } from 'preact/hooks';

/** Props of {@link Field}. */
export interface FieldProps {
  /** The input's type (default text). */
  type?: 'text' | 'email' | 'password';
  /** The current value (controlled). */
  value: string;
  /** Called as the user types. */
  onInput(event: TargetedInputEvent<HTMLInputElement>): void;
  /** The autocomplete token: `username`, `current-password`, `one-time-code`, `off`. */
  autocomplete?: string;
  /** The keyboard phones show: `numeric` for codes. */
  inputMode?: 'text' | 'numeric' | 'email';
  /** Longest input accepted. */
  maxLength?: number;
  /** False for codes and keys, which are not words. */
  spellcheck?: boolean;
  /** `none` for codes, so phones do not capitalise them. */
  autoCapitalize?: 'none' | 'off';
  /** The field cannot be edited (an action is running). */
  disabled?: boolean;
  /** The visible label, also the field's accessible name. */
  label: string;
  /** Help shown beneath the label and read with the field. */
  hint?: ComponentChildren;
  /** What is wrong with the value, or null. Shown beneath the field and announced. */
  error?: string | null;
  /** Extra help shown beneath the error only while there is one. */
  errorHint?: ComponentChildren;
  /** A ref to the `<input>`, to focus it. */
  inputRef?: Ref<HTMLInputElement>;
  /** Extra class names for the wrapper. */
  class?: string;
  /** Larger, spaced-out text for codes. */
  variant?: 'default' | 'code';
}

/** A labelled input with hint and error. */
export function Field({
  label,
  hint,
  error,
  errorHint,
  inputRef,
  class: className,
  variant = 'default',
  type = 'text',
  inputMode,
  autoCapitalize,
  ...input
}: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={['field', error ? 'field--invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label class="field__label" for={id}>
        {label}
      </label>
      {hint && (
        <p class="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        {...input}
        // Preact 11 types each input type apart; these three take the same attributes.
        type={type as 'text'}
        inputMode={inputMode}
        autoCapitalize={autoCapitalize}
        ref={inputRef}
        id={id}
        class={variant === 'code' ? 'input input--code' : 'input'}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {/* Inserted, not pre-rendered: a role="alert" element that appears is announced at once. */}
      {error && (
        <div class="field__error" id={errorId} role="alert">
          <p class="field__error-message">
            <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <circle cx="8" cy="8" r="7" fill="currentColor" />
              <rect x="7.1" y="3.6" width="1.8" height="5.6" rx="0.9" fill="var(--surface)" />
              <circle cx="8" cy="11.7" r="1.1" fill="var(--surface)" />
            </svg>
            {error}
          </p>
          {errorHint && <p class="field__error-hint">{errorHint}</p>}
        </div>
      )}
    </div>
  );
}
