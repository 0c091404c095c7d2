#!/usr/bin/env node
/**
 * Prints the QR decoding benchmark (scripts/bench-decode.ts) as a Markdown
 * table, and writes its rows as JSON when given `--json FILE`.
 *
 *   node scripts/bench-decode.js [--seeds 3] [--repeats 7] [--json bench/decode.json]
 *
 * zxing-wasm is measured when installed (or when ZXING_WASM_DIR points at its
 * package folder). Node has no TypeScript loader before 22, so the .ts module is
 * loaded through Vite's module runner.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runnerImport } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};

/**
 * Loads zxing-wasm's reader from its packaged wasm file (never from a network),
 * or returns null when it is not installed.
 */
async function loadZxing(dir = process.env.ZXING_WASM_DIR) {
  const require = createRequire(import.meta.url);
  let entry;
  let wasm;
  try {
    entry = dir ? join(dir, 'dist/es/reader/index.js') : require.resolve('zxing-wasm/reader');
    wasm = dir ? join(dir, 'dist/reader/zxing_reader.wasm') : require.resolve('zxing-wasm/reader/zxing_reader.wasm');
  } catch {
    return null;
  }
  const zxing = await import(pathToFileURL(entry).href);
  await zxing.prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasm) }, fireImmediately: true });
  return async (frame) => (await zxing.readBarcodes(frame, { formats: ['QRCode'] }))[0]?.text ?? null;
}

const { module: bench } = await runnerImport(resolve(root, 'scripts/bench-decode.ts'), { configFile: false, root, logLevel: 'silent' });
const rows = await bench.measureDecoding({
  seeds: option('seeds') ? Number(option('seeds')) : undefined,
  repeats: option('repeats') ? Number(option('repeats')) : undefined,
  zxing: await loadZxing(),
});
console.log(bench.formatDecodeTable(rows));
const json = option('json');
if (json) {
  mkdirSync(dirname(resolve(json)), { recursive: true });
  writeFileSync(resolve(json), JSON.stringify(rows, null, 2) + '\n');
}
