import { defineConfig } from '@playwright/test';

/**
 * `npm run demo`: walks through the product headless and writes a screenshot
 * of every step to docs/screenshots/ (README shows them). Not part of `npm test`.
 */
export default defineConfig({
  testDir: 'demo',
  testMatch: '**/*.tour.ts',
  workers: 1,
  timeout: 120_000,
  reporter: [['list']],
  use: { viewport: { width: 1200, height: 780 } },
});
