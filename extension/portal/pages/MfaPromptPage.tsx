/**
 * The MFA prompt after the password: the 6-digit code from the authenticator,
 * or, through "Use a recovery code", one of the recovery codes instead.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { BusyButton } from '../components/BusyButton';
import { AuthCodeField } from '../components/AuthCodeField';
import { Field } from '../components/Field';
import type { SecondFactorMode } from '../model/login';

/** Props of {@link MfaPromptPage}. */
export interface MfaPromptPageProps {
  /** Who is signing in. */
  email: string;
  /** Authenticator code or recovery code. */
  mode: SecondFactorMode;
  /** Verification is running. */
  busy: boolean;
  /** Why the last attempt failed, or null. */
  error: string | null;
  /** The user pressed Verify with this code (or recovery code); resolves to whether it was accepted. */
  onVerify(code: string): Promise<boolean>;
  /** The user switched between the authenticator code and a recovery code. */
  onModeChange(mode: SecondFactorMode): void;
  /** Back to the password step. */
  onCancel(): void;
  /** The user is typing: the old error no longer applies. */
  onInput(): void;
}

/** The MFA prompt. */
export function MfaPromptPage({ email, mode, busy, error, onVerify, onModeChange, onCancel, onInput }: MfaPromptPageProps) {
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);

  // A new mode's field gets the cursor.
  useEffect(() => input.current?.focus(), [mode]);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    // A refused code is cleared (in the same update that shows the error) for the next try.
    if (!(await onVerify(code))) {
      setCode('');
      input.current?.focus();
    }
  }

  function switchMode() {
    setCode('');
    onModeChange(mode === 'code' ? 'recovery' : 'code');
  }

  return (
    <section class="auth-card" aria-labelledby="mfa-heading">
      <div class="auth-card__icon" aria-hidden="true">
        <svg viewBox="0 0 24 24" class="icon icon--lg">
          <rect x="6" y="2.5" width="12" height="19" rx="2.5" fill="none" stroke="currentColor" stroke-width="1.6" />
          <path d="M10.5 18.5h3" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
          <path d="M9.5 10.5 11.3 12.3 14.8 8.8" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      </div>
      <h1 id="mfa-heading">Multi-factor authentication</h1>
      <p class="auth-card__lead">
        {mode === 'code' ? (
          <>
            Open the authenticator app on your phone and enter the 6-digit code for <strong>Acme MSP</strong> ({email}).
          </>
        ) : (
          <>Enter one of the recovery codes you saved when you turned on MFA for {email}. Each code works once.</>
        )}
      </p>
      <form onSubmit={submit} noValidate>
        {mode === 'code' ? (
          <AuthCodeField
            key="code"
            inputRef={input}
            value={code}
            onValue={(value) => {
              setCode(value);
              onInput();
            }}
            error={error}
          />
        ) : (
          <Field
            key="recovery"
            label="Recovery code"
            variant="code"
            inputRef={input}
            value={code}
            onInput={(e) => {
              setCode(e.currentTarget.value);
              onInput();
            }}
            autocomplete="off"
            autoCapitalize="none"
            spellcheck={false}
            error={error}
          />
        )}
        <BusyButton busy={busy} busyLabel="Verifying…" block>
          Verify
        </BusyButton>
      </form>
      <div class="auth-card__links">
        <button type="button" class="link-button" onClick={switchMode} disabled={busy}>
          {mode === 'code' ? 'Use a recovery code' : 'Use your authenticator app'}
        </button>
        <button type="button" class="link-button" onClick={onCancel} disabled={busy}>
          Back to sign in
        </button>
      </div>
    </section>
  );
}
