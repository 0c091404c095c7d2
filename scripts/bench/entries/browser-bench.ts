/**
 * The browser bundle of `npm run bench` (items 3 and 7 in Chromium): the
 * workloads of workloads.ts, built the way the PWA is built, on `window.bench`.
 */
import * as workloads from './workloads';

(globalThis as unknown as { bench: typeof workloads }).bench = workloads;
