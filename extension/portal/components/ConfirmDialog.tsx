/**
 * A modal yes/no question before a change that cannot be undone, e.g.
 * "Reset demo data?". Escape and Cancel close it; focus starts on Cancel and
 * returns to the opener when the dialog goes away.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { BusyButton } from './BusyButton';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  /** Whether the dialog is shown (default true: render it only while asking). */
  open?: boolean;
  /** The question, e.g. "Reset demo data?". */
  title: string;
  /** What happens if the user confirms (or pass it as children). */
  description?: string;
  /** Richer explanation than `description`. */
  children?: ComponentChildren;
  /** The confirm button's label, e.g. "Reset demo data". */
  confirmLabel: string;
  /** What the confirm button says while working, e.g. "Resetting…". */
  busyLabel: string;
  /** Whether the change is running; when omitted, the dialog tracks the promise `onConfirm` returns. */
  busy?: boolean;
  /** `danger` (default) for a destructive change. */
  tone?: 'primary' | 'danger';
  /** Runs the change; the parent closes the dialog when it is done. */
  onConfirm(): void | Promise<void>;
  /** The user cancelled (Cancel button or Escape). */
  onCancel(): void;
}

/** A modal confirmation dialog. */
export function ConfirmDialog({ open = true, ...props }: ConfirmDialogProps) {
  return open ? <OpenConfirmDialog {...props} /> : null;
}

/** The dialog while shown: opened modal on mount. */
function OpenConfirmDialog({ title, description, children, confirmLabel, busyLabel, busy: busyProp, tone = 'danger', onConfirm, onCancel }: Omit<ConfirmDialogProps, 'open'>) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const [running, setRunning] = useState(false);
  const busy = busyProp ?? running;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dialog.current?.showModal();
    // The safe choice has the focus, so a stray Enter changes nothing.
    cancel.current?.focus();
    return () => opener?.focus?.();
  }, []);

  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-description`}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <div class="dialog__form">
        <h2 id={`${id}-title`} class="dialog__title">
          {title}
        </h2>
        <div id={`${id}-description`} class="dialog__description">
          {description && <p>{description}</p>}
          {children}
        </div>
        <div class="dialog__actions">
          <button ref={cancel} type="button" class="button button--secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <BusyButton
            type="button"
            tone={tone}
            busy={busy}
            busyLabel={busyLabel}
            onClick={async () => {
              setRunning(true);
              try {
                await onConfirm();
              } finally {
                setRunning(false);
              }
            }}
          >
            {confirmLabel}
          </BusyButton>
        </div>
      </div>
    </dialog>
  );
}
