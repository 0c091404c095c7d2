/**
 * Installing the app: Chrome and Edge offer a prompt (`beforeinstallprompt`),
 * which we keep and show as an "Install app" button; iOS Safari has none, so
 * there the app explains "Share, then Add to Home Screen" instead.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';

/** The event Chromium fires when the app can be installed (not in TypeScript's DOM types). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/** How this browser installs the app. */
export type InstallMode =
  /** Already running as an installed app. */
  | 'installed'
  /** The browser offered its install prompt: show "Install app". */
  | 'prompt'
  /** iOS Safari: show the "Add to Home Screen" steps. */
  | 'ios'
  /** Nothing to offer (the browser's own menu may still install it). */
  | 'none';

/** The install model. */
export interface InstallModel {
  /** How this browser installs the app. */
  mode: InstallMode;
  /** Shows the browser's install prompt; resolves to whether the user accepted. */
  install(): Promise<boolean>;
}

/** Whether the page runs as an installed app (standalone window or iOS home screen). */
function isStandalone(): boolean {
  return (
    window.matchMedia?.('(display-mode: standalone)').matches === true ||
    (navigator as Navigator & { standalone?: boolean }).standalone === true
  );
}

/** Whether this is Safari on an iPhone or iPad (iPadOS reports itself as a Mac with touch). */
export function isIosSafari(userAgent: string, maxTouchPoints: number): boolean {
  const ios = /iPhone|iPad|iPod/.test(userAgent) || (/Macintosh/.test(userAgent) && maxTouchPoints > 1);
  // Other iOS browsers (CriOS, FxiOS, EdgiOS) can't add to the home screen the same way.
  return ios && /Safari/.test(userAgent) && !/CriOS|FxiOS|EdgiOS|OPiOS/.test(userAgent);
}

/** Listens for the install prompt and tells how to install the app. */
export function useInstall(): InstallModel {
  const [deferred, setDeferred] = useState<BeforeInstallPromptEvent | null>(null);
  const [installed, setInstalled] = useState(isStandalone);

  useEffect(() => {
    const onPrompt = (event: Event) => {
      // Keep the prompt for our button instead of the browser's mini-infobar.
      event.preventDefault();
      setDeferred(event as BeforeInstallPromptEvent);
    };
    const onInstalled = () => {
      setDeferred(null);
      setInstalled(true);
    };
    window.addEventListener('beforeinstallprompt', onPrompt);
    window.addEventListener('appinstalled', onInstalled);
    return () => {
      window.removeEventListener('beforeinstallprompt', onPrompt);
      window.removeEventListener('appinstalled', onInstalled);
    };
  }, []);

  const install = useCallback(async () => {
    if (!deferred) return false;
    // A prompt can be shown only once.
    setDeferred(null);
    await deferred.prompt();
    const { outcome } = await deferred.userChoice;
    return outcome === 'accepted';
  }, [deferred]);

  const mode: InstallMode = installed
    ? 'installed'
    : deferred
      ? 'prompt'
      : isIosSafari(navigator.userAgent, navigator.maxTouchPoints)
        ? 'ios'
        : 'none';
  return { mode, install };
}
