/*
 * The decoding baselines in a Web Worker, as the PWA decodes in one: raw jsQR
 * on the full frame, and zxing-wasm with its wasm fetched from the bench
 * server's copy of node_modules (never its CDN default).
 *
 * Messages: { init: { zxingWasmUrl } } -> { ready: true }
 *           { id, kind: 'jsqr' | 'zxing', width, height, buffer } -> { id, text, ms }
 */
/* global jsQR, ZXingWASM */
importScripts('/nm/jsqr/jsQR.js', '/nm/zxing/iife/reader/index.js');

self.onmessage = async (event) => {
  const message = event.data;
  if (message.init) {
    const wasmBinary = await (await fetch(message.init.zxingWasmUrl)).arrayBuffer();
    await ZXingWASM.prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
    self.postMessage({ ready: true });
    return;
  }
  const { id, kind, width, height, buffer } = message;
  const data = new Uint8ClampedArray(buffer);
  const start = performance.now();
  let text = null;
  if (kind === 'jsqr') {
    // jsQR 1.4.0 writes the options it is given into its shared defaults: always ask for its default explicitly.
    text = jsQR(data, width, height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
  } else {
    const results = await ZXingWASM.readBarcodes(new ImageData(data, width, height), { formats: ['QRCode'] });
    text = results[0]?.text ?? null;
  }
  self.postMessage({ id, text, ms: performance.now() - start });
};
