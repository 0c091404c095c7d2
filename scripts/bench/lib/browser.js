/**
 * Chromium and a local web server for the benchmark's browser items.
 *
 * - `launchBrowser` starts Debian's Chromium (as the e2e tests do, with the
 *   same quiet flags from test/e2e/support/chromium.ts).
 * - `startBenchServer` serves folders under URL prefixes and a few generated
 *   routes, on 127.0.0.1 only.
 * - `guardNetwork` aborts every request a page makes to anything but that
 *   server, and records it: a benchmark never reaches the network. Routing
 *   makes Playwright bypass service workers and the HTTP cache, so pages
 *   whose loading is measured use `watchNetwork` instead, which only records.
 */
import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { importTs } from './ts.js';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

let chromiumSupport;
/** The Chromium path and quiet flags the e2e tests use. */
export async function chromiumSettings() {
  chromiumSupport ??= importTs('test/e2e/support/chromium.ts');
  const { chromiumPath, QUIET_ARGS } = await chromiumSupport;
  return { executablePath: chromiumPath(), args: QUIET_ARGS };
}

/** Launches headless Chromium with the quiet flags plus `extraArgs`. */
export async function launchBrowser(extraArgs = []) {
  const { executablePath, args } = await chromiumSettings();
  return chromium.launch({ executablePath, headless: true, args: [...args, ...extraArgs] });
}

/** Launches a persistent-profile Chromium context (service workers, extensions, cold starts). */
export async function launchPersistent(profileDir, extraArgs = [], options = {}) {
  const { executablePath, args } = await chromiumSettings();
  return chromium.launchPersistentContext(profileDir, { executablePath, headless: true, args: [...args, ...extraArgs], ...options });
}

/**
 * Serves `mounts` ({ '/prefix/': folder }) and `routes` ({ '/path': async (url) => { body, type } },
 * matched by prefix) on 127.0.0.1. Returns { origin, close }.
 */
export async function startBenchServer({ mounts = {}, routes = {} }) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = decodeURIComponent(url.pathname);
    try {
      const route = Object.keys(routes).find((prefix) => path.startsWith(prefix));
      if (route) {
        const { body, type = 'application/octet-stream' } = await routes[route](url);
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
        return;
      }
      const mount = Object.keys(mounts)
        .sort((a, b) => b.length - a.length)
        .find((prefix) => path.startsWith(prefix));
      if (!mount) throw Object.assign(new Error('not found'), { status: 404 });
      const root = mounts[mount];
      let file = normalize(join(root, path.slice(mount.length)));
      if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) throw Object.assign(new Error('forbidden'), { status: 403 });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res
        .writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': file.endsWith('sw.js') ? 'no-cache' : 'public, max-age=0',
        })
        .end(body);
    } catch (error) {
      res.writeHead(error.status ?? 404).end(String(error.message ?? error));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/**
 * Aborts every request of `context` that does not go to `origin` (or is not
 * a data:, blob: or chrome-extension: URL) and records it in the returned list.
 */
export async function guardNetwork(context, origin) {
  const blocked = [];
  await context.route(
    (url) => !['data:', 'blob:', 'chrome-extension:'].includes(url.protocol) && url.origin !== origin,
    (route) => {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  return blocked;
}

/**
 * Records (without intercepting, so service workers and the HTTP cache work
 * as for a user) every request of `context` to anything but `origin`.
 */
export function watchNetwork(context, origin) {
  const foreign = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:', 'chrome-extension:'].includes(url.protocol) && url.origin !== origin) foreign.push(request.url());
  });
  return foreign;
}
