/** Filtering the list by issuer or account name. */
import { Icon } from './Icon';

/** Props of {@link SearchBox}. */
export interface SearchBoxProps {
  /** The text typed so far. */
  value: string;
  /** The text changed. */
  onChange(value: string): void;
}

/** A search field with a clear button. Escape clears it too. */
export function SearchBox({ value, onChange }: SearchBoxProps) {
  return (
    <div class="search" role="search">
      <Icon name="search" class="search__icon" />
      <input
        type="search"
        class="search__input"
        aria-label="Search accounts"
        placeholder="Search"
        value={value}
        autocomplete="off"
        autocapitalize="off"
        spellcheck={false}
        enterkeyhint="search"
        onInput={(event) => onChange(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && value) {
            event.preventDefault();
            onChange('');
          }
        }}
      />
      {value && (
        <button type="button" class="icon-button search__clear" aria-label="Clear search" onClick={() => onChange('')}>
          <Icon name="close" size="1.25rem" />
        </button>
      )}
    </div>
  );
}
