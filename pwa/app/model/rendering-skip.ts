/**
 * Whether the browser skips rendering an element's contents: an element with
 * `content-visibility: auto` off screen (the list's groups of cards). The
 * browser says so with `contentvisibilityautostatechange` events, once when it
 * first decides and again at each change; a card added to a group later would
 * miss the first one, so the group keeps the state for all its cards.
 */

/** The skipped state of one element, for everything inside it. */
export interface RenderingSkip {
  /** Whether the browser skips the element's contents now (false until it says otherwise). */
  readonly skipped: boolean;
  /** Calls `listener` when the element's contents start or stop being skipped; returns the unsubscribe function. */
  subscribe(listener: (skipped: boolean) => void): () => void;
}

/**
 * Makes the skipped state of an element to come: `observe` is the element's
 * ref (Preact calls it with the element, then with null when it goes), so the
 * state exists before the element does and its cards can subscribe at once.
 */
export function createRenderingSkip(): RenderingSkip & { observe(element: Element | null): void } {
  const listeners = new Set<(skipped: boolean) => void>();
  let skipped = false;
  let observed: Element | null = null;
  const onChange = (event: Event) => {
    skipped = (event as Event & { skipped?: boolean }).skipped === true;
    for (const listener of [...listeners]) listener(skipped);
  };
  return {
    get skipped() {
      return skipped;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    observe(element) {
      if (element === observed) return;
      observed?.removeEventListener('contentvisibilityautostatechange', onChange);
      observed = element;
      skipped = false;
      element?.addEventListener('contentvisibilityautostatechange', onChange);
    },
  };
}

/**
 * Whether any of `element` is inside the viewport now. Reads layout, which is
 * up to date (so cheap) in a timer callback that has not yet changed the page.
 */
export function isInViewport(element: Element): boolean {
  const { top, bottom } = element.getBoundingClientRect();
  return bottom > 0 && top < window.innerHeight;
}
