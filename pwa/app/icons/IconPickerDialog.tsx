/**
 * "Change icon" (issue 12): pick an icon of the bundled set (a searchable
 * grid), an image of one's own, or go back to automatic or the letter.
 * Loaded with import() when first opened. Every choice is saved at once;
 * a failure is shown in the dialog and nothing is changed.
 */
import { useId, useMemo, useRef, useState } from 'preact/hooks';
import type { AccountIcon } from '../../../shared/vault/account-icon';
import { searchIcons } from '../../../shared/vault/icon-match';
import { Dialog } from '../components/Dialog';
import { errorMessage } from '../model/errors';
import { IconTile } from './AccountAvatar';
import { useIconPath, useIconSet, type SetIcon } from './icon-set';
import { resizeIconImage } from './resize-image';

/** Most icons shown at once; the search narrows the rest. */
const SHOWN = 48;

/** Props of {@link IconPickerDialog}. */
export interface IconPickerDialogProps {
  /** The account's display name, for the heading. */
  name: string;
  /** The issuer: the automatic match and the first search. */
  issuer: string;
  /** The icon chosen now (null: automatic). */
  icon: AccountIcon | null;
  /** Saves a choice; rejects with an error whose message is shown. */
  onSave(icon: AccountIcon | null): Promise<void>;
  /** Closes without a change. */
  onClose(): void;
}

/** The "Change icon" dialog. */
export function IconPickerDialog({ name, issuer, icon, onSave, onClose }: IconPickerDialogProps) {
  const id = useId();
  const set = useIconSet();
  const search = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState(issuer);
  const [error, setError] = useState<{ message: string; field: 'file' | 'other' } | null>(null);
  const [busy, setBusy] = useState(false);

  const matched = useMemo(() => (set ? set.match(issuer) : null), [set, issuer]);
  const results = useMemo(() => (set ? searchIcons(set.index, query, SHOWN) : { icons: [], total: 0 }), [set, query]);

  async function save(choice: AccountIcon | null) {
    setBusy(true);
    setError(null);
    try {
      await onSave(choice);
    } catch (e) {
      setError({ message: errorMessage(e), field: 'other' });
      setBusy(false);
    }
  }

  async function chooseFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const image = await resizeIconImage(file);
      await onSave({ kind: 'image', ...image });
    } catch (e) {
      setError({ message: errorMessage(e), field: 'file' });
      setBusy(false);
    }
  }

  const current = icon?.kind ?? 'auto';
  return (
    <Dialog title={<>Icon for <bdi>{name}</bdi></>} onClose={onClose} initialFocus={search}>
      <div class="icon-picker">
        <div class="icon-picker__choices" role="group" aria-label="Kind of icon">
          <button type="button" class="btn btn--tonal" aria-pressed={current === 'auto'} disabled={busy} onClick={() => save(null)}>
            Automatic{matched ? ` (${matched.title})` : ''}
          </button>
          <button type="button" class="btn btn--tonal" aria-pressed={current === 'letter'} disabled={busy} onClick={() => save({ kind: 'letter' })}>
            Letter
          </button>
          <label class="btn btn--tonal icon-picker__file">
            Your own image…
            <input
              type="file"
              accept="image/*"
              class="sr-only"
              disabled={busy}
              aria-invalid={error?.field === 'file' ? 'true' : undefined}
              aria-describedby={`${id}-error`}
              onChange={(event) => chooseFile(event.currentTarget)}
            />
          </label>
        </div>
        <p id={`${id}-error`} class="form__error" role="alert">
          {error?.message}
        </p>

        <div class="field">
          <label for={`${id}-search`}>Search icons</label>
          <input
            ref={search}
            id={`${id}-search`}
            type="search"
            value={query}
            autocomplete="off"
            spellcheck={false}
            placeholder="e.g. GitHub"
            aria-describedby={`${id}-count`}
            onInput={(event) => setQuery(event.currentTarget.value)}
          />
        </div>
        <p id={`${id}-count`} class="hint" aria-live="polite">
          {!set
            ? 'Loading icons…'
            : query.trim() === ''
              ? `Type a name to search ${set.index.entries.length.toLocaleString('en-US')} icons.`
              : results.total === 0
                ? 'No icon found. Try another name, or use your own image.'
                : results.total > SHOWN
                  ? `${results.total} icons found; showing the first ${SHOWN}. Type more to narrow them.`
                  : `${results.total} ${results.total === 1 ? 'icon' : 'icons'} found.`}
        </p>
        {set && results.icons.length > 0 && (
          <IconGrid icons={results.icons} selected={icon?.kind === 'set' ? icon.slug : null} disabled={busy} onPick={(slug) => save({ kind: 'set', slug })} />
        )}
      </div>
    </Dialog>
  );
}

/** Props of {@link IconGrid}. */
interface IconGridProps {
  icons: readonly SetIcon[];
  selected: string | null;
  disabled: boolean;
  onPick(slug: string): void;
}

/** The results as a grid of buttons, each named by its brand; arrow keys move between them. */
function IconGrid({ icons, selected, disabled, onPick }: IconGridProps) {
  const list = useRef<HTMLUListElement>(null);
  function onKeyDown(event: KeyboardEvent) {
    const buttons = [...list.current!.querySelectorAll<HTMLButtonElement>('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const columns = Math.max(1, buttons.filter((button) => button.offsetTop === buttons[0]!.offsetTop).length);
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: columns, ArrowUp: -columns, Home: -at, End: buttons.length - 1 - at }[event.key];
    if (step === undefined) return;
    event.preventDefault();
    buttons[Math.min(buttons.length - 1, Math.max(0, at + step))]!.focus();
  }
  return (
    <ul ref={list} class="icon-grid" aria-label="Icons" onKeyDown={onKeyDown}>
      {icons.map((icon) => (
        <li key={icon.slug}>
          <IconChoice icon={icon} selected={icon.slug === selected} disabled={disabled} onPick={onPick} />
        </li>
      ))}
    </ul>
  );
}

function IconChoice({ icon, selected, disabled, onPick }: { icon: SetIcon; selected: boolean; disabled: boolean; onPick(slug: string): void }) {
  const path = useIconPath(icon);
  return (
    <button type="button" class="icon-grid__item" aria-pressed={selected} disabled={disabled} onClick={() => onPick(icon.slug)}>
      {path ? <IconTile icon={icon} path={path} class="icon-grid__tile" /> : <span class="icon-grid__tile" aria-hidden="true" />}
      <span class="icon-grid__name">{icon.title}</span>
    </button>
  );
}
