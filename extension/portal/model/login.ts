/**
 * The sign-in flow of the login page as a model: which step is in view
 * (password, the demo identity provider, the MFA prompt, finishing an
 * enrollment the owner started, the recovery codes), what is running, what
 * went wrong, and the actions that move between steps. Every rule is the
 * domain's; this only calls it and keeps the state.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { EnrollmentView, PortalApi } from '../../../shared/portal/portal-api';
import { isAppError } from '../../../shared/errors';
import { errorMessage } from './errors';

/** A demo account as the login page lists it (email, password, role, sign-in method), per the contract. */
export type DemoCredential = Awaited<ReturnType<PortalApi['demoCredentials']>>[number];

/** How the MFA prompt is answered. */
export type SecondFactorMode = 'code' | 'recovery';

/** The step of the sign-in flow in view. */
export type LoginStep =
  /** Email and password (and the way to SSO). */
  | { name: 'password' }
  /** The simulated identity provider of the demo. */
  | { name: 'sso' }
  /** MFA is on: a code from the authenticator, or a recovery code. */
  | { name: 'mfa'; challengeId: string; email: string; mode: SecondFactorMode }
  /** The owner turned MFA on for this admin: scan, then enter a code to finish. */
  | { name: 'enroll'; challengeId: string; email: string; enrollment: EnrollmentView }
  /** Enrollment finished: the recovery codes, shown once, before going in. */
  | { name: 'recovery_codes'; email: string; token: string; codes: string[]; generatedAt: number };

/** Which field an error belongs to, so that field is marked aria-invalid. */
export type LoginErrorField = 'email' | 'password' | 'code' | 'sso_email' | 'form';

/** The login page's model. */
export interface LoginModel {
  /** The step in view. */
  step: LoginStep;
  /** An action is running (the password hash takes a moment): buttons show progress. */
  busy: boolean;
  /** What went wrong in the step in view, with the field at fault; null when nothing did. */
  error: { field: LoginErrorField; message: string } | null;
  /** The demo accounts to list, once loaded. */
  demo: DemoCredential[] | null;
  /** A notice for the password step ("Demo data restored."), or null. */
  notice: string | null;
  /** The password step: signs in, or moves to the MFA prompt or the enrollment step; resolves to whether the password was accepted. */
  signIn(email: string, password: string): Promise<boolean>;
  /** Goes to the demo identity provider. */
  startSso(): void;
  /** The identity provider vouches for this email. */
  continueWithSso(email: string): Promise<void>;
  /** Answers the MFA prompt with a code or a recovery code, per the step's mode; resolves to whether it was accepted. */
  verify(code: string): Promise<boolean>;
  /** Switches the MFA prompt between the authenticator code and a recovery code. */
  setMode(mode: SecondFactorMode): void;
  /** Finishes the enrollment the owner started with a code for the shown secret; resolves to whether it was accepted. */
  completeEnrollment(code: string): Promise<boolean>;
  /** The recovery codes are saved: go in. */
  finish(): void;
  /** Back to the password step. */
  backToPassword(): void;
  /** Restores the demo data (after the page asked for confirmation). */
  resetDemoData(): Promise<void>;
  /** Forgets the current error (the user is typing). */
  clearError(): void;
}

/**
 * The login page's model.
 *
 * @param api The portal's operations.
 * @param onSignedIn Called with the session token once the user is in.
 */
export function useLogin(api: PortalApi, onSignedIn: (token: string) => void): LoginModel {
  const [step, setStep] = useState<LoginStep>({ name: 'password' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<LoginModel['error']>(null);
  const [demo, setDemo] = useState<DemoCredential[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const mounted = useRef(true);

  const loadDemo = useCallback(async () => {
    try {
      const list = await api.demoCredentials();
      if (mounted.current) setDemo(list);
    } catch {
      if (mounted.current) setDemo([]);
    }
  }, [api]);

  useEffect(() => {
    mounted.current = true;
    void loadDemo();
    return () => {
      mounted.current = false;
    };
  }, [loadDemo]);

  /** Runs one action with the busy flag and error handling; `field` is the field its failure is about. */
  const run = useCallback(async (field: LoginErrorField, action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await action();
      return true;
    } catch (e) {
      if (!mounted.current) return false;
      if (isAppError(e, 'challenge_expired')) {
        // The second step waited too long: start again from the password.
        setStep({ name: 'password' });
        setError({ field: 'form', message: e.message });
      } else {
        setError({ field, message: errorMessage(e) });
      }
      return false;
    } finally {
      if (mounted.current) setBusy(false);
    }
  }, []);

  const signIn = useCallback(
    async (email: string, password: string) => {
      if (!email.trim()) {
        setError({ field: 'email', message: 'Enter your email address.' });
        return false;
      }
      if (!password) {
        setError({ field: 'password', message: 'Enter your password.' });
        return false;
      }
      return run('password', async () => {
        const result = await api.signInWithPassword(email.trim(), password, Date.now());
        if (result.kind === 'signed_in') onSignedIn(result.token);
        else if (result.kind === 'mfa_required') setStep({ name: 'mfa', challengeId: result.challengeId, email: email.trim(), mode: 'code' });
        else setStep({ name: 'enroll', challengeId: result.challengeId, email: email.trim(), enrollment: result.enrollment });
      });
    },
    [api, onSignedIn, run],
  );

  const continueWithSso = useCallback(
    async (email: string) => {
      if (!email.trim()) return setError({ field: 'sso_email', message: 'Enter your email address.' });
      await run('sso_email', async () => {
        const { token } = await api.signInWithSso(email.trim(), Date.now());
        onSignedIn(token);
      });
    },
    [api, onSignedIn, run],
  );

  const verify = useCallback(
    async (code: string) => {
      if (step.name !== 'mfa') return false;
      if (!code.trim()) {
        setError({ field: 'code', message: step.mode === 'code' ? 'Enter the 6-digit code from your authenticator app.' : 'Enter one of your recovery codes.' });
        return false;
      }
      return run('code', async () => {
        const { token } = await api.verifyLoginCode(step.challengeId, code, Date.now());
        onSignedIn(token);
      });
    },
    [api, onSignedIn, run, step],
  );

  const completeEnrollment = useCallback(
    async (code: string) => {
      if (step.name !== 'enroll') return false;
      if (!code.trim()) {
        setError({ field: 'code', message: 'Enter the 6-digit code from your authenticator app.' });
        return false;
      }
      return run('code', async () => {
        const now = Date.now();
        const { token, recoveryCodes } = await api.completeLoginEnrollment(step.challengeId, code, now);
        setStep({ name: 'recovery_codes', email: step.email, token, codes: recoveryCodes, generatedAt: now });
      });
    },
    [api, run, step],
  );

  const finish = useCallback(() => {
    if (step.name === 'recovery_codes') onSignedIn(step.token);
  }, [onSignedIn, step]);

  const resetDemoData = useCallback(async () => {
    await run('form', async () => {
      await api.resetDemoData(Date.now());
      setStep({ name: 'password' });
      setNotice('The demo data has been restored. Everyone is signed out and nobody has MFA on.');
      await loadDemo();
    });
  }, [api, loadDemo, run]);

  return {
    step,
    busy,
    error,
    demo,
    notice,
    signIn,
    startSso: () => {
      setError(null);
      setNotice(null);
      setStep({ name: 'sso' });
    },
    continueWithSso,
    verify,
    setMode: (mode) => {
      setError(null);
      setStep((current) => (current.name === 'mfa' ? { ...current, mode } : current));
    },
    completeEnrollment,
    finish,
    backToPassword: () => {
      setError(null);
      setStep({ name: 'password' });
    },
    resetDemoData,
    clearError: () => setError(null),
  };
}
