/**
 * Which icon of the bundled set (simple-icons) an account shows when the
 * user chose none (issue 12): matched by issuer, case, spaces, accents and
 * punctuation aside, and by domain when the issuer is one ("github.com",
 * "accounts.google.com"). Pure: the set itself is loaded by the app.
 */

/** One icon of the set, without its SVG path. */
export interface IconEntry {
  /** simple-icons' slug ("github"), unique. */
  slug: string;
  /** The brand's name as simple-icons writes it ("GitHub"). */
  title: string;
  /** The brand colour, six hex digits without "#". */
  hex: string;
  /** Other names the brand is known by (simple-icons' `aliases`: `aka`, `old`, `dup` titles, `loc`). */
  aliases: readonly string[];
}

/** The set, ready for {@link matchIcon}: every name's key mapped to its icon. */
export interface IconIndex<E extends IconEntry = IconEntry> {
  /** Every icon, in the set's order (by title). */
  entries: readonly E[];
  /** Slug → icon. */
  bySlug: ReadonlyMap<string, E>;
  /** Normalised name (slug, title, alias) → icon. */
  byName: ReadonlyMap<string, E>;
}

/**
 * A name reduced to what identifies it: accents stripped, lower case, letters
 * and digits only. Two spellings ("Git Hub", "github", "GitHub!") give one key.
 */
export function normalizeIconName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** The key as simple-icons builds slugs: "+" is "plus", "." is "dot", "&" is "and" (".NET" → "dotnet"). */
function slugStyleKey(name: string): string {
  return normalizeIconName(name.replace(/\+/g, 'plus').replace(/\./g, 'dot').replace(/&/g, 'and'));
}

/** Builds the lookup maps; slugs first, then titles, then aliases, so an exact slug always wins a clash. */
export function buildIconIndex<E extends IconEntry>(entries: readonly E[]): IconIndex<E> {
  const bySlug = new Map<string, E>();
  const byName = new Map<string, E>();
  const add = (key: string, entry: E) => key !== '' && !byName.has(key) && byName.set(key, entry);
  for (const entry of entries) {
    bySlug.set(entry.slug, entry);
    add(entry.slug, entry);
  }
  for (const entry of entries) {
    add(normalizeIconName(entry.title), entry);
    add(slugStyleKey(entry.title), entry);
  }
  for (const entry of entries) for (const alias of entry.aliases) add(normalizeIconName(alias), entry);
  return { entries, bySlug, byName };
}

/** A host name ("accounts.google.com") if the issuer is one, with or without scheme and path. */
function hostOf(issuer: string): string | null {
  const host = issuer
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/[/?#:].*$/, '');
  return /^(?:[a-z0-9-]+\.)+[a-z]{2,}$/.test(host) ? host : null;
}

/** Second-level labels of country domains ("amazon.co.uk"): never the brand. */
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'ac', 'gov', 'edu', 'ne', 'or']);

/**
 * The icon for an issuer, or null (the letter avatar). Tries, in order: the
 * whole issuer; for a domain, its labels from the right, skipping the top
 * level and country second levels ("mail.proton.me" → Proton); then the
 * issuer's first word ("GitHub Enterprise" → GitHub).
 */
export function matchIcon<E extends IconEntry>(index: IconIndex<E>, issuer: string): E | null {
  const lookup = (name: string) => index.byName.get(normalizeIconName(name)) ?? index.byName.get(slugStyleKey(name)) ?? null;
  if (normalizeIconName(issuer) === '') return null;
  const host = hostOf(issuer);
  if (host) {
    const labels = host.split('.').slice(0, -1).filter((label) => label !== 'www');
    if (labels.length > 1 && SECOND_LEVEL.has(labels.at(-1)!)) labels.pop();
    for (const label of labels.reverse()) {
      const found = lookup(label);
      if (found) return found;
    }
    return null;
  }
  const whole = lookup(issuer);
  if (whole) return whole;
  const firstWord = issuer.trim().split(/[\s,:;/|()-]+/)[0] ?? '';
  return firstWord !== issuer.trim() ? lookup(firstWord) : null;
}

/**
 * Icons whose name or alias contains `query` (normalised), best first: the
 * exact name, then names starting with it, then the rest, each in the set's
 * order. At most `limit`; `total` says how many matched in all.
 */
export function searchIcons<E extends IconEntry>(index: IconIndex<E>, query: string, limit: number): { icons: E[]; total: number } {
  const key = normalizeIconName(query);
  if (key === '') return { icons: [], total: 0 };
  const ranked: E[][] = [[], [], []];
  for (const entry of index.entries) {
    const names = [entry.slug, normalizeIconName(entry.title), ...entry.aliases.map(normalizeIconName)];
    const rank = names.includes(key) ? 0 : names.some((name) => name.startsWith(key)) ? 1 : names.some((name) => name.includes(key)) ? 2 : -1;
    if (rank >= 0) ranked[rank]!.push(entry);
  }
  const all = ranked.flat();
  return { icons: all.slice(0, limit), total: all.length };
}
