/**
 * The bundled icon set at run time (issue 12): the index (names, colours,
 * matcher) and the SVG paths load with import() only when asked, so none of
 * it is in the first-load JavaScript. The list asks after the first codes
 * are on screen ({@link useIconSet} waits for an idle moment). Each avatar
 * then shows its icon in idle time, a few per frame (the list's idle queue),
 * so a thousand logos arriving never make one long frame (bench item 4).
 */
import { useEffect, useState } from 'preact/hooks';
import { whenIdle } from '../model/idle-queue';
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
    let live = true;
    const notify = (loaded: LoadedIconSet) => whenIdle('icon-update', () => live && setSet(loaded));
    waiting.add(notify);
    scheduleLoad();
    return () => {
      live = false;
      waiting.delete(notify);
    };
  }, [set]);
  return set;
}

/** An icon of the set with its SVG path, ready to draw. */
export interface DrawnIcon {
  icon: SetIcon;
  path: string;
}

/**
 * The set icon an avatar shows: `pick` chooses it from the loaded set (null: none).
 * Resolves the set and the icon's path, then sets state once, in idle time; when
 * both are loaded already (a card mounted later), at once, with no second render.
 */
export function useDrawnIcon(pick: (set: LoadedIconSet) => SetIcon | null, deps: readonly unknown[]): DrawnIcon | null {
  const [drawn, setDrawn] = useState<DrawnIcon | null>(() => {
    const icon = loadedSet && pick(loadedSet);
    const path = icon && loadedPaths.get(icon.slug);
    return icon && path ? { icon, path } : null;
  });
  useEffect(() => {
    let live = true;
    const show = (next: DrawnIcon | null) => {
      if (next?.icon !== drawn?.icon || next?.path !== drawn?.path) whenIdle('icon-update', () => live && setDrawn(next));
    };
    const resolve = (set: LoadedIconSet) => {
      const icon = pick(set);
      if (!icon) return show(null);
      const path = loadedPaths.get(icon.slug);
      if (path !== undefined) return show(path ? { icon, path } : null);
      loadIconPath(icon).then(
        (loaded) => show(loaded ? { icon, path: loaded } : null),
        () => undefined, // offline and never cached: the letter stays
      );
    };
    if (loadedSet) resolve(loadedSet);
    else {
      waiting.add(resolve);
      scheduleLoad();
    }
    return () => {
      live = false;
      waiting.delete(resolve);
    };
    // `pick` is a new function each render: `deps` says when it picks differently.
  }, deps);
  return drawn;
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
      (loaded) => whenIdle('icon-update', () => live && setPath({ slug: icon.slug, path: loaded })),
      () => undefined, // offline and never cached: the letter stays
    );
    return () => {
      live = false;
    };
  }, [icon, path]);
  return icon && path?.slug === icon.slug && path.path !== '' ? path.path : null;
}
