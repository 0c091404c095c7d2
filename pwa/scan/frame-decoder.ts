/**
 * The main thread's side of the decode worker: sends it camera frames, one at
 * a time, dropping those that arrive while it is busy (see `frame-gate.ts`),
 * and hands its answers to listeners.
 *
 *   const decoder = createFrameDecoder();
 *   decoder.onResult(({ text }) => { if (text) addAccountFromUri(text); });
 *   // each animation frame:
 *   decoder.submit(context.getImageData(0, 0, width, height));
 *   // when the scanner closes:
 *   decoder.terminate();
 */
import type { DecodeRequest, DecodeResponse } from './decode-protocol';
import { createFrameGate } from './frame-gate';
import type { RgbaFrame } from './types';

/** What the decoder needs of a Worker: enough for a test to stand in for one. */
export interface DecodeWorkerLike {
  /** Sends a request, transferring the listed buffers. */
  postMessage(message: DecodeRequest, transfer: Transferable[]): void;
  /** Receives the worker's responses. */
  onmessage: ((event: MessageEvent<DecodeResponse>) => void) | null;
  /** Receives the worker's uncaught errors. */
  onerror: ((event: ErrorEvent) => void) | null;
  /** Stops the worker. */
  terminate(): void;
}

/** Sends camera frames to the decode worker. */
export interface FrameDecoder {
  /**
   * Sends `frame` to the worker and returns true, or drops it and returns false
   * when the worker is still busy with an earlier frame (or terminated). The
   * frame's buffer is transferred, not copied: do not use `frame.data` again
   * (a fresh `getImageData` per frame is the normal use).
   */
  submit(frame: RgbaFrame): boolean;
  /** Calls `listener` with every answer; returns a function that stops it. */
  onResult(listener: (result: DecodeResponse) => void): () => void;
  /** Stops the worker; later frames are dropped. */
  terminate(): void;
  /** Whether a frame is being decoded. */
  readonly busy: boolean;
}

/** Starts the decode worker the way Vite bundles it. */
function startDecodeWorker(): DecodeWorkerLike {
  return new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module' }) as DecodeWorkerLike;
}

/** Returns a frame decoder owning a new worker (or `startWorker`'s stand-in, for tests). */
export function createFrameDecoder(startWorker: () => DecodeWorkerLike = startDecodeWorker): FrameDecoder {
  const worker = startWorker();
  const gate = createFrameGate();
  const listeners = new Set<(result: DecodeResponse) => void>();
  let nextId = 1;
  let pendingId = 0;
  let terminated = false;

  const finish = (result: DecodeResponse) => {
    // Not the frame in flight: a late answer after a worker error already released it.
    if (!gate.busy || result.id !== pendingId) return;
    gate.leave();
    for (const listener of listeners) listener(result);
  };
  worker.onmessage = (event) => finish(event.data);
  // A crashed decode must not hold the gate shut forever: report it as a miss.
  worker.onerror = (event) => finish({ id: pendingId, text: null, ms: 0, error: event.message });

  return {
    submit(frame) {
      if (terminated || !gate.tryEnter()) return false;
      const { data, width, height } = frame;
      // Only a buffer that is exactly the frame can be transferred as is.
      const buffer =
        data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && data.buffer instanceof ArrayBuffer
          ? data.buffer
          : data.slice().buffer;
      pendingId = nextId++;
      worker.postMessage({ id: pendingId, width, height, buffer }, [buffer]);
      return true;
    },
    onResult(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    terminate() {
      terminated = true;
      listeners.clear();
      worker.terminate();
    },
    get busy() {
      return gate.busy;
    },
  };
}
