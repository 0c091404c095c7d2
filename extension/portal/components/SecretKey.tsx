/**
 * The secret key shown beneath a QR code, for people who type it into their
 * authenticator instead of scanning: grouped in fours, monospace, with a Copy
 * button that says "Copied" when it worked. The copy is cleared from the
 * clipboard after 30 seconds (issue 11), as the authenticator does with codes.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { portalClipboard } from '../model/clipboard';

/** Props of {@link SecretKey}. */
export interface SecretKeyProps {
  /** Base32 secret without spaces or padding. */
  secret: string;
  /** The visible heading of the key (default "Secret key"); also the group's accessible name. */
  label?: string;
}

/** Returns the secret in groups of four characters, the way people type it: "ABCD EFGH ...". */
export function groupSecret(secret: string): string {
  return secret.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** How long the "Copied" confirmation stays visible (ms). */
const COPIED_FEEDBACK_MS = 2500;

/** Shows a secret key grouped in fours with a copy button. */
export function SecretKey({ secret, label = 'Secret key' }: SecretKeyProps) {
  const labelId = useId();
  const [copyState, setCopyState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);
  // A new secret makes the old "Copied" untrue.
  useEffect(() => setCopyState('idle'), [secret]);

  async function copy() {
    clearTimeout(timer.current);
    try {
      // Copied without spaces: every authenticator accepts that.
      await portalClipboard.copy(secret);
      setCopyState('copied');
    } catch {
      setCopyState('failed');
    }
    timer.current = setTimeout(() => setCopyState('idle'), COPIED_FEEDBACK_MS);
  }

  return (
    <div class="secret-key" role="group" aria-labelledby={labelId}>
      <span class="secret-key__label" id={labelId}>
        {label}
      </span>
      <div class="secret-key__row">
        <code class="secret-key__value" translate={false} spellcheck={false}>
          {groupSecret(secret)}
        </code>
        <button type="button" class="button button--secondary button--small" onClick={copy} aria-label={`Copy ${label.toLowerCase()}`}>
          {copyState === 'copied' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <span class="visually-hidden" role="status">
        {copyState === 'copied' ? `${label} copied to the clipboard; it is cleared from there in 30 seconds.` : copyState === 'failed' ? 'Could not copy: select the key and copy it yourself.' : ''}
      </span>
    </div>
  );
}
