/**
 * "Paste a link": an `otpauth://` link, as some services show next to their
 * QR code, or another authenticator exports. Checked by the core's parser,
 * whose message names the part at fault.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { isAppError, type AppError } from '../../../shared/errors';
import { AddFlowNotice } from './AddFlowNotice';
import { readLinkText } from './add-input';
import { MigrationNotice } from './MigrationNotice';
import type { MigrationScan } from './use-migration-scan';
import type { AddFlow } from './use-add-flow';

/** Props of {@link LinkPanel}. */
export interface LinkPanelProps {
  /** The screen's add flow; a valid link becomes an account through it. */
  flow: AddFlow;
  /** The screen's Google Authenticator transfer import; `otpauth-migration://` links go there. */
  migration: MigrationScan;
  /** A link pasted elsewhere on the screen, to fill in (with an id so the same link can come twice). */
  pasted: { text: string; id: number } | null;
  /** Closes the add screen. */
  onDone(): void;
}

/** The link path of the add screen. */
export function LinkPanel({ flow, migration, pasted, onDone }: LinkPanelProps) {
  const [value, setValue] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const fieldRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!pasted) return;
    setValue(pasted.text);
    setError(null);
    fieldRef.current?.focus();
  }, [pasted?.id]);

  const submit = (event: Event) => {
    event.preventDefault();
    try {
      const link = readLinkText(value);
      setError(null);
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
      <button type="submit" class="button button--primary button--block" disabled={flow.busy || migration.busy}>
        Add account
      </button>
      <AddFlowNotice flow={flow} anotherLabel="Add another" onAnother={startOver} onDone={onDone} />
      <MigrationNotice migration={migration} nextHint="Paste the link of the next code." onDone={onDone} />
    </form>
  );
}
