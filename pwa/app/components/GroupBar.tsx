/**
 * The group bar above the list (issue 12): All, Favourites and each group, as
 * one row of chips that scrolls sideways. They are native radio buttons, so
 * a keyboard moves between them with the arrow keys (one Tab stop) and a
 * screen reader says "Show, radio group, Work, 3 of 5, selected"; a thumb
 * taps a chip of at least 44 px. "Manage groups" opens the dialog.
 */
import { useId } from 'preact/hooks';
import type { AccountView } from '../../../shared/vault/account-view';
import type { VaultGroup } from '../../../shared/vault/groups';
import { Icon } from './Icon';

/** Props of {@link GroupBar}. */
export interface GroupBarProps {
  /** The groups, in bar order. */
  groups: readonly VaultGroup[];
  /** The view shown. */
  view: AccountView;
  /** Shows another view. */
  onChange(view: AccountView): void;
  /** Opens "Manage groups". */
  onManage(): void;
}

/** A stable key for a view (the radio's value). */
function keyOf(view: AccountView): string {
  return view.kind === 'group' ? `group:${view.id}` : view.kind;
}

/** The group bar. */
export function GroupBar({ groups, view, onChange, onManage }: GroupBarProps) {
  const name = useId();
  const views: { view: AccountView; label: string }[] = [
    { view: { kind: 'all' }, label: 'All' },
    { view: { kind: 'favourites' }, label: 'Favourites' },
    ...groups.map((group) => ({ view: { kind: 'group', id: group.id } as AccountView, label: group.name })),
  ];
  const selected = keyOf(view);
  return (
    <div class="group-bar">
      <fieldset class="group-bar__chips">
        <legend class="sr-only">Show</legend>
        {views.map((entry) => (
          <label key={keyOf(entry.view)} class="chip">
            <input
              type="radio"
              class="chip__input"
              name={name}
              value={keyOf(entry.view)}
              checked={keyOf(entry.view) === selected}
              onChange={() => onChange(entry.view)}
            />
            <bdi class="chip__label">{entry.label}</bdi>
          </label>
        ))}
      </fieldset>
      <button type="button" class="icon-button" aria-label="Manage groups" onClick={onManage}>
        <Icon name="edit" />
      </button>
    </div>
  );
}
