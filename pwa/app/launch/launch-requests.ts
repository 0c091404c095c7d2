/**
 * What the app was opened for (issue 14), turned into requests the app acts
 * on: the fragments held by the inbox (launch-inbox.ts: a shortcut, a
 * `web+otpauth:` link, a share the service worker took; see
 * launch-fragment.ts), and files opened with the app from the file manager
 * (`window.launchQueue`, Chromium's File Handling API; absent in Firefox and
 * WebKit, where nothing is registered). Requests wait here, in memory, until
 * the codes are up (the vault may be locked first).
 */
import type { LaunchErrorCode } from '../../../shared/launch-errors';
import { SHARE_TARGET } from '../../sw/share-target-contract';
import { readLaunchFragment, type ShortcutMethod } from './launch-fragment';
import type { LaunchInbox } from './launch-inbox';

/** What the app is asked to do, ready to act on. */
export type LaunchRequest =
  /** Open the add screen on this way of adding (a shortcut). */
  | { kind: 'add'; method: ShortcutMethod }
  /** Open "Paste a link" filled with `link`, for the user to confirm (a `web+otpauth:` link). */
  | { kind: 'add-link'; link: string }
  /** Open a file: a picture of a QR code goes to the add screen, anything else to Import (a share, a file handler). */
  | { kind: 'open-file'; file: File }
  /**
   * Something that came could not be taken: `error` when it is an AppError
   * already, else the message of `code` says what to do.
   */
  | { kind: 'failed'; code: LaunchErrorCode; error?: unknown };

/** The app's side of the launch requests. */
export interface LaunchChannel {
  /**
   * Hands `listener` every request: those that came before (held until
   * now), then each as it comes. One listener at a time; call the returned
   * function to stop (requests are held again meanwhile).
   */
  subscribe(listener: (request: LaunchRequest) => void): () => void;
}

/** The File Handling API's launch queue (not yet in TypeScript's DOM types). */
export interface LaunchQueue {
  setConsumer(consumer: (params: { files?: ReadonlyArray<{ kind: string; getFile?: () => Promise<File> }> }) => void): void;
}

let channel: LaunchChannel | undefined;

/**
 * Starts turning the inbox's fragments and the launch queue's files into
 * requests; the first call does, later ones return the same channel (the
 * launch queue takes one consumer, and the app may be locked and unlocked).
 */
export function listenForLaunches(inbox: LaunchInbox): LaunchChannel {
  if (channel) return channel;
  const held: LaunchRequest[] = [];
  let listener: ((request: LaunchRequest) => void) | null = null;
  const deliver = (request: LaunchRequest) => (listener ? listener(request) : held.push(request));

  let sharing = false;
  const readFragments = () => {
    for (const hash of inbox.drain()) {
      const found = readLaunchFragment(hash);
      if (!found) continue;
      if (found.kind === 'share') {
        sharing = true;
        // The files wait in the service worker's cache: into memory, and out of the cache, now.
        void import('./shared-files')
          .then((m) => m.takeSharedFiles(found.id))
          .then(
            (files) => deliver({ kind: 'open-file', file: files[0]! }),
            (error: unknown) => deliver({ kind: 'failed', code: 'share_unreadable', error }),
          );
      } else if (found.kind === 'share-failed') deliver({ kind: 'failed', code: found.reason === 'empty' ? 'share_empty' : 'share_unreadable' });
      else deliver(found);
    }
  };
  readFragments();
  inbox.onFragment(readFragments);
  // A share the app was not opened for (its redirect never loaded) is not kept for later.
  if (!sharing && 'caches' in window) void caches.delete(SHARE_TARGET.cacheName).catch(() => undefined);

  const launchQueue = (window as Window & { launchQueue?: LaunchQueue }).launchQueue;
  launchQueue?.setConsumer((params) => {
    // Chromium also queues a launch without files (the app opened from its icon): nothing to do then.
    const handle = params.files?.find((entry) => entry.kind === 'file' && typeof entry.getFile === 'function');
    if (!handle) return;
    handle.getFile!().then(
      (file) => deliver({ kind: 'open-file', file }),
      (error: unknown) => deliver({ kind: 'failed', code: 'launch_file_unreadable', error }),
    );
  });

  channel = {
    subscribe(next) {
      listener = next;
      for (const request of held.splice(0)) next(request);
      return () => {
        if (listener === next) listener = null;
      };
    },
  };
  return channel;
}
