/**
 * What the add flow has to tell the user, wherever the account came from:
 * "Adding…", the duplicate question, the confirmation with Undo, or a
 * storage failure. Renders nothing while the flow waits for input.
 */
import { Fragment } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { OtpAccount } from '../../../shared/otp/types';
import { describeAccount } from './add-input';
import type { AddFlow } from './use-add-flow';

/** Accounts' names, comma-separated, each in a <bdi> so a right-to-left name cannot reorder the sentence. */
function names(accounts: ReadonlyArray<Pick<OtpAccount, 'issuer' | 'label'>>) {
  return accounts.map((account, index) => (
    <Fragment key={index}>
      {index > 0 && ', '}
      <bdi>{describeAccount(account)}</bdi>
    </Fragment>
  ));
}

/** Props of {@link AddFlowNotice}. */
export interface AddFlowNoticeProps {
  /** The screen's add flow. */
  flow: AddFlow;
  /** The button that starts over after a confirmation: "Scan another", "Add another". */
  anotherLabel: string;
  /** Starts over (clears the input) after a confirmation. */
  onAnother(): void;
  /** Closes the add screen. */
  onDone(): void;
}

/** The add flow's progress, question or confirmation, with its buttons. */
export function AddFlowNotice({ flow, anotherLabel, onAnother, onDone }: AddFlowNoticeProps) {
  const { state } = flow;
  const focusRef = useRef<HTMLParagraphElement>(null);
  // A question or result needs the user: take keyboard and screen reader focus to it.
  useEffect(() => {
    if (state.step === 'duplicate' || state.step === 'added' || state.step === 'failed') focusRef.current?.focus();
  }, [state.step]);

  // The polite messages go into one live region that is always there, so a screen
  // reader announces them (a region inserted with its text is often missed);
  // the duplicate question and failures are alerts.
  return (
    <>
      <div role="status" class="add-flow-status">
        {renderPolite()}
      </div>
      {renderAlert()}
    </>
  );

  function renderPolite() {
    switch (state.step) {
      case 'saving':
        return (
          <div class="add-notice">
            <p class="add-notice__title">
              <span class="spinner" aria-hidden="true" /> Adding {names([state.account])}…
            </p>
          </div>
        );
      case 'added':
        return (
          <div class="add-notice add-notice--success">
            <p class="add-notice__title" ref={focusRef} tabIndex={-1}>
              <span aria-hidden="true">✓ </span>Added {names(state.added)}
            </p>
            <div class="add-notice__actions">
              <button type="button" class="button" onClick={() => void flow.undo()}>
                Undo
              </button>
              <button type="button" class="button" onClick={onAnother}>
                {anotherLabel}
              </button>
              <button type="button" class="button button--primary" onClick={onDone}>
                Done
              </button>
            </div>
          </div>
        );
      case 'undone':
        return (
          <div class="add-notice">
            <p class="add-notice__title">Removed {names(state.removed)}. Nothing was added.</p>
          </div>
        );
      case 'skipped':
        return (
          <div class="add-notice">
            <p class="add-notice__title">Skipped {names([state.account])}. Nothing was added.</p>
          </div>
        );
      default:
        return null;
    }
  }

  function renderAlert() {
    switch (state.step) {
      case 'duplicate':
        return (
          <div class="add-notice add-notice--warning" role="alert">
            <p class="add-notice__title" ref={focusRef} tabIndex={-1}>
              {names([state.stored])} is already in your list.
            </p>
            <p>
              {describeAccount(state.account) === describeAccount(state.stored) ? (
                'Adding it again gives a second entry with the same codes.'
              ) : (
                <>{names([state.account])} has the same secret key, so both would show the same codes.</>
              )}
            </p>
            <div class="add-notice__actions">
              <button type="button" class="button" onClick={() => void flow.keepBoth()}>
                Keep both
              </button>
              <button type="button" class="button button--primary" onClick={flow.skip}>
                Skip
              </button>
            </div>
          </div>
        );
      case 'failed':
        return (
          <div class="add-notice add-notice--error" role="alert">
            <p class="add-notice__title" ref={focusRef} tabIndex={-1}>
              {state.error.message}
            </p>
            <div class="add-notice__actions">
              <button type="button" class="button button--primary" onClick={flow.reset}>
                OK
              </button>
            </div>
          </div>
        );
      default:
        return null;
    }
  }
}
