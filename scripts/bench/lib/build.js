/**
 * Builds what the benchmark measures: the PWA and the extension (dist/),
 * rebuilt only when missing or older than their sources, and the small
 * browser bundle of the benchmark's own pages (always, into a cache folder
 * that git ignores).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { CACHE_DIR, ROOT } from './paths.js';

/** Newest modification time (ms) of any file under `paths` (files or folders). */
function newestMtime(paths) {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules') visit(join(path, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const path of paths) visit(resolve(ROOT, path));
  return newest;
}

/** The targets `npm run bench` needs: the file whose age stands for the build, and its sources. */
const TARGETS = {
  pwa: { stamp: 'dist/pwa/index.html', sources: ['pwa', 'shared', 'vite.config.ts', 'package.json'] },
  extension: { stamp: 'dist/extension/manifest.json', sources: ['extension', 'shared', 'manifest.json', 'vite.config.ts', 'package.json'] },
};

/** Runs `vite build --mode <mode>`; rejects with its output when it fails. */
function viteBuild(mode) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [resolve(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--mode', mode, '--logLevel', 'warn'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`vite build --mode ${mode} failed:\n${output}`))));
  });
}

/**
 * Builds each of `targets` ('pwa', 'extension') that is missing or older than
 * its sources. Returns what it did, e.g. { pwa: 'built', extension: 'fresh' }.
 */
export async function ensureBuilt(targets, log = console.log) {
  const done = {};
  for (const name of targets) {
    const { stamp, sources } = TARGETS[name];
    const stampPath = resolve(ROOT, stamp);
    const stale = !existsSync(stampPath) || newestMtime(sources) > statSync(stampPath).mtimeMs;
    if (stale) {
      log(`building ${name} (dist missing or older than its sources)…`);
      try {
        await viteBuild(name);
        done[name] = 'built';
      } catch (error) {
        // Sources mid-edit (other people work in this tree): measure the last good build rather than nothing.
        if (!existsSync(stampPath)) throw error;
        log(`  the build failed; measuring the existing, older dist/${name}:\n${String(error.message).split('\n').slice(0, 6).join('\n')}`);
        done[name] = 'stale: the build failed';
      }
    } else done[name] = 'fresh';
  }
  return done;
}

/**
 * Bundles one of the benchmark's browser entry points (scripts/bench/entries/)
 * the way the PWA is built (Vite, browser resolve conditions, minified), so
 * shared/ code runs in Chromium on the same module builds it ships with
 * (otpauth's browser build, not its node:crypto one). Writes `<name>.js` into
 * `outDir` (a self-contained ES module) and returns its path.
 */
export async function bundleEntry(name, outDir) {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'silent',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: false,
      minify: true,
      target: 'es2022',
      lib: { entry: resolve(ROOT, `scripts/bench/entries/${name}.ts`), formats: ['es'], fileName: () => `${name}.js` },
      rollupOptions: { output: { codeSplitting: false } },
    },
  });
  return join(outDir, `${name}.js`);
}

/** Whether every asset dist/pwa's index.html names is in `dir` (a copy taken mid-build would miss some). */
function isWholePwa(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].every(([, path]) => existsSync(join(dir, path)));
}

/**
 * Copies dist/<target> to the cache (see PWA_BUILD in paths.js) for each of
 * `targets`, so the whole run measures one build; retries while a build by
 * someone else is half-written.
 */
export async function snapshotBuilds(targets) {
  for (const name of targets) {
    const from = resolve(ROOT, 'dist', name);
    const to = resolve(CACHE_DIR, 'dist', name);
    for (let attempt = 1; ; attempt++) {
      rmSync(to, { recursive: true, force: true });
      cpSync(from, to, { recursive: true });
      if (name !== 'pwa' || isWholePwa(to)) break;
      if (attempt === 5) throw new Error(`dist/${name} stayed half-written (a build in progress?)`);
      await new Promise((done) => setTimeout(done, 3000));
    }
  }
}
