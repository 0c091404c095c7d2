/**
 * The Import dialog's side of the import worker: reads one file in a new
 * worker and lets the person cancel, which terminates the worker at once
 * (a key derivation cannot be interrupted any other way).
 *
 *   const reading = readImportInWorker(file, password);
 *   cancelButton.onclick = reading.cancel;
 *   const parsed = await reading.result; // rejects with import_cancelled after cancel()
 */
import { AppError } from '../../../shared/vault/import-errors';
import type { ParsedImport } from '../../../shared/vault/formats/types';
import type { ImportRequest, ImportResponse } from './import-protocol';

/** What the reader needs of a Worker. */
export interface ImportWorkerLike {
  /** Sends the request. */
  postMessage(message: ImportRequest): void;
  /** Receives the answer. */
  onmessage: ((event: MessageEvent<ImportResponse>) => void) | null;
  /** Receives an uncaught error (a bug, or the worker running out of memory). */
  onerror: ((event: ErrorEvent) => void) | null;
  /** Stops the worker, whatever it is doing. */
  terminate(): void;
}

/** A file being read. */
export interface ImportReading {
  /** The file as read; rejects with the file's AppError, or `import_cancelled`. */
  result: Promise<ParsedImport>;
  /** Stops the read (terminates the worker); `result` rejects with `import_cancelled`. */
  cancel(): void;
}

/** Starts the import worker the way Vite bundles it: its own chunk, fetched only now. */
function startImportWorker(): ImportWorkerLike {
  return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' }) as ImportWorkerLike;
}

/**
 * Reads `file` (with `password`, if given) in a new worker, terminated when
 * it answers or on `cancel()`.
 */
export function readImportInWorker(file: Blob, password?: string, startWorker: () => ImportWorkerLike = startImportWorker): ImportReading {
  const worker = startWorker();
  let settle: { resolve(value: ParsedImport): void; reject(error: unknown): void } | null = null;
  const result = new Promise<ParsedImport>((resolve, reject) => (settle = { resolve, reject }));
  const finish = (outcome: (s: NonNullable<typeof settle>) => void) => {
    worker.terminate();
    if (settle) outcome(settle);
    settle = null;
  };
  worker.onmessage = ({ data }) =>
    finish((s) => (data.ok ? s.resolve(data.value) : s.reject(new AppError(data.code, data.details))));
  worker.onerror = (event) => finish((s) => s.reject(new Error(`import worker failed: ${event.message}`)));
  worker.postMessage(password === undefined ? { file } : { file, password });
  return { result, cancel: () => finish((s) => s.reject(new AppError('import_cancelled'))) };
}
