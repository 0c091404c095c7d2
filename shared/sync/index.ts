/**
 * End-to-end encrypted sync, engine-agnostic: what a synced document holds,
 * how two versions merge, how the master key travels (keyring, pairing QR).
 * The PouchDB adapter (pwa/sync/) calls this API and holds no rule of its
 * own. See README.md beside this file.
 */
export * from './stamp';
export * from './position';
export * from './synced-account';
export * from './synced-groups';
export * from './sync-document';
export * from './sync-limits';
export * from './merge';
export * from './account-edits';
export * from './group-edits';
export * from './views';
export * from './keyring';
export * from './pairing-code';
export * from './pairing';
export { SYNC_ERROR_MESSAGES, type SyncErrorCode } from './sync-errors';
