/**
 * What a format module gives the import: a way to recognise its files by
 * content, and a reader. `import-file.ts` keeps the list and asks each
 * format in turn, so a new format is one module and one line there.
 */
import type { ImportFormat, ParsedImport } from './types';

/**
 * A chosen file, seen three ways so that no format decodes it again: its
 * bytes; its text when the bytes are UTF-8 (a leading BOM and surrounding
 * white space removed); and its JSON when that text is a JSON object or array.
 */
export interface ImportInput {
  /** The file's bytes as read (for a scanned QR code: its text, UTF-8 encoded). */
  bytes: Uint8Array;
  /** Its text, or undefined for a file that is not UTF-8 (a binary, usually encrypted, export). */
  text: string | undefined;
  /** Its parsed JSON, or undefined when the text is not JSON. */
  json: unknown;
}

/** One format's part of the import. */
export interface FormatReader {
  /** The format it reads. */
  format: ImportFormat;
  /**
   * Whether `input` is a file of this format (by content, never by name), and
   * if so whether it needs a password. Cheap: no decryption, no full parse.
   */
  recognise(input: ImportInput): { encrypted: boolean } | undefined;
  /**
   * Reads the file, decrypting it with `password` when it is encrypted.
   *
   * @throws AppError naming the format: `import_password_required`,
   *   `backup_wrong_password`, `import_corrupt`, `import_unsupported`,
   *   `import_limit_exceeded`; never any other error.
   */
  read(input: ImportInput, password?: string): Promise<ParsedImport> | ParsedImport;
}
