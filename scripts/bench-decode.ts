/**
 * Benchmark of QR decoding per camera frame in Node (issue 7, item 1): for
 * each frame size and variant, the median milliseconds per frame and whether
 * it decoded, for raw jsQR on the full frame (the baseline), zxing-wasm (the
 * other baseline, when installed) and our pipeline (`decodeFrame`), cold (no
 * state) and warm (the code's region remembered from the previous frame).
 *
 * Times are medians over several generated frames (different backgrounds and
 * code positions) and repetitions; CPU time (`process.cpuUsage`) is reported
 * beside wall time because the machines are shared and wall time swings with
 * other people's builds. Nothing here asserts a time.
 *
 * Run it with `node scripts/bench-decode.js` (which loads this file through
 * Vite, and zxing-wasm when installed); `measureDecoding` is exported for
 * `npm run bench` to reuse.
 */
import jsQR from 'jsqr';
import { createDecodeState, decodeFrame } from '../pwa/scan/decode-frame';
import { makeQrFrame, QR_FRAME_SIZES, QR_FRAME_VARIANTS, type QrFrameVariant, type RgbaFrame } from '../test/fixtures/qr-frames';

/** The text the benchmark's codes hold: an otpauth URI as a service issues it. */
export const BENCH_URI = 'otpauth://totp/ACME%20Co:john@example.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co';

/** One decoder's figures for one size and variant. */
export interface DecoderFigures {
  /** Median wall-clock milliseconds per frame. */
  wallMs: number;
  /** Median CPU milliseconds per frame (user + system). */
  cpuMs: number;
  /** Frames read correctly (for `none`: frames correctly reported empty). */
  decoded: number;
  /** Frames tried. */
  frames: number;
}

/** The figures of every decoder for one size and variant. */
export interface DecodeBenchRow {
  /** Frame width in pixels. */
  width: number;
  /** Frame height in pixels. */
  height: number;
  /** Which kind of frame. */
  variant: QrFrameVariant;
  /** Raw jsQR, full frame, default options (`attemptBoth`); null for a size left out by `jsqrHeights`. */
  jsqr: DecoderFigures | null;
  /** zxing-wasm's `readBarcodes`, QR codes only, default options; null when zxing-wasm is not installed. */
  zxing: DecoderFigures | null;
  /** `decodeFrame` with no state: a code seen for the first time. */
  ours: DecoderFigures;
  /** `decodeFrame` with the state of the previous frame: a code held in view. */
  oursWarm: DecoderFigures;
}

/** How much to measure. */
export interface DecodeBenchOptions {
  /** Generated frames per size and variant (seeds 1..n). */
  seeds?: number;
  /** Timed repetitions per frame for our pipeline and zxing-wasm. */
  repeats?: number;
  /** Timed repetitions per frame for raw jsQR (a noisy 1080p frame takes seconds). */
  jsqrRepeats?: number;
  /** zxing-wasm's reader, when installed: the benchmark's second baseline. */
  zxing?: ZxingRead | null;
  /**
   * Frame heights at which raw jsQR is timed (all by default). A noisy 1080p
   * frame costs it seconds, so `npm run bench` times it at 720p only, where the
   * budget is set, to stay within its five minutes.
   */
  jsqrHeights?: readonly number[];
  /** How many of the generated frames raw jsQR is timed on (all by default); `npm run bench` uses one. */
  jsqrSeeds?: number;
  /** Frames per size, by frame height, where not `seeds` (`npm run bench` uses more at 720p, where the budget is). */
  seedsByHeight?: Readonly<Record<number, number>>;
  /** Makes (or fetches from a cache) a frame; `makeQrFrame` by default. */
  makeFrame?: typeof makeQrFrame;
}

/** Reads the QR code in a frame with zxing-wasm; see `loadZxing` in scripts/bench/lib/zxing.js. */
export type ZxingRead = (frame: RgbaFrame) => Promise<string | null>;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Times `run` on every frame `repeats` times; counts the frames whose first result is `expected`. */
async function timeDecoder(frames: RgbaFrame[], repeats: number, expected: string | null, run: (frame: RgbaFrame, index: number) => Promise<string | null> | string | null): Promise<DecoderFigures> {
  const wall: number[] = [];
  const cpu: number[] = [];
  let decoded = 0;
  for (const [index, frame] of frames.entries()) {
    for (let repeat = 0; repeat < repeats; repeat++) {
      const cpuStart = process.cpuUsage();
      const wallStart = performance.now();
      const text = await run(frame, index);
      wall.push(performance.now() - wallStart);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
      if (repeat === 0 && text === expected) decoded++;
    }
  }
  return { wallMs: median(wall), cpuMs: median(cpu), decoded, frames: frames.length };
}

/** Measures every decoder on every size and variant; see `DecodeBenchRow`. */
export async function measureDecoding(options: DecodeBenchOptions = {}): Promise<DecodeBenchRow[]> {
  const { seeds = 3, repeats = 7, jsqrRepeats = 1, zxing = null, jsqrHeights = QR_FRAME_SIZES.map((size) => size.height), jsqrSeeds = seeds, seedsByHeight = {}, makeFrame = makeQrFrame } = options;
  // Warm up the JIT and zxing's wasm so the first row is not paying for compilation.
  const warmUp = QR_FRAME_VARIANTS.map((variant) => makeFrame({ text: BENCH_URI, width: 640, height: 480, variant, seed: 99 }));
  for (let round = 0; round < 5; round++) {
    for (const frame of warmUp) {
      decodeFrame(frame);
      await zxing?.(frame);
    }
  }
  const rows: DecodeBenchRow[] = [];
  for (const { width, height } of QR_FRAME_SIZES) {
    for (const variant of QR_FRAME_VARIANTS) {
      const frames = Array.from({ length: seedsByHeight[height] ?? seeds }, (_, i) => makeFrame({ text: BENCH_URI, width, height, variant, seed: i + 1 }));
      const expected = variant === 'none' ? null : BENCH_URI;
      // Warm up the JIT on this size before timing anything.
      for (const frame of frames) decodeFrame(frame);
      const ours = await timeDecoder(frames, repeats, expected, (frame) => decodeFrame(frame));
      // Warm: each timed call follows a call on the same frame with the same state, as when a code is held still.
      const states = frames.map(() => createDecodeState());
      for (const [i, frame] of frames.entries()) decodeFrame(frame, states[i]);
      const oursWarm = await timeDecoder(frames, repeats, expected, (frame, i) => decodeFrame(frame, states[i]));
      const zxingFigures = zxing ? await timeDecoder(frames, repeats, expected, zxing) : null;
      // jsQR 1.4.0 writes the options it is given into its shared defaults, and our
      // pipeline passes 'dontInvert': the baseline must ask for its default explicitly.
      const jsqr = jsqrHeights.includes(height)
        ? await timeDecoder(frames.slice(0, jsqrSeeds), jsqrRepeats, expected, (frame) => jsQR(frame.data, width, height, { inversionAttempts: 'attemptBoth' })?.data ?? null)
        : null;
      rows.push({ width, height, variant, jsqr, zxing: zxingFigures, ours, oursWarm });
    }
  }
  return rows;
}

/** Formats rows as a Markdown table: CPU ms (wall ms) and frames decoded, per decoder, and ours / zxing-wasm. */
export function formatDecodeTable(rows: DecodeBenchRow[]): string {
  const cell = (figures: DecoderFigures | null) =>
    figures ? `${figures.cpuMs.toFixed(1)} (${figures.wallMs.toFixed(1)}) ${figures.decoded}/${figures.frames}` : 'n/a';
  const lines = [
    '| size | variant | jsQR raw | zxing-wasm | ours | ours, warm | ours / zxing |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const ratio = row.zxing ? (row.ours.cpuMs / row.zxing.cpuMs).toFixed(2) : 'n/a';
    lines.push(`| ${row.width}x${row.height} | ${row.variant} | ${cell(row.jsqr)} | ${cell(row.zxing)} | ${cell(row.ours)} | ${cell(row.oursWarm)} | ${ratio} |`);
  }
  lines.push('', 'Median CPU ms per frame (wall ms in brackets), frames decoded / frames tried; for `none`, frames correctly found empty.');
  return lines.join('\n');
}
