/**
 * Persistent storage: asking the browser not to evict the accounts when the
 * device runs low on space (`navigator.storage.persist()`), and knowing whether
 * it agreed. It is asked on the first account added, when there is something
 * worth keeping; browsers grant it silently (Chrome: by engagement or install)
 * or ask the user (Firefox).
 */
import { useCallback, useEffect, useState } from 'preact/hooks';

/** Whether the accounts are protected from eviction. */
export type PersistenceState =
  /** Not known yet. */
  | 'unknown'
  /** The browser has no StorageManager (old browsers, insecure contexts). */
  | 'unsupported'
  /** The browser agreed: it won't clear the data without the user's say-so. */
  | 'granted'
  /** Not (yet) granted: the browser may clear the data under storage pressure. */
  | 'not-granted';

/** The persistent storage model. */
export interface PersistentStorageModel {
  /** Whether storage is persistent. */
  state: PersistenceState;
  /** Asks the browser for persistent storage (at most once per session unless `force`); resolves to the new state. */
  request(force?: boolean): Promise<PersistenceState>;
}

/** The StorageManager, where the browser has one (not in insecure contexts or old browsers). */
function storageManager(): StorageManager | undefined {
  const storage = (navigator as { storage?: StorageManager }).storage;
  return typeof storage?.persisted === 'function' && typeof storage.persist === 'function' ? storage : undefined;
}

/** Reads and requests persistent storage. */
export function usePersistentStorage(): PersistentStorageModel {
  const [state, setState] = useState<PersistenceState>(() => (storageManager() ? 'unknown' : 'unsupported'));
  const [asked, setAsked] = useState(false);

  useEffect(() => {
    const storage = storageManager();
    if (!storage) return;
    storage.persisted().then(
      (granted) => setState(granted ? 'granted' : 'not-granted'),
      () => setState('not-granted'),
    );
  }, []);

  const request = useCallback(
    async (force = false): Promise<PersistenceState> => {
      const storage = storageManager();
      if (!storage) return 'unsupported';
      if (state === 'granted' || (asked && !force)) return state;
      setAsked(true);
      try {
        const granted = (await storage.persisted()) || (await storage.persist());
        const next: PersistenceState = granted ? 'granted' : 'not-granted';
        setState(next);
        return next;
      } catch {
        setState('not-granted');
        return 'not-granted';
      }
    },
    [state, asked],
  );

  return { state, request };
}
