/**
 * Typed application errors: one class carrying a code and details, and one
 * table of code -> message, so wording changes in one place (modeled on
 * Workbox's WorkboxError and its messages table).
 *
 * To add a code: add one entry to `APP_ERROR_MESSAGES`. The `AppErrorCode`
 * union is derived from the table's keys, so the type follows automatically.
 *
 * Messages must tell a person what is wrong (naming the field) and what to do.
 * They are built only from `details`, and callers never put a secret into
 * `details`; `value` is for short, non-secret input such as `digits=5`.
 */
import { sanitizeAccountText } from './otp/account-text';
import { isQrContentKind, QR_CONTENT_DESCRIPTIONS } from './qr/qr-content-kind';
import type { PORTAL_ERROR_MESSAGES } from './portal/portal-errors';
import type { IMPORT_ERROR_MESSAGES } from './vault/import-errors';
import type { LAUNCH_ERROR_MESSAGES } from './launch-errors';
import type { SYNC_ERROR_MESSAGES } from './sync/sync-errors';

/**
 * Facts about the fault that the message may mention. Plain data only, so an
 * error can cross extension messaging as `{ code, message, details }`.
 */
export interface AppErrorDetails {
  /** The field at fault as the user knows it: `secret`, `digits`, `label`... */
  readonly field?: string;
  /** The offending non-secret value, as given (shortened in messages). */
  readonly value?: string | number;
  /** Anything else a message needs. */
  readonly [key: string]: string | number | boolean | undefined;
}

/** Builds the user-facing message for one code from its details. */
export type AppErrorMessage = (details: AppErrorDetails) => string;

/** Longest value quoted back to the user; longer input is cut with an ellipsis. */
const MAX_QUOTED_LENGTH = 24;

/** Quotes a short, non-secret value for a message, shortening long input; invisible and bidi controls removed, so it cannot reorder the message. */
export function quoteValue(value: string | number | undefined): string {
  const text = sanitizeAccountText(String(value ?? ''));
  const short = text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
  return `"${short}"`;
}

/** "45 seconds", "1 minute", "2 minutes": how long to wait, rounded up to whole seconds or minutes. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) {
    const whole = Math.max(1, Math.ceil(seconds));
    return `${whole} second${whole === 1 ? '' : 's'}`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

/** "10,000": a whole number with thousands separators. */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/** "10 MB": a byte count for a message, in binary megabytes (as the caps are set). */
export function formatBytes(value: string | number | boolean | undefined): string {
  return typeof value === 'number' ? `${formatCount(Math.round(value / (1024 * 1024)))} MB` : 'the limit';
}

/** How `input_too_long` names each capped field, and what to do about it. */
const LIMITED_FIELDS: Readonly<Record<string, { name: string; advice: string }>> = {
  uri: { name: 'link', advice: 'Paste only the otpauth:// link, or scan its QR code instead.' },
  secret: { name: 'secret key', advice: 'Check that you copied only the key the service shows, and nothing around it.' },
  issuer: { name: 'issuer (service name)', advice: 'Use a shorter name for the service.' },
  label: { name: 'account name', advice: 'Use a shorter account name, such as your email or user name.' },
  note: { name: 'note', advice: 'Shorten the note.' },
  groupName: { name: 'group name', advice: 'Use a shorter group name.' },
};

/**
 * The table of user-facing messages, keyed by error code, for every code but
 * the portal's (`shared/portal/portal-errors.ts`), the import and export
 * formats' (`shared/vault/import-errors.ts`), the authenticator's launches'
 * (`shared/launch-errors.ts`) and sync's (`shared/sync/sync-errors.ts`): those modules add theirs with
 * {@link registerErrorMessages} when the code that raises them loads, so
 * the authenticator's first load does not carry them.
 */
const APP_ERROR_MESSAGES = {
  // `kind` (shared/qr/qr-content-kind.ts) names what pasted text holds instead; the text itself is never repeated.
  not_otpauth_uri: ({ kind }) =>
    `${
      isQrContentKind(kind) && kind !== 'text' ? `This text holds ${QR_CONTENT_DESCRIPTIONS[kind]}, not an otpauth:// link.` : 'This is not an otpauth:// link.'
    } Scan the QR code again, or paste the whole link, which starts with "otpauth://".`,
  unsupported_type: ({ value }) =>
    value === undefined || value === ''
      ? 'The link does not say its type. After "otpauth://" it needs "totp" (time-based codes) or "hotp" (counter-based codes).'
      : `The link's type ${quoteValue(value)} is not supported; only "totp" (time-based), "hotp" (counter-based) and "steam" are. Ask the service for a standard authenticator QR code.`,
  steam_params_fixed: ({ field, value }) =>
    `Steam Guard always uses SHA1, 5 characters and 30 seconds, not the ${field ?? 'settings'} ${quoteValue(value)}. Keep Steam's.`,
  missing_secret: () =>
    'The secret key is missing. Enter the secret key the service shows next to its QR code (letters A–Z and digits 2–7).',
  secret_not_base32: ({ reason, position }) =>
    reason === 'length'
      ? 'The secret key has a character too many or too few. Compare it with the key the service shows and correct it.'
      : `The secret key may contain only the letters A–Z and the digits 2–7${
          typeof position === 'number' ? ` (character ${position} is not one of them)` : ''
        }. Check it for typos such as 0 for O, 1 for I or 8 for B.`,
  digits_out_of_range: ({ value }) =>
    `The digits setting${value === undefined ? '' : ` ${quoteValue(value)}`} is not allowed: codes must be a whole number of 6 to 10 digits. Use the number of digits the service specifies (usually 6).`,
  period_invalid: ({ value }) =>
    `The period${value === undefined ? '' : ` ${quoteValue(value)}`} is not valid: it must be a positive whole number of seconds. Use the period the service specifies (usually 30).`,
  unsupported_algorithm: ({ value }) =>
    `The algorithm${value === undefined ? '' : ` ${quoteValue(value)}`} is not supported. Use SHA1, SHA256 or SHA512, as the service specifies (usually SHA1).`,
  missing_counter: () =>
    'A counter-based (hotp) link needs a counter parameter. Ask the service for the current counter, usually "counter=0".',
  counter_invalid: ({ value }) =>
    `The counter${value === undefined ? '' : ` ${quoteValue(value)}`} is not valid: it must be a whole number, 0 or more. Use the counter the service specifies.`,
  input_too_long: ({ field, limit }) => {
    const { name, advice } = LIMITED_FIELDS[String(field)] ?? { name: 'text', advice: 'Use shorter text.' };
    const most = typeof limit === 'number' ? `: it may have at most ${limit.toLocaleString('en-US')} characters` : '';
    return `The ${name} is too long${most}. ${advice}`;
  },
  label_invalid: ({ field, reason }) => {
    const name = field === 'issuer' ? 'issuer' : 'account label';
    return reason === 'empty'
      ? 'The link names neither an issuer nor an account label. Add a label such as "Example:alice@example.com", or an issuer.'
      : `The ${name} contains a broken escape sequence or invalid characters. Scan the QR code again, or retype the ${name}.`;
  },
  time_invalid: ({ field }) =>
    `The time${field ? ` (${field})` : ''} must be a number of milliseconds since 1970, not before it. Check the device clock.`,
  window_invalid: ({ value }) =>
    `The verification window${value === undefined ? '' : ` ${quoteValue(value)}`} must be a whole number of steps from 0 to 1000.`,
  storage_open_failed: () =>
    'Your saved data could not be opened. Close other tabs of this app and reload. If it happens again, the browser may be in private mode or its storage may be turned off for this site.',
  storage_read_failed: () => 'Your saved data could not be read. Reload the page and try again.',
  storage_write_failed: () =>
    'The change could not be saved, and nothing you had saved was changed. Try again; if it keeps failing, reload the page.',
  storage_quota_exceeded: () =>
    'The device is out of storage space, so the change was not saved; everything saved before is intact. Free some space (or allow this site more storage) and try again.',
  account_not_found: () => 'That account no longer exists; it may have been deleted in another tab. Reload to see the current list.',

  // Adding an account to the authenticator (pwa/app/add): by camera, from an image, a link or the typed key.
  no_qr_found: () =>
    'No QR code found in this image. Use a screenshot or photo where the whole QR code is sharp and visible, or paste the link or type the key instead.',
  // Names the kind of code, never its content: a Wi-Fi code holds a password, a contact card a phone number (issue 14).
  qr_not_otpauth: ({ kind }) =>
    `This QR code holds ${isQrContentKind(kind) ? QR_CONTENT_DESCRIPTIONS[kind] : 'something else'}, not an authenticator account. Use the QR code the service shows when you turn on two-factor authentication.`,
  image_unreadable: () =>
    'This file could not be opened as an image. Choose a PNG, JPEG, WebP or GIF picture of the QR code.',
  camera_denied: () =>
    'Camera access was refused, so the QR code cannot be scanned. Allow the camera for this site in the browser settings, or add the account from an image, a link or the key.',
  camera_unavailable: ({ reason }) =>
    reason === 'busy'
      ? 'The camera could not be started; another app may be using it. Close that app and try again, or add the account from an image, a link or the key.'
      : reason === 'insecure'
        ? 'The camera can only be used on a secure (https://) page. Open the app over https://, or add the account from an image, a link or the key.'
        : 'No camera found on this device. Add the account from an image of the QR code, by pasting its link, or by typing the key.',
  qr_reader_unavailable: () =>
    'The QR code reader could not be loaded (the app may have just been updated). Reload the app and try again, or paste the link or type the key.',
  account_name_missing: () =>
    'Enter an account name (such as your email or user name) or the service, so you can tell this account apart from others.',

  // Account icons (issue 12).
  icon_image_too_large: ({ max }) =>
    `This image is still larger than ${typeof max === 'number' ? `${Math.round(max / 1024)} KB` : 'the limit'} once made small. Choose a simpler picture (a logo rather than a photo), or use an icon from the list.`,
  icon_file_too_large: ({ max }) =>
    `This file is larger than ${typeof max === 'number' ? formatBytes(max) : 'the limit'}, the most this app reads for an icon. Choose a smaller picture (a logo or a screenshot of one).`,
  icon_image_unreadable: () =>
    'This file is not an image this app can read. Choose a PNG, JPEG, WebP or GIF picture, or use an icon from the list.',
  // The vault (shared/vault): the passphrase lock, key slots and encryption at rest.
  vault_locked: () => 'The app is locked. Unlock it with your passphrase (or passkey) to see your accounts and codes.',
  wrong_passphrase: ({ retryInSeconds }) =>
    `That passphrase is not correct. Check Caps Lock and the keyboard language, then try again${
      typeof retryInSeconds === 'number' && retryInSeconds > 0 ? ` in ${formatSeconds(retryInSeconds)}` : ''
    }. Your accounts are safe.`,
  unlock_delayed: ({ retryInSeconds }) =>
    `Too many wrong passphrases in a row. Wait ${
      typeof retryInSeconds === 'number' ? formatSeconds(retryInSeconds) : 'a moment'
    }, then try again. Your accounts are safe; nothing was deleted.`,
  passphrase_too_short: ({ field, min }) =>
    `Choose a ${field === 'password' ? 'password' : 'passphrase'} of at least ${
      typeof min === 'number' ? min : 8
    } characters. A few unrelated words are easy to remember and hard to guess.`,
  passkey_not_recognized: () =>
    'This passkey does not unlock the app on this device (it may have been removed in Settings). Unlock with your passphrase instead.',
  vault_corrupt: () =>
    'Some saved accounts could not be decrypted: the stored data is damaged or was altered. Nothing was shown or overwritten. Restore your accounts from a backup, or keep this data as it is and ask for help.',
  accounts_damaged: ({ count }) => {
    const n = typeof count === 'number' ? count : 1;
    const them = n === 1 ? 'it' : 'them';
    return `${n === 1 ? 'One saved account' : `${n} saved accounts`} could not be decrypted: the stored data is damaged or was altered. Nothing was changed, because re-encrypting would leave ${them} out for good. Delete the damaged ${n === 1 ? 'entry' : 'entries'} at the top of your list, or restore ${them} from a backup (Settings → Import), then try again.`;
  },
  lock_already_on: () => 'The passphrase lock is already on. To choose a new passphrase, use "Change passphrase" in Settings.',
  lock_not_on: () => 'The passphrase lock is off, so there is no passphrase to check or change. Turn the lock on in Settings first.',
  account_changed: ({ issuer, label }) =>
    `Your change was not saved: this account was changed in another tab or window and is now named "${[issuer, label]
      .filter(Boolean)
      .join(' — ')}". Check the current values, then make your change again.`,
  group_name_missing: () => 'Type a name for the group.',
  group_name_taken: ({ name }) => `There is already a group named ${quoteValue(String(name ?? ""))}. Choose another name.`,
  group_not_found: () => 'This group no longer exists (deleted in another tab?). Close this and look again.',
  groups_too_many: ({ max }) =>
    `You can have at most ${typeof max === 'number' ? max : 'this many'} groups. Delete a group you no longer use, then try again.`,
  vault_busy: () =>
    'Another tab or window of this app changed the lock settings at the same moment, so nothing was changed here. Try again.',

  // The PWA's lock, backup and import screens (pwa/app/vault).
  passphrase_mismatch: ({ field }) =>
    `The two ${field === 'password' ? 'passwords' : 'passphrases'} are not the same. Type the same one in both fields.`,
  passkey_unsupported: () =>
    'This browser or passkey cannot unlock the app (it lacks the WebAuthn PRF extension). Use your passphrase, or try a passkey stored in another password manager.',
  passkey_cancelled: () => 'The passkey was not used (the request was cancelled or timed out). Try again, or use your passphrase.',

} satisfies Record<string, AppErrorMessage>;

/** Every error code the application raises; one per entry of a message table. */
export type AppErrorCode =
  | keyof typeof APP_ERROR_MESSAGES
  | keyof typeof PORTAL_ERROR_MESSAGES
  | keyof typeof IMPORT_ERROR_MESSAGES
  | keyof typeof LAUNCH_ERROR_MESSAGES
  | keyof typeof SYNC_ERROR_MESSAGES;

/** The message tables known in this bundle: this module's, and any registered. */
const messageTables: Array<Readonly<Record<string, AppErrorMessage>>> = [APP_ERROR_MESSAGES];

/** Adds a table of messages (the portal's); called once by the module that holds it. */
export function registerErrorMessages(table: Readonly<Record<string, AppErrorMessage>>): void {
  if (!messageTables.includes(table)) messageTables.push(table);
}

function messageFor(code: unknown): AppErrorMessage | undefined {
  const table = messageTables.find((candidate) => typeof code === 'string' && Object.prototype.hasOwnProperty.call(candidate, code));
  return table?.[code as string];
}

/** Every error code known in this bundle, in table order (for tests and exhaustive UI mappings). */
export function appErrorCodes(): AppErrorCode[] {
  return messageTables.flatMap((table) => Object.keys(table)) as AppErrorCode[];
}

/**
 * Returns the user-facing message for a code and its details. Never throws:
 * an unknown code (e.g. from an older build over messaging) gets a generic text.
 */
export function formatAppErrorMessage(code: AppErrorCode, details: AppErrorDetails = {}): string {
  const message = messageFor(code);
  return message ? message(details) : `Something went wrong (${String(code)}).`;
}

/**
 * The one error class of the application: a machine-readable `code`, the
 * `details` that explain it, and a `message` a person can act on.
 */
export class AppError extends Error {
  /** What went wrong, stable across wording changes; tests and UI switch on it. */
  readonly code: AppErrorCode;
  /** Facts behind the message, e.g. `{ field: 'digits', value: 5 }`; never a secret. */
  readonly details: AppErrorDetails;

  /**
   * @param code What went wrong.
   * @param details Facts the message may mention; never include a secret.
   * @param options Standard error options, e.g. the `cause`.
   */
  constructor(code: AppErrorCode, details: AppErrorDetails = {}, options?: ErrorOptions) {
    super(formatAppErrorMessage(code, details), options);
    this.name = 'AppError';
    this.code = code;
    this.details = Object.freeze({ ...details });
  }
}

/** Returns whether a string is one of the known error codes. */
export function isAppErrorCode(value: unknown): value is AppErrorCode {
  return messageFor(value) !== undefined;
}

/**
 * Returns whether `e` is an AppError, optionally with the given code.
 * Also recognises an AppError from another copy of this module (another
 * bundle or realm) by its name and a known code.
 */
export function isAppError(e: unknown, code?: AppErrorCode): e is AppError {
  const looksLikeAppError =
    e instanceof AppError ||
    (e instanceof Error && e.name === 'AppError' && isAppErrorCode((e as { code?: unknown }).code));
  return looksLikeAppError && (code === undefined || (e as AppError).code === code);
}
