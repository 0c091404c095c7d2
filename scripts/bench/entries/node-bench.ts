/**
 * The Node side of items 3 and 7 of `npm run bench`: the same workloads as
 * in Chromium, over fake-indexeddb (imported first, so the storage modules
 * find IndexedDB). otpauth resolves to its node:crypto build here.
 */
import 'fake-indexeddb/auto';

export * from './workloads';
