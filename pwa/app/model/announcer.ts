/**
 * What the app says to screen readers outside the toasts: a code the user asked
 * to hear, where a moved account is now. One polite live region, always in the
 * page; it is updated only when the user asks for something, never by the clock.
 */
import { useCallback, useState } from 'preact/hooks';

/** The announcer: the message for the live region, and the function that sets it. */
export interface Announcer {
  /** The message, and a number that changes with every announcement (render it keyed by `id`). */
  message: { id: number; text: string };
  /** Says `text`, again even if it is the same as last time. */
  announce(text: string): void;
}

/** Keeps the live region's message. */
export function useAnnouncer(): Announcer {
  const [message, setMessage] = useState({ id: 0, text: '' });
  // A new keyed node is new content, so a screen reader repeats even an identical message.
  const announce = useCallback((text: string) => setMessage((previous) => ({ id: previous.id + 1, text })), []);
  return { message, announce };
}
