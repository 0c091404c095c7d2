/**
 * The options of one account, as a sheet: edit, change icon, move up or down, delete.
 * Moving keeps the sheet open (and says where the account is now), so an
 * account can be moved several places in a row; at an end the button stays
 * focusable (aria-disabled) so focus is not lost.
 */
import { Dialog } from './Dialog';
import { Icon } from './Icon';

/** Props of {@link AccountOptions}. */
export interface AccountOptionsProps {
  /** The account's display name. */
  name: string;
  /** Its position in the whole list, from 0. */
  position: number;
  /** How many accounts there are. */
  count: number;
  /** Opens the edit dialog. */
  onEdit(): void;
  /** Whether it is a favourite. */
  favourite: boolean;
  /** Stars or unstars it. */
  onToggleFavourite(): void;
  /** Opens the icon picker. */
  onChangeIcon(): void;
  /** Moves it one place up (-1) or down (1). */
  onMove(delta: -1 | 1): void;
  /** Asks to delete it. */
  onDelete(): void;
  /** Why the last move failed, shown in the sheet (a toast would sit under the modal sheet, inert). */
  error?: string | null;
  /** Closes the sheet. */
  onClose(): void;
}

/** The account options sheet. */
export function AccountOptions({ name, position, count, onEdit, favourite, onToggleFavourite, onChangeIcon, onMove, onDelete, error, onClose }: AccountOptionsProps) {
  return (
    <Dialog title={<bdi>{name}</bdi>} onClose={onClose} description={<p>Position {position + 1} of {count}</p>}>
      <ul class="menu" role="list">
        <li>
          <button type="button" class="menu__item" onClick={onEdit}>
            <Icon name="edit" /> Edit
          </button>
        </li>
        <li>
          <button type="button" class="menu__item" aria-pressed={favourite ? 'true' : 'false'} onClick={onToggleFavourite}>
            <Icon name="check" /> Favourite
          </button>
        </li>
        <li>
          <button type="button" class="menu__item" onClick={onChangeIcon}>
            <Icon name="image" /> Change icon
          </button>
        </li>
        <li>
          <button type="button" class="menu__item" aria-disabled={position === 0 ? 'true' : undefined} onClick={() => position > 0 && onMove(-1)}>
            <Icon name="up" /> Move up
          </button>
        </li>
        <li>
          <button type="button" class="menu__item" aria-disabled={position >= count - 1 ? 'true' : undefined} onClick={() => position < count - 1 && onMove(1)}>
            <Icon name="down" /> Move down
          </button>
        </li>
        <li>
          <button type="button" class="menu__item menu__item--danger" onClick={onDelete}>
            <Icon name="delete" /> Delete
          </button>
        </li>
      </ul>
      <p class="form__error" role="alert">
        {error}
      </p>
      <p class="hint">Tip: on a keyboard, Alt+↑ and Alt+↓ move the focused account, F2 edits it, Delete deletes it.</p>
    </Dialog>
  );
}
