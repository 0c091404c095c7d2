/**
 * A modal dialog over the native `<dialog>`: the browser traps focus, closes it
 * on Escape and puts it in the top layer. On a phone it rises from the bottom
 * as a sheet; on a wide screen it sits in the middle. Focus returns to the
 * control that opened it when it closes.
 */
import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import { Icon } from './Icon';

/** Props of {@link Dialog}. */
export interface DialogProps {
  /** The dialog's heading, which also names it (an account's name inside it in a `<bdi>`). */
  title: ComponentChildren;
  /** What the dialog is about, read after the title; optional. */
  description?: ComponentChildren;
  /** The content. */
  children: ComponentChildren;
  /** Called when the user dismisses it (Escape, the close button, a tap outside). */
  onClose(): void;
  /** `sheet` (default) rises from the bottom on a phone; `alert` is a compact centred question. */
  variant?: 'sheet' | 'alert';
  /** The element to focus first (otherwise the first focusable one). */
  initialFocus?: { current: HTMLElement | null };
  /** Whether to show the close (×) button in the header (default true for sheets). */
  closeButton?: boolean;
}

/** A modal dialog; render it only while it is open. */
export function Dialog({ title, description, children, onClose, variant = 'sheet', initialFocus, closeButton = variant === 'sheet' }: DialogProps) {
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  // Opened during the commit, so it is modal before anything else can take focus.
  useLayoutEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const dialog = ref.current!;
    dialog.showModal();
    initialFocus?.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // The opener may have been re-rendered away (a deleted card): then focus stays where the app puts it.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      class={`dialog dialog--${variant}`}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-description` : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onCloseRef.current();
      }}
      onClick={(event) => {
        // A tap on the backdrop (the dialog element itself, outside its content) dismisses it.
        if (event.target === ref.current) onCloseRef.current();
      }}
    >
      <div class="dialog__content">
        <div class="dialog__header">
          <h2 id={`${id}-title`} class="dialog__title">
            {title}
          </h2>
          {closeButton && (
            <button type="button" class="icon-button" aria-label="Close" onClick={() => onCloseRef.current()}>
              <Icon name="close" />
            </button>
          )}
        </div>
        {description && (
          <div id={`${id}-description`} class="dialog__description">
            {description}
          </div>
        )}
        {children}
      </div>
    </dialog>
  );
}
