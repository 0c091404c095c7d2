/**
 * The messages of moving accounts in and out (the import and export formats,
 * their caps, the import and export screens), kept apart from
 * `shared/errors.ts` so that the authenticator's first load, which never
 * imports or exports, does not carry them. Every module that raises one
 * takes `AppError` from here, so they are registered before the first is made.
 */
import { formatBytes, formatCount, quoteValue, registerErrorMessages, type AppErrorMessage } from '../errors';

export { AppError } from '../errors';

/** How a message names an import/export format (the `format` detail of vault errors). */
const FORMAT_NAMES: Readonly<Record<string, string>> = {
  'acme-backup': 'backup file',
  'otpauth-list': 'list of otpauth:// links',
  aegis: 'Aegis file',
  'google-migration': 'Google Authenticator transfer code',
  '2fas': '2FAS file',
  andotp: 'andOTP file',
  bitwarden: 'Bitwarden export',
  'freeotp-plus': 'FreeOTP+ file',
  freeotp: 'FreeOTP backup',
  proton: 'Proton Authenticator file',
  ente: 'Ente Auth file',
  'authenticator-pro': 'Authenticator Pro (Stratum) file',
  'steam-maf': 'Steam Desktop Authenticator .maFile',
};

/** The name of a format for a message ("Aegis file"); "file" for an unknown one. */
function formatName(format: string | number | boolean | undefined): string {
  return (typeof format === 'string' && FORMAT_NAMES[format]) || 'file';
}

/** Messages of the import and export codes. */
export const IMPORT_ERROR_MESSAGES = {
  import_password_required: ({ format }) =>
    `This ${formatName(format)} is encrypted. Enter the password that was chosen when it was exported.`,
  backup_wrong_password: ({ format, headerless }) =>
    `The password does not open this ${formatName(format)}. Enter the password chosen when it was exported${
      format === 'acme-backup' ? ' (unless another was chosen, your passphrase at that time)' : ''
    }. Nothing was imported.${headerless ? ' If this file is not an andOTP backup, this app cannot import it.' : ''}`,
  import_unrecognized_format: () =>
    'This file is not one this app can import. It reads backups from this app; exports from Aegis, 2FAS, andOTP, Bitwarden, FreeOTP+, FreeOTP, Proton Authenticator, Ente Auth, Authenticator Pro (Stratum) and Steam Desktop Authenticator; Google Authenticator transfer codes; and text files of otpauth:// links. Under “Moving from another app?”, pick the app you are leaving to see how to export from it.',
  import_corrupt: ({ format }) =>
    `This ${formatName(format)} is damaged or incomplete (it may have been cut short or altered), so nothing was imported. Export it again from the app it came from.`,
  import_unsupported: ({ format, reason }) =>
    reason === 'openpgp'
      ? 'This andOTP backup is OpenPGP-encrypted, which this app cannot open. In andOTP, make a backup with password encryption (.json.aes) or a plain one (.json) instead.'
      : reason === 'encrypted_export'
      ? 'This Bitwarden export is encrypted, which this app cannot open. In Bitwarden, export as .json or .csv without encryption, import that, then delete it: it holds your passwords in the clear.'
      : reason === 'no_password_slot'
      ? 'This Aegis file can only be opened with fingerprint unlock on the phone that made it. In Aegis, export again with a password, or without encryption.'
      : reason === 'memory'
        ? `Opening this ${formatName(format)} needs more memory than this browser gives the app. Open it on a computer, or export it again without encryption. Nothing was imported.`
      : reason === 'version'
        ? `This ${formatName(format)} was made by a newer version than this app understands. Export it again in an older format, or without encryption.`
        : reason === 'sda_encrypted'
          ? 'This .maFile is encrypted with a key kept in another file. In Steam Desktop Authenticator, remove the encryption ("Manage encryption"), then import the .maFile again.'
        : format === 'freeotp'
          ? "This FreeOTP backup uses encryption this app cannot read. In FreeOTP, show each account's QR code and scan it here."
          : `This ${formatName(format)} uses a feature this app cannot read. Export it again without encryption.`,
  entry_type_unsupported: ({ value }) =>
    `This entry uses ${quoteValue(value)} codes, which this app cannot generate (only standard time-based and counter-based codes). Keep it in the app it came from.`,
  entry_in_trash: () =>
    "This entry is in Ente Auth's trash, so it was left out. To bring it over, restore it in Ente Auth and export again.",
  entry_field_invalid: ({ field }) =>
    `This entry's ${typeof field === 'string' && field !== '' ? field : 'data'} is missing or not valid, so it could not be read. Check it in the app it came from.`,
  export_not_representable: ({ format, field, value }) =>
    field === 'type' && value === 'steam'
      ? `A ${formatName(format)} cannot carry Steam Guard codes. Use another format for this account.`
      : `This account cannot be put into a ${formatName(format)}: its ${field ?? 'settings'}${
          value === undefined ? '' : ` ${quoteValue(value)}`
        } cannot be expressed there (only 6 or 8 digits and 30-second codes can). Use another export format for it.`,
  export_empty: () => 'There are no accounts to export yet. Add an account first.',
  migration_other_export: ({ scanned, total }) =>
    `This QR code belongs to another Google Authenticator export. Scan the remaining codes of the current one${
      typeof scanned === 'number' && typeof total === 'number' ? ` (${scanned} of ${total} scanned)` : ''
    }, or start over.`,
  import_limit_exceeded: ({ format, limit, max }) => {
    const what = formatName(format);
    const most = typeof max === 'number' ? formatCount(max) : '';
    switch (limit) {
      case 'file_size':
        return `This file is larger than ${formatBytes(max)}, the most this app imports; an export of thousands of accounts is far smaller. Check that you chose the right file. Nothing was imported.`;
      case 'entries':
        return `This ${what} holds more than ${most} entries, the most one import takes. Check that it is the right file, or export fewer accounts at a time. Nothing was imported.`;
      case 'vault_accounts':
        return `Importing this ${what} would take your list past ${most} accounts, the most this app keeps. Delete accounts you no longer use, or import fewer. Nothing was imported.`;
      case 'batch_size':
        return `This ${what} says its export has more than ${most} QR codes, the most this app accepts (Google's exports have a handful). It may have been altered: in Google Authenticator, choose Transfer accounts → Export accounts again. Nothing was imported.`;
      case 'kdf_iterations':
        return `This ${what} asks for more than ${most} password-hashing rounds (PBKDF2 iterations), the most this app runs. It may have been altered: export it again from the app it came from. Nothing was imported.`;
      case 'password_slots':
        return `This ${what} has more than ${most} password slots, the most this app tries (Aegis writes one or two). It may have been altered: export it again from Aegis. Nothing was imported.`;
      default:
        return `This ${what} asks for a password key derivation costlier than this app runs (more than ${formatBytes(max)} of memory, or more than ${
          format === 'ente' ? 'the work Ente Auth' : format === 'aegis' ? 'four times the work Aegis' : 'four times the work this app'
        } writes). It may have been altered: export it again from the app it came from. Nothing was imported.`;
    }
  },
  import_cancelled: () => 'The import was cancelled, so nothing was imported. Choose the file again when you are ready.',
  migration_batch_invalid: ({ field, value }) =>
    `This Google Authenticator transfer code is not valid: its ${field === 'batch_index' ? 'position in the export' : 'number of codes'} (${quoteValue(
      value,
    )}) is impossible. It may have been altered: in Google Authenticator, choose Transfer accounts → Export accounts again. Nothing was imported.`,
} satisfies Record<string, AppErrorMessage>;

registerErrorMessages(IMPORT_ERROR_MESSAGES);
