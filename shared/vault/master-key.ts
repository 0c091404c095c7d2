/**
 * The unlocked master key, as the account repository asks for it. The vault
 * ({@link ./vault.ts}) provides it; tests may provide a fixed one.
 */

/** The master key of the vault while it is unlocked. */
export interface MasterKey {
  /** Random id of this master key; each sealed record names the key it was sealed with. */
  id: string;
  /** AES-256-GCM key, non-extractable. */
  key: CryptoKey;
}

/** Gives the repository the unlocked master key. */
export interface MasterKeyProvider {
  /**
   * Resolves to the master key, or rejects with AppError `vault_locked`.
   *
   * @param options `staleKeyId`: the id of a key the caller found out of date
   *   (the stored vault was re-keyed, e.g. by another tab); the provider drops
   *   it and reads the current one (with the lock on, that means locking).
   */
  getMasterKey(options?: { staleKeyId?: string }): Promise<MasterKey>;
}

/** Makes a fresh random master key: its 32 raw bytes (to wrap into slots; zero them after) and its id. */
export function createMasterKeyBytes(): { id: string; raw: Uint8Array<ArrayBuffer> } {
  return { id: crypto.randomUUID(), raw: crypto.getRandomValues(new Uint8Array(32)) };
}
