/**
 * The import dialog's "Moving from another app?" guide (issue 13), as data:
 * for each app people leave, how to export from it (its menu names, as its
 * published source or documentation shows them), which of its exports this
 * app reads, and what survives the move. The dialog is lazy, so this text
 * is fetched with it and never weighs on the first paint.
 *
 * Whatever app is picked, a file is still recognised by its content
 * (`shared/vault/import-file.ts`); the guide only helps find the export.
 */
import { FORMAT_CARRIES, type ImportFormat, type OrganisingField } from '../../../shared/vault/formats/types';

/**
 * How an app's accounts reach this one: a file chosen with the file button,
 * QR codes scanned with the camera (Google Authenticator), or no export at
 * all (Authy), where only advice is shown.
 */
export type ImportRoute = 'file' | 'scan' | 'none';

/** One app of the guide. */
export interface ImportSource {
  /** Stable id, for tests and keys. */
  id: string;
  /** The app's name as people know it. */
  name: string;
  /** The formats of its exports that this app reads, the usual one first; empty when it has no export. */
  formats: readonly ImportFormat[];
  /** How its accounts reach this app. */
  route: ImportRoute;
  /** How to export from it, one short step each, with its menu names. */
  steps: readonly string[];
  /** Which of its exports this app reads ("encrypted or plain"); absent when it has no export. */
  reads?: string;
  /** For an app with no export: what to do instead, one step each. */
  advice?: readonly string[];
  /** Another way out of the app, shown after the steps. */
  note?: string;
}

/** Every app of the guide, in the order the list shows them. */
export const IMPORT_SOURCES: readonly ImportSource[] = Object.freeze([
  {
    id: 'aegis',
    name: 'Aegis',
    formats: ['aegis', 'otpauth-list'],
    route: 'file',
    steps: [
      'In Aegis, open Settings → Import & Export → Export.',
      'Choose the format Aegis (.JSON). Keep “Encrypt the vault” on and remember the password, or turn it off.',
      'Save the file, then choose it here.',
    ],
    reads: 'Aegis (.JSON) encrypted or plain, and Text file (.TXT).',
  },
  {
    id: '2fas',
    name: '2FAS',
    formats: ['2fas'],
    route: 'file',
    steps: [
      'In 2FAS, open Settings → 2FAS Backup → Export.',
      'Set a password for the file or leave it off, then export it to a file (it ends in .2fas).',
      'Choose that file here.',
    ],
    reads: '.2fas files, with or without a password.',
  },
  {
    id: 'google-authenticator',
    name: 'Google Authenticator',
    formats: ['google-migration'],
    route: 'scan',
    steps: [
      'Google Authenticator exports QR codes, not a file.',
      'In Google Authenticator, open the menu → Transfer accounts → Export accounts, and choose the accounts.',
      'Tap Scan QR codes below and scan each code it shows, one after another.',
    ],
    reads: 'Its transfer QR codes (otpauth-migration://).',
  },
  {
    id: 'andotp',
    name: 'andOTP',
    formats: ['andotp'],
    route: 'file',
    steps: [
      'In andOTP, open the menu → Backups.',
      'Choose Backup (encrypted) and remember its password, or Backup (plain-text).',
      'Choose the saved file here.',
    ],
    reads: 'Encrypted (password) and plain-text backups; not OpenPGP backups.',
  },
  {
    id: 'bitwarden',
    name: 'Bitwarden',
    formats: ['bitwarden'],
    route: 'file',
    steps: [
      'In the Bitwarden web app, open Tools → Export vault.',
      'Choose the file format .json or .csv, not an encrypted one.',
      'Choose the exported file here. Only logins with an authenticator key become accounts.',
    ],
    reads: '.json and .csv exports; not encrypted exports.',
  },
  {
    id: 'freeotp-plus',
    name: 'FreeOTP+',
    formats: ['freeotp-plus', 'otpauth-list'],
    route: 'file',
    steps: ['In FreeOTP+, open the menu (⋮) → Export → Export JSON format.', 'Save the file, then choose it here.'],
    reads: 'Export JSON format, and Export key URI format.',
  },
  {
    id: 'freeotp',
    name: 'FreeOTP',
    formats: ['freeotp'],
    route: 'file',
    steps: [
      'In FreeOTP 2, open the menu → Backup.',
      'Save the backup file. It is encrypted with the backup password you set in FreeOTP: have it at hand.',
      'Choose the file here.',
    ],
    reads: 'FreeOTP 2 backups, with their backup password.',
  },
  {
    id: 'proton',
    name: 'Proton Authenticator',
    formats: ['proton'],
    route: 'file',
    steps: ['In Proton Authenticator, open Settings → Export.', 'Save the .json file, then choose it here.'],
    reads: 'Its .json export.',
  },
  {
    id: 'ente',
    name: 'Ente Auth',
    formats: ['ente'],
    route: 'file',
    steps: [
      'In Ente Auth, open Settings → Data → Export codes.',
      'Choose Encrypted and set a password, or Plain text.',
      'Save the file, then choose it here.',
    ],
    reads: 'Encrypted and plain-text exports.',
  },
  {
    id: 'authenticator-pro',
    name: 'Authenticator Pro (Stratum)',
    formats: ['authenticator-pro', 'otpauth-list'],
    route: 'file',
    steps: [
      'In Stratum (formerly Authenticator Pro), open the main menu → Back up.',
      'Choose Back up to encrypted file. Set a password, or leave it empty for a plain file.',
      'Choose the saved file here.',
    ],
    reads: 'Backup files encrypted or plain, and URI list files.',
  },
  {
    id: 'steam',
    name: 'Steam Desktop Authenticator',
    formats: ['steam-maf'],
    route: 'file',
    steps: [
      'Steam Desktop Authenticator keeps each account in a .maFile, in the maFiles folder next to the program.',
      'If it is encrypted, open Manage Encryption in Steam Desktop Authenticator and remove the passkey first.',
      'Choose the .maFile here.',
    ],
    reads: 'Unencrypted .maFile files.',
    note: 'The Steam mobile app has no export. To move its Steam Guard: have your revocation code at hand, remove the authenticator in the Steam app, set it up again in Steam Desktop Authenticator, then choose its .maFile here.',
  },
  {
    id: 'authy',
    name: 'Authy',
    formats: [],
    route: 'none',
    steps: [
      'Authy cannot export your accounts: Twilio does not allow it.',
      'The tools that decrypted the Authy desktop app’s data no longer work, since Authy ended its desktop apps in 2024.',
    ],
    advice: [
      'Move each account by hand: sign in to the service with a code from Authy, turn two-factor authentication off, then on again.',
      'Or, if the service can show the account’s QR code or setup key again (usually in its security settings), open it there.',
      'Add the account in this app with Add account (scan the QR code, or type the key), and check a code before removing it from Authy.',
    ],
  },
  {
    id: 'otpauth-list',
    name: 'A list of otpauth:// links',
    formats: ['otpauth-list'],
    route: 'file',
    steps: ['Save the links in a text file, one otpauth:// link per line.', 'Choose the file here.'],
    reads: 'Text files of otpauth:// links, as many apps export them.',
  },
  {
    id: 'acme-backup',
    name: 'A backup from this app',
    formats: ['acme-backup'],
    route: 'file',
    steps: ['Choose the backup file made with Settings → Back up / Export in this app.', 'Give its password when asked.'],
    reads: 'Its backups, with the password chosen when it was made.',
  },
] satisfies ImportSource[]);

/** Finds a source of the guide by id. */
export function importSource(id: string): ImportSource | undefined {
  return IMPORT_SOURCES.find((source) => source.id === id);
}

/** How the guide names each organising field, in the order it lists them. */
const FIELD_NAMES: Readonly<Record<OrganisingField, string>> = {
  groups: 'groups',
  favourite: 'favourites',
  note: 'notes',
  icon: 'icons',
  lastUsed: 'last-use times',
};

/**
 * What an app's usual export brings along besides the accounts, in words:
 * "Keeps groups, favourites, notes and icons." or "Keeps the accounts only."
 * Read from `FORMAT_CARRIES`, so it follows each format's reader.
 */
export function keptBy(source: ImportSource): string {
  const format = source.formats[0];
  const carried = format ? FORMAT_CARRIES[format] : [];
  const fields = (Object.keys(FIELD_NAMES) as OrganisingField[]).filter((field) => carried.includes(field)).map((field) => FIELD_NAMES[field]);
  if (fields.length === 0) return 'Keeps the accounts only (no groups, favourites, notes or icons).';
  const list = fields.length === 1 ? fields[0]! : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)!}`;
  return `Keeps ${list} with the accounts.`;
}
