/**
 * Vitest global setup of the WebKit tests (`npm run test:webkit`): serves the
 * built PWA (dist/pwa) on localhost under a sub-path, as test/e2e/fixtures.ts
 * does, and starts Debian's WebKitWebDriver on a free port. Each test opens
 * its own WebKit session on that driver (support/webkit-app.ts).
 *
 * The driver runs with HOME set to a fresh folder: WebKitGTK saves a
 * download there, so a test reads what the app saved, and nothing of the
 * person's own home is touched.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findWebKit } from '../../scripts/ensure-webkit.js';
import { startStaticServer } from '../../scripts/static-server.js';

/** The built PWA the tests serve. */
const PWA_DIR = resolve('dist/pwa');
/** Where the driver's output goes, to read when a session does not start. */
const RESULTS_DIR = resolve('test-results/webkit');

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PWA's address, e.g. http://127.0.0.1:P/apps/authenticator/ */
    pwaUrl: string;
    /** WebKitWebDriver's address. */
    webDriverUrl: string;
    /** The MiniBrowser the driver launches. */
    miniBrowser: string;
    /** The home folder of the browser: where it saves downloads. */
    browserHome: string;
  }
}

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** Polls the driver's /status until it answers ready, or fails after `timeoutMs`. */
async function waitUntilReady(url: string, driver: ChildProcess, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited with code ${driver.exitCode}; see ${RESULTS_DIR}/webkitwebdriver.log`);
    const ready = await fetch(`${url}/status`)
      .then(async (response) => ((await response.json()) as { value?: { ready?: boolean } }).value?.ready === true)
      .catch(() => false);
    if (ready) return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`WebKitWebDriver did not answer on ${url} within ${timeoutMs / 1000} s`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const webKit = findWebKit();
  if (!webKit) throw new Error('WebKit is missing: run `node scripts/ensure-webkit.js` (npm run test:webkit does).');
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Error('No display: run the WebKit tests under xvfb-run (npm run test:webkit does).');
  }

  if (!existsSync(join(PWA_DIR, 'index.html'))) throw new Error('dist/pwa is not built: run `npm run build:pwa` first.');

  const server = await startStaticServer({ root: PWA_DIR, mount: '/apps/authenticator/' });
  const browserHome = await mkdtemp(join(tmpdir(), 'webkit-home-'));
  await mkdir(RESULTS_DIR, { recursive: true });
  const log = createWriteStream(join(RESULTS_DIR, 'webkitwebdriver.log'));
  const port = await freePort();
  // One session at a time; a new one replaces a session a failed test could not end.
  const driver = spawn(webKit.driver, [`--port=${port}`, '--replace-on-new-session'], {
    env: { ...process.env, HOME: browserHome },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  driver.stdout.pipe(log);
  driver.stderr.pipe(log);
  const webDriverUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(webDriverUrl, driver);
  } catch (error) {
    driver.kill();
    await server.close();
    throw error;
  }

  project.provide('pwaUrl', server.url);
  project.provide('webDriverUrl', webDriverUrl);
  project.provide('miniBrowser', webKit.miniBrowser);
  project.provide('browserHome', browserHome);

  return async () => {
    const exited = new Promise((done) => driver.once('exit', done));
    driver.kill();
    await exited;
    log.end();
    await server.close();
    await rm(browserHome, { recursive: true, force: true });
  };
}
