import type { Workbox } from 'workbox-window';

/** What the UI needs to know about the service worker: whether a new version waits. */
export interface UpdateChannel {
  /** Calls back once a new version is installed and waiting for the user's go-ahead. */
  onUpdateReady(listener: () => void): void;
  /** Activates the waiting version and reloads into it. */
  applyUpdate(): void;
}

/** How long after the load event registration waits, and then at most for an idle moment. */
const REGISTER_DELAY_MS = 1_000;
const REGISTER_IDLE_TIMEOUT_MS = 4_000;

/**
 * Registers the Workbox service worker that precaches the app shell, so the app
 * opens with no network after the first visit. A new version waits until the
 * user chooses to reload, rather than swapping code under an open page.
 * Registration waits for a quiet moment a second after the page's load
 * event: it is not needed for the first code, and workbox-window (5 KB) is
 * then fetched after it, not before (issue 7).
 */
export function registerServiceWorker(): UpdateChannel {
  const listeners: Array<() => void> = [];
  let waiting = false;
  let wb: Workbox | undefined;
  const register = async () => {
    const { Workbox } = await import('workbox-window');
    wb = new Workbox('./sw.js', { scope: './' });
    wb.addEventListener('waiting', () => {
      waiting = true;
      listeners.forEach((l) => l());
    });
    wb.addEventListener('controlling', () => window.location.reload());
    await wb.register();
  };
  if ('serviceWorker' in navigator && !import.meta.env.DEV) {
    const start = () => void register().catch(() => undefined);
    const afterLoad = () =>
      setTimeout(() => ('requestIdleCallback' in window ? requestIdleCallback(start, { timeout: REGISTER_IDLE_TIMEOUT_MS }) : start()), REGISTER_DELAY_MS);
    if (document.readyState === 'complete') afterLoad();
    else window.addEventListener('load', afterLoad, { once: true });
  }
  return {
    onUpdateReady(listener) {
      listeners.push(listener);
      if (waiting) listener();
    },
    applyUpdate() {
      wb?.messageSkipWaiting();
    },
  };
}
