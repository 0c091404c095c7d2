/**
 * The lock model: where the vault's lock stands (off, locked, unlocked), its
 * settings, and the actions Settings and the lock screen call. Every rule
 * (the passphrase check, the delay after failures, the key slots) is the
 * vault's (shared/vault); this only keeps what the screens show in step with
 * it, and hears the vault's `locked` / `unlocked` / `changed` events.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Vault, VaultSettings, VaultStatus } from '../../../shared/vault/vault';
import { DEFAULT_VAULT_SETTINGS } from '../../../shared/vault/vault';
import type { AutoLockMinutes } from '../../../shared/vault/lock-policy';
import { errorMessage } from './errors';

/**
 * What the app may show: `loading` (nothing yet), `locked` (the lock screen
 * only), `open` (the accounts: the lock is off or the vault is unlocked), or
 * `failed` (the vault's header could not be read).
 */
export type LockPhase = 'loading' | 'locked' | 'open' | 'failed';

/** The lock model's actions; all reject with the vault's AppError. They keep their identity. */
export interface VaultLockActions {
  /** Reads the status and settings again. */
  refresh(): Promise<void>;
  /** Unlocks with the passphrase. */
  unlock(passphrase: string): Promise<void>;
  /** Unlocks with one of the vault's passkeys (WebAuthn PRF). */
  unlockWithPasskey(): Promise<void>;
  /** Locks now (no-op with the lock off). */
  lock(): void;
  /** Turns the lock on with a new passphrase. */
  enableLock(passphrase: string): Promise<void>;
  /** Turns the lock off (asks the passphrase). */
  disableLock(passphrase: string): Promise<void>;
  /** Changes the passphrase. */
  changePassphrase(current: string, next: string): Promise<void>;
  /** Creates a passkey with the PRF extension and adds its slot (asks the passphrase). */
  addPasskey(label: string, passphrase: string): Promise<void>;
  /** Removes a passkey slot. */
  removePasskey(slotId: string): Promise<void>;
  /** Checks the passphrase without unlocking anything (counted like an unlock). */
  verifyPassphrase(passphrase: string): Promise<void>;
  /** Stores the auto-lock time. */
  setAutoLock(minutes: AutoLockMinutes): Promise<void>;
  /** Records that a backup (any export) was just made. */
  markBackedUp(): Promise<void>;
  /** Stores how the list looks: "Hide codes" and the sort order (issue 12). */
  setListSettings(patch: Partial<Pick<VaultSettings, 'hideCodes' | 'sort'>>): Promise<void>;
}

/** The lock model's state and actions. */
export interface VaultLockModel {
  /** What the app may show. */
  phase: LockPhase;
  /** The vault's status, once read. */
  status: VaultStatus | null;
  /** The settings (defaults until read). */
  settings: VaultSettings;
  /** Why the vault could not be opened, when `phase` is `failed`. */
  error: string | null;
  /** The actions; the same object on every render. */
  actions: VaultLockActions;
}

/** Keeps the lock's state in step with `vault`. */
export function useVaultLock(vault: Vault): VaultLockModel {
  const [phase, setPhase] = useState<LockPhase>('loading');
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [settings, setSettings] = useState<VaultSettings>({ ...DEFAULT_VAULT_SETTINGS });
  const [error, setError] = useState<string | null>(null);
  // Only the latest read may set the state: a read that started before a lock must not reopen the app.
  const generation = useRef(0);

  const actions = useMemo((): VaultLockActions => {
    const refresh = async () => {
      const mine = ++generation.current;
      try {
        const [nextStatus, nextSettings] = await Promise.all([vault.getStatus(), vault.getSettings()]);
        if (mine !== generation.current) return;
        setStatus(nextStatus);
        setSettings(nextSettings);
        setError(null);
        setPhase(nextStatus.lock === 'on' && !nextStatus.unlocked ? 'locked' : 'open');
      } catch (e) {
        if (mine !== generation.current) return;
        setError(errorMessage(e));
        setPhase('failed');
      }
    };
    const now = () => Date.now();
    return {
      refresh,
      unlock: (passphrase) => vault.unlockWithPassphrase(passphrase, now()),
      async unlockWithPasskey() {
        const options = await vault.getPasskeyUnlockOptions();
        const { getPasskeyPrf } = await import('./passkeys');
        await vault.unlockWithPasskey(await getPasskeyPrf(options));
      },
      lock: () => vault.lock(),
      enableLock: (passphrase) => vault.enableLock(passphrase, now()),
      disableLock: (passphrase) => vault.disableLock(passphrase, now()),
      changePassphrase: (current, next) => vault.changePassphrase(current, next, now()),
      async addPasskey(label, passphrase) {
        // Check the passphrase first: a wrong one should not cost the person a passkey ceremony.
        await vault.verifyPassphrase(passphrase, now());
        const { createPasskeyPrfSalt } = await import('../../../shared/vault/key-slots');
        const prfSalt = createPasskeyPrfSalt();
        const { createPasskey } = await import('./passkeys');
        const created = await createPasskey(prfSalt, label);
        await vault.addPasskey({ ...created, prfSalt, label }, passphrase, now());
      },
      removePasskey: (slotId) => vault.removePasskey(slotId),
      verifyPassphrase: (passphrase) => vault.verifyPassphrase(passphrase, now()),
      async setAutoLock(minutes) {
        setSettings(await vault.updateSettings({ autoLockMinutes: minutes }));
      },
      async markBackedUp() {
        setSettings(await vault.updateSettings({ lastBackupAt: now() }));
      },
      async setListSettings(patch) {
        // At once: the list follows the choice without waiting for the write (a sort is felt, issue 12).
        // Not set again from the write's result: a quicker second choice must not be undone by the first write.
        setSettings((current) => ({ ...current, ...patch }));
        try {
          await vault.updateSettings(patch);
        } catch (e) {
          // Back to what is stored, so the screen does not show a choice that was not kept.
          const stored = await vault.getSettings().catch(() => null);
          if (stored) setSettings(stored);
          throw e;
        }
      },
    };
  }, [vault]);

  useEffect(() => {
    const unsubscribe = vault.subscribe((event) => {
      if (event === 'locked') {
        // At once, in this task: the accounts leave the screen before anything else paints.
        generation.current++;
        setPhase('locked');
      }
      void actions.refresh();
    });
    void actions.refresh();
    return unsubscribe;
  }, [vault, actions]);

  return { phase, status, settings, error, actions };
}
