/**
 * Builds the code Workbox's generated service worker loads besides its own
 * (`workbox.importScripts` in vite.config.ts): today the share target's POST
 * handler, `pwa/sw/share-target.ts` (issue 14).
 *
 * It is bundled in a build of its own, as one classic script (IIFE), and
 * emitted into the PWA's output: a chunk of the app's build could share
 * modules with the page and then `import` them, which `importScripts` cannot.
 */
import { build, type PluginOption, type Rollup } from 'vite';
import { fileURLToPath } from 'node:url';

/** The script's file name in dist/pwa, as sw.js imports it. */
export const SHARE_TARGET_SCRIPT = 'share-target-sw.js';

const entry = fileURLToPath(new URL('./sw/share-target.ts', import.meta.url));

/** The Vite plugin (build only). */
export function serviceWorkerAddons(): PluginOption {
  return {
    name: 'msp:service-worker-addons',
    apply: 'build',
    async generateBundle() {
      const output = (await build({
        configFile: false,
        logLevel: 'warn',
        build: {
          write: false,
          minify: true,
          lib: { entry, formats: ['iife'], name: 'shareTarget', fileName: () => SHARE_TARGET_SCRIPT },
          rollupOptions: { output: { inlineDynamicImports: true } },
        },
      })) as Rollup.RollupOutput[];
      const chunk = output[0]?.output.find((file): file is Rollup.OutputChunk => file.type === 'chunk');
      if (!chunk) this.error(`${SHARE_TARGET_SCRIPT}: the build gave no script`);
      this.emitFile({ type: 'asset', fileName: SHARE_TARGET_SCRIPT, source: chunk.code });
    },
  };
}
