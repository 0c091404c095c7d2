/**
 * The Profile page as a model: the signed-in user's profile, the secret on
 * offer while MFA is off or pending, the step in view (the form, the code
 * that turns MFA on, the recovery codes shown once) and the actions behind
 * "Update Profile", "Get a new secret key" and "Regenerate recovery codes".
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { EnrollmentView, PortalApi, ProfileView } from '../../../shared/portal/portal-api';
import { isAppError } from '../../../shared/errors';
import { AppError } from '../../../shared/portal/portal-errors';
import { findNewPasswordProblem } from '../../../shared/portal/password';
import type { ChangePasswordField } from '../components/ChangePasswordDialog';
import { errorMessage, isSessionRejected } from './errors';

/** The step of the MFA section in view. */
export type ProfileStep =
  /** The profile with the "MFA Enabled" checkbox and "Update Profile". */
  | { name: 'form' }
  /** "MFA Enabled" was checked: a code from the authenticator turns MFA on. */
  | { name: 'confirm' }
  /** MFA is on (or the set was regenerated): the recovery codes, shown once. */
  | { name: 'codes'; codes: string[]; generatedAt: number; reason: 'enabled' | 'regenerated' };

/** The password prompt in view, if any. */
export type PasswordPrompt = 'disable' | 'renew' | 'regenerate' | null;

/** The Profile page's model. */
export interface ProfileModel {
  /** The profile, once loaded. */
  profile: ProfileView | null;
  /** Why the profile could not be loaded, or null. */
  loadError: string | null;
  /** The secret on offer (MFA off or pending), or null (MFA on, SSO, or loading). */
  enrollment: EnrollmentView | null;
  /** The step in view. */
  step: ProfileStep;
  /** The password prompt in view, if any. */
  passwordPrompt: PasswordPrompt;
  /** An action is running. */
  busy: boolean;
  /** Why the code step failed, or null. */
  codeError: string | null;
  /** What just happened ("MFA is off."), announced politely; or null. */
  notice: string | null;
  /** "Update Profile": from the checkbox's state, asks for a code, for the password, or says nothing changed. */
  updateProfile(mfaEnabled: boolean): void;
  /** The code step: turns MFA on with a code for the pending secret; resolves to whether it was accepted. */
  confirmCode(code: string): Promise<boolean>;
  /** Leaves the code step without turning MFA on. */
  cancelConfirm(): void;
  /** Opens a password prompt. */
  askPassword(prompt: Exclude<PasswordPrompt, null>): void;
  /** Closes the password prompt. */
  closePassword(): void;
  /** Runs the prompt's change with the password; resolves to an error message, or null when done. */
  submitPassword(password: string): Promise<string | null>;
  /** The recovery codes are saved: back to the form. */
  acknowledgeCodes(): void;
  /** Forgets the code step's error (the user is typing). */
  clearCodeError(): void;
  /** The change-password form is open. */
  changingPassword: boolean;
  /** What the last password change did ("Your password is changed…"), or null. */
  passwordNotice: string | null;
  /** Opens or closes the change-password form. */
  showChangePassword(open: boolean): void;
  /**
   * Changes the password (the new one typed twice); resolves to the field at
   * fault and its message, or null when done (every other session is then signed out).
   */
  changePassword(current: string, next: string, repeat: string): Promise<{ field: ChangePasswordField; message: string } | null>;
}

/** The notice when a pending secret expired and a fresh one replaced it. */
export const SECRET_REPLACED_NOTICE =
  'The secret key expired before MFA was turned on, so a new one is shown. Scan the new barcode, or enter the new key.';

/**
 * The Profile page's model.
 *
 * @param api The portal's operations.
 * @param token The session token.
 * @param initial The profile the shell already has, shown while reloading.
 * @param onSessionExpired The token was rejected.
 * @param onProfileChanged The user's MFA state changed (the shell reloads its copy).
 * @param onTokenChanged A change ended every session and this tab got this fresh one.
 */
export function useProfile(
  api: PortalApi,
  token: string,
  initial: ProfileView,
  onSessionExpired: () => void,
  onProfileChanged: () => void,
  onTokenChanged: (token: string) => void,
): ProfileModel {
  const [profile, setProfile] = useState<ProfileView | null>(initial);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [enrollment, setEnrollment] = useState<EnrollmentView | null>(null);
  const [step, setStep] = useState<ProfileStep>({ name: 'form' });
  const [passwordPrompt, setPasswordPrompt] = useState<PasswordPrompt>(null);
  const [busy, setBusy] = useState(false);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [changingPassword, setChangingPassword] = useState(false);
  const [passwordNotice, setPasswordNotice] = useState<string | null>(null);
  // The token of this tab's session: a change swaps it before anything else is asked with it.
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  /** Reports a failure: a rejected token ends the session; anything else is returned for display. */
  const fail = useCallback(
    (e: unknown): string => {
      if (isSessionRejected(e)) onSessionExpired();
      return errorMessage(e);
    },
    [onSessionExpired],
  );

  /**
   * Loads the profile and, for a password user without MFA on, the secret to
   * offer: the pending one, or a fresh one when there is none or it expired.
   */
  const load = useCallback(async () => {
    const token = tokenRef.current;
    try {
      const now = Date.now();
      const next = await api.getProfile(token, now);
      let offer: EnrollmentView | null = null;
      if (next.signIn === 'password' && next.mfa !== 'enabled') {
        const pending = next.enrollment;
        offer = pending && (pending.expiresAt === null || pending.expiresAt > now) ? pending : await api.startEnrollment(token, now);
      }
      if (!mounted.current) return;
      setProfile(next);
      setEnrollment(offer);
      setLoadError(null);
    } catch (e) {
      if (mounted.current) setLoadError(fail(e));
    }
  }, [api, fail]);

  /** Swaps to the fresh session a change returned, here and in the shell. */
  const swapToken = useCallback(
    (fresh: string) => {
      tokenRef.current = fresh;
      onTokenChanged(fresh);
    },
    [onTokenChanged],
  );

  useEffect(() => {
    void load();
  }, [load]);

  // A pending secret expires after a while: replace it when it does, so the
  // barcode on screen is always one the domain will accept.
  useEffect(() => {
    const expiresAt = enrollment?.expiresAt;
    if (expiresAt == null) return;
    const timer = setTimeout(async () => {
      try {
        const fresh = await api.startEnrollment(tokenRef.current, Date.now());
        if (!mounted.current) return;
        setEnrollment(fresh);
        setNotice(SECRET_REPLACED_NOTICE);
      } catch (e) {
        if (mounted.current) setLoadError(fail(e));
      }
    }, Math.max(0, expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [api, enrollment?.expiresAt, fail]);

  const updateProfile = useCallback(
    (mfaEnabled: boolean) => {
      setNotice(null);
      if (!profile || profile.signIn === 'sso') return;
      const isOn = profile.mfa === 'enabled';
      if (mfaEnabled && !isOn) {
        setCodeError(null);
        setStep({ name: 'confirm' });
      } else if (!mfaEnabled && isOn) {
        setPasswordPrompt('disable');
      } else {
        setNotice('Nothing to update: your profile is already saved.');
      }
    },
    [profile],
  );

  const confirmCode = useCallback(
    async (code: string) => {
      if (!code.trim()) {
        setCodeError('Enter the 6-digit code from your authenticator app.');
        return false;
      }
      setBusy(true);
      setCodeError(null);
      try {
        const now = Date.now();
        const { recoveryCodes, token: fresh } = await api.confirmEnrollment(tokenRef.current, code, now);
        swapToken(fresh);
        if (!mounted.current) return true;
        setStep({ name: 'codes', codes: recoveryCodes, generatedAt: now, reason: 'enabled' });
        await load();
        onProfileChanged();
        return true;
      } catch (e) {
        if (!mounted.current) return false;
        setCodeError(fail(e));
        // The key on screen expired meanwhile: show the fresh one the domain offers.
        if (isAppError(e, 'enrollment_expired')) await load();
        return false;
      } finally {
        if (mounted.current) setBusy(false);
      }
    },
    [api, load, fail, onProfileChanged, swapToken],
  );

  const submitPassword = useCallback(
    async (password: string): Promise<string | null> => {
      const prompt = passwordPrompt;
      if (!prompt) return null;
      try {
        const now = Date.now();
        const token = tokenRef.current;
        if (prompt === 'disable') {
          swapToken((await api.disableMfa(token, password, now)).token);
          setNotice('MFA is off. You sign in with your password alone until you turn it on again.');
          setStep({ name: 'form' });
          await load();
          onProfileChanged();
        } else if (prompt === 'renew') {
          const fresh = await api.renewSecret(token, password, now);
          setEnrollment(fresh);
          setNotice('A new secret key is shown. The previous one no longer works: scan the new barcode, or enter the new key.');
        } else {
          const { recoveryCodes, token: fresh } = await api.regenerateRecoveryCodes(token, password, now);
          swapToken(fresh);
          setStep({ name: 'codes', codes: recoveryCodes, generatedAt: now, reason: 'regenerated' });
          await load();
        }
        if (mounted.current) setPasswordPrompt(null);
        return null;
      } catch (e) {
        return fail(e);
      }
    },
    [api, passwordPrompt, load, fail, onProfileChanged, swapToken],
  );

  const changePassword = useCallback(
    async (current: string, next: string, repeat: string): Promise<{ field: ChangePasswordField; message: string } | null> => {
      if (!current) return { field: 'current', message: 'Enter your current password.' };
      // The same rule the domain enforces, checked here first so the field at fault is named at once.
      const problem = findNewPasswordProblem(next, repeat);
      if (problem) {
        const message = new AppError('password_invalid', { reason: problem }).message;
        return { field: problem === 'mismatch' ? 'repeat' : 'new', message };
      }
      try {
        swapToken((await api.changePassword(tokenRef.current, current, next, Date.now())).token);
        if (mounted.current) {
          setChangingPassword(false);
          setNotice(null);
          setPasswordNotice('Your password is changed. You were signed out everywhere else; this tab stays signed in.');
        }
        return null;
      } catch (e) {
        const message = fail(e);
        return { field: isAppError(e, 'password_invalid') ? 'new' : 'current', message };
      }
    },
    [api, fail, swapToken],
  );

  return {
    profile,
    loadError,
    enrollment,
    step,
    passwordPrompt,
    busy,
    codeError,
    notice,
    updateProfile,
    confirmCode,
    cancelConfirm: () => {
      setCodeError(null);
      setStep({ name: 'form' });
    },
    askPassword: (prompt) => {
      setNotice(null);
      setPasswordPrompt(prompt);
    },
    closePassword: () => setPasswordPrompt(null),
    submitPassword,
    acknowledgeCodes: () => {
      setStep({ name: 'form' });
      setNotice(null);
    },
    clearCodeError: () => setCodeError(null),
    changingPassword,
    showChangePassword: (open) => {
      setPasswordNotice(null);
      setChangingPassword(open);
    },
    changePassword,
    passwordNotice,
  };
}
