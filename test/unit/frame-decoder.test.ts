import { describe, expect, it } from 'vitest';
import { createDecodeState } from '../../pwa/scan/decode-frame';
import { answerDecodeRequest, type DecodeRequest, type DecodeResponse } from '../../pwa/scan/decode-protocol';
import { createFrameDecoder, type DecodeWorkerLike } from '../../pwa/scan/frame-decoder';
import { createFrameGate } from '../../pwa/scan/frame-gate';
import { makeQrFrame } from '../fixtures/qr-frames';

const URI = 'otpauth://totp/ACME%20Co:john@example.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co';

/** A stand-in for the decode worker: records requests; the test answers them when it likes. */
function createFakeWorker() {
  const requests: DecodeRequest[] = [];
  const transfers: Transferable[][] = [];
  let terminated = false;
  const worker: DecodeWorkerLike = {
    postMessage(message, transfer) {
      requests.push(message);
      transfers.push(transfer);
    },
    onmessage: null,
    onerror: null,
    terminate() {
      terminated = true;
    },
  };
  return {
    worker,
    requests,
    transfers,
    get terminated() {
      return terminated;
    },
    answer(response: DecodeResponse) {
      worker.onmessage?.({ data: response } as MessageEvent<DecodeResponse>);
    },
    fail(message: string) {
      worker.onerror?.({ message } as ErrorEvent);
    },
  };
}

const tinyFrame = () => ({ data: new Uint8ClampedArray(4 * 4 * 4), width: 4, height: 4 });

describe('createFrameGate', () => {
  it('admits a frame when none is in flight', () => {
    const gate = createFrameGate();
    expect(gate.busy).toBe(false);
    expect(gate.tryEnter()).toBe(true);
    expect(gate.busy).toBe(true);
  });

  it('refuses every frame while one is in flight, queueing none', () => {
    const gate = createFrameGate();
    gate.tryEnter();
    expect([gate.tryEnter(), gate.tryEnter(), gate.tryEnter()]).toEqual([false, false, false]);
    gate.leave();
    // Only one frame gets in after the busy spell: the refused ones are gone.
    expect(gate.tryEnter()).toBe(true);
    expect(gate.tryEnter()).toBe(false);
  });
});

describe('createFrameDecoder', () => {
  it('sends a frame to the worker, transferring its pixels', () => {
    const fake = createFakeWorker();
    const decoder = createFrameDecoder(() => fake.worker);
    const frame = tinyFrame();
    const buffer = frame.data.buffer;
    expect(decoder.submit(frame)).toBe(true);
    expect(fake.requests).toEqual([{ id: 1, width: 4, height: 4, buffer }]);
    expect(fake.transfers[0]).toEqual([buffer]);
  });

  it('drops frames while the worker is busy and sends the next one after its answer', () => {
    const fake = createFakeWorker();
    const decoder = createFrameDecoder(() => fake.worker);
    expect(decoder.submit(tinyFrame())).toBe(true);
    expect(decoder.submit(tinyFrame())).toBe(false);
    expect(decoder.submit(tinyFrame())).toBe(false);
    expect(decoder.busy).toBe(true);
    expect(fake.requests).toHaveLength(1);
    fake.answer({ id: 1, text: null, ms: 3 });
    expect(decoder.busy).toBe(false);
    expect(decoder.submit(tinyFrame())).toBe(true);
    expect(fake.requests.map((request) => request.id)).toEqual([1, 2]);
  });

  it('hands every answer to each listener until it unsubscribes', () => {
    const fake = createFakeWorker();
    const decoder = createFrameDecoder(() => fake.worker);
    const first: DecodeResponse[] = [];
    const second: DecodeResponse[] = [];
    decoder.onResult((result) => first.push(result));
    const stop = decoder.onResult((result) => second.push(result));
    decoder.submit(tinyFrame());
    fake.answer({ id: 1, text: URI, ms: 4 });
    stop();
    decoder.submit(tinyFrame());
    fake.answer({ id: 2, text: null, ms: 2 });
    expect(first.map((result) => result.text)).toEqual([URI, null]);
    expect(second.map((result) => result.text)).toEqual([URI]);
  });

  it('copies a frame that is a view into a larger buffer before transferring it', () => {
    const fake = createFakeWorker();
    const decoder = createFrameDecoder(() => fake.worker);
    const backing = new Uint8ClampedArray(100);
    const data = backing.subarray(4, 4 + 64);
    decoder.submit({ data, width: 4, height: 4 });
    expect(fake.requests[0].buffer).not.toBe(backing.buffer);
    expect(fake.requests[0].buffer.byteLength).toBe(64);
  });

  it('reopens the gate when the worker fails, reporting a miss', () => {
    const fake = createFakeWorker();
    const decoder = createFrameDecoder(() => fake.worker);
    const results: DecodeResponse[] = [];
    decoder.onResult((result) => results.push(result));
    decoder.submit(tinyFrame());
    fake.fail('out of memory');
    expect(results).toEqual([{ id: 1, text: null, ms: 0, error: 'out of memory' }]);
    expect(decoder.submit(tinyFrame())).toBe(true);
  });

  it('ignores a late answer to a frame already given up on', () => {
    const fake = createFakeWorker();
    const decoder = createFrameDecoder(() => fake.worker);
    const results: DecodeResponse[] = [];
    decoder.onResult((result) => results.push(result));
    decoder.submit(tinyFrame());
    fake.fail('crashed');
    decoder.submit(tinyFrame());
    fake.answer({ id: 1, text: URI, ms: 9 });
    expect(results).toHaveLength(1);
    expect(decoder.busy).toBe(true);
  });

  it('stops the worker and drops later frames once terminated', () => {
    const fake = createFakeWorker();
    const decoder = createFrameDecoder(() => fake.worker);
    decoder.terminate();
    expect(fake.terminated).toBe(true);
    expect(decoder.submit(tinyFrame())).toBe(false);
  });
});

describe('answerDecodeRequest', () => {
  it('answers with the code text and the time taken', () => {
    const frame = makeQrFrame({ text: URI, width: 640, height: 480, variant: 'clean', seed: 1 });
    let clock = 100;
    const response = answerDecodeRequest({ id: 7, width: 640, height: 480, buffer: frame.data.buffer as ArrayBuffer }, createDecodeState(), () => (clock += 5));
    expect(response).toEqual({ id: 7, text: URI, ms: 5 });
  });

  it('answers null for a frame without a code', () => {
    const frame = makeQrFrame({ text: URI, width: 640, height: 480, variant: 'none', seed: 1 });
    expect(answerDecodeRequest({ id: 1, width: 640, height: 480, buffer: frame.data.buffer as ArrayBuffer }, createDecodeState()).text).toBeNull();
  });

  it('answers a malformed request with an error instead of throwing', () => {
    const response = answerDecodeRequest({ id: 2, width: 640, height: 480, buffer: new ArrayBuffer(16) }, createDecodeState());
    expect(response.text).toBeNull();
    expect(response.error).toMatch(/640x480/);
  });
});
