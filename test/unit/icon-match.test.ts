import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { buildIconIndex, matchIcon, normalizeIconName, searchIcons, type IconEntry } from '../../shared/vault/icon-match';

interface SimpleIconData {
  title: string;
  slug: string;
  hex: string;
  aliases?: { aka?: string[]; old?: string[]; dup?: { title: string }[]; loc?: Record<string, string> };
}

/** The bundled set, read as pwa/icon-set-plugin.ts reads it. */
const SET: IconEntry[] = (createRequire(import.meta.url)('simple-icons/icons.json') as SimpleIconData[]).map((icon) => ({
  slug: icon.slug,
  title: icon.title,
  hex: icon.hex,
  aliases: [...(icon.aliases?.aka ?? []), ...(icon.aliases?.old ?? []), ...(icon.aliases?.dup ?? []).map((dup) => dup.title), ...Object.values(icon.aliases?.loc ?? {})],
}));
const index = buildIconIndex(SET);

describe('normalizeIconName', () => {
  it.each([
    ['GitHub', 'github'],
    [' Git Hub! ', 'github'],
    ['Überbank', 'uberbank'],
    ['Proton-Mail', 'protonmail'],
    ['', ''],
  ])('reduces %j to %j', (name, key) => {
    expect(normalizeIconName(name)).toBe(key);
  });
});

describe('matchIcon', () => {
  it.each([
    ['GitHub', 'github'],
    ['github', 'github'],
    ['GITHUB', 'github'],
    ['Git Hub', 'github'],
    ['github.com', 'github'],
    ['https://github.com/login', 'github'],
    ['www.github.com', 'github'],
    ['Google', 'google'],
    ['google.com', 'google'],
    ['accounts.google.com', 'google'],
    ['Proton Mail', 'protonmail'],
    ['mail.proton.me', 'proton'],
    ['GitLab', 'gitlab'],
    ['.NET', 'dotnet'],
    ['Discord', 'discord'],
    ['GitHub Enterprise', 'github'],
    ['Bitwarden', 'bitwarden'],
    ['Chromecast', 'googlecast'],
  ])('matches %j to %s', (issuer, slug) => {
    expect(matchIcon(index, issuer)?.slug).toBe(slug);
  });

  // simple-icons no longer carries Amazon's or AWS's logos (removed at the brand's request),
  // so these fall back to the letter avatar rather than to a wrong icon.
  it.each(['AWS', 'Amazon Web Services', 'amazon.co.uk', 'Acme Reseller Portal', 'example.com', '', '   ', '!!!'])(
    'matches nothing for %j (the letter avatar)',
    (issuer) => {
      expect(matchIcon(index, issuer)).toBeNull();
    },
  );

  it('prefers an exact slug over another icon whose alias normalises the same', () => {
    const small = buildIconIndex([
      { slug: 'other', title: 'Other', hex: '000000', aliases: ['Acme'] },
      { slug: 'acme', title: 'Acme Corp', hex: '000000', aliases: [] },
    ]);
    expect(matchIcon(small, 'ACME')?.slug).toBe('acme');
  });
});

describe('searchIcons', () => {
  it('puts the exact name first, then names starting with the query, then the rest', () => {
    const { icons, total } = searchIcons(index, 'git hub', 5);
    expect(icons[0]?.slug).toBe('github');
    expect(icons.slice(1).every((icon) => normalizeIconName(icon.title).startsWith('github'))).toBe(true);
    expect(total).toBeGreaterThan(5);
  });

  it('finds an icon by an alias', () => {
    expect(searchIcons(index, 'chromecast', 10).icons.map((icon) => icon.slug)).toContain('googlecast');
  });

  it('returns at most `limit` icons but counts them all', () => {
    const { icons, total } = searchIcons(index, 'google', 12);
    expect(icons).toHaveLength(12);
    expect(total).toBeGreaterThan(50);
  });

  it.each(['', '  ', '—'])('returns nothing for the empty query %j', (query) => {
    expect(searchIcons(index, query, 10)).toStrictEqual({ icons: [], total: 0 });
  });
});
