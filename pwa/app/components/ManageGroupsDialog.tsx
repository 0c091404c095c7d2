/**
 * "Manage groups" (issue 12): add a group, rename, move up or down, delete
 * (after a confirmation that says the accounts stay). Each change is stored
 * at once; an error is shown in the dialog (role="alert") and the field at
 * fault is marked. Loaded lazily.
 */
import { useId, useMemo, useRef, useState } from 'preact/hooks';
import type { GroupId, VaultAccount } from '../../../shared/vault/account';
import type { VaultGroup } from '../../../shared/vault/groups';
import { errorMessage } from '../model/errors';
import { Dialog } from './Dialog';
import { Icon } from './Icon';

/** Props of {@link ManageGroupsDialog}. */
export interface ManageGroupsDialogProps {
  /** The groups, in bar order. */
  groups: readonly VaultGroup[];
  /** The accounts, to say how many each group holds. */
  accounts: readonly Pick<VaultAccount, 'groups'>[];
  /** Makes a group; rejects with an error whose message is shown. */
  onCreate(name: string): Promise<unknown>;
  /** Renames a group. */
  onRename(id: GroupId, name: string): Promise<unknown>;
  /** Deletes a group (its accounts stay). */
  onDelete(id: GroupId): Promise<unknown>;
  /** Moves a group one place up (-1) or down (1). */
  onMove(id: GroupId, delta: -1 | 1): Promise<unknown>;
  /** Says something to screen readers (a move, a deletion). */
  onAnnounce(text: string): void;
  /** Closes the dialog. */
  onClose(): void;
}

/** How many accounts each group holds. */
function groupCounts(accounts: readonly Pick<VaultAccount, 'groups'>[]): Map<GroupId, number> {
  const counts = new Map<GroupId, number>();
  for (const account of accounts) for (const id of account.groups) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

type Editing = { kind: 'rename'; id: GroupId; name: string } | { kind: 'delete'; id: GroupId } | null;

/** The "Manage groups" dialog. */
export function ManageGroupsDialog({ groups, accounts, onCreate, onRename, onDelete, onMove, onAnnounce, onClose }: ManageGroupsDialogProps) {
  const id = useId();
  const first = useRef<HTMLInputElement>(null);
  const counts = useMemo(() => groupCounts(accounts), [accounts]);
  const [name, setName] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [error, setError] = useState<{ message: string; field: 'new' | 'rename' | null } | null>(null);

  async function run(work: () => Promise<unknown>, field: 'new' | 'rename' | null): Promise<boolean> {
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      setError({ message: errorMessage(e), field });
      return false;
    }
  }

  async function create(event: Event) {
    event.preventDefault();
    if (await run(() => onCreate(name), 'new')) {
      onAnnounce(`Added the group ${name.trim()}.`);
      setName('');
    }
  }

  const invalid = (field: 'new' | 'rename') => (error?.field === field ? 'true' : undefined);
  return (
    <Dialog title="Manage groups" onClose={onClose} initialFocus={first}>
      <form class="form" onSubmit={create} noValidate>
        <div class="field">
          <label for={`${id}-new`}>New group</label>
          <input
            ref={first}
            id={`${id}-new`}
            type="text"
            value={name}
            autocomplete="off"
            dir="auto"
            placeholder="e.g. Work"
            onInput={(event) => setName(event.currentTarget.value)}
            aria-invalid={invalid('new')}
            aria-describedby={invalid('new') ? `${id}-error` : undefined}
          />
        </div>
        <button type="submit" class="btn btn--filled">
          <Icon name="add" /> Add group
        </button>
      </form>
      <p id={`${id}-error`} class="form__error" role="alert">
        {error?.message}
      </p>
      {groups.length === 0 ? (
        <p class="hint">No groups yet. Put accounts in a group from their Edit dialog, then show one group at a time from the bar above the list.</p>
      ) : (
        <ul class="groups-list" aria-label="Groups">
          {groups.map((group, index) => (
            <li key={group.id} class="groups-list__row">
              {editing?.kind === 'rename' && editing.id === group.id ? (
                <form
                  class="form groups-list__name"
                  noValidate
                  onSubmit={async (event) => {
                    event.preventDefault();
                    if (await run(() => onRename(group.id, editing.name), 'rename')) setEditing(null);
                  }}
                >
                  <label for={`${id}-rename`} class="sr-only">
                    New name for {group.name}
                  </label>
                  <input
                    id={`${id}-rename`}
                    type="text"
                    value={editing.name}
                    dir="auto"
                    autoFocus
                    onInput={(event) => setEditing({ ...editing, name: event.currentTarget.value })}
                    aria-invalid={invalid('rename')}
                    aria-describedby={invalid('rename') ? `${id}-error` : undefined}
                  />
                  <button type="submit" class="btn btn--tonal btn--small">
                    Save name
                  </button>
                  <button type="button" class="btn btn--text btn--small" onClick={() => setEditing(null)}>
                    Cancel
                  </button>
                </form>
              ) : editing?.kind === 'delete' && editing.id === group.id ? (
                <div class="groups-list__name" role="group" aria-label={`Delete ${group.name}?`}>
                  <p>
                    Delete <bdi>{group.name}</bdi>? {(counts.get(group.id) ?? 0) === 1 ? 'Its account stays' : `Its ${counts.get(group.id) ?? 0} accounts stay`} in
                    your list.
                  </p>
                  <button
                    type="button"
                    class="btn btn--danger btn--small"
                    autoFocus
                    onClick={async () => {
                      if (await run(() => onDelete(group.id), null)) {
                        onAnnounce(`Deleted the group ${group.name}.`);
                        setEditing(null);
                        first.current?.focus();
                      }
                    }}
                  >
                    Delete group
                  </button>
                  <button type="button" class="btn btn--text btn--small" onClick={() => setEditing(null)}>
                    Keep it
                  </button>
                </div>
              ) : (
                <>
                  <span class="groups-list__name">
                    <bdi>{group.name}</bdi> <span class="hint">({counts.get(group.id) ?? 0})</span>
                  </span>
                  <button type="button" class="icon-button" aria-label={`Rename ${group.name}`} onClick={() => setEditing({ kind: 'rename', id: group.id, name: group.name })}>
                    <Icon name="edit" />
                  </button>
                  <button
                    type="button"
                    class="icon-button"
                    aria-label={`Move ${group.name} up`}
                    aria-disabled={index === 0 ? 'true' : undefined}
                    onClick={async () => {
                      if (index > 0 && (await run(() => onMove(group.id, -1), null))) onAnnounce(`${group.name} moved to position ${index} of ${groups.length}.`);
                    }}
                  >
                    <Icon name="up" />
                  </button>
                  <button
                    type="button"
                    class="icon-button"
                    aria-label={`Move ${group.name} down`}
                    aria-disabled={index === groups.length - 1 ? 'true' : undefined}
                    onClick={async () => {
                      if (index < groups.length - 1 && (await run(() => onMove(group.id, 1), null)))
                        onAnnounce(`${group.name} moved to position ${index + 2} of ${groups.length}.`);
                    }}
                  >
                    <Icon name="down" />
                  </button>
                  <button type="button" class="icon-button" aria-label={`Delete ${group.name}`} onClick={() => setEditing({ kind: 'delete', id: group.id })}>
                    <Icon name="delete" />
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
