/**
 * One account in the list: issuer, account name, the current code in large
 * grouped digits, a countdown ring, and the next code in the last 5 seconds.
 * A tap anywhere on the card (or Enter on it) copies the code.
 *
 * For screen readers the code is spelt digit by digit ("1 2 3 4 5 6") and is
 * not a live region, so a new code every 30 seconds is never announced; the
 * "Read code" action (and copying) announce it when the user asks.
 *
 * With "Hide codes" on (issue 12), the code shows as •••••• until tapped, as
 * in Aegis ("tap to reveal"): the first tap shows it, and the next code's
 * preview, for the rest of its period; a second tap copies. While hidden, a
 * screen reader hears "Code hidden" and never the digits.
 *
 * With a grip (`onGripPointerDown`), the card can be dragged to another place;
 * ↑ and ↓ on the grip move it one place, like Alt+↑/↓ on the card.
 */
import type { Ref } from 'preact';
import type { AccountIcon } from '../../../shared/vault/account-icon';
import { AccountAvatar } from '../icons/AccountAvatar';
import type { AccountCode } from '../model/codes';
import { groupCode, spellCode } from '../model/codes';
import { CountdownRing } from './CountdownRing';
import { Icon } from './Icon';

/** Keyboard commands on a focused card. */
export type CardCommand = 'move-up' | 'move-down' | 'delete' | 'edit';

/** Props of {@link CodeCard}. */
export interface CodeCardProps {
  /** The account's id, used for element ids. */
  id: string;
  /** Receives the card's element (the list checks whether it is on screen). */
  itemRef?: Ref<HTMLDivElement>;
  /** The service ("GitHub"); may be empty. */
  issuer: string;
  /** The account at the service ("alice@example.com"); may be empty. */
  label: string;
  /** The chosen icon; null = automatic (matched from the issuer, else the letter). */
  icon: AccountIcon | null;
  /** What to show: the code(s), or why there is none. */
  code: AccountCode;
  /** The current time, for where the countdown ring starts (read once per ring). */
  now: number;
  /** Show the "Copied" feedback. */
  copied: boolean;
  /** Hide the code (and the next one) behind ••••••: "Hide codes" is on and this code was not revealed. */
  hidden?: boolean;
  /** Reveals the hidden code for the rest of its period. */
  onReveal?(): void;
  /** Starts dragging the card from its grip; without it the card has no grip (sorted, or a search narrows the list). */
  onGripPointerDown?(event: PointerEvent): void;
  /** Copies the current code. */
  onCopy(): void;
  /** HOTP: moves on to the next code. */
  onNextCode(): void;
  /** Announces the current code to a screen reader. */
  onReadCode(): void;
  /** Opens the account's options (edit, move, delete). */
  onOptions(): void;
  /** A keyboard shortcut on the focused card (Alt+↑/↓ move, Delete, F2 edit). */
  onCommand(command: CardCommand): void;
}

/** "GitHub (alice@example.com)", or whichever of the two exists. */
export function accountDisplayName(issuer: string, label: string): string {
  if (issuer && label) return `${issuer} (${label})`;
  return issuer || label || 'Unnamed account';
}

/** One account's card. */
export function CodeCard(props: CodeCardProps) {
  const { id, itemRef, issuer, label, icon, code, now, copied, hidden = false, onCopy, onNextCode, onReadCode, onOptions, onCommand, onGripPointerDown } = props;
  const name = accountDisplayName(issuer, label);
  const title = issuer || label || 'Unnamed account';
  const subtitle = issuer ? label : '';
  const soon = code.kind === 'totp' && code.next !== null;
  const onKeyDown = (event: KeyboardEvent, grip = false) => {
    const command = keyCommand(event, grip);
    if (command) {
      event.preventDefault();
      onCommand(command);
    }
  };

  return (
    <div ref={itemRef} role="listitem" class={`card${copied ? ' card--copied' : ''}${soon ? ' card--soon' : ''}`} aria-label={name}>
      {code.kind !== 'error' && (
        <button
          type="button"
          id={`copy-${id}`}
          class="card__copy"
          onClick={hidden ? props.onReveal : onCopy}
          onKeyDown={(event) => onKeyDown(event)}
        >
          <span class="sr-only">{hidden ? `Code hidden for ${name}, activate to reveal` : `Copy code for ${name}`}</span>
        </button>
      )}

      <AccountAvatar title={title} issuer={issuer} icon={icon} />
      {onGripPointerDown && (
        <button
          type="button"
          class="icon-button card__grip"
          aria-label={`Reorder ${name}`}
          aria-keyshortcuts="ArrowUp ArrowDown"
          title="Drag to reorder (or press ↑ / ↓)"
          onPointerDown={onGripPointerDown}
          onKeyDown={(event) => onKeyDown(event, true)}
        >
          <Icon name="drag" />
        </button>
      )}
      <div class="card__names">
        {/* dir="auto" isolates each name (HTML's [dir] { unicode-bidi: isolate }): a right-to-left
            name keeps its own direction and cannot reorder the text around it (issue 11). */}
        <span class="card__issuer" dir="auto">
          {title}
        </span>
        {subtitle && (
          <span class="card__label" dir="auto">
            {subtitle}
          </span>
        )}
      </div>

      <div class="card__code-row">
        {code.kind === 'error' ? (
          <p class="card__error">{code.message}</p>
        ) : code.kind === 'pending' ? (
          // For the few milliseconds a new account's first code takes.
          <span class="card__code card__code--pending">
            <span aria-hidden="true">––– –––</span>
            <span class="sr-only">Code not ready yet</span>
          </span>
        ) : hidden ? (
          <span class="card__code card__code--hidden">
            <span aria-hidden="true">••••••</span>
            <span class="card__reveal-hint" aria-hidden="true">
              Tap to reveal
            </span>
            <span class="sr-only">Code hidden</span>
          </span>
        ) : (
          <>
            <span class="card__code" aria-hidden="true">
              {groupCode(code.code)}
            </span>
            <span class="sr-only">Code {spellCode(code.code)}</span>
          </>
        )}
        {code.kind === 'totp' && code.next !== null && !hidden && (
          <span class="card__next">
            <span class="card__next-label">Next</span>
            <span class="card__next-code" aria-hidden="true">
              {groupCode(code.next)}
            </span>
            <span class="sr-only">code {spellCode(code.next)}</span>
          </span>
        )}
        {copied && (
          <span class="card__copied" aria-hidden="true">
            <Icon name="check" size="1.1rem" /> Copied
          </span>
        )}
        {(code.kind === 'totp' || code.kind === 'hotp') && !hidden && (
          <button type="button" class="card__read sr-only-focusable" onClick={onReadCode}>
            <Icon name="speaker" size="1.1rem" /> Read code
          </button>
        )}
        {code.kind === 'hotp' && (
          <button type="button" class="btn btn--tonal card__next-button" onClick={onNextCode}>
            <Icon name="refresh" size="1.1rem" /> Next code
          </button>
        )}
      </div>

      <div class="card__side">
        {code.kind === 'totp' && (
          <CountdownRing period={code.period} now={now} soon={soon} />
        )}
        <button type="button" class="icon-button card__options" aria-label={`Options for ${name}`} onClick={onOptions}>
          <Icon name="more" />
        </button>
      </div>
    </div>
  );
}

/** The command a key asks for on the card, or on its grip (where plain ↑/↓ move it). */
function keyCommand(event: KeyboardEvent, grip: boolean): CardCommand | null {
  if ((event.altKey || grip) && event.key === 'ArrowUp') return 'move-up';
  if ((event.altKey || grip) && event.key === 'ArrowDown') return 'move-down';
  if (event.key === 'Delete') return 'delete';
  if (event.key === 'F2') return 'edit';
  return null;
}
