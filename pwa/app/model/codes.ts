/**
 * The codes a card shows, computed through the shared OTP core. A card's code
 * is computed once per step (TOTP) or per counter (HOTP) and memoized; the
 * secret is decoded once per account, not once per code.
 */
import { useMemo } from 'preact/hooks';
import { AppError } from '../../../shared/errors';
import { createHotpGenerator, type HotpGenerator } from '../../../shared/otp';
import type { VaultAccount } from '../../../shared/vault/account';
import { errorMessage } from './errors';
import { useClockPhase, type Clock } from './clock';

/** What a card shows for its account at the current time. */
export type AccountCode =
  | {
      kind: 'totp';
      /** The current code. */
      code: string;
      /** The code of the next step, once fewer than 5 seconds remain; otherwise null. */
      next: string | null;
      /** The current step, which keys the countdown animation. */
      step: number;
      /** When the current step started, in milliseconds since the epoch. */
      stepStart: number;
      /** The step length in seconds. */
      period: number;
    }
  | {
      kind: 'hotp';
      /** The code for the stored counter. */
      code: string;
      /** The stored counter the code is for. */
      counter: number;
    }
  | {
      kind: 'error';
      /** Why no code can be computed (a stored secret the core rejects); the card shows it instead of hiding the account. */
      message: string;
    };

/**
 * The current code of an account, re-rendering the caller only on its period's
 * boundaries (and 5 seconds before them, for the next code); with `element`, not
 * while it is off screen (see {@link useClockPhase}).
 */
export function useAccountCode(account: VaultAccount, clock: Clock, element?: { readonly current: Element | null }): AccountCode {
  const { secret, algorithm, digits, type, period, counter } = account;
  const generator = useMemo((): HotpGenerator | { error: string } => {
    try {
      return createHotpGenerator({ secret, algorithm, digits });
    } catch (e) {
      return { error: errorMessage(e) };
    }
  }, [secret, algorithm, digits]);
  const validPeriod = Number.isInteger(period) && period > 0 ? period : undefined;
  const phase = useClockPhase(clock, type === 'totp' ? validPeriod : undefined, element);
  const step = phase?.step;
  const soon = phase?.soon ?? false;

  const current = useMemo(() => {
    if (typeof generator !== 'function') return null;
    return safely(() => generator(type === 'hotp' ? counter : (step ?? 0)));
  }, [generator, type, counter, step]);
  const next = useMemo(
    () => (typeof generator === 'function' && type === 'totp' && soon && step !== undefined ? safely(() => generator(step + 1)) : null),
    [generator, type, soon, step],
  );

  if (typeof generator !== 'function') return { kind: 'error', message: generator.error };
  if (type === 'totp' && !phase) return { kind: 'error', message: new AppError('period_invalid', { value: period }).message };
  if (!current || 'error' in current) return { kind: 'error', message: current?.error ?? '' };
  if (type === 'hotp') return { kind: 'hotp', code: current.code, counter };
  return {
    kind: 'totp',
    code: current.code,
    next: next && 'code' in next ? next.code : null,
    step: phase!.step,
    stepStart: phase!.stepStart,
    period: validPeriod!,
  };
}

function safely(compute: () => string): { code: string } | { error: string } {
  try {
    return { code: compute() };
  } catch (e) {
    return { error: errorMessage(e) };
  }
}

/**
 * Groups a code for reading at a glance: "123 456", "1234 5678", "123 456 789",
 * "12345 67890".
 */
export function groupCode(code: string): string {
  const n = code.length;
  if (n === 9) return `${code.slice(0, 3)} ${code.slice(3, 6)} ${code.slice(6)}`;
  if (n < 6) return code;
  const half = Math.floor(n / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

/** Spells a code digit by digit for a screen reader: "1 2 3 4 5 6" rather than "one hundred twenty-three thousand…". */
export function spellCode(code: string): string {
  return code.split('').join(' ');
}
