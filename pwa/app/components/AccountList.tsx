/**
 * The list of accounts. It stays smooth with a thousand: each card listens to
 * the clock for its own period only, so a boundary re-renders just the cards
 * whose code changed (and nothing else re-renders them: rows skip renders whose
 * props are unchanged); cards off screen skip layout and paint
 * (`content-visibility: auto` in app.css) while staying in the page for
 * find-in-page and screen readers, and update in idle time rather than in the
 * boundary's frame.
 */
import { Component } from 'preact';
import { useRef } from 'preact/hooks';
import type { VaultAccount } from '../../../shared/vault/account';
import type { Clock } from '../model/clock';
import { spellCode, useAccountCode } from '../model/codes';
import { accountDisplayName, CodeCard, type CardCommand } from './CodeCard';

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
}

/** The accounts as a list of code cards. */
export function AccountList({ accounts, ...rest }: AccountListProps) {
  return (
    <ul class="account-list" aria-label="Accounts">
      {accounts.map((account) => (
        <AccountRow key={account.id} account={account} {...rest} copied={rest.copiedId === account.id} copiedId={null} />
      ))}
    </ul>
  );
}

type RowProps = Omit<AccountListProps, 'accounts'> & { account: VaultAccount; copied: boolean };

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

function LiveCard({ account, clock, copied, onCopy, onNextCode, onReadCode, onOptions, onCommand }: RowProps) {
  const item = useRef<HTMLLIElement>(null);
  const code = useAccountCode(account, clock, item);
  const current = code.kind === 'error' ? '' : code.code;
  return (
    <CodeCard
      id={account.id}
      itemRef={item}
      issuer={account.issuer}
      label={account.label}
      code={code}
      now={clock.now()}
      copied={copied}
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
