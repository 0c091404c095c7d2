import { Workbox } from 'workbox-window';

/** What the UI needs to know about the service worker: whether a new version waits. */
export interface UpdateChannel {
  /** Calls back once a new version is installed and waiting for the user's go-ahead. */
  onUpdateReady(listener: () => void): void;
  /** Activates the waiting version and reloads into it. */
  applyUpdate(): void;
}

/**
 * Registers the Workbox service worker that precaches the app shell, so the app
 * opens with no network after the first visit. A new version waits until the
 * user chooses to reload, rather than swapping code under an open page.
 */
export function registerServiceWorker(): UpdateChannel {
  const listeners: Array<() => void> = [];
  let waiting = false;
  const supported = 'serviceWorker' in navigator && !import.meta.env.DEV;
  const wb = supported ? new Workbox('./sw.js', { scope: './' }) : undefined;
  if (wb) {
    wb.addEventListener('waiting', () => {
      waiting = true;
      listeners.forEach((l) => l());
    });
    wb.addEventListener('controlling', () => window.location.reload());
    void wb.register();
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
