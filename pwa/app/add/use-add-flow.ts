/**
 * The add screen's model: what happens once the user's input has become an
 * account, whichever of the four ways it came from. It spots a duplicate
 * (same type and secret) before anything is stored and asks; it stores; it
 * undoes. Plain state and actions for the components (DESIGN.md data flow).
 */
import { useCallback, useRef, useState } from 'preact/hooks';
import { AppError, isAppError } from '../../../shared/errors';
import type { OtpAccount } from '../../../shared/otp';
import type { VaultAccount } from '../../../shared/vault/account';
import type { AddAccountScreenProps } from './AddAccountScreen';
import { findDuplicate } from './add-input';

/** Where adding one account stands. */
export type AddFlowState =
  /** Waiting for input. */
  | { step: 'idle' }
  /** Storing `account`. */
  | { step: 'saving'; account: OtpAccount }
  /** `account` has the secret of `stored`, already in the list: keep both or skip? */
  | { step: 'duplicate'; account: OtpAccount; stored: VaultAccount }
  /** `added` were stored; the user may undo. */
  | { step: 'added'; added: VaultAccount[] }
  /** The user undid adding `removed`; they are gone again. */
  | { step: 'undone'; removed: VaultAccount[] }
  /** The user skipped `account`, a duplicate; nothing was stored. */
  | { step: 'skipped'; account: OtpAccount }
  /** Storing or undoing failed with `error`; nothing stored was lost. */
  | { step: 'failed'; error: AppError; account?: OtpAccount };

/** The add flow's state and actions. */
export interface AddFlow {
  /** Where it stands. */
  state: AddFlowState;
  /** Whether the flow is waiting on the user or on storage (input should pause). */
  busy: boolean;
  /** Stores `account`, or asks first if its secret is already in the list. */
  add(account: OtpAccount): Promise<void>;
  /** Stores the duplicate being asked about as a second entry. */
  keepBoth(): Promise<void>;
  /** Drops the duplicate being asked about; nothing is stored. */
  skip(): void;
  /** Removes the accounts just added. */
  undo(): Promise<void>;
  /** Back to waiting for input (after a confirmation or an error). */
  reset(): void;
}

/** Turns anything thrown by the shell's callbacks into an AppError to show. */
function toAppError(error: unknown): AppError {
  return isAppError(error) ? error : new AppError('storage_write_failed', {}, { cause: error });
}

/**
 * Returns the add flow over the shell's storage callbacks.
 *
 * @param props The add screen's `existing`, `onAdd` and `onRemove`.
 */
export function useAddFlow({ existing, onAdd, onRemove }: Pick<AddAccountScreenProps, 'existing' | 'onAdd' | 'onRemove'>): AddFlow {
  const [state, setState] = useState<AddFlowState>({ step: 'idle' });
  // Read at call time: a list refreshed by the shell after an add must count for the next one.
  const latest = useRef({ existing, onAdd, onRemove, state });
  latest.current = { existing, onAdd, onRemove, state };

  const save = useCallback(async (account: OtpAccount, keepDuplicates: boolean) => {
    setState({ step: 'saving', account });
    try {
      const added = await latest.current.onAdd([account], keepDuplicates ? { keepDuplicates } : undefined);
      if (added.length > 0) {
        setState({ step: 'added', added });
        return;
      }
      // The store skips a duplicate it knows of and we did not (added in another tab meanwhile).
      const stored = findDuplicate(account, latest.current.existing);
      setState(stored && !keepDuplicates ? { step: 'duplicate', account, stored } : { step: 'skipped', account });
    } catch (error) {
      setState({ step: 'failed', error: toAppError(error), account });
    }
  }, []);

  const add = useCallback(
    async (account: OtpAccount) => {
      const stored = findDuplicate(account, latest.current.existing);
      if (stored) setState({ step: 'duplicate', account, stored });
      else await save(account, false);
    },
    [save],
  );

  const keepBoth = useCallback(async () => {
    const current = latest.current.state;
    if (current.step === 'duplicate') await save(current.account, true);
  }, [save]);

  const skip = useCallback(() => {
    const current = latest.current.state;
    if (current.step === 'duplicate') setState({ step: 'skipped', account: current.account });
  }, []);

  const undo = useCallback(async () => {
    const current = latest.current.state;
    if (current.step !== 'added') return;
    try {
      await latest.current.onRemove(current.added.map((account) => account.id));
      setState({ step: 'undone', removed: current.added });
    } catch (error) {
      setState({ step: 'failed', error: toAppError(error) });
    }
  }, []);

  const reset = useCallback(() => setState({ step: 'idle' }), []);

  const busy = state.step === 'saving' || state.step === 'duplicate' || state.step === 'added' || state.step === 'failed';
  return { state, busy, add, keepBoth, skip, undo, reset };
}
