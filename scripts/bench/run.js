#!/usr/bin/env node
/**
 * `npm run bench`: the benchmarks of issues 7, 11, 12 and 13, each against a baseline measured in
 * the same run. Builds dist/pwa and dist/extension first when they are
 * missing or older than their sources, runs the nine items, prints one table
 * and writes everything to bench/results.json. It never fails on a time: a
 * missed budget is a "no" in the table (machines here are shared and noisy);
 * it exits non-zero only when an item could not be measured at all.
 *
 *   npm run bench                      all nine items (3–5 minutes here)
 *   npm run bench -- --only 1,5        some items
 *   npm run bench -- --quick           fewer repeats, for trying the harness
 *   npm run bench -- --json FILE       another output file
 *
 * Figures are medians of repeats. Node figures of item 1 are CPU time; browser
 * figures are wall time (performance.now()), so they swing more with other
 * people's work on the machine than the ratios, whose two sides run interleaved.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { bundleEntry, ensureBuilt, snapshotBuilds } from './lib/build.js';
import { guardNetwork, launchBrowser, startBenchServer } from './lib/browser.js';
import { CACHE_DIR, PWA_BUILD, ROOT } from './lib/paths.js';
import { benchAdmins } from './items/admins.js';
import { benchCodes } from './items/codes.js';
import { benchCodesList } from './items/codes-list.js';
import { benchColdStart } from './items/cold-start.js';
import { benchDecodeBrowser, benchDecodeNode, frameRoute } from './items/decode.js';
import { benchImportFormats } from './items/import-formats.js';
import { benchImportPreview } from './items/import-preview.js';
import { benchScan } from './items/scan.js';
import { benchVerifier } from './items/verifier.js';
import { findChromium } from '../find-chromium.js';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const only = option('only') ? new Set(option('only').split(',').map((s) => s.trim())) : null;
const quick = args.includes('--quick');
const jsonPath = resolve(ROOT, option('json') ?? 'bench/results.json');
const wants = (item) => !only || only.has(item);
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
const log = (message) => console.log(message);

if (!findChromium()) execFileSync(process.execPath, [resolve(ROOT, 'scripts/ensure-chromium.js')], { stdio: 'inherit' });

const loadBefore = loadavg();
const targets = [...(['1', '2', '4', '6'].some(wants) ? ['pwa'] : []), ...(wants('5') ? ['extension'] : [])];
const built = await ensureBuilt(targets, log);
await snapshotBuilds(targets);
const pagesDir = resolve(CACHE_DIR, 'pages');
mkdirSync(pagesDir, { recursive: true });
const benchBundle = await bundleEntry('browser-bench', pagesDir);
const floorBundle = await bundleEntry('first-paint-floor', pagesDir);
log(`built: ${JSON.stringify(built)} (${elapsed()})`);

const server = await startBenchServer({
  mounts: {
    '/pwa/': PWA_BUILD,
    '/bench/': resolve(ROOT, 'scripts/bench/pages'),
    '/bench-build/': pagesDir,
    '/nm/jsqr/': resolve(ROOT, 'node_modules/jsqr/dist'),
    '/nm/zxing/': resolve(ROOT, 'node_modules/zxing-wasm/dist'),
  },
  routes: { '/frames/': await frameRoute() },
});

const summary = [];
const details = {};
const failures = [];
/** Seconds each item took. */
const durations = {};
let chromiumVersion = null;

/** Runs one item, keeping its rows, or a row saying why it could not be measured. */
async function run(item, title, work) {
  if (!wants(item)) return;
  log(`item ${item}: ${title} (${elapsed()})`);
  const itemStart = performance.now();
  try {
    const result = await work();
    details[`item${item}`] = result.results ?? result.rows ?? result;
    summary.push(...result.summary);
    durations[`item${item}`] = Math.round((performance.now() - itemStart) / 1000);
  } catch (error) {
    failures.push(item);
    console.error(`item ${item} failed: ${error.stack ?? error}`);
    summary.push({ item, name: title, figure: 'not measured', baseline: '', ratio: '', budget: '', meets: null, note: String(error.message ?? error).split('\n')[0] });
  }
}

let browser;
let benchPage;
/** The Chromium shared by items 1, 3, 4 and 7. */
async function sharedBrowser() {
  browser ??= await launchBrowser();
  chromiumVersion ??= browser.version();
  return browser;
}
/** The bench page (items 1, 3, 7): the browser bundle of the workloads on window.bench, network guarded. */
async function openBenchPage() {
  if (benchPage) return benchPage;
  const context = await (await sharedBrowser()).newContext();
  const blocked = await guardNetwork(context, server.origin);
  benchPage = await context.newPage();
  benchPage.blocked = blocked;
  await benchPage.goto(`${server.origin}/bench/index.html`);
  await benchPage.addScriptTag({ url: '/bench-build/browser-bench.js', type: 'module' });
  await benchPage.waitForFunction(() => window.bench);
  return benchPage;
}

// Two frames of each 720p variant (the budget's size), one of each other size; more repeats where wall time is measured.
const decodeOptions = quick ? { seeds: 1, repeats: 2 } : { seeds: 1, seedsByHeight: { 720: 2 }, repeats: 7 };
const browserDecodeOptions = quick ? decodeOptions : { seeds: 1, seedsByHeight: { 720: 2 }, repeats: 5, budgetRepeats: 9 };
/**
 * Whether the run is behind its plan (seconds from the start at which an item
 * should begin on a loaded machine): then that item takes fewer repeats, so
 * the whole run stays within five minutes when the machine is very busy.
 */
const reduced = [];
const lighter = (item, plannedStart) => {
  const late = quick || (performance.now() - started) / 1000 > plannedStart;
  if (late && !quick) reduced.push(item);
  return late;
};

try {
  await run('3', 'code generation for 1,000 accounts', async () => benchCodes({ page: await openBenchPage(), bundlePath: benchBundle, rounds: quick ? 6 : 21, log }));
  await run('7', 'verifier throughput', async () => benchVerifier({ page: await openBenchPage(), rounds: quick ? 2 : 5, storedChecks: quick ? 20 : 60, log }));
  await run('1', 'QR decoding per frame, Node and the PWA worker', async () => {
    const browserHalf = await benchDecodeBrowser({ page: await openBenchPage(), origin: server.origin, ...browserDecodeOptions, log });
    const nodeHalf = await benchDecodeNode({ ...decodeOptions, log });
    return {
      results: { node: nodeHalf.rows, chromium: browserHalf.rows, nodeTable: nodeHalf.table, chromiumTable: browserHalf.table },
      summary: [...nodeHalf.summary, ...browserHalf.summary],
    };
  });
  if (benchPage?.blocked.length) throw new Error(`the bench page asked the network for ${benchPage.blocked.join(', ')}`);
  await run('4', 'codes list with 1,000 accounts', async () => {
    const light = lighter('4', 130);
    return benchCodesList({ browser: await sharedBrowser(), origin: server.origin, repeats: light ? 2 : 4, tickRuns: light ? 1 : 2, log });
  });
  await browser?.close();
  browser = undefined;
  await run('2', 'scan to saved account (fake camera, 720p)', () => benchScan({ origin: server.origin, cacheDir: CACHE_DIR, repeats: lighter('2', 190) ? 3 : 5, log }));
  await run('5', 'Admins tab with 10,000 admins', () => benchAdmins({ repeats: lighter('5', 220) ? 2 : 3, log }));
  await run('6', 'cold start offline', () => benchColdStart({ origin: server.origin, floorBundle, repeats: lighter('6', 240) ? 3 : 5, log }));
  await run('8', 'import preview of 10,000 entries', () => benchImportPreview({ repeats: quick ? 2 : 7, log }));
  await run('9', 'import of 1,000 accounts from each format', () => benchImportFormats({ repeats: quick ? 2 : 5, log }));
} finally {
  await browser?.close();
  await server.close();
}

summary.sort((a, b) => Number(a.item) - Number(b.item));
const commit = (() => {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return null;
  }
})();
const results = {
  date: new Date().toISOString(),
  commit,
  node: process.version,
  chromium: chromiumVersion,
  cpus: availableParallelism(),
  loadAverage: { before: loadBefore.map((n) => Number(n.toFixed(2))), after: loadavg().map((n) => Number(n.toFixed(2))) },
  durationSeconds: Math.round((performance.now() - started) / 1000),
  itemSeconds: durations,
  options: { only: only ? [...only] : 'all', quick, fewerRepeatsForItems: reduced },
  built,
  summary,
  details,
};
mkdirSync(dirname(jsonPath), { recursive: true });
writeFileSync(jsonPath, JSON.stringify(results, null, 2) + '\n');

/** The summary as a Markdown table: item, figure, baseline, ratio, budget, meets. */
function formatSummary(rows) {
  const cell = (text) => String(text ?? '').replace(/\|/g, '\\|');
  const lines = ['| # | measure | figure | baseline (same run) | ratio | budget | meets |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    const meets = row.meets === true ? 'yes' : row.meets === false ? 'no' : '—';
    const figure = row.note ? `${row.figure} (${row.note})` : row.figure;
    lines.push(`| ${row.item} | ${cell(row.name)} | ${cell(figure)} | ${cell(row.baseline)} | ${cell(row.ratio)} | ${cell(row.budget)} | ${meets} |`);
  }
  return lines.join('\n');
}

if (details.item1?.nodeTable) log(`\nItem 1, decoding in Node (CPU ms):\n\n${details.item1.nodeTable}`);
if (details.item1?.chromiumTable) log(`\nItem 1, decoding in the PWA's worker in Chromium (wall ms):\n\n${details.item1.chromiumTable}`);
log(`\n${formatSummary(summary)}\n`);
log(`Medians of repeats; ratio = figure / baseline (time; for checks/s, baseline rate / figure). ${results.cpus} CPUs, load average ${results.loadAverage.before[0]} → ${results.loadAverage.after[0]}.`);
if (reduced.length) log(`Items ${reduced.join(', ')} took fewer repeats: the run was behind its plan (a busy machine).`);
log(`Written to ${jsonPath} in ${results.durationSeconds} s.`);
process.exitCode = failures.length ? 1 : 0;
