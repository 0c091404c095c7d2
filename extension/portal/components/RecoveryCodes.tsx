/**
 * The recovery codes, shown once right after MFA is turned on (or after the
 * set is regenerated): a list to copy or download as a .txt file, and an
 * acknowledgement that they are saved before moving on. Copied codes are
 * cleared from the clipboard after 30 seconds (issue 11).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { portalClipboard } from '../model/clipboard';

/** Props of {@link RecoveryCodes}. */
export interface RecoveryCodesProps {
  /** The codes, exactly as the user must type them. */
  codes: string[];
  /** Whose codes: named in the downloaded file. */
  email: string;
  /** When the codes were made (ms): dated in the downloaded file. */
  generatedAt: number;
  /** The user has saved the codes: move on. */
  onDone(): void;
  /** The heading's level, to fit the page around it (default 2). */
  headingLevel?: 2 | 3;
}

/** The name of the downloaded file. */
export const RECOVERY_CODES_FILENAME = 'acme-msp-recovery-codes.txt';

/** Returns the text of the downloaded file: who, when, how to use them, then one code a line. */
export function formatRecoveryCodesFile(codes: string[], email: string, generatedAt: number): string {
  return [
    'Acme MSP portal: recovery codes',
    `Account: ${email}`,
    `Generated: ${new Date(generatedAt).toISOString()}`,
    '',
    'Each code signs you in once instead of an authentication code.',
    'Keep them somewhere safe, such as a password manager.',
    '',
    ...codes,
    '',
  ].join('\n');
}

/** Shows the recovery codes once, with Copy and Download, and waits for the user to confirm they saved them. */
export function RecoveryCodes({ codes, email, generatedAt, onDone, headingLevel = 2 }: RecoveryCodesProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [feedback, setFeedback] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // The panel replaces what the user was looking at: bring them to it.
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => () => clearTimeout(timer.current), []);

  function say(message: string) {
    clearTimeout(timer.current);
    setFeedback(message);
    timer.current = setTimeout(() => setFeedback(''), 4000);
  }

  async function copy() {
    try {
      await portalClipboard.copy(codes.join('\n'));
      say('Recovery codes copied to the clipboard. Paste them into your password manager: they are cleared from the clipboard in 30 seconds.');
    } catch {
      say('Could not copy: select the codes and copy them yourself, or download them.');
    }
  }

  function download() {
    const blob = new Blob([formatRecoveryCodesFile(codes, email, generatedAt)], { type: 'text/plain' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = RECOVERY_CODES_FILENAME;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    say(`Saved as ${RECOVERY_CODES_FILENAME}.`);
  }

  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  return (
    <section class="recovery-codes" aria-labelledby="recovery-codes-heading">
      <Heading id="recovery-codes-heading" class="recovery-codes__heading" tabIndex={-1} ref={heading}>
        Save your recovery codes
      </Heading>
      <p>
        If you lose your phone, each of these codes signs you in <strong>once</strong> instead of an authentication code.
        They are shown only now: keep them somewhere safe, such as a password manager.
      </p>
      <ul class="recovery-codes__list" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code translate={false}>{code}</code>
          </li>
        ))}
      </ul>
      <div class="button-row">
        <button type="button" class="button button--secondary" onClick={copy}>
          <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <rect x="5" y="5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" stroke-width="1.5" />
            <path d="M11 3.5V3a1 1 0 0 0-1-1H3a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h.5" fill="none" stroke="currentColor" stroke-width="1.5" />
          </svg>
          Copy codes
        </button>
        <button type="button" class="button button--secondary" onClick={download}>
          <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M8 2v8m0 0 3.5-3.5M8 10 4.5 6.5M2.5 13.5h11" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
          </svg>
          Download (.txt)
        </button>
      </div>
      <p class="recovery-codes__feedback" role="status">
        {feedback}
      </p>
      <div class="recovery-codes__done">
        <button type="button" class="button button--primary" onClick={onDone}>
          I have saved these codes
        </button>
      </div>
    </section>
  );
}
