/**
 * A submit button that shows progress: while `busy` it is disabled and says
 * `busyLabel` ("Signing in…"), so a slow password hash is not mistaken for
 * a click that did nothing.
 */
import type { ComponentChildren } from 'preact';

/** Props of {@link BusyButton}. */
export interface BusyButtonProps {
  /** Whether the action is running. */
  busy: boolean;
  /** What the button says while busy. */
  busyLabel: string;
  /** The label when not busy. */
  children: ComponentChildren;
  /** `primary` (default), `secondary` or `danger`. */
  tone?: 'primary' | 'secondary' | 'danger';
  /** `submit` (default) or `button`. */
  type?: 'submit' | 'button';
  /** For `type="button"`: what a press does. */
  onClick?: () => void;
  /** Disabled for another reason than being busy. */
  disabled?: boolean;
  /** Stretch to the full width of the form. */
  block?: boolean;
}

/** A button that turns into a disabled "working…" button while its action runs. */
export function BusyButton({ busy, busyLabel, children, tone = 'primary', type = 'submit', onClick, disabled, block }: BusyButtonProps) {
  return (
    <button
      type={type}
      class={`button button--${tone}${block ? ' button--block' : ''}`}
      disabled={busy || disabled}
      aria-disabled={busy || disabled ? 'true' : undefined}
      onClick={onClick}
    >
      {busy && <span class="spinner" aria-hidden="true" />}
      {busy ? busyLabel : children}
    </button>
  );
}
