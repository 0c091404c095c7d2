/**
 * The bundled icon set at run time (issue 12): the index (names, colours,
 * matcher) and the SVG paths load with import() only when asked, so none of
 * it is in the first-load JavaScript. The list asks after the first codes
 * are on screen ({@link useIconSet} waits for an idle moment).
 */
import { useEffect, useState } from 'preact/hooks';
import type { LoadedIconSet, SetIcon } from './loaded-icon-set';

export type { LoadedIconSet, SetIcon };

let setLoad: Promise<LoadedIconSet> | undefined;
let loadedSet: LoadedIconSet | null = null;
const shardLoads = new Map<number, Promise<Readonly<Record<string, string>>>>();
const loadedPaths = new Map<string, string>();

/** Loads the set's index (names, colours, matcher); one load for all callers. */
export function loadIconSet(): Promise<LoadedIconSet> {
  return (setLoad ??= import('./loaded-icon-set').then(
    (module) => (loadedSet = module.iconSet),
    (e: unknown) => {
      setLoad = undefined; // try again next time (the network may be back)
      throw e;
    },
  ));
}

/** The SVG path (24×24 view box) of an icon, loading its chunk if needed. */
export async function loadIconPath(icon: SetIcon): Promise<string> {
  const known = loadedPaths.get(icon.slug);
  if (known !== undefined) return known;
  const { shards } = await loadIconSet();
  let shard = shardLoads.get(icon.shard);
  if (!shard) {
    shard = shards[icon.shard]!().then((module) => module.default);
    shardLoads.set(icon.shard, shard);
    shard.catch(() => shardLoads.delete(icon.shard));
  }
  const paths = await shard;
  for (const [slug, path] of Object.entries(paths)) loadedPaths.set(slug, path);
  return paths[icon.slug] ?? '';
}

/** Every component waiting for the set. */
const waiting = new Set<(set: LoadedIconSet) => void>();
let scheduled = false;

/** Starts loading the set in the first idle moment after the codes paint. */
function scheduleLoad(): void {
  if (scheduled) return;
  scheduled = true;
  const run = () =>
    loadIconSet().then(
      (set) => {
        for (const notify of waiting) notify(set);
        waiting.clear();
      },
      // Offline before the chunk was ever cached: letters stay; the next start tries again.
      () => (scheduled = false),
    );
  if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 1_000 });
  else setTimeout(run, 200);
}

/** The icon set once loaded, else null (show the letter meanwhile). */
export function useIconSet(): LoadedIconSet | null {
  const [set, setSet] = useState(loadedSet);
  useEffect(() => {
    if (set) return;
    waiting.add(setSet);
    scheduleLoad();
    return () => void waiting.delete(setSet);
  }, [set]);
  return set;
}

/** An icon's SVG path once loaded, else null. */
export function useIconPath(icon: SetIcon | null): string | null {
  const [path, setPath] = useState<{ slug: string; path: string } | null>(() =>
    icon && loadedPaths.has(icon.slug) ? { slug: icon.slug, path: loadedPaths.get(icon.slug)! } : null,
  );
  useEffect(() => {
    if (!icon || path?.slug === icon.slug) return;
    let live = true;
    loadIconPath(icon).then(
      (loaded) => live && setPath({ slug: icon.slug, path: loaded }),
      () => undefined, // offline and never cached: the letter stays
    );
    return () => {
      live = false;
    };
  }, [icon, path]);
  return icon && path?.slug === icon.slug && path.path !== '' ? path.path : null;
}
