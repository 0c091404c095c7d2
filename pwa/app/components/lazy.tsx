/**
 * Screens and dialogs the first code does not need (adding, settings, the
 * lock dialogs, export and import) are separate chunks, fetched with import()
 * when first opened: the app loads at most 40 KB of JavaScript (gzip) before
 * the first code (issue 7). The service worker precaches every chunk, so they
 * open offline too; {@link preloadInIdleTime} fetches them once the codes are
 * on screen, so that opening one is instant.
 */
import type { ComponentType } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';

/** A component loaded on first render, with a way to load it ahead of time. */
export type LazyComponent<P> = ComponentType<P> & { preload(): Promise<unknown> };

/** Every lazy component made, for {@link preloadInIdleTime}. */
const lazyComponents: Array<LazyComponent<never>> = [];

/** Wraps `load` (an import() of the module and the pick of one export) as a component. */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): LazyComponent<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () =>
    // The icons only lazy screens draw come with every one of them (see Icon.tsx).
    (loading ??= Promise.all([load(), import('./icon-paths-more')]).then(
      ([component]) => (loaded = component),
      (e: unknown) => {
        // Let the next attempt fetch again (the network may be back).
        loading = undefined;
        throw e;
      },
    ));

  function Lazy(props: P) {
    const [failed, setFailed] = useState(false);
    // Bumped when the load settles: `loaded` itself lives outside the component.
    const [, setSettled] = useState(0);
    // A layout effect starts the load at once: Preact runs plain effects after the next animation frame.
    useLayoutEffect(() => {
      if (loaded) return;
      let live = true;
      preload().then(
        () => live && setSettled(1),
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, []);
    if (loaded) {
      const Loaded = loaded;
      return <Loaded {...props} />;
    }
    return failed ? <LoadFailed /> : <Opening />;
  }
  const component = Object.assign(Lazy, { preload });
  lazyComponents.push(component as unknown as LazyComponent<never>);
  return component;
}

/** Shown only if loading takes long enough to notice (CSS delays it). */
function Opening() {
  return (
    <p class="lazy-status lazy-status--opening" role="status">
      Opening…
    </p>
  );
}

/** The chunk could not be fetched: an update replaced it, or the cache was cleared while offline. */
function LoadFailed() {
  return (
    <div class="lazy-status" role="alert">
      <p>This screen could not be loaded. Reload the app to try again; if you are offline, connect first.</p>
      <button type="button" class="btn btn--filled" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}

/** Loads every lazy component in idle time, one at a time, starting after `delayMs`; returns a cancel. */
export function preloadInIdleTime(delayMs = 1_000): () => void {
  const queue = [...lazyComponents];
  let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(next, delayMs);
  function next() {
    const component = queue.shift();
    if (!component) return;
    const run = () =>
      component
        .preload()
        // A failed preload is tried again when its screen is opened.
        .catch(() => undefined)
        .finally(() => (timer = setTimeout(next, 0)));
    if ('requestIdleCallback' in window) requestIdleCallback(run, { timeout: 5_000 });
    else run();
  }
  return () => {
    clearTimeout(timer);
    queue.length = 0;
  };
}
