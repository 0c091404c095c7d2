/**
 * The authenticator's vault: the account model, encryption at rest and the
 * passphrase lock, lock rules, backups, and every import/export format.
 * See README.md beside this file for the design and the file formats.
 */
export * from './account';
export * from './account-icon';
export { createVault, DEFAULT_VAULT_SETTINGS } from './vault';
export type {
  NewPasskey,
  PasskeySummary,
  PasskeyUnlockOptions,
  Vault,
  VaultEvent,
  VaultHeader,
  VaultKeyStore,
  VaultOptions,
  VaultSettings,
  VaultSnapshot,
  VaultStatus,
} from './vault';
export type { MasterKey, MasterKeyProvider } from './master-key';
export { createPasskeyPrfSalt, MIN_PASSPHRASE_LENGTH, assertPassphraseStrength } from './key-slots';
export type { KeySlot, KeySlotKind, PasskeyPrfResult } from './key-slots';
export { ARGON2ID_DEFAULTS, AEGIS_SCRYPT_PARAMS, type Argon2idParams, type ScryptParams } from './kdf';
export type { SealedAccountRecord } from './sealed-account';
export {
  AUTO_LOCK_OPTIONS,
  DEFAULT_AUTO_LOCK_MINUTES,
  MAX_UNLOCK_DELAY_MS,
  autoLockDeadline,
  msUntilAutoLock,
  nextUnlockAt,
  parseAutoLockMinutes,
  shouldLock,
  unlockDelayMs,
  type AutoLockInput,
  type AutoLockMinutes,
  type UnlockAttempts,
} from './lock-policy';
export { BACKUP_REMINDER_DAYS, countAccountsAddedSince, needsBackupReminder, type BackupReminderInput } from './backup-reminder';
export { detectImportFile, readImportFile, type ImportFileKind } from './import-file';
export { applyImport, previewImport, type DuplicateEntry, type ImportPreview, type ImportTarget } from './import-preview';
export { IMPORT_FORMATS, type ImportFormat, type MigrationBatch, type ParsedImport, type UnreadableEntry } from './formats/types';
export { exportAcmeBackup, parseAcmeBackup, ACME_BACKUP_FORMAT, type AcmeBackupFile, type AcmeBackupOptions } from './formats/acme-backup';
export { exportOtpauthList, parseOtpauthList } from './formats/otpauth-list';
export { exportAegisJson, parseAegisJson, type AegisExportOptions } from './formats/aegis';
export { parseTwoFasJson } from './formats/twofas';
export {
  MIGRATION_BATCH_LIMIT,
  addMigrationBatch,
  exportMigrationUris,
  mergeMigrationBatches,
  parseMigrationUri,
  type MigrationExport,
  type MigrationProgress,
} from './formats/google-migration';
