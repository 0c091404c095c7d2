/**
 * Item 7: verifier throughput, login-code checks per second with the portal's
 * policy (window ±1 and the replay check): pure (no storage) and with the
 * storage round trip (the real verifyLoginCode over IndexedDB: Chromium's own,
 * and fake-indexeddb in Node). Baselines: a hand-written check over
 * node:crypto (pure), and a raw IndexedDB read-modify-write transaction in
 * the same environment (stored). No budget is set for this item.
 */
import { timingSafeEqual } from 'node:crypto';
import { importTs } from '../lib/ts.js';
import { median, round } from '../lib/stats.js';
import { hotpWithNodeCrypto } from './codes.js';

/** A hand-written check with the same policy: three HMACs (steps 0, -1, +1), constant-time compare, replay check. */
function checkByHand(key, code, now, lastStep) {
  const step = Math.floor(now / 30_000);
  let matched = null;
  for (const delta of [0, -1, 1]) {
    const candidate = Buffer.from(hotpWithNodeCrypto(key, 'sha1', step + delta));
    if (timingSafeEqual(candidate, Buffer.from(code.padEnd(6, ' ').slice(0, 6))) && matched === null) matched = step + delta;
  }
  if (matched === null) return { ok: false };
  if (lastStep !== null && matched <= lastStep) return { ok: false, replay: true };
  return { ok: true, step: matched };
}

function baselinePure(nodeBench, decodeBase32, attempts, rounds, start) {
  const secret = nodeBench.benchSecrets('SHA1', 1)[0];
  const key = Buffer.from(decodeBase32(secret));
  const totp = (now) => hotpWithNodeCrypto(key, 'sha1', Math.floor(now / 30_000));
  const plan = Array.from({ length: attempts }, (_, i) => {
    const now = start + i * 60_000;
    return { now, code: i % 3 === 0 ? totp(now) : i % 3 === 1 ? totp(now - 30_000) : nodeBench.wrongCode(secret, now) };
  });
  const rates = [];
  for (let r = -1; r < rounds; r++) {
    let last = null;
    const begin = performance.now();
    for (const { now, code } of plan) {
      const result = checkByHand(key, code, now, last);
      if (result.ok) last = result.step;
    }
    if (r >= 0) rates.push((attempts * 1000) / (performance.now() - begin));
  }
  return rates;
}

const perSecond = (msValues) => 1000 / median(msValues);

/** Runs item 7: Node pure and stored, Chromium pure and stored (on the bench page). */
export async function benchVerifier({ page, attempts = 3000, rounds = 5, storedChecks = 60, log }) {
  const nodeBench = await importTs('scripts/bench/entries/node-bench.ts');
  const { decodeBase32 } = await importTs('shared/otp/base32.ts');
  const start = Date.UTC(2026, 0, 5, 8, 0, 0);

  const baseBefore = baselinePure(nodeBench, decodeBase32, attempts, rounds, start);
  const browserPure = await page.evaluate(({ attempts, rounds, start }) => window.bench.benchVerifierPure(attempts, rounds, start), { attempts, rounds, start });
  const nodePure = nodeBench.benchVerifierPure(attempts, rounds, start);
  const baseAfter = baselinePure(nodeBench, decodeBase32, attempts, rounds, start);
  const baseRate = median([...baseBefore, ...baseAfter]);

  const browserStored = await page.evaluate(({ n, start }) => window.bench.benchVerifierStored(n, start), { n: storedChecks, start });
  const browserRaw = await page.evaluate((n) => window.bench.benchRawIdbRoundTrip(n), storedChecks);
  const nodeStored = await nodeBench.benchVerifierStored(storedChecks, start);
  const nodeRaw = await nodeBench.benchRawIdbRoundTrip(storedChecks);
  if (browserStored.accepted !== storedChecks || nodeStored.accepted !== storedChecks) {
    throw new Error(`item 7: expected every stored check to be accepted (Chromium ${browserStored.accepted}, Node ${nodeStored.accepted} of ${storedChecks})`);
  }

  const results = {
    pureChromium: { checksPerSecond: round(median(browserPure.checksPerSecond)), acceptedPerRun: browserPure.accepted, attempts },
    pureNode: { checksPerSecond: round(median(nodePure.checksPerSecond)), acceptedPerRun: nodePure.accepted, attempts },
    pureBaselineNodeCrypto: { checksPerSecond: round(baseRate) },
    storedChromium: { checksPerSecond: round(perSecond(browserStored.checkMs)), medianMs: round(median(browserStored.checkMs)), checks: storedChecks },
    storedChromiumRawIdb: { roundTripsPerSecond: round(perSecond(browserRaw)), medianMs: round(median(browserRaw)) },
    storedNode: { checksPerSecond: round(perSecond(nodeStored.checkMs)), medianMs: round(median(nodeStored.checkMs)), checks: storedChecks },
    storedNodeRawIdb: { roundTripsPerSecond: round(perSecond(nodeRaw)), medianMs: round(median(nodeRaw)) },
  };
  log(`  verifier: pure ${results.pureChromium.checksPerSecond.toFixed(0)}/s (Chromium), stored ${results.storedChromium.checksPerSecond.toFixed(0)}/s`);
  const row = (name, figure, baselineName, baseline) => ({
    item: '7',
    name,
    figure: `${Math.round(figure).toLocaleString('en-US')} checks/s`,
    baseline: `${baselineName} ${Math.round(baseline).toLocaleString('en-US')}/s`,
    ratio: `${(baseline / figure).toFixed(2)}x`,
    budget: 'none set',
    meets: null,
    value: round(figure),
    ratioValue: round(baseline / figure),
  });
  return {
    results,
    summary: [
      row('Verifier, pure (window ±1 + replay), browser build in Chromium', results.pureChromium.checksPerSecond, 'hand-written node:crypto', baseRate),
      row('Verifier, pure, Node (otpauth over node:crypto)', results.pureNode.checksPerSecond, 'hand-written node:crypto', baseRate),
      row('Verifier with storage: verifyLoginCode on IndexedDB (Chromium)', results.storedChromium.checksPerSecond, 'raw IDB read+write tx', results.storedChromiumRawIdb.roundTripsPerSecond),
      row('Verifier with storage: verifyLoginCode on fake-indexeddb (Node)', results.storedNode.checksPerSecond, 'raw fake-IDB read+write tx', results.storedNodeRawIdb.roundTripsPerSecond),
    ],
  };
}
