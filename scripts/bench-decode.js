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
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';
import { loadZxing } from './bench/lib/zxing.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};

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
