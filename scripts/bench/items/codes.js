/**
 * Item 3: code generation for 1,000 accounts per refresh (SHA1, SHA256,
 * SHA512), in Chromium on the browser build of the PWA's code path
 * (pwa/app/model/codes.ts over shared/otp's WebCrypto generator: each
 * account's key imported once, a refresh's codes asked for together and
 * awaited together; see entries/workloads.ts benchCodes), against a
 * hand-written HOTP over Node's crypto (createHmac): the near-limit baseline.
 * Budget: at most 2x the baseline per code.
 *
 * The same browser bundle is also run in this Node process, beside the
 * baseline: same engine, same moment, so that ratio is free of the
 * difference between two processes on a shared machine.
 */
import { createHmac } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { importTs } from '../lib/ts.js';
import { median, round } from '../lib/stats.js';

const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'];

/** RFC 4226 §5.3 by hand over node:crypto: HMAC of the 8-byte counter, dynamic truncation, modulo 10^digits. */
export function hotpWithNodeCrypto(key, algorithm, counter, digits = 6) {
  const message = Buffer.alloc(8);
  message.writeUInt32BE(Math.floor(counter / 2 ** 32), 0);
  message.writeUInt32BE(counter >>> 0, 4);
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The baseline's refreshes: `rounds` times one code for each of `keys` at successive steps. */
function baselineRefreshes(keys, algorithm, rounds, step) {
  const nodeAlgorithm = algorithm.toLowerCase();
  for (const key of keys) hotpWithNodeCrypto(key, nodeAlgorithm, step - 1);
  const refreshMs = [];
  let codes = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    codes = keys.map((key) => hotpWithNodeCrypto(key, nodeAlgorithm, step + r));
    refreshMs.push(performance.now() - start);
  }
  return { refreshMs, codes };
}

/** Runs item 3 on `page` (the bench page with window.bench loaded). */
export async function benchCodes({ page, bundlePath, accounts = 1000, rounds = 15, log }) {
  // The browser bundle sets globalThis.bench; it needs nothing Node lacks for these workloads.
  await import(pathToFileURL(bundlePath).href);
  const bundleInNode = globalThis.bench;
  const { benchSecrets } = await importTs('scripts/bench/entries/workloads.ts');
  const { decodeBase32 } = await importTs('shared/otp/base32.ts');
  const now = Date.UTC(2025, 2, 14, 15, 9, 31);
  const step = Math.floor(now / 30_000);
  const results = [];
  const blocks = 3;
  const perBlock = Math.max(1, Math.ceil(rounds / blocks));
  for (const algorithm of ALGORITHMS) {
    const keys = benchSecrets(algorithm, accounts).map((secret) => Buffer.from(decodeBase32(secret)));
    // Baseline and browser take turns in blocks, so both see the shared machine at about the same moments.
    const base = [];
    const chromium = [];
    const unmemoized = [];
    const inNode = [];
    let codes = null;
    for (let block = 0; block < blocks; block++) {
      base.push(...baselineRefreshes(keys, algorithm, perBlock, step).refreshMs);
      const ours = await page.evaluate(({ algorithm, accounts, rounds, now }) => window.bench.benchCodes(algorithm, accounts, rounds, now), { algorithm, accounts, rounds: perBlock, now });
      chromium.push(...ours.refreshMs);
      unmemoized.push(...ours.unmemoizedMs);
      const node = await bundleInNode.benchCodes(algorithm, accounts, perBlock, now);
      inNode.push(...node.refreshMs);
      codes = { chromium: ours.codes, node: node.codes };
    }
    const last = baselineRefreshes(keys, algorithm, perBlock, step);
    base.push(...last.refreshMs);
    const sameCodes = codes.chromium.every((code, i) => code === last.codes[i] && code === codes.node[i]);
    if (!sameCodes) throw new Error(`item 3 ${algorithm}: the browser build and the node:crypto baseline disagree on the codes`);
    const oursMs = median(chromium);
    const baseMs = median(base);
    const inNodeMs = median(inNode);
    log(`  codes ${algorithm}: ${oursMs.toFixed(2)} ms / refresh in Chromium, ${inNodeMs.toFixed(2)} ms in Node, baseline ${baseMs.toFixed(2)} ms`);
    results.push({
      algorithm,
      accounts,
      oursRefreshMs: round(oursMs),
      oursPerCodeUs: round((oursMs * 1000) / accounts),
      unmemoizedRefreshMs: round(median(unmemoized)),
      bundleInNodeRefreshMs: round(inNodeMs),
      bundleInNodeRatio: round(inNodeMs / baseMs),
      baselineRefreshMs: round(baseMs),
      baselinePerCodeUs: round((baseMs * 1000) / accounts),
      ratio: round(oursMs / baseMs),
      sameCodes,
    });
  }
  const summary = results.map((r) => ({
    item: '3',
    name: `Codes for ${accounts.toLocaleString('en-US')} accounts, ${r.algorithm}, browser build in Chromium (per refresh)`,
    figure: `${r.oursRefreshMs.toFixed(2)} ms (${r.oursPerCodeUs.toFixed(2)} µs/code)`,
    baseline: `node:crypto ${r.baselineRefreshMs.toFixed(2)} ms`,
    ratio: `${r.ratio.toFixed(2)}x (same bundle in Node: ${r.bundleInNodeRatio.toFixed(2)}x)`,
    budget: '≤ 2x per code',
    meets: r.ratio <= 2,
    value: r.oursRefreshMs,
    ratioValue: r.ratio,
  }));
  return { results, summary };
}
