/**
 * The messages of sync (issue: end-to-end encrypted sync), kept apart from
 * `shared/errors.ts` like the import formats' so the authenticator's first
 * load, which may never sync, does not carry them. Every module of
 * shared/sync that raises one takes `AppError` from here, so they are
 * registered before the first is made. No message holds a passphrase, a
 * pairing code, a key or a credential: they are built from `details` only.
 */
import { formatCount, registerErrorMessages, type AppErrorMessage } from '../errors';

export { AppError } from '../errors';

/** How a message names the kind of synced document at fault. */
function kindName(kind: unknown): string {
  return kind === 'groups' ? 'group list' : kind === 'keyring' ? 'sync key' : 'account';
}

/** Messages of the sync codes. */
export const SYNC_ERROR_MESSAGES = {
  sync_wrong_passphrase: () =>
    'That sync passphrase does not open the key stored on the sync server. Type the sync passphrase chosen when sync was turned on (it may differ from the passphrase that locks this app), checking Caps Lock and the keyboard language. If you are sure it is right, pair this device with a QR code from a device that already syncs instead.',
  sync_document_corrupt: ({ kind, reason }) =>
    reason === 'version'
      ? `A synced ${kindName(kind)} was written by a newer version of the app. Update the app on this device; nothing was changed meanwhile.`
      : reason === 'other_key'
        ? `A synced ${kindName(kind)} is encrypted with another sync key (sync may have been set up again on another device). Turn sync off and on again on this device with the current sync passphrase or a pairing QR code; your accounts on this device are kept.`
        : `A synced ${kindName(kind)} could not be opened: it is damaged or was altered on the server. It was left out and nothing on this device was changed. If it keeps happening, ask whoever runs the sync server to check it.`,
  sync_limit_exceeded: ({ limit, max }) =>
    limit === 'kdf'
      ? 'The key stored on the sync server asks for more memory or time than this app allows, so it was not opened (it may have been altered). Pair this device with a QR code from a device that already syncs instead.'
      : limit === 'pairing_size'
        ? `This pairing QR code holds more than ${typeof max === 'number' ? `${formatCount(max)} characters` : 'the limit'}, so it is not one this app made. On the device that syncs, show a new pairing code and scan it.`
        : `This synced item is larger than ${typeof max === 'number' ? `${formatCount(Math.round(max / 1024))} KB` : 'the limit'}, so it was not ${
            limit === 'document_size_write' ? 'sent' : 'opened'
          }. Shorten the note or choose a smaller icon, then try again.`,
  pairing_code_wrong: () =>
    'The pairing code does not open this QR code. Type the code shown under the QR code on the other device (10 letters and digits; O and 0, I, L and 1 count the same). If it still fails, show a new pairing code there and scan it again.',
  pairing_expired: ({ reason }) =>
    reason === 'clock'
      ? "This pairing code is dated in the future, so one of the devices' clocks is wrong. Set both devices to the right time automatically, then show a new pairing code and scan it."
      : 'This pairing code has expired: a code works for 5 minutes. On the device that syncs, show a new pairing code and scan it.',
  pairing_invalid: ({ reason }) =>
    reason === 'version'
      ? 'This pairing QR code was made by a newer version of the app. Update the app on this device, then scan it again.'
      : 'This QR code is not a pairing code of this app, or it was read incompletely. On the device that syncs, open Sync → Add a device, and scan the code it shows.',
} satisfies Record<string, AppErrorMessage>;

/** The sync error codes. */
export type SyncErrorCode = keyof typeof SYNC_ERROR_MESSAGES;

registerErrorMessages(SYNC_ERROR_MESSAGES);
