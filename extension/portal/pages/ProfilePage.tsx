/**
 * Profile, reached from the email in the top-right: the barcode (QR code) of
 * the user's secret with the secret key beneath it, the "MFA Enabled"
 * checkbox at the bottom and "Update Profile", as the article describes.
 * Checking the box asks for a code from the authenticator before MFA turns
 * on; unchecking it asks for the password. SSO users see that MFA does not
 * apply to them.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EnrollmentView, ProfileView } from '../../../shared/portal/portal-api';
import { Alert } from '../components/Alert';
import { BusyButton } from '../components/BusyButton';
import { ChangePasswordDialog } from '../components/ChangePasswordDialog';
import { AuthCodeField } from '../components/AuthCodeField';
import { InstallAcmeAuthenticator } from '../components/InstallAcmeAuthenticator';
import { OpenInAuthenticator } from '../components/OpenInAuthenticator';
import { PasswordDialog } from '../components/PasswordDialog';
import { QrCode } from '../components/QrCode';
import { RecoveryCodes } from '../components/RecoveryCodes';
import { SecretKey } from '../components/SecretKey';
import { ROLE_LABELS } from '../components/TopBar';
import { useProfile, type ProfileModel } from '../model/profile';
import type { PageProps } from '../page-props';
import { ACME_AUTHENTICATOR, PWA_URL } from '../pwa-address';

/** Props of {@link ProfilePage}. */
export interface ProfilePageProps extends PageProps {
  /** The user's MFA state changed: the shell reloads its copy of the profile. */
  onProfileChanged(): void;
  /** A change ended every session of the user; this tab goes on with this fresh one. */
  onTokenChanged(token: string): void;
}

/** How many recovery codes a full set holds. */
const RECOVERY_CODE_COUNT = 10;

/** The Profile page. */
export function ProfilePage({ api, token, profile: initial, onSessionExpired, onProfileChanged, onTokenChanged }: ProfilePageProps) {
  const model = useProfile(api, token, initial, onSessionExpired, onProfileChanged, onTokenChanged);
  const { profile } = model;

  return (
    <div class="page page--narrow">
      <header class="page__header">
        <h1 tabIndex={-1}>
          Profile
        </h1>
        <p class="page__lead">Your account details and how you sign in.</p>
      </header>
      {model.loadError && <Alert tone="error">{model.loadError}</Alert>}
      {profile && (
        <>
          <AccountCard profile={profile} />
          {profile.signIn === 'password' && <PasswordCard model={model} />}
          {profile.signIn === 'sso' ? <SsoMfaCard /> : <MfaCard model={model} profile={profile} />}
        </>
      )}
      {model.passwordPrompt && <ProfilePasswordDialog model={model} />}
      {model.changingPassword && (
        <ChangePasswordDialog onSubmit={model.changePassword} onCancel={() => model.showChangePassword(false)} />
      )}
    </div>
  );
}

/** Name, email, role and sign-in method. */
function AccountCard({ profile }: { profile: ProfileView }) {
  return (
    <section class="card" aria-labelledby="account-heading">
      <h2 id="account-heading" class="card__title">
        Account
      </h2>
      <dl class="details">
        <div>
          <dt>Name</dt>
          <dd>{profile.name}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{profile.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{ROLE_LABELS[profile.role]}</dd>
        </div>
        <div>
          <dt>Sign-in method</dt>
          <dd>{profile.signIn === 'sso' ? 'Single sign-on (SSO)' : 'Email and password'}</dd>
        </div>
      </dl>
    </section>
  );
}

/** The password: change it (which signs out every other session). */
function PasswordCard({ model }: { model: ProfileModel }) {
  return (
    <section class="card" aria-labelledby="password-heading">
      <div class="card__header">
        <h2 id="password-heading" class="card__title">
          Password
        </h2>
        <button type="button" class="button button--secondary" onClick={() => model.showChangePassword(true)}>
          Change password
        </button>
      </div>
      {model.passwordNotice && <Alert tone="success">{model.passwordNotice}</Alert>}
    </section>
  );
}

/** For SSO users: MFA does not apply; their SSO application authenticates them. */
function SsoMfaCard() {
  return (
    <section class="card" aria-labelledby="mfa-heading">
      <div class="card__header">
        <h2 id="mfa-heading" class="card__title">
          Multi-factor authentication
        </h2>
        <span class="badge badge--neutral">Not applicable</span>
      </div>
      <p>
        MFA is not applicable to your account: you sign in with single sign-on (SSO), so your SSO application authenticates
        you instead. Set up MFA with your organisation's identity provider.
      </p>
    </section>
  );
}

/** The words and colour of each MFA state's badge. */
const MFA_BADGES = {
  disabled: { label: 'Disabled', tone: 'neutral' },
  pending: { label: 'Setup pending', tone: 'warning' },
  enabled: { label: 'Enabled', tone: 'success' },
  not_applicable: { label: 'Not applicable', tone: 'neutral' },
} as const;

/** The MFA section of a password user: barcode and key, or the recovery codes, and the form at the bottom. */
function MfaCard({ model, profile }: { model: ProfileModel; profile: ProfileView }) {
  const badge = MFA_BADGES[profile.mfa];
  const { step } = model;

  if (step.name === 'codes') {
    return (
      <div class="card">
        <Alert tone="success">
          {step.reason === 'enabled'
            ? 'MFA is on. From now on you will enter a code from your authenticator app each time you sign in.'
            : 'New recovery codes were made. The previous codes no longer work.'}
        </Alert>
        <RecoveryCodes codes={step.codes} email={profile.email} generatedAt={step.generatedAt} onDone={model.acknowledgeCodes} />
      </div>
    );
  }

  return (
    <section class="card" aria-labelledby="mfa-heading">
      <div class="card__header">
        <h2 id="mfa-heading" class="card__title">
          Multi-factor authentication
        </h2>
        <span class={`badge badge--${badge.tone}`}>{badge.label}</span>
      </div>
      {model.notice && <Alert tone="info">{model.notice}</Alert>}
      {profile.mfa === 'enabled' ? (
        <MfaOnSummary profile={profile} onRegenerate={() => model.askPassword('regenerate')} />
      ) : (
        model.enrollment && <EnrollmentSection enrollment={model.enrollment} onRenew={() => model.askPassword('renew')} />
      )}
      {step.name === 'confirm' ? <ConfirmCodeForm model={model} /> : <UpdateProfileForm model={model} profile={profile} />}
    </section>
  );
}

/** MFA is on: what that means, and the recovery codes left. */
function MfaOnSummary({ profile, onRegenerate }: { profile: ProfileView; onRegenerate(): void }) {
  const left = profile.recoveryCodesLeft;
  return (
    <div class="mfa-on">
      <p>
        Each time you sign in, you enter a code from the authenticator app on your phone. To move to a new phone, turn MFA off
        and on again to get a new barcode.
      </p>
      <div class="recovery-summary">
        <div>
          <h3 class="recovery-summary__title">Recovery codes</h3>
          <p class={left <= 3 ? 'recovery-summary__count recovery-summary__count--low' : 'recovery-summary__count'}>
            {left} of {RECOVERY_CODE_COUNT} recovery codes left
            {left <= 3 && ': make a new set before you run out.'}
          </p>
          {profile.recoveryCodesOutdated && (
            <p class="recovery-summary__count recovery-summary__count--low">
              Your recovery codes are of an older, shorter kind that is easier to guess from a copy of the portal's data. They
              still work, but regenerate them to get longer ones.
            </p>
          )}
        </div>
        <button type="button" class="button button--secondary" onClick={onRegenerate}>
          Regenerate recovery codes
        </button>
      </div>
    </div>
  );
}

/** Formats a time of day for "the key is replaced at …". */
function formatTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
}

/**
 * The barcode and the secret key beneath it, with the article's steps; step 1
 * also offers Acme Authenticator, and the links beneath the key open this
 * same account (the user's own, whose key is on screen) in an app on this device.
 */
function EnrollmentSection({ enrollment, onRenew }: { enrollment: EnrollmentView; onRenew(): void }) {
  return (
    <div class="enroll">
      <ol class="steps">
        <li>
          Install an authenticator app on your smartphone, such as Google Authenticator, Authy, LastPass or our own{' '}
          <strong>{ACME_AUTHENTICATOR}</strong>.
          <InstallAcmeAuthenticator pwaUrl={PWA_URL} />
        </li>
        <li>Scan the barcode with the app, or enter the secret key provided beneath it.</li>
        <li>
          Check <strong>MFA Enabled</strong> at the bottom of this page and click <strong>Update Profile</strong>, then enter the
          code the app shows.
        </li>
      </ol>
      <div class="qr-panel">
        <QrCode value={enrollment.uri} label={`QR code for ${enrollment.email}`} />
        <p class="qr-panel__caption">{enrollment.email}</p>
        <SecretKey secret={enrollment.secret} />
        <OpenInAuthenticator uri={enrollment.uri} />
        <p class="qr-panel__meta">
          {enrollment.expiresAt !== null && (
            <>This key is replaced by a new one at {formatTime(enrollment.expiresAt)} unless MFA is turned on by then. </>
          )}
          <button type="button" class="link-button" onClick={onRenew}>
            Get a new secret key
          </button>
        </p>
      </div>
    </div>
  );
}

/** The article's checkbox and button, at the bottom of the page. */
function UpdateProfileForm({ model, profile }: { model: ProfileModel; profile: ProfileView }) {
  const [checked, setChecked] = useState(profile.mfa === 'enabled');
  // Follow the stored state when it changes (MFA turned on or off).
  useEffect(() => setChecked(profile.mfa === 'enabled'), [profile.mfa]);
  return (
    <form
      class="profile-form"
      onSubmit={(event) => {
        event.preventDefault();
        model.updateProfile(checked);
      }}
    >
      <div class="checkbox">
        <input id="mfa-enabled" type="checkbox" checked={checked} onChange={(e) => setChecked(e.currentTarget.checked)} aria-describedby="mfa-enabled-hint" />
        <label for="mfa-enabled">MFA Enabled</label>
      </div>
      <p id="mfa-enabled-hint" class="field__hint">
        {profile.mfa === 'enabled'
          ? 'Uncheck and update to turn MFA off; you will be asked for your password.'
          : 'Check and update to turn MFA on; you will be asked for a code from your authenticator app.'}
      </p>
      <div class="profile-form__actions">
        <button type="submit" class="button button--primary">
          Update Profile
        </button>
      </div>
    </form>
  );
}

/** After "Update Profile" with the box checked: the code that proves the authenticator has the key. */
function ConfirmCodeForm({ model }: { model: ProfileModel }) {
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <form
      class="profile-form profile-form--confirm"
      aria-labelledby="confirm-heading"
      onSubmit={async (event) => {
        event.preventDefault();
        if (model.busy) return;
        // A refused code is cleared for the next try.
        if (!(await model.confirmCode(code))) {
          setCode('');
          input.current?.focus();
        }
      }}
      noValidate
    >
      <h3 id="confirm-heading" class="profile-form__title">
        Enter a code to turn on MFA
      </h3>
      <p>MFA turns on once a code from your authenticator app shows that it holds the key above.</p>
      <AuthCodeField
        inputRef={input}
        value={code}
        onValue={(value) => {
          setCode(value);
          model.clearCodeError();
        }}
        error={model.codeError}
      />
      <div class="profile-form__actions">
        <button type="button" class="button button--secondary" onClick={model.cancelConfirm} disabled={model.busy}>
          Cancel
        </button>
        <BusyButton busy={model.busy} busyLabel="Verifying…">
          Verify
        </BusyButton>
      </div>
    </form>
  );
}

/** The words of each password prompt. */
const PASSWORD_PROMPTS = {
  disable: {
    title: 'Turn off MFA',
    description: 'Enter your password to turn off multi-factor authentication. Your authenticator app and recovery codes stop working for this account.',
    confirmLabel: 'Turn off MFA',
    busyLabel: 'Turning off…',
    tone: 'danger',
  },
  renew: {
    title: 'Get a new secret key',
    description: 'Enter your password to replace the secret key. The barcode and key shown now stop working.',
    confirmLabel: 'Get a new key',
    busyLabel: 'Checking…',
    tone: 'primary',
  },
  regenerate: {
    title: 'Regenerate recovery codes',
    description: 'Enter your password to make 10 new recovery codes. Your current recovery codes stop working.',
    confirmLabel: 'Regenerate codes',
    busyLabel: 'Checking…',
    tone: 'primary',
  },
} as const;

/** The password prompt in view. */
function ProfilePasswordDialog({ model }: { model: ProfileModel }) {
  const words = PASSWORD_PROMPTS[model.passwordPrompt!];
  return <PasswordDialog key={model.passwordPrompt} {...words} onSubmit={model.submitPassword} onCancel={model.closePassword} />;
}
