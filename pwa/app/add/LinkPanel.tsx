/**
 * "Paste a link": an `otpauth://` link, as some services show next to their
 * QR code, or another authenticator exports. Checked by the core's parser,
 * whose message names the part at fault.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { isAppError, type AppError } from '../../../shared/errors';
import { AddFlowNotice } from './AddFlowNotice';
import { describeAccount, readLinkText } from './add-input';
import { MigrationNotice } from './MigrationNotice';
import type { MigrationScan } from './use-migration-scan';
import type { AddFlow } from './use-add-flow';

/** A link given to the panel from elsewhere: pasted outside the field, or the link the app was opened with. */
export interface PastedLink {
  /** The link. */
  text: string;
  /** Tells two of them apart, so the same link can come twice. */
  id: number;
  /**
   * The app was opened with this link (a `web+otpauth:` link clicked
   * elsewhere): it is checked at once, and the panel says which account the
   * person is about to add, or what is wrong with the link.
   */
  fromLaunch?: boolean;
}

/** Props of {@link LinkPanel}. */
export interface LinkPanelProps {
  /** The screen's add flow; a valid link becomes an account through it. */
  flow: AddFlow;
  /** The screen's Google Authenticator transfer import; `otpauth-migration://` links go there. */
  migration: MigrationScan;
  /** A link pasted elsewhere on the screen, or the app was opened with, to fill in. */
  pasted: PastedLink | null;
  /** Closes the add screen. */
  onDone(): void;
}

/** The link path of the add screen. */
export function LinkPanel({ flow, migration, pasted, onDone }: LinkPanelProps) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  // "Add GitHub (alice@example.com)?": the account a link the app was opened with holds, until the field is edited.
  const [launchedAccount, setLaunchedAccount] = useState<string | null>(null);
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!pasted) return;
    setValue(pasted.text);
    setError(null);
    setLaunchedAccount(null);
    if (!pasted.fromLaunch) {
      fieldRef.current?.focus();
      return;
    }
    // Checked now, not on "Add account": the person did not type this link, so they see what it holds first.
    try {
      const link = readLinkText(pasted.text);
      setLaunchedAccount(link.kind === 'account' ? describeAccount(link.account) : 'the accounts of a Google Authenticator export');
      submitRef.current?.focus();
    } catch (caught) {
      if (!isAppError(caught)) throw caught;
      setError(caught);
      fieldRef.current?.focus();
    }
  }, [pasted?.id]);

  const submit = (event: Event) => {
    event.preventDefault();
    try {
      const link = readLinkText(value);
      setError(null);
      setLaunchedAccount(null);
      if (link.kind === 'account') {
        void flow.add(link.account);
        return;
      }
      migration.read(link.uri);
      setValue('');
    } catch (caught) {
      if (!isAppError(caught)) throw caught;
      setError(caught);
      fieldRef.current?.focus();
    }
  };

  const startOver = () => {
    flow.reset();
    setValue('');
    fieldRef.current?.focus();
  };

  return (
    <form class="add-panel__body add-form" onSubmit={submit} noValidate>
      {launchedAccount && (
        <p class="add-notice add-notice--info" role="status">
          A link opened the app with <strong dir="auto">{launchedAccount}</strong>. Check the link, then choose Add account.
        </p>
      )}
      <div class="field">
        <label for="add-link">otpauth:// link</label>
        <textarea
          id="add-link"
          ref={fieldRef}
          class="field__input field__input--mono"
          rows={4}
          value={value}
          spellcheck={false}
          autocapitalize="off"
          autocomplete="off"
          placeholder="otpauth://totp/Example:alice@example.com?secret=…"
          aria-invalid={error !== null}
          aria-describedby={error ? 'add-link-hint add-link-error' : 'add-link-hint'}
          onInput={(event) => {
            setValue(event.currentTarget.value);
            setError(null);
            setLaunchedAccount(null);
          }}
        />
        <p id="add-link-hint" class="field__hint">
          Some services show this link under the QR code (“Can’t scan it?”). It starts with otpauth://, with
          steam:// for a Steam Guard key from Bitwarden, or with otpauth-migration:// for a Google Authenticator export.
        </p>
        {error && (
          <p id="add-link-error" class="field__error" role="alert">
            {error.message}
          </p>
        )}
      </div>
      <button ref={submitRef} type="submit" class="button button--primary button--block" disabled={flow.busy || migration.busy}>
        Add account
      </button>
      <AddFlowNotice flow={flow} anotherLabel="Add another" onAnother={startOver} onDone={onDone} />
      <MigrationNotice migration={migration} nextHint="Paste the link of the next code." onDone={onDone} />
    </form>
  );
}
