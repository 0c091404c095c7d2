/** What every importer returns, and how entries that could not be read are reported. */
import type { AppErrorCode } from '../../errors';
import type { AccountIcon } from '../account-icon';
import type { OtpAccount } from '../../otp/types';

/**
 * The file formats the vault imports. It exports our backup, Aegis, Google
 * transfer codes and otpauth lists; the others are other apps' exports (issue 13).
 */
export type ImportFormat =
  | 'acme-backup'
  | 'otpauth-list'
  | 'aegis'
  | 'google-migration'
  | '2fas'
  | 'andotp'
  | 'bitwarden'
  | 'freeotp-plus'
  | 'freeotp'
  | 'proton'
  | 'ente'
  | 'authenticator-pro'
  | 'steam-maf';

/** Every import format, for UI lists and exhaustive tests. */
export const IMPORT_FORMATS: readonly ImportFormat[] = Object.freeze([
  'acme-backup',
  'otpauth-list',
  'aegis',
  'google-migration',
  '2fas',
  'andotp',
  'bitwarden',
  'freeotp-plus',
  'freeotp',
  'proton',
  'ente',
  'authenticator-pro',
  'steam-maf',
] as const);

/** An entry of a file that could not be turned into an account, and why. */
export interface UnreadableEntry {
  /** Its position among the file's entries, from 0 (for a text list: the n-th non-blank line). */
  index: number;
  /** Its issuer and name as the file gives them ("GitHub: octocat"); '' when unknown. Never the secret. */
  name: string;
  /** Why, as an error code (`secret_not_base32`, `entry_type_unsupported`...). */
  code: AppErrorCode;
  /** Why, as a sentence a person can act on. */
  reason: string;
}

/** Which part of a multi-code Google Authenticator export a payload is. */
export interface MigrationBatch {
  /** Id shared by all codes of one export. */
  id: number;
  /** This code's position, from 0. */
  index: number;
  /** How many codes the export has (1 or more). */
  size: number;
}

/**
 * How an entry of a file organises its account (issue 12). A field is absent
 * when the format cannot carry it (see `FORMAT_CARRIES`).
 */
export interface ImportedOrganisation {
  /** Names of the groups it is in (groups are matched by name on import, ignoring case, and made when missing). */
  groupNames?: string[];
  /** Whether it is a favourite. */
  favourite?: boolean;
  /** Its note ('' for none). */
  note?: string;
  /** When a code was last used (ms); our own backup and andOTP's carry it. */
  lastUsedAt?: number | null;
  /** Its icon (Aegis: an own PNG or JPEG image; our backup: any); absent = automatic. */
  icon?: AccountIcon;
}

/** An account read from a file, with what the file says about its organisation. */
export type ImportedAccount = OtpAccount & ImportedOrganisation;

/** The organising fields a format may carry. */
export type OrganisingField = 'groups' | 'favourite' | 'note' | 'lastUsed' | 'icon';

/**
 * Which organising fields each format carries, both ways; what is not listed
 * is dropped, and the import preview and the export dialog say so.
 */
export const FORMAT_CARRIES: Readonly<Record<ImportFormat, readonly OrganisingField[]>> = Object.freeze({
  'acme-backup': ['groups', 'favourite', 'note', 'lastUsed', 'icon'],
  // Aegis carries own images (PNG, JPEG); it matches logos from its own icon packs.
  aegis: ['groups', 'favourite', 'note', 'icon'],
  '2fas': ['groups'],
  'otpauth-list': [],
  'google-migration': [],
  // Each of the following lines is set by the format's module, from what its files hold.
  // andOTP: tags as groups, last_used; its thumbnail names a built-in icon, so the icon stays automatic.
  andotp: ['groups', 'lastUsed'],
  // Bitwarden: the folder (or collections) as groups, favorite, notes.
  bitwarden: ['groups', 'favourite', 'note'],
  // Newer FreeOTP+ versions write a token's `category`, read as its group.
  'freeotp-plus': ['groups'],
  freeotp: [],
  // Proton's entry notes.
  proton: ['note'],
  // Ente's tags, pins and notes; its icons name Ente's own icon packs (automatic here).
  ente: ['groups', 'favourite', 'note'],
  // Categories, and custom icons (PNG, JPEG, WebP images); no favourites or notes there.
  'authenticator-pro': ['groups', 'icon'],
  // The revocation code, kept as the note ("Revocation code: R12345"); import only.
  'steam-maf': ['note'],
});

/** The organising fields a format drops: what the export dialog names. */
export function fieldsDroppedBy(format: ImportFormat): OrganisingField[] {
  return (['groups', 'favourite', 'note', 'lastUsed', 'icon'] as const).filter((field) => !FORMAT_CARRIES[format].includes(field));
}

/** A file (or transfer code) read and decoded, before anything is written. */
export interface ParsedImport {
  /** What kind of file it was. */
  format: ImportFormat;
  /** Whether it was encrypted (and a password opened it). */
  encrypted: boolean;
  /** The accounts read, in the file's order, with their organisation where the format has it. */
  accounts: ImportedAccount[];
  /** Names of the file's groups in its order, including groups no account is in (formats with groups only). */
  groupNames?: string[];
  /** Entries that could not be read. */
  unreadable: UnreadableEntry[];
  /** For a Google Authenticator transfer code: which batch of which export it is. */
  batch?: MigrationBatch;
}
