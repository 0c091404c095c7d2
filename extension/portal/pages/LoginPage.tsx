/**
 * The login page: email and password, "Sign in with SSO", and the demo
 * accounts with "Reset demo data". Leads on to the MFA prompt, the demo
 * identity provider or the enrollment the owner started, as the domain says.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PortalApi } from '../../../shared/portal/portal-api';
import { Alert } from '../components/Alert';
import { BusyButton } from '../components/BusyButton';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EmailText } from '../components/EmailText';
import { Field } from '../components/Field';
import { RecoveryCodes } from '../components/RecoveryCodes';
import { ROLE_LABELS } from '../components/TopBar';
import { useLogin, type DemoCredential } from '../model/login';
import { EnrollAtLoginPage } from './EnrollAtLoginPage';
import { MfaPromptPage } from './MfaPromptPage';
import { SsoIdpPage } from './SsoIdpPage';

/** Props of {@link LoginPage}. */
export interface LoginPageProps {
  /** The portal's operations. */
  api: PortalApi;
  /** Called with the session token once the user is in. */
  onSignedIn(token: string): void;
  /** Why the user is here again ("Your session has ended…"), or null. */
  notice: string | null;
}

/** The login page and the steps that follow the password. */
export function LoginPage({ api, onSignedIn, notice }: LoginPageProps) {
  const login = useLogin(api, onSignedIn);
  const { step, busy, error } = login;
  const errorFor = (...fields: string[]) => (error && fields.includes(error.field) ? error.message : null);

  switch (step.name) {
    case 'sso':
      return (
        <div class="auth-layout">
          <SsoIdpPage
            busy={busy}
            error={errorFor('sso_email')}
            ssoEmails={(login.demo ?? []).filter((user) => user.signIn === 'sso').map((user) => user.email)}
            onContinue={login.continueWithSso}
            onCancel={login.backToPassword}
            onInput={login.clearError}
          />
        </div>
      );
    case 'mfa':
      return (
        <div class="auth-layout">
          <MfaPromptPage
            email={step.email}
            mode={step.mode}
            busy={busy}
            error={errorFor('code')}
            onVerify={login.verify}
            onModeChange={login.setMode}
            onCancel={login.backToPassword}
            onInput={login.clearError}
          />
        </div>
      );
    case 'enroll':
      return (
        <div class="auth-layout">
          <EnrollAtLoginPage
            enrollment={step.enrollment}
            busy={busy}
            error={errorFor('code')}
            onSubmit={login.completeEnrollment}
            onCancel={login.backToPassword}
            onInput={login.clearError}
          />
        </div>
      );
    case 'recovery_codes':
      return (
        <div class="auth-layout">
          <div class="auth-card auth-card--wide">
            <Alert tone="success">MFA is now on for {step.email}.</Alert>
            <RecoveryCodes codes={step.codes} email={step.email} generatedAt={step.generatedAt} onDone={login.finish} />
          </div>
        </div>
      );
    case 'password':
      return <PasswordStep login={login} notice={login.notice ?? notice} errorFor={errorFor} />;
  }
}

/** Props of {@link PasswordStep}. */
interface PasswordStepProps {
  login: ReturnType<typeof useLogin>;
  notice: string | null;
  errorFor(...fields: string[]): string | null;
}

/** Email, password, SSO, and the demo accounts. */
function PasswordStep({ login, notice, errorFor }: PasswordStepProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const { busy } = login;

  useEffect(() => emailInput.current?.focus(), []);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (await login.signIn(email, password)) return;
    // Refused: put the cursor where the fix goes (in the same update that shows the error).
    if (!email.trim()) {
      emailInput.current?.focus();
    } else {
      setPassword('');
      passwordInput.current?.focus();
    }
  }

  function fillAccount(account: DemoCredential) {
    login.clearError();
    setEmail(account.email);
    setPassword(account.password);
    passwordInput.current?.focus();
  }

  return (
    <div class="auth-layout auth-layout--split">
      <section class="auth-card" aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">Sign in</h1>
        <p class="auth-card__lead">The reseller portal for Acme MSP.</p>
        {notice && <Alert tone="info">{notice}</Alert>}
        {errorFor('form') && <Alert tone="error">{errorFor('form')}</Alert>}
        <form onSubmit={submit} noValidate>
          <Field
            label="Email"
            type="email"
            autocomplete="username"
            inputRef={emailInput}
            value={email}
            onInput={(e) => {
              setEmail(e.currentTarget.value);
              login.clearError();
            }}
            error={errorFor('email')}
          />
          <Field
            label="Password"
            type="password"
            autocomplete="current-password"
            inputRef={passwordInput}
            value={password}
            onInput={(e) => {
              setPassword(e.currentTarget.value);
              login.clearError();
            }}
            error={errorFor('password')}
          />
          <BusyButton busy={busy} busyLabel="Signing in…" block>
            Sign in
          </BusyButton>
        </form>
        <div class="divider" role="presentation">
          <span>or</span>
        </div>
        <button type="button" class="button button--secondary button--block" onClick={login.startSso} disabled={busy}>
          <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M8 1.5 2.5 3.8v3.6c0 3.3 2.3 6 5.5 7.1 3.2-1.1 5.5-3.8 5.5-7.1V3.8Z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
          </svg>
          Sign in with SSO
        </button>
      </section>
      <DemoAccounts demo={login.demo} busy={busy} onUse={fillAccount} onReset={login.resetDemoData} />
    </div>
  );
}

/** Props of {@link DemoAccounts}. */
interface DemoAccountsProps {
  demo: DemoCredential[] | null;
  busy: boolean;
  onUse(account: DemoCredential): void;
  onReset(): Promise<void>;
}

/** The demo accounts to try, and "Reset demo data" with a confirmation. */
function DemoAccounts({ demo, busy, onUse, onReset }: DemoAccountsProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <section class="demo-card" aria-labelledby="demo-heading">
      <h2 id="demo-heading">Demo accounts</h2>
      <p class="demo-card__lead">
        This portal runs entirely in your browser. Sign in as any of these people; nobody has MFA on until you turn it on.
      </p>
      {demo === null ? (
        <p class="muted">Loading…</p>
      ) : (
        <table class="demo-table">
          <caption class="visually-hidden">Demo credentials</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Password</th>
              <th scope="col">Role</th>
              <th scope="col">
                <span class="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {demo.map((account) => (
              <tr key={account.email}>
                <td class="demo-table__email"><EmailText email={account.email} /></td>
                <td>{account.signIn === 'sso' ? <span class="muted">SSO only</span> : <code>{account.password}</code>}</td>
                <td>
                  {ROLE_LABELS[account.role]}
                  {account.signIn === 'sso' && <span class="badge badge--neutral">SSO</span>}
                </td>
                <td>
                  {account.signIn === 'password' && (
                    <button type="button" class="button button--ghost button--small" onClick={() => onUse(account)} aria-label={`Use ${account.email}`}>
                      Use
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="demo-card__reset">
        <button type="button" class="button button--ghost button--small" onClick={() => setConfirming(true)} disabled={busy}>
          Reset demo data
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title="Reset demo data?"
          description="This restores the demo account as it was: every change is undone, MFA is turned off for everyone, and everyone is signed out."
          confirmLabel="Reset demo data"
          busyLabel="Resetting…"
          onConfirm={async () => {
            await onReset();
            setConfirming(false);
          }}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
