/**
 * The Web Worker that reads an import file off the main thread (issue 11): a
 * file's key derivation (Aegis's scrypt, our backup's Argon2id) takes up to
 * a few seconds, during which the page must stay responsive and the person
 * must be able to cancel (the dialog terminates this worker). One worker per
 * read. Receives one `ImportRequest`, posts one `ImportResponse`.
 */
import { answerImportRequest, type ImportRequest } from './import-protocol';

// With both the DOM and WebWorker libs in tsconfig, `self` is typed as a Window.
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<ImportRequest>) => {
  scope.postMessage(await answerImportRequest(event.data));
};
