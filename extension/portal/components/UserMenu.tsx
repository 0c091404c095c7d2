/**
 * The signed-in user's email in the top-right corner: a menu button with
 * "Profile" and "Sign out", as the article describes. Keyboard: Enter, Space
 * or the arrow keys open it; arrows move; Escape closes it.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';

/** Props of {@link UserMenu}. */
export interface UserMenuProps {
  /** The signed-in user's email: the button's text and name. */
  email: string;
  /** Their display name, shown at the top of the menu. */
  name: string;
  /** "Owner" or "Admin", shown under the name. */
  roleLabel: string;
  /** Where "Profile" goes (a hash link). */
  profileHref: string;
  /** "Sign out" was chosen. */
  onSignOut(): void;
}

/** Returns the initials of a name (at most two letters) for the avatar. */
export function initialsOf(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase());
  return (letters.length > 1 ? letters[0]! + letters[letters.length - 1]! : letters[0] ?? '?').slice(0, 2);
}

/** The email button in the top bar and its menu. */
export function UserMenu({ email, name, roleLabel, profileHref, onSignOut }: UserMenuProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  // Which item to focus once the menu has rendered open.
  const focusOnOpen = useRef<'first' | 'last'>('first');

  const items = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);

  useEffect(() => {
    if (!open) return;
    const list = items();
    (focusOnOpen.current === 'last' ? list[list.length - 1] : list[0])?.focus();
    // A click anywhere else closes the menu.
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function openMenu(focus: 'first' | 'last') {
    focusOnOpen.current = focus;
    setOpen(true);
  }

  function close({ refocus }: { refocus: boolean }) {
    setOpen(false);
    if (refocus) button.current?.focus();
  }

  function onButtonKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      openMenu(event.key === 'ArrowUp' ? 'last' : 'first');
    }
  }

  function onMenuKeyDown(event: KeyboardEvent) {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      list[(to + list.length) % list.length]?.focus();
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(index + 1);
      case 'ArrowUp':
        return move(index - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(list.length - 1);
      case 'Escape':
        event.preventDefault();
        return close({ refocus: true });
      case 'Tab':
        return close({ refocus: false });
    }
  }

  return (
    <div class="user-menu" ref={root}>
      <button
        ref={button}
        type="button"
        class="user-menu__button"
        id={`${id}-button`}
        aria-haspopup="menu"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls={`${id}-menu`}
        onClick={() => (open ? close({ refocus: false }) : openMenu('first'))}
        onKeyDown={onButtonKeyDown}
      >
        <span class="avatar" aria-hidden="true">
          {initialsOf(name)}
        </span>
        <span class="user-menu__email">{email}</span>
        <svg class="icon user-menu__chevron" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="m4 6 4 4 4-4" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
      </button>
      <div class="user-menu__popover" hidden={!open}>
        <div class="user-menu__who">
          <span class="user-menu__name">{name}</span>
          <span class="user-menu__role">{roleLabel}</span>
        </div>
        <ul class="user-menu__list" role="menu" id={`${id}-menu`} aria-labelledby={`${id}-button`} ref={menu} onKeyDown={onMenuKeyDown}>
          <li role="none">
            <a role="menuitem" tabIndex={-1} href={profileHref} class="user-menu__item" onClick={() => close({ refocus: false })}>
              Profile
            </a>
          </li>
          <li role="none">
            <button
              role="menuitem"
              tabIndex={-1}
              type="button"
              class="user-menu__item"
              onClick={() => {
                close({ refocus: false });
                onSignOut();
              }}
            >
              Sign out
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
