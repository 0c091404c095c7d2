/**
 * The messages between the Import dialog and the import worker, and the
 * worker's answer to one, kept apart from both ends so each bundles only what
 * it runs and a Node test can drive the answer without a Worker.
 */
import { isAppError, type AppErrorCode, type AppErrorDetails } from '../../../shared/errors';
import type { ParsedImport } from '../../../shared/vault/formats/types';
import { readImportFile } from '../../../shared/vault/import-file';

/** A file to read, sent to the worker. */
export interface ImportRequest {
  /** The chosen file (structured-cloned: its bytes are not copied). */
  file: Blob;
  /** Its password, once the person has given it. */
  password?: string;
}

/**
 * The worker's answer: the file as read, or the AppError's code and details
 * (an AppError's class does not survive postMessage; its code does).
 */
export type ImportResponse = { ok: true; value: ParsedImport } | { ok: false; code: AppErrorCode; details: AppErrorDetails };

/**
 * Reads the request's file with `readImportFile` (decryption and its key
 * derivation included). A failure that is not an AppError (a bug) is
 * rethrown, so the worker's error event reports it.
 */
export async function answerImportRequest(request: ImportRequest): Promise<ImportResponse> {
  try {
    return { ok: true, value: await readImportFile(new Uint8Array(await request.file.arrayBuffer()), request.password) };
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code, details: { ...error.details } };
    throw error;
  }
}
