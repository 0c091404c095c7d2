import type { Ref } from 'preact';
import { Field } from './Field';

/** Shown with a failed authenticator code: the usual cause is a phone clock that drifted. */
export const CLOCK_HINT =
  'Codes change every 30 seconds, so enter the one shown now. If codes keep failing, check that your phone sets its date and time automatically.';

/** Props of {@link AuthCodeField}. */
export interface AuthCodeFieldProps {
  /** The code as typed. */
  value: string;
  /** Called with the new text as the user types. */
  onValue(value: string): void;
  /** What was wrong with the last code, or null. */
  error: string | null;
  /** Lets the page focus the field again after a refused code. */
  inputRef?: Ref<HTMLInputElement>;
}

/**
 * The "Authentication code" field, the same wherever the portal asks for a
 * code: the phone's one-time-code autofill and numeric keypad, no spelling or
 * capitals, and the clock hint with an error.
 */
export function AuthCodeField({ value, onValue, error, inputRef }: AuthCodeFieldProps) {
  return (
    <Field
      label="Authentication code"
      variant="code"
      inputRef={inputRef}
      value={value}
      onInput={(e) => onValue(e.currentTarget.value)}
      autocomplete="one-time-code"
      inputMode="numeric"
      maxLength={12}
      spellcheck={false}
      error={error}
      errorHint={CLOCK_HINT}
    />
  );
}
