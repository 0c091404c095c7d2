/**
 * Loads a TypeScript module of the repository in Node (20 has no TypeScript
 * loader), through Vite's module runner, as scripts/bench-decode.js does.
 * Node resolve conditions apply: for browser-exact code paths, see bundleEntry.
 */
import { resolve } from 'node:path';
import { runnerImport } from 'vite';
import { ROOT } from './paths.js';

/** Imports `path` (relative to the repository root) and returns its exports. */
export async function importTs(path) {
  const { module } = await runnerImport(resolve(ROOT, path), { configFile: false, root: ROOT, logLevel: 'silent' });
  return module;
}

/**
 * Runs `work` with a loader of repository modules that stays open while it
 * runs (Vite's SSR loader), so that code loading libraries with `import()`
 * at run time (the import formats' papaparse and libsodium) works; then closes it.
 */
export async function withTsModules(work) {
  const { createServer } = await import('vite');
  const server = await createServer({ configFile: false, root: ROOT, logLevel: 'silent', server: { middlewareMode: true, hmr: false }, appType: 'custom', optimizeDeps: { noDiscovery: true } });
  try {
    return await work((path) => server.ssrLoadModule(resolve(ROOT, path)));
  } finally {
    await server.close();
  }
}
