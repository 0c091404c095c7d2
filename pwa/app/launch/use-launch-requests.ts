import { useEffect, useRef } from 'preact/hooks';
import type { LaunchInbox } from './launch-inbox';
import type { LaunchRequest } from './launch-requests';

/**
 * Hands each request the app was opened with (a shortcut, a web+otpauth:
 * link, a shared or opened file) to `onLaunch`, from the time `ready` is true:
 * the add screen and Import need the stored accounts (duplicates). The code
 * that reads the requests is a chunk of its own, loaded then, so the first
 * load carries only the inbox. `onLaunch` may change between renders; the
 * newest one is called.
 */
export function useLaunchRequests(
  launches: LaunchInbox | undefined,
  ready: boolean,
  onLaunch: (request: LaunchRequest) => Promise<void>,
  onError: (error: unknown) => void,
): void {
  const latest = useRef({ onLaunch, onError });
  latest.current = { onLaunch, onError };
  useEffect(() => {
    if (!launches || !ready) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    void import('./launch-requests').then(
      ({ listenForLaunches }) => {
        if (!cancelled) stop = listenForLaunches(launches).subscribe((request) => void latest.current.onLaunch(request).catch(latest.current.onError));
      },
      (error: unknown) => latest.current.onError(error),
    );
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [launches, ready]);
}
