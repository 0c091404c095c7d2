/**
 * The Web Worker that decodes camera frames off the main thread, so the
 * viewfinder never stutters (issue 4). One worker per camera session: it keeps
 * the decode state (where the last code was) across that session's frames.
 * Receives `DecodeRequest`s, posts `DecodeResponse`s.
 */
import { createDecodeState } from './decode-frame';
import { answerDecodeRequest, type DecodeRequest } from './decode-protocol';

// With both the DOM and WebWorker libs in tsconfig, `self` is typed as a Window.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const state = createDecodeState();

scope.onmessage = (event: MessageEvent<DecodeRequest>) => {
  scope.postMessage(answerDecodeRequest(event.data, state));
};
