/** Asking before deleting an account: focus starts on Cancel, so a stray Enter deletes nothing. */
import { useRef, useState } from 'preact/hooks';
import { errorMessage } from '../model/errors';
import { Dialog } from './Dialog';

/** Props of {@link DeleteConfirm}. */
export interface DeleteConfirmProps {
  /** The account's display name, e.g. "GitHub (alice@example.com)". */
  name: string;
  /** The service, for the advice ("turn off two-factor at GitHub"); may be empty. */
  issuer: string;
  /** Deletes it; the parent closes the dialog. A rejection's message is shown. */
  onConfirm(): Promise<void>;
  /** Keeps it. */
  onCancel(): void;
}

/** "Delete GitHub (alice)?" */
export function DeleteConfirm({ name, issuer, onConfirm, onCancel }: DeleteConfirmProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog
      variant="alert"
      title={
        <>
          Delete <bdi>{name}</bdi>?
        </>
      }
      description={
        <p>
          Its codes will no longer appear here. Before you delete it, turn off two-step verification
          {issuer ? (
            <>
              {' at '}
              <bdi>{issuer}</bdi>
            </>
          ) : (
            ' at the service'
          )}{' '}
          or make sure you have another way to sign in.
        </p>
      }
      onClose={onCancel}
      initialFocus={cancel}
    >
      <p class="form__error" role="alert">
        {error}
      </p>
      <div class="dialog__actions">
        <button ref={cancel} type="button" class="btn btn--text" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="button"
          class="btn btn--danger"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await onConfirm();
            } catch (e) {
              setError(errorMessage(e));
              setBusy(false);
            }
          }}
        >
          Delete
        </button>
      </div>
    </Dialog>
  );
}
