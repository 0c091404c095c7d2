/**
 * The vault: the passphrase lock and the master key's slots. It holds the
 * unlocked master key in memory (never its bytes: a non-extractable
 * CryptoKey) and gives it to the account repository; `lock()` drops it.
 *
 * Where the master key lives decides the lock:
 * - lock off: a `device` slot holds the master key itself (non-extractable).
 *   Records are still encrypted, so there is one storage format, but anyone
 *   with the device's browser profile can open them, and the app opens
 *   without asking.
 * - lock on: only `passphrase` and `passkey` slots, so the key exists only
 *   in memory after an unlock.
 *
 * Turning the lock on makes a NEW master key and re-encrypts every account, all
 * or nothing, into a new database (the old one, with the old key, is deleted:
 * shared/storage/vault-generations.ts), because the old key sat in the database; turning it off,
 * changing the passphrase and adding or removing a passkey only rewrap the
 * master key (the accounts are not touched).
 *
 * Persistence goes through {@link VaultKeyStore} (implemented in
 * shared/storage/account-repository.ts), which checks a revision number so
 * two tabs changing the lock at once cannot overwrite each other.
 */
import { DEFAULT_ACCOUNT_SORT, type AccountSort } from './sort-accounts';
import { AppError, isAppError } from '../errors';
import { importAesKey } from './aes-gcm';
import type { VaultAccount } from './account';
import type { DeviceKeySlot, KeySlot, PasskeyKeySlot, PasskeyPrfResult, PassphraseKeySlot } from './key-slots';
import { ARGON2ID_DEFAULTS, type Argon2idParams } from './kdf-params';

/**
 * key-slots.ts (and kdf.ts behind it) loads with import(), on the first
 * unlock or lock change: a vault with the lock off opens without it, so the
 * PWA's first code does not wait for it (issue 7).
 */
const loadKeySlots = () => import('./key-slots');
import {
  DEFAULT_AUTO_LOCK_MINUTES,
  NO_UNLOCK_ATTEMPTS,
  nextUnlockAt,
  unlockDelayMs,
  type AutoLockMinutes,
  type UnlockAttempts,
} from './lock-policy';
import { createMasterKeyBytes, type MasterKey, type MasterKeyProvider } from './master-key';
import { openSealedAccount, sealAccount, type SealedAccountRecord } from './sealed-account';
import { openSealedGroups, type SealedGroupsRecord } from './sealed-groups';

/** The vault's header, stored in the `meta` store: which master key is current and its slots. */
export interface VaultHeader {
  /** Header format version, 1. */
  version: 1;
  /** Bumped on every change; a write that expected another revision is refused (`vault_busy`). */
  revision: number;
  /** Id of the current master key (sealed records name theirs). */
  keyId: string;
  /** The key slots. The lock is on exactly when there is no `device` slot. */
  slots: KeySlot[];
}

/** Everything a re-key reads, in one transaction, and checks unchanged when it writes. */
export interface VaultSnapshot {
  /** The header, or undefined before first use. */
  header: VaultHeader | undefined;
  /** Every sealed record. */
  sealed: SealedAccountRecord[];
  /** Plain records left by the version 2 schema, not sealed yet (only ever with the lock off). */
  unsealed: VaultAccount[];
  /** The sealed group list, if one was ever stored (issue 12). */
  groups?: SealedGroupsRecord;
}

/** App settings kept beside the vault. */
export interface VaultSettings {
  /** Idle time after which the app locks (with the lock on). */
  autoLockMinutes: AutoLockMinutes;
  /** When the last export was made (ms), or null: for the backup reminder and Settings. */
  lastBackupAt: number | null;
  /** Codes show as •••••• until tapped, for people who use the app in public (issue 12). Off by default. */
  hideCodes: boolean;
  /** How the list is sorted (issue 12); `manual` (the user's own order) by default. */
  sort: AccountSort;
}

/** The default settings. */
export const DEFAULT_VAULT_SETTINGS: Readonly<VaultSettings> = Object.freeze({
  autoLockMinutes: DEFAULT_AUTO_LOCK_MINUTES,
  lastBackupAt: null,
  hideCodes: false,
  sort: DEFAULT_ACCOUNT_SORT,
});

/**
 * Persistence of the vault's header, settings and unlock attempts. Every
 * method rejects with an AppError (`storage_*`, or `vault_busy` on a conflict).
 */
export interface VaultKeyStore {
  /** The header, or undefined before first use. */
  readHeader(): Promise<VaultHeader | undefined>;
  /** Stores `header` unless one exists; resolves to the stored one (another tab's, if it was first). */
  createHeader(header: VaultHeader): Promise<VaultHeader>;
  /** Replaces the header if the stored one still has `expectedRevision`; else rejects with `vault_busy`. */
  replaceHeader(next: VaultHeader, expectedRevision: number): Promise<void>;
  /** Reads the header and every account record, in one transaction. */
  readSnapshot(): Promise<VaultSnapshot>;
  /**
   * Replaces the vault by `next` (the header and every record re-sealed), all
   * or nothing, if the header and records are still those of `snapshot` (else
   * rejects with `vault_busy`, changing nothing). The production store writes
   * `next` to a NEW database and deletes the old one, so the old key's bytes
   * do not stay behind (see shared/storage/vault-generations.ts).
   */
  commitRekey(snapshot: VaultSnapshot, next: { header: VaultHeader; records: SealedAccountRecord[]; groups?: SealedGroupsRecord }): Promise<void>;
  /** Failed unlock attempts in a row. */
  readUnlockAttempts(): Promise<UnlockAttempts>;
  /** Replaces the unlock attempts (a success resets them to {@link NO_UNLOCK_ATTEMPTS}). */
  writeUnlockAttempts(attempts: UnlockAttempts): Promise<void>;
  /**
   * In one transaction: refuses if the wait after earlier failures still runs
   * at `now` (resolves to `{ allowedAt }`), else counts this attempt as failed
   * at `now` and resolves to the new count (`{ attempts }`). The vault calls it
   * BEFORE deriving the key, so attempts sent at once cannot all pass the
   * check before any is counted (finding 11); a success then resets the count.
   */
  reserveUnlockAttempt(now: number): Promise<{ attempts: UnlockAttempts } | { allowedAt: number }>;
  /** The settings (defaults for missing ones). */
  readSettings(): Promise<VaultSettings>;
  /** Stores the settings. */
  writeSettings(settings: VaultSettings): Promise<void>;
}

/** A passkey slot as Settings lists it: no key material. */
export interface PasskeySummary {
  /** The slot's id (for {@link Vault.removePasskey}). */
  slotId: string;
  /** The name the person gave it. */
  label: string;
  /** The WebAuthn credential id, Base64url. */
  credentialId: string;
  /** When it was added (ms). */
  createdAt: number;
}

/** Where the lock stands. */
export interface VaultStatus {
  /** `off`: the app opens without a passphrase. `on`: it asks after every lock. */
  lock: 'off' | 'on';
  /** Whether accounts can be read now: always with the lock off; after an unlock with it on. */
  unlocked: boolean;
  /** The passkeys that can unlock (lock on only). */
  passkeys: PasskeySummary[];
  /** With the lock on: the earliest time (ms) a passphrase attempt is accepted (0: now). */
  unlockAllowedAt: number;
  /** Failed passphrase attempts in a row. */
  failedAttempts: number;
}

/** What the WebAuthn `get()` call needs to unlock with a passkey. */
export interface PasskeyUnlockOptions {
  /** One entry per passkey slot: its credential and the PRF input to evaluate (`prf.evalByCredential`). */
  credentials: { credentialId: string; prfSalt: Uint8Array }[];
}

/** A new passkey for {@link Vault.addPasskey}: the ceremony's result, the PRF input used, a label. */
export interface NewPasskey extends PasskeyPrfResult {
  /** The PRF input evaluated (from `createPasskeyPrfSalt()`). */
  prfSalt: Uint8Array;
  /** A name for Settings. */
  label: string;
}

/** Lock state changes a listener hears about. */
export type VaultEvent = 'locked' | 'unlocked' | 'changed';

/** The vault: lock, unlock, and the master key's slots. Rejections are AppErrors. */
export interface Vault extends MasterKeyProvider {
  /** Where the lock stands. */
  getStatus(): Promise<VaultStatus>;
  /**
   * Unlocks with the passphrase. Rejects with `wrong_passphrase` (the failure
   * is counted, see `unlockDelayMs`), `unlock_delayed` while the wait after
   * failures runs, `lock_not_on`, or `vault_corrupt`.
   */
  unlockWithPassphrase(passphrase: string, now: number): Promise<void>;
  /**
   * Checks the passphrase without changing anything (e.g. before using it as a
   * backup's password); a wrong one is counted like a failed unlock.
   * Rejects like {@link unlockWithPassphrase}.
   */
  verifyPassphrase(passphrase: string, now: number): Promise<void>;
  /** The credentials and PRF inputs for the WebAuthn `get()` of a passkey unlock (empty without passkeys). */
  getPasskeyUnlockOptions(): Promise<PasskeyUnlockOptions>;
  /** Unlocks with a passkey's PRF output. Rejects with `passkey_not_recognized` or `lock_not_on`. */
  unlockWithPasskey(result: PasskeyPrfResult): Promise<void>;
  /** Forgets the master key (with the lock on, the next read rejects with `vault_locked`). */
  lock(): void;
  /**
   * Turns the lock on with a new passphrase: makes a new master key, re-encrypts
   * every account with it, all or nothing (into a new database, the old one
   * deleted), and leaves the vault unlocked.
   * Rejects with `passphrase_too_short`, `lock_already_on`, `vault_locked`, `vault_corrupt` (header),
   * `accounts_damaged` (a record does not decrypt: delete it or restore it from a backup first), `vault_busy`.
   */
  enableLock(passphrase: string, now: number): Promise<void>;
  /**
   * Turns the lock off after checking the passphrase (counted like an unlock);
   * removes the passphrase and passkey slots. Accounts are not re-encrypted.
   */
  disableLock(passphrase: string, now: number): Promise<void>;
  /** Changes the passphrase: rewraps the master key (with the current default parameters) only. */
  changePassphrase(current: string, next: string, now: number): Promise<void>;
  /** Adds (or replaces, for the same credential) a passkey slot; asks for the passphrase to reach the master key. */
  addPasskey(passkey: NewPasskey, passphrase: string, now: number): Promise<PasskeySummary>;
  /** Removes a passkey slot (nothing happens if it is gone already). */
  removePasskey(slotId: string): Promise<void>;
  /** The settings. */
  getSettings(): Promise<VaultSettings>;
  /** Changes some settings; resolves to all of them. */
  updateSettings(patch: Partial<VaultSettings>): Promise<VaultSettings>;
  /** Calls `listener` on lock, unlock and slot changes made through this vault; returns the unsubscribe. */
  subscribe(listener: (event: VaultEvent) => void): () => void;
}

/** Options of {@link createVault}. */
export interface VaultOptions {
  /** Argon2id parameters for new passphrase slots; the production defaults unless given (tests pass small ones). */
  kdf?: Argon2idParams;
}

function deviceSlotOf(header: VaultHeader): DeviceKeySlot | undefined {
  return header.slots.find((slot): slot is DeviceKeySlot => slot.kind === 'device');
}

function passphraseSlotOf(header: VaultHeader): PassphraseKeySlot | undefined {
  return header.slots.find((slot): slot is PassphraseKeySlot => slot.kind === 'passphrase');
}

function passkeySlotsOf(header: VaultHeader): PasskeyKeySlot[] {
  return header.slots.filter((slot): slot is PasskeyKeySlot => slot.kind === 'passkey');
}

function summarizePasskey(slot: PasskeyKeySlot): PasskeySummary {
  return { slotId: slot.id, label: slot.label, credentialId: slot.credentialId, createdAt: slot.createdAt };
}

/** How many times a re-key is retried when another tab changed the data in between. */
const REKEY_ATTEMPTS = 3;

/** Imports raw master-key bytes as a non-extractable key, then zeroes them. */
async function importMasterKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  try {
    return await importAesKey(raw);
  } finally {
    raw.fill(0);
  }
}

/**
 * Makes the vault over its store.
 *
 * @param store Where the header lives (`createVaultKeyStore()` in production).
 * @param options Argon2id parameters for new slots (tests pass small ones).
 */
export function createVault(store: VaultKeyStore, options: VaultOptions = {}): Vault {
  const kdf = options.kdf ?? ARGON2ID_DEFAULTS;
  let current: MasterKey | undefined;
  /** Whether the lock was on when the header was last read (so `lock()` knows whether to announce). */
  let lockOn = false;
  let creating: Promise<VaultHeader> | undefined;
  const listeners = new Set<(event: VaultEvent) => void>();

  const emit = (event: VaultEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's failure is its own; the others still hear the event.
      }
    }
  };

  /** The header; on first use, a new one with the lock off (a device slot). */
  async function loadHeader(): Promise<VaultHeader> {
    const stored = await store.readHeader();
    if (stored) return stored;
    creating ??= (async () => {
      const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      const header: VaultHeader = {
        version: 1,
        revision: 1,
        keyId: crypto.randomUUID(),
        slots: [{ kind: 'device', id: crypto.randomUUID(), key }],
      };
      return store.createHeader(header);
    })().finally(() => {
      creating = undefined;
    });
    return creating;
  }

  async function requireLockOn(): Promise<VaultHeader> {
    const header = await store.readHeader();
    if (!header || deviceSlotOf(header)) throw new AppError('lock_not_on');
    return header;
  }

  /** Opens the passphrase slot, enforcing and counting the delay after failures. Returns the raw master key. */
  async function openWithPassphrase(header: VaultHeader, passphrase: string, now: number): Promise<Uint8Array<ArrayBuffer>> {
    const slot = passphraseSlotOf(header);
    if (!slot) throw new AppError('vault_corrupt', { reason: 'no_passphrase_slot' });
    const reserved = await store.reserveUnlockAttempt(now);
    if ('allowedAt' in reserved) {
      throw new AppError('unlock_delayed', { retryInSeconds: Math.ceil((reserved.allowedAt - now) / 1000) });
    }
    const raw = typeof passphrase === 'string' ? await (await loadKeySlots()).openPassphraseSlot(slot, passphrase) : undefined;
    if (!raw) throw new AppError('wrong_passphrase', { retryInSeconds: Math.ceil(unlockDelayMs(reserved.attempts.failed) / 1000) });
    await store.writeUnlockAttempts({ ...NO_UNLOCK_ATTEMPTS });
    return raw;
  }

  function setUnlocked(key: MasterKey, withLock: boolean): void {
    current = key;
    lockOn = withLock;
    emit('unlocked');
  }

  /** Decrypts every account of a snapshot with the device key (the lock is off). */
  async function openSnapshot(snapshot: VaultSnapshot): Promise<VaultAccount[]> {
    const device = snapshot.header && deviceSlotOf(snapshot.header);
    if (snapshot.header && !device) throw new AppError('lock_already_on');
    if (!device && snapshot.sealed.length > 0) throw new AppError('vault_corrupt', { reason: 'no_header' });
    const oldKey: MasterKey | undefined = device && snapshot.header ? { id: snapshot.header.keyId, key: device.key } : undefined;
    const opened = await Promise.all(
      snapshot.sealed.map((record) =>
        oldKey && record.keyId === oldKey.id ? openSealedAccount(record, oldKey) : Promise.resolve(undefined),
      ),
    );
    // Re-encrypting around a damaged record would drop it for good: refuse, and say how to clear it (finding 10).
    if (opened.some((account) => account === undefined)) {
      throw new AppError('accounts_damaged', { count: opened.filter((account) => account === undefined).length });
    }
    return [...(opened as VaultAccount[]), ...snapshot.unsealed];
  }

  /** The snapshot's group list sealed under `next`; refuses (`vault_corrupt`) to drop a list that does not open. */
  async function resealGroups(snapshot: VaultSnapshot, next: MasterKey): Promise<SealedGroupsRecord | undefined> {
    if (!snapshot.groups) return undefined;
    const device = snapshot.header && deviceSlotOf(snapshot.header);
    const groups = device && snapshot.header ? await openSealedGroups(snapshot.groups, { id: snapshot.header.keyId, key: device.key }) : undefined;
    if (!groups) throw new AppError('vault_corrupt', { reason: 'groups' });
    // Fetched when the lock is turned on (once per device), as vault-move is.
    const { sealGroups } = await import('./seal-groups');
    return sealGroups(groups, next);
  }

  async function replaceSlots(header: VaultHeader, slots: KeySlot[]): Promise<void> {
    await store.replaceHeader({ ...header, revision: header.revision + 1, slots }, header.revision);
  }

  return {
    async getMasterKey(options = {}) {
      if (current && current.id !== options.staleKeyId) return current;
      const header = await loadHeader();
      // Still the stored key: the caller's mismatch is its data's, not a re-key.
      if (current && current.id === header.keyId) return current;
      const wasUnlocked = current !== undefined;
      current = undefined;
      const device = deviceSlotOf(header);
      lockOn = device === undefined;
      if (device) {
        current = { id: header.keyId, key: device.key };
        return current;
      }
      if (wasUnlocked) emit('locked');
      throw new AppError('vault_locked');
    },

    async getStatus() {
      const header = await store.readHeader();
      const attempts = await store.readUnlockAttempts();
      lockOn = header !== undefined && deviceSlotOf(header) === undefined;
      return {
        lock: lockOn ? 'on' : 'off',
        unlocked: !lockOn || (current !== undefined && current.id === header?.keyId),
        passkeys: header && lockOn ? passkeySlotsOf(header).map(summarizePasskey) : [],
        unlockAllowedAt: lockOn ? nextUnlockAt(attempts) : 0,
        failedAttempts: lockOn ? attempts.failed : 0,
      };
    },

    async unlockWithPassphrase(passphrase, now) {
      const header = await requireLockOn();
      const raw = await openWithPassphrase(header, passphrase, now);
      setUnlocked({ id: header.keyId, key: await importMasterKey(raw) }, true);
    },

    async verifyPassphrase(passphrase, now) {
      const raw = await openWithPassphrase(await requireLockOn(), passphrase, now);
      raw.fill(0);
    },

    async getPasskeyUnlockOptions() {
      const header = await store.readHeader();
      if (!header || deviceSlotOf(header)) return { credentials: [] };
      return {
        credentials: passkeySlotsOf(header).map((slot) => ({ credentialId: slot.credentialId, prfSalt: new Uint8Array(slot.prfSalt) })),
      };
    },

    async unlockWithPasskey(result) {
      const header = await requireLockOn();
      const slot = passkeySlotsOf(header).find((candidate) => candidate.credentialId === result.credentialId);
      const raw = slot ? await (await loadKeySlots()).openPasskeySlot(slot, result.prfOutput) : undefined;
      if (!raw) throw new AppError('passkey_not_recognized');
      setUnlocked({ id: header.keyId, key: await importMasterKey(raw) }, true);
    },

    lock() {
      const wasUnlocked = current !== undefined;
      current = undefined;
      // With the lock off there is nothing to lock: the key is read again on next use.
      if (wasUnlocked && lockOn) emit('locked');
    },

    async enableLock(passphrase, now) {
      const keySlots: typeof import('./key-slots') = await loadKeySlots();
      keySlots.assertPassphraseStrength(passphrase);
      const existing = await store.readHeader();
      if (existing && !deviceSlotOf(existing)) throw new AppError('lock_already_on');
      const fresh = createMasterKeyBytes();
      let slot: PassphraseKeySlot;
      let key: CryptoKey;
      try {
        slot = await (await loadKeySlots()).createPassphraseSlot(fresh.raw, passphrase, { kdf, now });
        key = await importAesKey(fresh.raw);
      } finally {
        fresh.raw.fill(0);
      }
      const next: MasterKey = { id: fresh.id, key };
      for (let attempt = 1; ; attempt++) {
        const snapshot = await store.readSnapshot();
        const accounts = await openSnapshot(snapshot);
        const records = await Promise.all(accounts.map((account) => sealAccount(account, next)));
        const groups = await resealGroups(snapshot, next);
        const header: VaultHeader = { version: 1, revision: (snapshot.header?.revision ?? 0) + 1, keyId: next.id, slots: [slot] };
        try {
          await store.commitRekey(snapshot, { header, records, ...(groups ? { groups } : {}) });
          break;
        } catch (error) {
          if (!isAppError(error, 'vault_busy') || attempt >= REKEY_ATTEMPTS) throw error;
        }
      }
      await store.writeUnlockAttempts({ ...NO_UNLOCK_ATTEMPTS });
      setUnlocked(next, true);
      emit('changed');
    },

    async disableLock(passphrase, now) {
      const header = await requireLockOn();
      const raw = await openWithPassphrase(header, passphrase, now);
      const key = await importMasterKey(raw);
      await replaceSlots(header, [{ kind: 'device', id: crypto.randomUUID(), key }]);
      setUnlocked({ id: header.keyId, key }, false);
      emit('changed');
    },

    async changePassphrase(currentPassphrase, nextPassphrase, now) {
      const keySlots: typeof import('./key-slots') = await loadKeySlots();
      keySlots.assertPassphraseStrength(nextPassphrase);
      const header = await requireLockOn();
      const raw = await openWithPassphrase(header, currentPassphrase, now);
      let slot: PassphraseKeySlot;
      try {
        slot = await (await loadKeySlots()).createPassphraseSlot(raw, nextPassphrase, { kdf, now });
      } finally {
        raw.fill(0);
      }
      await replaceSlots(header, header.slots.map((existing) => (existing.kind === 'passphrase' ? slot : existing)));
      emit('changed');
    },

    async addPasskey(passkey, passphrase, now) {
      const header = await requireLockOn();
      const raw = await openWithPassphrase(header, passphrase, now);
      let slot: PasskeyKeySlot;
      try {
        slot = await (await loadKeySlots()).createPasskeySlot(raw, { ...passkey, now });
      } finally {
        raw.fill(0);
      }
      const others = header.slots.filter((existing) => !(existing.kind === 'passkey' && existing.credentialId === slot.credentialId));
      await replaceSlots(header, [...others, slot]);
      emit('changed');
      return summarizePasskey(slot);
    },

    async removePasskey(slotId) {
      const header = await requireLockOn();
      if (!header.slots.some((slot) => slot.kind === 'passkey' && slot.id === slotId)) return;
      await replaceSlots(header, header.slots.filter((slot) => slot.id !== slotId));
      emit('changed');
    },

    getSettings: () => store.readSettings(),

    async updateSettings(patch) {
      const next = { ...(await store.readSettings()), ...patch };
      await store.writeSettings(next);
      return next;
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
