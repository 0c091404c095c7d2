/**
 * The demo's simulated identity provider: what "Sign in with SSO" leads to.
 * A real one would check the user's own credentials (and its own MFA); this
 * one asks only for the email, and says so plainly.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { BusyButton } from '../components/BusyButton';
import { Field } from '../components/Field';

/** Props of {@link SsoIdpPage}. */
export interface SsoIdpPageProps {
  /** The identity provider is vouching for the email. */
  busy: boolean;
  /** Why the last attempt failed, or null. */
  error: string | null;
  /** SSO users of the demo account, offered as examples. */
  ssoEmails: string[];
  /** The user pressed Continue with this email. */
  onContinue(email: string): void;
  /** Back to the portal's own sign-in. */
  onCancel(): void;
  /** The user is typing: the old error no longer applies. */
  onInput(): void;
}

/** The simulated identity provider's sign-in screen. */
export function SsoIdpPage({ busy, error, ssoEmails, onContinue, onCancel, onInput }: SsoIdpPageProps) {
  const [email, setEmail] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    if (error) input.current?.focus();
  }, [error]);

  return (
    <section class="auth-card auth-card--idp" aria-labelledby="idp-heading">
      <p class="idp-badge">
        <svg viewBox="0 0 16 16" class="icon" aria-hidden="true" focusable="false">
          <path d="M8 1.5 2.5 3.8v3.6c0 3.3 2.3 6 5.5 7.1 3.2-1.1 5.5-3.8 5.5-7.1V3.8Z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
        </svg>
        Demo identity provider
      </p>
      <h1 id="idp-heading">Sign in to Acme Identity</h1>
      <p class="auth-card__lead">
        This is a <strong>simulated</strong> single sign-on provider for the demo: it vouches for the email you enter without
        asking for a password. Your organisation's real SSO application would authenticate you here, with its own MFA.
      </p>
      <p class="idp-note" role="note" aria-label="Simulated identity provider">
        <strong>Demo only:</strong> this simulated identity provider signs in anyone who types an SSO user's email. A real
        deployment would verify a signed SSO assertion (SAML or OpenID Connect) from the identity provider before opening a
        session.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) onContinue(email);
        }}
        noValidate
      >
        <Field
          label="Email"
          type="email"
          autocomplete="username"
          inputRef={input}
          value={email}
          onInput={(e) => {
            setEmail(e.currentTarget.value);
            onInput();
          }}
          hint={ssoEmails.length > 0 ? `SSO users of the demo: ${ssoEmails.join(', ')}` : undefined}
          error={error}
        />
        <BusyButton busy={busy} busyLabel="Signing in…" block>
          Continue
        </BusyButton>
      </form>
      <div class="auth-card__links">
        <button type="button" class="link-button" onClick={onCancel} disabled={busy}>
          Cancel and return to the portal's sign-in
        </button>
      </div>
    </section>
  );
}
