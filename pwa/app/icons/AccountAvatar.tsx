/**
 * What a card shows beside the account's name (issue 12): the user's own
 * image, an icon of the bundled set (chosen, or matched from the issuer), or
 * the letter avatar. Decorative for screen readers (`aria-hidden`): the
 * card's name is read already. The set loads after the first codes; until
 * then, and whenever nothing matches, the letter shows.
 */
import { Component } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { AccountIcon } from '../../../shared/vault/account-icon';
import { useDrawnIcon, type SetIcon } from './icon-set';

/** Props of {@link AccountAvatar}. */
export interface AccountAvatarProps {
  /** The name the letter is taken from (the issuer, else the account name). */
  title: string;
  /** The issuer, matched against the set when `icon` is null. */
  issuer: string;
  /** The chosen icon; null = automatic. */
  icon: AccountIcon | null;
}

/** A stable pastel colour per name, so accounts are recognisable at a glance. */
function avatarHue(name: string): number {
  // FNV-1a, then spread by the golden angle so similar names still get distinct hues.
  let hash = 0x811c9dc5;
  for (const char of name.toLowerCase()) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
  return Math.round(((hash >>> 0) * 137.508) % 360);
}

/**
 * The account's avatar. It re-renders only when its own props change, not with
 * its card at every new code (a thousand cards at a period boundary).
 */
export class AccountAvatar extends Component<AccountAvatarProps> {
  override shouldComponentUpdate(next: AccountAvatarProps): boolean {
    return next.title !== this.props.title || next.issuer !== this.props.issuer || next.icon !== this.props.icon;
  }

  override render() {
    return <Avatar {...this.props} />;
  }
}

function Avatar({ title, issuer, icon }: AccountAvatarProps) {
  const drawn = useDrawnIcon(
    (set) => (icon === null ? set.match(issuer) : icon.kind === 'set' ? (set.index.bySlug.get(icon.slug) ?? null) : null),
    [icon, issuer],
  );

  if (icon?.kind === 'image') return <ImageAvatar mime={icon.mime} data={icon.data} />;
  if (drawn) return <IconTile icon={drawn.icon} path={drawn.path} class="card__avatar" />;
  const initial = (title.match(/[\p{L}\p{N}]/u)?.[0] ?? '?').toUpperCase();
  return (
    <span class="card__avatar" style={{ '--hue': String(avatarHue(title)) }} aria-hidden="true">
      {initial}
    </span>
  );
}

/** Props of {@link IconTile}. */
export interface IconTileProps {
  /** The icon. */
  icon: SetIcon;
  /** Its SVG path. */
  path: string;
  /** Extra class (size and placement). */
  class?: string;
}

/** An icon of the set drawn on its tile; decorative. */
export function IconTile({ icon, path, class: className }: IconTileProps) {
  // One element and its path (a thousand cards): the tile is the SVG's own background.
  return (
    <svg class={`icon-tile ${className ?? ''}`} style={icon.tileStyle} viewBox="-6 -6 36 36" fill="currentColor" focusable="false" aria-hidden="true">
      <path d={path} />
    </svg>
  );
}

/** The user's own image, shown from a blob: URL (the CSP allows no data: images). */
function ImageAvatar({ mime, data }: { mime: string; data: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const bytes = Uint8Array.from(atob(data), (char) => char.charCodeAt(0));
    const objectUrl = URL.createObjectURL(new Blob([bytes], { type: mime }));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [mime, data]);
  return (
    <span class="card__avatar card__avatar--image" aria-hidden="true">
      {url && <img src={url} alt="" width={40} height={40} />}
    </span>
  );
}
