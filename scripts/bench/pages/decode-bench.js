/*
 * Item 1 in Chromium: QR decoding per frame inside the PWA's own decode
 * worker (the built asset dist/pwa/assets/decode.worker-*.js, started the way
 * the app starts it), against raw jsQR and zxing-wasm in a worker of their
 * own (baseline.worker.js), frame by frame, interleaved so that both see the
 * same moment of a shared machine. Times are measured inside each worker
 * (performance.now() around the decode), as the PWA's worker reports them;
 * the main thread's round trip (post -> answer) is kept beside them.
 */

/** Wraps a worker in request/answer calls matched by id. */
function connect(worker) {
  let nextId = 1;
  const pending = new Map();
  worker.onmessage = (event) => {
    const answer = event.data;
    const done = pending.get(answer.id);
    if (done) {
      pending.delete(answer.id);
      done(answer);
    }
  };
  return (message, buffer) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const start = performance.now();
      pending.set(id, (answer) => resolve({ ...answer, roundTrip: performance.now() - start }));
      worker.onerror = (event) => reject(new Error(event.message));
      worker.postMessage({ ...message, id, buffer }, [buffer]);
    });
}

async function fetchFrame(width, height, variant, seed) {
  const response = await fetch(`/frames/${width}x${height}/${variant}/${seed}`);
  if (!response.ok) throw new Error(`frame ${width}x${height} ${variant} ${seed}: ${response.status}`);
  return new Uint8ClampedArray(await response.arrayBuffer());
}

/**
 * Runs the measurement; returns { rows: [{ width, height, variant, ours, oursWarm, oursRoundTrip, zxing, jsqr }] }
 * where each decoder figure is { ms: [...], decoded, frames }.
 */
export async function runDecodeBench({ workerUrl, sizes, variants, seeds, seedsByHeight = {}, repeats, budgetRepeats = repeats, jsqrHeights, expected }) {
  const ours = connect(new Worker(workerUrl, { type: 'module' }));
  const baselineWorker = new Worker('/bench/baseline.worker.js');
  await new Promise((resolve) => {
    baselineWorker.onmessage = (event) => event.data.ready && resolve();
    baselineWorker.postMessage({ init: { zxingWasmUrl: '/nm/zxing/reader/zxing_reader.wasm' } });
  });
  const baseline = connect(baselineWorker);
  const decodeOurs = (frame, width, height) => ours({ width, height }, frame.slice().buffer);
  const decodeBaseline = (kind, frame, width, height) => baseline({ kind, width, height }, frame.slice().buffer);

  // Warm up on the smallest frames: JIT of our pipeline, zxing's wasm tier-up, jsQR once.
  const small = sizes[0];
  for (const variant of variants) {
    const frame = await fetchFrame(small.width, small.height, variant, 99);
    for (let round = 0; round < 3; round++) {
      await decodeOurs(frame, small.width, small.height);
      await decodeBaseline('zxing', frame, small.width, small.height);
    }
  }
  await decodeBaseline('jsqr', await fetchFrame(small.width, small.height, 'clean', 99), small.width, small.height);

  const rows = [];
  for (const { width, height } of sizes) {
    // A frame without a code clears the worker's remembered region: the next frame is decoded cold.
    const reset = await fetchFrame(width, height, 'none', 1);
    for (const variant of variants) {
      const frames = [];
      for (let seed = 1; seed <= (seedsByHeight[height] ?? seeds); seed++) frames.push(await fetchFrame(width, height, variant, seed));
      const want = variant === 'none' ? null : expected;
      const figures = (count = frames.length) => ({ ms: [], decoded: 0, frames: count });
      const row = { width, height, variant, ours: figures(), oursWarm: figures(), oursRoundTrip: [], zxing: figures(), jsqr: jsqrHeights.includes(height) ? figures(1) : null };
      // More repeats at 720p, where the budget is: wall time in a browser swings more than CPU time.
      const times = height === 720 ? budgetRepeats : repeats;
      for (let repeat = 0; repeat < times; repeat++) {
        for (const frame of frames) {
          await decodeOurs(reset, width, height);
          const cold = await decodeOurs(frame, width, height);
          if (cold.error) throw new Error(`decode worker: ${cold.error}`);
          row.ours.ms.push(cold.ms);
          row.oursRoundTrip.push(cold.roundTrip);
          const warm = await decodeOurs(frame, width, height);
          row.oursWarm.ms.push(warm.ms);
          const zxing = await decodeBaseline('zxing', frame, width, height);
          row.zxing.ms.push(zxing.ms);
          if (repeat === 0) {
            // Raw jsQR on the first frame of each variant only: a noisy frame costs it seconds.
            const jsqrFrame = frame === frames[0];
            if (cold.text === want) row.ours.decoded++;
            if (warm.text === want) row.oursWarm.decoded++;
            if (zxing.text === want) row.zxing.decoded++;
            if (row.jsqr && jsqrFrame) {
              const jsqr = await decodeBaseline('jsqr', frame, width, height);
              row.jsqr.ms.push(jsqr.ms);
              if (jsqr.text === want) row.jsqr.decoded++;
            }
          }
        }
      }
      rows.push(row);
    }
  }
  baselineWorker.terminate();
  return { rows };
}
