/**
 * The messages between the main thread and the decode worker, and the
 * worker's answer to one, kept apart from both ends so that each bundles only
 * what it runs and a Node test can drive the worker's logic without a Worker.
 */
import { decodeFrame, type DecodeState } from './decode-frame';

/** A frame sent to the worker. Its pixels travel as a transferred buffer: no copy. */
export interface DecodeRequest {
  /** Chosen by the sender; echoed in the response. */
  id: number;
  /** Frame width in pixels. */
  width: number;
  /** Frame height in pixels. */
  height: number;
  /** RGBA bytes, `width * height * 4` of them. */
  buffer: ArrayBuffer;
}

/** The worker's answer to one `DecodeRequest`. */
export interface DecodeResponse {
  /** The request's id. */
  id: number;
  /** The code's text, or null when the frame held no readable code. */
  text: string | null;
  /** Milliseconds the decode took inside the worker. */
  ms: number;
  /** Set when decoding threw (a malformed request): the message, for logs. */
  error?: string;
}

/** Decodes one request's frame, carrying `state` across frames; never throws. */
export function answerDecodeRequest(request: DecodeRequest, state: DecodeState, now: () => number = () => performance.now()): DecodeResponse {
  const start = now();
  const { id, width, height, buffer } = request;
  try {
    const data = new Uint8ClampedArray(buffer);
    if (data.length !== width * height * 4) throw new RangeError(`Frame of ${width}x${height} needs ${width * height * 4} bytes, got ${data.length}`);
    const text = decodeFrame({ data, width, height }, state);
    return { id, text, ms: now() - start };
  } catch (error) {
    return { id, text: null, ms: now() - start, error: error instanceof Error ? error.message : String(error) };
  }
}
