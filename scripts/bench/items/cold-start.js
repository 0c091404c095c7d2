/**
 * Item 6: cold start offline. The PWA is opened once online (its service
 * worker installs and precaches the app; two accounts are seeded as the e2e
 * tests seed them), then, for each repeat, Chromium is started afresh on that
 * profile with the network off, and the time from navigation start to the
 * first code painted is taken (lib/page-scripts.js watchFirstCode). The
 * JavaScript fetched before that moment is listed from the page's resource
 * timing and gzipped here (level 9, as Vite reports sizes).
 *
 * Baselines in the same run: a page with no script painting a code, opened
 * the same way in a freshly started Chromium (time); and the least
 * JavaScript that paints a live code with the app's libraries (Preact and
 * otpauth, entries/first-paint-floor.ts, bundled as the PWA is) (size).
 * Budget: under 200 ms; 40 KB gzip, with the scanner loaded only when the camera opens.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchPersistent, watchNetwork } from '../lib/browser.js';
import { watchFirstCode } from '../lib/page-scripts.js';
import { PWA_BUILD } from '../lib/paths.js';
import { importTs } from '../lib/ts.js';
import { median, round } from '../lib/stats.js';

const gzipKb = (bytes) => gzipSync(bytes, { level: 9 }).length / 1024;

/** Starts Chromium on `profile`, opens `url` (offline when asked) and returns the first-code timing and the scripts loaded before it. */
async function coldOpen(profile, url, origin, { offline }) {
  const context = await launchPersistent(profile, [], { viewport: { width: 412, height: 839 } });
  try {
    const blocked = watchNetwork(context, origin);
    if (offline) await context.setOffline(true);
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(watchFirstCode);
    await page.goto(url);
    await page.waitForFunction(() => window.__firstCode?.painted, null, { timeout: 60_000 });
    const result = await page.evaluate(() => {
      const { dom, painted } = window.__firstCode;
      const scripts = performance
        .getEntriesByType('resource')
        .filter((entry) => /\.m?js(\?|$)/.test(entry.name) && entry.startTime < dom)
        .map((entry) => entry.name);
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      return { dom, painted, fcp, scripts, controlled: navigator.serviceWorker?.controller !== null && navigator.serviceWorker?.controller !== undefined };
    });
    if (blocked.length) throw new Error(`item 6: the page asked the network for ${blocked.join(', ')}`);
    return result;
  } finally {
    await context.close();
  }
}

/** Runs item 6 against the bench server's /pwa/ (and /bench/floor/). */
export async function benchColdStart({ origin, floorBundle, repeats = 5, log }) {
  const { openWithAccounts, otpAccount } = await importTs('test/e2e/support/vault-steps.ts');
  const pwaUrl = `${origin}/pwa/`;
  const profile = await mkdtemp(join(process.env.TMPDIR ?? '/tmp', 'bench-pwa-'));
  const floorProfile = await mkdtemp(join(process.env.TMPDIR ?? '/tmp', 'bench-floor-'));
  try {
    // First visit, online: accounts, service worker installed and in control.
    const setup = await launchPersistent(profile, []);
    const page = setup.pages()[0] ?? (await setup.newPage());
    await openWithAccounts(page, pwaUrl, [
      otpAccount({ issuer: 'GitHub', label: 'alice@example.com' }),
      otpAccount({ issuer: 'AWS', label: 'root', secret: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', algorithm: 'SHA512', digits: 8, period: 60 }),
    ]);
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === 'activated', null, { timeout: 60_000, polling: 200 });
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await setup.close();

    const runs = [];
    const floors = [];
    // One untimed start of each first: the first start after install also compiles and caches code.
    await coldOpen(profile, pwaUrl, origin, { offline: true });
    await coldOpen(floorProfile, `${origin}/bench/floor/`, origin, { offline: false });
    for (let r = 0; r < repeats; r++) {
      runs.push(await coldOpen(profile, pwaUrl, origin, { offline: true }));
      floors.push(await coldOpen(floorProfile, `${origin}/bench/floor/`, origin, { offline: false }));
    }
    if (!runs.every((run) => run.controlled)) throw new Error('item 6: a cold start was not controlled by the service worker');

    const scripts = [...new Set(runs.flatMap((run) => run.scripts))].map((url) => new URL(url).pathname.replace(/^\/pwa\//, ''));
    const files = scripts.map((path) => ({ path, gzipKb: round(gzipKb(readFileSync(join(PWA_BUILD, path))), 2) }));
    const jsKb = files.reduce((sum, file) => sum + file.gzipKb, 0);
    const scannerEarly = scripts.filter((path) => /ScannerView|frame-decoder|decode\.worker/.test(path));
    const floorKb = gzipKb(readFileSync(floorBundle));
    const results = {
      firstCodePaintedMs: round(median(runs.map((run) => run.painted))),
      firstCodeInDomMs: round(median(runs.map((run) => run.dom))),
      firstContentfulPaintMs: round(median(runs.map((run) => run.fcp))),
      floorPaintedMs: round(median(floors.map((run) => run.painted))),
      scriptsBeforeFirstCode: files,
      jsGzipKb: round(jsKb, 2),
      floorJsGzipKb: round(floorKb, 2),
      scannerLoadedBeforeFirstCode: scannerEarly,
      runs: runs.map((run) => ({ painted: round(run.painted), dom: round(run.dom), fcp: round(run.fcp) })),
    };
    log(`  cold start offline: first code painted ${results.firstCodePaintedMs} ms (floor ${results.floorPaintedMs} ms); JS before it ${results.jsGzipKb} KB gzip`);
    return {
      results,
      summary: [
        {
          item: '6',
          name: 'Cold start offline (SW installed, network off): navigation → first code painted',
          figure: `${results.firstCodePaintedMs.toFixed(0)} ms`,
          baseline: `static page ${results.floorPaintedMs.toFixed(0)} ms`,
          ratio: `${(results.firstCodePaintedMs / results.floorPaintedMs).toFixed(2)}x`,
          budget: '< 200 ms',
          meets: results.firstCodePaintedMs < 200,
          value: results.firstCodePaintedMs,
          ratioValue: round(results.firstCodePaintedMs / results.floorPaintedMs),
        },
        {
          item: '6',
          name: 'JS loaded before the first code (gzip); scanner deferred',
          figure: `${results.jsGzipKb.toFixed(1)} KB${scannerEarly.length ? ` (scanner loaded early: ${scannerEarly.join(', ')})` : ', scanner deferred'}`,
          baseline: `Preact+otpauth floor ${results.floorJsGzipKb.toFixed(1)} KB`,
          ratio: `${(results.jsGzipKb / results.floorJsGzipKb).toFixed(2)}x`,
          budget: '≤ 40 KB, scanner on camera only',
          meets: results.jsGzipKb <= 40 && scannerEarly.length === 0,
          value: results.jsGzipKb,
          ratioValue: round(results.jsGzipKb / results.floorJsGzipKb),
        },
      ],
    };
  } finally {
    await rm(profile, { recursive: true, force: true });
    await rm(floorProfile, { recursive: true, force: true });
  }
}
