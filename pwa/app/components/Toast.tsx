/**
 * A short message at the bottom of the screen ("Deleted GitHub — Undo"), with
 * at most one action. Messages go into live regions that are always in the
 * page (a region added together with its text is often not announced):
 * information politely, errors as alerts.
 */
import { Icon } from './Icon';

/** What a toast says. */
export interface ToastMessage {
  /** Distinguishes consecutive toasts with the same text. */
  id: number;
  /** The text. */
  text: string;
  /** `error` is announced assertively and stays until dismissed. */
  tone: 'info' | 'error';
  /** An action, e.g. Undo. */
  action?: { label: string; run(): void };
}

/** Props of {@link Toast}. */
export interface ToastProps {
  /** The toast to show, or null. */
  message: ToastMessage | null;
  /** Dismisses it. */
  onDismiss(): void;
}

/** The toast area. */
export function Toast({ message, onDismiss }: ToastProps) {
  const info = message?.tone === 'info' ? message : null;
  const error = message?.tone === 'error' ? message : null;
  return (
    <div class="toasts">
      <div role="status" class="toast-region">
        {info && (
          <div class="toast" key={info.id}>
            <span class="toast__text">{info.text}</span>
            {info.action && (
              <button type="button" class="btn btn--text toast__action" onClick={info.action.run}>
                {info.action.label}
              </button>
            )}
          </div>
        )}
      </div>
      <div role="alert" class="toast-region">
        {error && (
          <div class="toast toast--error" key={error.id}>
            <span class="toast__text">{error.text}</span>
            {error.action && (
              <button type="button" class="btn btn--text toast__action" onClick={error.action.run}>
                {error.action.label}
              </button>
            )}
            <button type="button" class="icon-button toast__close" aria-label="Dismiss" onClick={onDismiss}>
              <Icon name="close" size="1.25rem" />
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
