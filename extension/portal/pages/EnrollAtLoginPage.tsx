/**
 * For an admin whose MFA the owner turned on: after the password, their QR
 * code and secret key, and a code from the authenticator to finish.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EnrollmentView } from '../../../shared/portal/portal-api';
import { BusyButton } from '../components/BusyButton';
import { AuthCodeField } from '../components/AuthCodeField';
import { OpenInAuthenticator } from '../components/OpenInAuthenticator';
import { QrCode } from '../components/QrCode';
import { SecretKey } from '../components/SecretKey';
import { ACME_AUTHENTICATOR, PWA_URL } from '../pwa-address';

/** Props of {@link EnrollAtLoginPage}. */
export interface EnrollAtLoginPageProps {
  /** The secret to load into the authenticator. */
  enrollment: EnrollmentView;
  /** The code is being checked. */
  busy: boolean;
  /** Why the last code was refused, or null. */
  error: string | null;
  /** The user pressed Verify with this code; resolves to whether it was accepted. */
  onSubmit(code: string): Promise<boolean>;
  /** Back to the password step. */
  onCancel(): void;
  /** The user is typing: the old error no longer applies. */
  onInput(): void;
}

/** Finishing the enrollment the owner started, at sign-in. */
export function EnrollAtLoginPage({ enrollment, busy, error, onSubmit, onCancel, onInput }: EnrollAtLoginPageProps) {
  const [code, setCode] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <section class="auth-card auth-card--wide" aria-labelledby="enroll-heading">
      <h1 id="enroll-heading" tabIndex={-1} ref={heading}>
        Set up multi-factor authentication
      </h1>
      <p class="auth-card__lead">
        Your account owner turned on MFA for <strong>{enrollment.email}</strong>. To finish signing in, add this account to
        the authenticator app on your phone (Google Authenticator, Authy, LastPass,{' '}
        <a href={PWA_URL} target="_blank" rel="noopener noreferrer">
          {ACME_AUTHENTICATOR}
          <span class="visually-hidden"> (opens in a new tab)</span>
        </a>{' '}
        and others), then enter the code it shows.
      </p>
      <ol class="steps">
        <li>Scan the barcode with your authenticator app, or enter the secret key beneath it.</li>
        <li>Enter the 6-digit code the app shows for Acme MSP.</li>
      </ol>
      <div class="qr-panel">
        <QrCode value={enrollment.uri} label={`QR code for ${enrollment.email}`} />
        <p class="qr-panel__caption">{enrollment.email}</p>
        <SecretKey secret={enrollment.secret} />
        {/* The signing-in user's own account, whose key is on screen: the links add no exposure. */}
        <OpenInAuthenticator uri={enrollment.uri} />
      </div>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (busy) return;
          // A refused code is cleared for the next try.
          if (!(await onSubmit(code))) {
            setCode('');
            input.current?.focus();
          }
        }}
        noValidate
      >
        <AuthCodeField
          inputRef={input}
          value={code}
          onValue={(value) => {
            setCode(value);
            onInput();
          }}
          error={error}
        />
        <BusyButton busy={busy} busyLabel="Verifying…" block>
          Verify
        </BusyButton>
      </form>
      <div class="auth-card__links">
        <button type="button" class="link-button" onClick={onCancel} disabled={busy}>
          Back to sign in
        </button>
      </div>
    </section>
  );
}
