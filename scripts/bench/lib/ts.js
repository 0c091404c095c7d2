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
