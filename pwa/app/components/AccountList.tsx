/**
 * The list of accounts. It stays smooth with a thousand (issue 7, item 4):
 * - It appears as soon as the first screenful of cards has its codes; the
 *   other cards are added in idle time, a few at a time (so opening the app
 *   doesn't wait for a thousand cards to be built), and then all of them stay
 *   in the page, for find-in-page, screen readers and the keyboard.
 * - Cards come in groups of {@link CARDS_PER_GROUP}, and a group off screen
 *   skips style, layout and paint (`content-visibility: auto` in app.css),
 *   while its cards stay in the accessibility tree and find-in-page. One such
 *   box per group rather than per card: the browser checks every one of them
 *   against the viewport in every frame, and walks them all when it paints,
 *   which with a thousand boxes cost several milliseconds a frame.
 * - Each card listens to the clock for its own period only, so a boundary
 *   re-renders just the cards whose code changed (and nothing else re-renders
 *   them: groups and rows skip renders whose props are unchanged); only the
 *   cards in the viewport re-render in the boundary's frame, the others in
 *   idle time.
 */
import { Component } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { VaultAccount } from '../../../shared/vault/account';
import { firstScreenful } from '../model/accounts';
import type { Clock } from '../model/clock';
import { createCodeBook, prepareCodes, spellCode, useAccountCode, type AccountCode, type CodeBook } from '../model/codes';
import { whenIdle } from '../model/idle-queue';
import { createRenderingSkip, type RenderingSkip } from '../model/rendering-skip';
import { accountDisplayName, CodeCard, type CardCommand } from './CodeCard';

/**
 * drag-reorder.ts loads with import(), not with the first code (issue 7): it
 * is fetched in idle time once the list can be reordered, or by the first
 * pointerdown on a grip if that comes sooner.
 */
type StartDrag = typeof import('./drag-reorder').startDrag;
let dragLoading: Promise<StartDrag> | undefined;
let startDragLoaded: StartDrag | undefined;
function loadDrag(): Promise<StartDrag> {
  return (dragLoading ??= import('./drag-reorder').then(
    (m) => (startDragLoaded = m.startDrag),
    (e: unknown) => {
      // Let the next grip press fetch again (the network may be back).
      dragLoading = undefined;
      throw e;
    },
  ));
}

/** Starts a drag from a grip's `pointerdown`, loading drag-reorder.ts first if it has not arrived yet. */
function startDrag(event: PointerEvent, onDrop: (from: number, to: number) => void): void {
  if (startDragLoaded) return startDragLoaded(event, onDrop);
  if (event.pointerType === 'mouse' && event.button !== 0) return;
  // Keep the page from scrolling or selecting while the module arrives, as the drag itself would.
  event.preventDefault();
  // The event's currentTarget is gone once the handler returns: keep what the drag reads.
  const { pointerType, button, pointerId, clientY } = event;
  const grip = event.currentTarget as HTMLElement;
  let released = false;
  const release = (e: PointerEvent) => {
    if (e.pointerId === pointerId) released = true;
  };
  window.addEventListener('pointerup', release, true);
  window.addEventListener('pointercancel', release, true);
  void loadDrag()
    .then((start) => {
      if (released || !grip.isConnected) return;
      start({ pointerType, button, pointerId, clientY, currentTarget: grip, preventDefault() {} } as unknown as PointerEvent, onDrop);
    })
    .catch(() => undefined)
    .finally(() => {
      window.removeEventListener('pointerup', release, true);
      window.removeEventListener('pointercancel', release, true);
    });
}

/** How many cards share one `content-visibility: auto` box. */
const CARDS_PER_GROUP = 20;

/** Props of {@link AccountList}. Callbacks should keep their identity across renders, or every row re-renders. */
export interface AccountListProps {
  /** The accounts to show, in order. */
  accounts: readonly VaultAccount[];
  /** The clock the codes follow. */
  clock: Clock;
  /** The account whose code was just copied (shows "Copied"), or null. */
  copiedId: string | null;
  /** The user asked to copy `code`. */
  onCopy(account: VaultAccount, code: string): void;
  /** HOTP: the user asked for the next code. */
  onNextCode(account: VaultAccount): void;
  /** The user asked to hear the code; `text` is what to announce. */
  onReadCode(account: VaultAccount, text: string): void;
  /** The user opened the account's options. */
  onOptions(account: VaultAccount): void;
  /** A keyboard shortcut on a card. */
  onCommand(account: VaultAccount, command: CardCommand): void;
  /** "Hide codes": each code shows as •••••• until tapped (issue 12). */
  hideCodes: boolean;
  /** Whether cards have a grip to drag them (manual order, no search narrowing the list). */
  reorderable: boolean;
  /** The user dragged `account` to `index` in the list. */
  onDrop(account: VaultAccount, index: number): void;
  /**
   * What chose the accounts and their order (the sort, the group shown). When
   * it changes, nearly every card changes place, and a card cannot move to
   * another group box without being built again: so the cards are rebuilt a
   * screenful first and the rest in idle time, as when the app opens, rather
   * than a thousand in one task. A move (drag, keyboard) keeps it.
   */
  arrangement: string;
}

/** The accounts as a list of code cards. */
export function AccountList({ accounts, onDrop, reorderable, arrangement, ...rest }: AccountListProps) {
  const [book] = useState(createCodeBook);
  const mounted = useMountedCount(accounts, book, rest.clock, arrangement);
  const groups: VaultAccount[][] = [];
  for (let start = 0; start < mounted; start += CARDS_PER_GROUP) groups.push(accounts.slice(start, Math.min(mounted, start + CARDS_PER_GROUP)));
  // Read through a ref, so the grip's handler keeps its identity (rows skip renders) while the list changes.
  const latest = useRef({ accounts, onDrop });
  latest.current = { accounts, onDrop };
  const [onGripPointerDown] = useState(() => (event: PointerEvent) =>
    startDrag(event, (from, to) => latest.current.onDrop(latest.current.accounts[from], to)),
  );
  useEffect(() => {
    if (!reorderable || startDragLoaded) return;
    const timer = setTimeout(() => void loadDrag().catch(() => undefined), 1_000);
    return () => clearTimeout(timer);
  }, [reorderable]);
  // A list of list items through plain groups: the browser and axe look through elements without a role.
  return (
    <div class="account-list" role="list" aria-label="Accounts">
      {groups.map((group, i) => (
        <AccountGroup key={i} accounts={group} book={book} onGripPointerDown={reorderable ? onGripPointerDown : undefined} {...rest} />
      ))}
    </div>
  );
}

type GroupProps = Omit<AccountListProps, 'accounts' | 'onDrop' | 'reorderable' | 'arrangement'> & {
  accounts: VaultAccount[];
  book: CodeBook;
  /** The grip's handler, or undefined when cards cannot be dragged. */
  onGripPointerDown: ((event: PointerEvent) => void) | undefined;
};

/** A group of cards, re-rendered only when one of its accounts or another prop changes. */
class AccountGroup extends Component<GroupProps> {
  /** Whether the browser skips the group (off screen), for its cards. */
  private readonly rendering = createRenderingSkip();

  override shouldComponentUpdate(next: GroupProps): boolean {
    const keys = Object.keys(next) as Array<keyof GroupProps>;
    return keys.some((key) =>
      key === 'accounts' ? !sameItems(next.accounts, this.props.accounts) : next[key] !== this.props[key],
    );
  }

  override render({ accounts, copiedId, ...rest }: GroupProps) {
    return (
      <div class="account-group" ref={this.rendering.observe}>
        {accounts.map((account) => (
          <AccountRow key={account.id} account={account} rendering={this.rendering} {...rest} copied={copiedId === account.id} copiedId={null} />
        ))}
      </div>
    );
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

/**
 * How many of `accounts` (from the top) have cards: a screenful once its
 * codes are computed, then the rest one by one in idle time, each once its
 * code is computed. Once every account has its card, a few more (added,
 * restored by Undo, imported) get theirs at once, their codes showing when
 * computed: waiting for them would take the last cards out of the page
 * meanwhile, and focus with them. A list that shrinks (a search) keeps cards
 * for what it shows only, so clearing the search adds the rest in idle time
 * rather than a thousand cards in one task. A new `arrangement` starts again
 * from a screenful (see {@link AccountListProps.arrangement}).
 */
function useMountedCount(accounts: readonly VaultAccount[], book: CodeBook, clock: Clock, arrangement: string): number {
  const [mounted, setMounted] = useState(0);
  const total = accounts.length;
  const screenful = Math.min(total, firstScreenful());
  const allHadCards = useRef(false);
  const lastArrangement = useRef(arrangement);
  const rearranged = lastArrangement.current !== arrangement;
  lastArrangement.current = arrangement;
  if (rearranged) allHadCards.current = false;
  const shown = allHadCards.current && total - mounted <= screenful ? total : Math.min(rearranged ? screenful : mounted, total);
  allHadCards.current = total > 0 && shown === total;
  // The effect runs again when the list changes length or the first screenful is in, not for each card added.
  const stage = shown >= total ? 'all' : shown < screenful ? 'first' : 'rest';

  useLayoutEffect(() => {
    if (mounted !== shown) setMounted(shown);
    if (stage === 'all') return undefined;
    let active = true;
    const add = (from: number, to: number) =>
      prepareCodes(book, accounts.slice(from, to), clock.now()).then(() => active && setMounted((n) => Math.max(n, to)));
    if (stage === 'first') void add(shown, screenful);
    else if (total - shown <= screenful) void add(shown, total);
    else {
      // A card per task, its code included: the idle queue fits as many in each idle period as it has room for.
      for (let i = shown; i < total; i++) whenIdle('card-mount', () => active && void add(i, i + 1));
    }
    return () => {
      active = false;
    };
  }, [book, clock, total, stage, arrangement]);
  return shown;
}

type RowProps = Omit<GroupProps, 'accounts'> & {
  account: VaultAccount;
  book: CodeBook;
  /** Whether the browser skips the card's group (off screen). */
  rendering: RenderingSkip;
  copied: boolean;
};

/** Re-renders only when its own props change (a shallow `memo`, without pulling in preact/compat). */
class AccountRow extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    const keys = Object.keys(next) as Array<keyof RowProps>;
    return keys.some((key) => next[key] !== this.props[key]);
  }

  override render() {
    return <LiveCard {...this.props} />;
  }
}

function LiveCard({ account, clock, book, rendering, copied, hideCodes, onCopy, onNextCode, onReadCode, onOptions, onCommand, onGripPointerDown }: RowProps) {
  const item = useRef<HTMLDivElement>(null);
  const code = useAccountCode(account, clock, book, rendering, item);
  const current = code.kind === 'totp' || code.kind === 'hotp' ? code.code : '';
  // Which code was revealed (its step, or its HOTP counter): the next one is hidden again, with no timer.
  const [revealed, setRevealed] = useState<string | null>(null);
  const shown = revealKey(code);
  return (
    <CodeCard
      id={account.id}
      itemRef={item}
      issuer={account.issuer}
      label={account.label}
      icon={account.icon}
      code={code}
      now={clock.now()}
      copied={copied}
      hidden={hideCodes && (shown === null || shown !== revealed)}
      onReveal={() => setRevealed(shown)}
      onGripPointerDown={onGripPointerDown}
      onCopy={() => current && onCopy(account, current)}
      onNextCode={() => onNextCode(account)}
      onReadCode={() => {
        const name = accountDisplayName(account.issuer, account.label);
        let text = `${name}: ${spellCode(current)}.`;
        if (code.kind === 'totp') {
          const left = Math.ceil((code.stepStart + code.period * 1000 - clock.now()) / 1000);
          text += ` ${left} ${left === 1 ? 'second' : 'seconds'} left.`;
        }
        onReadCode(account, text);
      }}
      onOptions={() => onOptions(account)}
      onCommand={(command) => onCommand(account, command)}
    />
  );
}

/** What identifies the code on show: a TOTP step or an HOTP counter (null while there is none). */
function revealKey(code: AccountCode): string | null {
  if (code.kind === 'totp') return `totp:${code.step}:${code.period}`;
  if (code.kind === 'hotp') return `hotp:${code.counter}`;
  return null;
}
