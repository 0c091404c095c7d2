/** Where things are, for every part of the benchmark. */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The built PWA. */
export const PWA_DIR = resolve(ROOT, 'dist/pwa');
/** The built, unpacked Chrome extension. */
export const EXTENSION_DIR = resolve(ROOT, 'dist/extension');
/** Scratch space git ignores (inside node_modules): bench bundles, profiles, videos. */
export const CACHE_DIR = resolve(ROOT, 'node_modules/.cache/msp-bench');
/**
 * The copies of dist/pwa and dist/extension the run measures, taken once at
 * its start (lib/build.js snapshotBuilds): other people build into dist/ in
 * this tree, and a rebuild mid-run must not swap the files under an item.
 */
export const PWA_BUILD = resolve(CACHE_DIR, 'dist/pwa');
/** See PWA_BUILD. */
export const EXTENSION_BUILD = resolve(CACHE_DIR, 'dist/extension');
