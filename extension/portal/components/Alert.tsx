/**
 * A message box: errors are announced at once (role="alert"), notices
 * politely (role="status").
 */
import type { ComponentChildren } from 'preact';

/** Props of {@link Alert}. */
export interface AlertProps {
  /** `error` is announced assertively; `info` and `success` politely. */
  tone: 'error' | 'info' | 'success' | 'warning';
  /** The message. */
  children: ComponentChildren;
  /** Optional bold first line. */
  title?: string;
}

/** A coloured message box with the right live-region role for its tone. */
export function Alert({ tone, title, children }: AlertProps) {
  return (
    <div class={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <p class="alert__title">{title}</p>}
      <div class="alert__body">{children}</div>
    </div>
  );
}
