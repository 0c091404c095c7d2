import { type PluginOption, type UserConfig } from 'vite';
import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { VitePWA } from 'vite-plugin-pwa';
import baseManifest from './manifest.json' with { type: 'json' };
import { contentSecurityPolicy } from './pwa/content-security-policy.js';
import { iconChunkFileNames, iconSet } from './pwa/icon-set-plugin';
import { parsePwaUrl } from './shared/family/pwa-address';
import { serviceWorkerAddons, SHARE_TARGET_SCRIPT } from './pwa/service-worker-addons';
import { SHARE_TARGET } from './pwa/sw/share-target-contract';
import { LAUNCH_FRAGMENT } from './pwa/app/launch/launch-fragment-names';

/** The Firefox add-on id; AMO and `web-ext` need a stable gecko id for MV3. */
const GECKO_ID = 'msp-portal@acme.example';

/** Pages of the extension that the manifest does not name but that must be built. */
const extensionPages = { portal: 'extension/portal/index.html', qrWindow: 'extension/portal/qr-window/index.html' };

/**
 * Takes `innerHTML` out of the extension's Preact. Preact assigns it in one
 * place only, to honour `dangerouslySetInnerHTML`, which the portal never uses
 * (QR codes are SVG we draw; all text is text nodes). Mozilla's add-on linter
 * flags that assignment (UNSAFE_VAR_ASSIGNMENT) and ignores inline disables, so
 * the extension build replaces it with a throw: the capability is removed, not
 * hidden. The build fails if Preact's code changes shape, so an upgrade cannot
 * bring the assignment back unnoticed.
 */
function preactWithoutInnerHtml(): PluginOption {
  const preactModule = /[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.mjs$/;
  const assignment = /\b[\w$]+\.innerHTML=[\w$]+\.__html\b/g;
  return {
    name: 'msp:preact-without-inner-html',
    enforce: 'pre',
    transform(code, id) {
      if (!preactModule.test(id.split('?')[0])) return null;
      const found = code.match(assignment)?.length ?? 0;
      if (found !== 1) {
        this.error(`preact.mjs: expected one "x.innerHTML=y.__html", found ${found}; update preactWithoutInnerHtml in vite.config.ts`);
      }
      const refusal = '(()=>{throw Error("dangerouslySetInnerHTML is not supported in the extension")})()';
      return { code: code.replace(assignment, refusal), map: null };
    },
  };
}

function extensionConfig(browser: 'chrome' | 'firefox'): UserConfig {
  const manifest: ManifestV3Export =
    browser === 'firefox'
      ? {
          ...baseManifest,
          // Firefox runs MV3 backgrounds as event pages, not service workers.
          background: { scripts: [baseManifest.background.service_worker], type: 'module' },
          browser_specific_settings: {
            // We collect nothing: all data stays in the browser's IndexedDB.
            // Desktop 140 (the current ESR, Debian's firefox-esr) is the first with data_collection_permissions;
            // Firefox for Android has it from 142.
            gecko: { id: GECKO_ID, strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
            gecko_android: { strict_min_version: '142.0' },
          },
        } as ManifestV3Export
      : (baseManifest as ManifestV3Export);
  return {
    // Acme Authenticator's address for the portal's install link and QR code (issue 14). Checked
    // here, so a bad PWA_URL stops the build with a message instead of shipping a dead link.
    define: { 'import.meta.env.PWA_URL': JSON.stringify(parsePwaUrl(process.env.PWA_URL)) },
    plugins: [preactWithoutInnerHtml(), preact() as PluginOption, crx({ manifest, browser })],
    build: {
      outDir: browser === 'firefox' ? 'dist/firefox' : 'dist/extension',
      emptyOutDir: true,
      rollupOptions: { input: extensionPages },
    },
  };
}

/**
 * Writes the PWA's Content Security Policy into the built index.html as the first
 * tag of <head>, so it governs every script and stylesheet after it (static hosts
 * that cannot send headers get it too; see pwa/content-security-policy.js). Build
 * only: the dev server injects its own inline client.
 */
function contentSecurityPolicyMeta(): PluginOption {
  return {
    name: 'msp:content-security-policy-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ meta: true }) }, injectTo: 'head-prepend' },
    ],
  };
}

function pwaConfig(): UserConfig {
  return {
    root: 'pwa',
    // A relative base lets dist/pwa/ be published under any sub-path of any host.
    base: './',
    publicDir: 'public',
    plugins: [
      contentSecurityPolicyMeta(),
      iconSet(),
      serviceWorkerAddons(),
      preact() as PluginOption,
      VitePWA({
        // We register with workbox-window ourselves (pwa/app/service-worker.ts) to
        // show "A new version is available" instead of swapping under the user.
        injectRegister: false,
        registerType: 'prompt',
        strategies: 'generateSW',
        includeAssets: ['icons/*.png'],
        workbox: {
          // The share target's POST handler (pwa/sw/share-target.ts), before Workbox's routes.
          importScripts: [SHARE_TARGET_SCRIPT],
          globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
          // The icon set's SVG paths (about 2 MB gzip in all) are cached as they are first
          // used, not precached: a shard, once shown, keeps showing offline (issue 12).
          // The install dialog's screenshots are for the browser's install prompt, not the app offline.
          globIgnores: ['**/assets/icon-shard-*.js', 'screenshots/**'],
          runtimeCaching: [
            {
              urlPattern: ({ url }) => /\/assets\/icon-shard-[\w-]+\.js$/.test(url.pathname),
              // File names carry a content hash, so a cached shard never goes stale.
              handler: 'CacheFirst',
              options: { cacheName: 'icon-shards', expiration: { maxEntries: 200 } },
            },
          ],
          navigateFallback: 'index.html',
          cleanupOutdatedCaches: true,
        },
        manifest: {
          id: './',
          name: 'Acme Authenticator',
          short_name: 'Authenticator',
          description: 'Two-factor codes for every account you own, on your phone, offline.',
          start_url: './',
          scope: './',
          display: 'standalone',
          background_color: '#ffffff',
          theme_color: '#0f62fe',
          icons: [
            { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
            { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
            { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          ],
          // Issue 14: the app in the operating system. Every URL below hands the app what to do in its
          // fragment (pwa/app/launch/launch-fragment.ts), which never reaches a server or its logs.
          shortcuts: [
            {
              name: 'Scan a QR code',
              short_name: 'Scan QR code',
              description: 'Add an account by scanning its QR code with the camera',
              url: `./#${LAUNCH_FRAGMENT.shortcut}=scan`,
              icons: [{ src: 'icons/shortcut-scan-96.png', sizes: '96x96', type: 'image/png' }],
            },
            {
              name: 'Add by key',
              short_name: 'Add by key',
              description: 'Add an account by typing its secret key',
              url: `./#${LAUNCH_FRAGMENT.shortcut}=key`,
              icons: [{ src: 'icons/shortcut-key-96.png', sizes: '96x96', type: 'image/png' }],
            },
          ],
          // A screenshot of a QR code, or a backup or export file, shared from another app: the service
          // worker takes the POST (pwa/sw/share-target.ts). No accept filter narrower than the import's:
          // exports come as .json, .2fas, .txt, .csv, .maFile or no extension at all.
          share_target: {
            action: `./${SHARE_TARGET.action}`,
            method: 'POST',
            enctype: 'multipart/form-data',
            params: {
              files: [
                {
                  name: SHARE_TARGET.filesField,
                  accept: ['image/*', 'application/json', 'text/plain', 'text/csv', 'text/html', 'application/octet-stream', '.json', '.2fas', '.txt', '.csv', '.aes', '.authpro', '.maFile'],
                },
              ],
            },
          },
          // Our backup, Aegis (.json), 2FAS (.2fas) and otpauth lists (.txt) opened from the file manager:
          // the files arrive through window.launchQueue (pwa/app/launch/launch-requests.ts).
          file_handlers: [
            {
              action: './',
              accept: { 'application/json': ['.json'], 'text/plain': ['.txt'], 'application/x-2fas': ['.2fas'] },
            },
          ],
          // `web+otpauth:otpauth://...` links: the browser puts the whole link, percent-encoded, in place of %s.
          protocol_handlers: [{ protocol: 'web+otpauth', url: `./#${LAUNCH_FRAGMENT.addLink}=%s` }],
          // For the richer install dialog (scripts/make-pwa-images.js makes them from the built app).
          screenshots: [
            {
              src: 'screenshots/codes-narrow.png',
              sizes: '412x892',
              type: 'image/png',
              form_factor: 'narrow',
              label: 'Your two-factor codes, each with its countdown',
            },
            {
              src: 'screenshots/codes-wide.png',
              sizes: '1280x800',
              type: 'image/png',
              form_factor: 'wide',
              label: 'Your two-factor codes on a computer',
            },
          ],
        },
      }),
    ],
    // No modulepreload polyfill: every engine we support (Chromium, Firefox 115+, Safari 17+) preloads natively; it saved 0.2 KB of the first load.
    build: { outDir: '../dist/pwa', emptyOutDir: true, modulePreload: { polyfill: false }, rollupOptions: { output: { chunkFileNames: iconChunkFileNames } } },
    // Module workers (both are created with `type: 'module'`), so a worker's own import() stays a
    // separate file: libsodium is fetched only when an encrypted Ente Auth file is opened (issue 13),
    // not with every import.
    worker: { format: 'es' },
  };
}

export default defineConfig(({ mode }) => {
  switch (mode) {
    case 'extension':
      return extensionConfig('chrome');
    case 'firefox':
      return extensionConfig('firefox');
    case 'pwa':
      return pwaConfig();
    case 'test':
      return { test: { include: ['test/unit/**/*.test.ts'], environment: 'node' } };
    case 'webkit':
      // The PWA in WebKit (test/webkit/, `npm run test:webkit`): Vitest runs in Node and drives
      // WebKitGTK through WebKitWebDriver. One file at a time: each test has a browser of its own,
      // and two cores are enough for one.
      return {
        test: {
          include: ['test/webkit/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/webkit/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 30_000,
          // Once, and only when WebKitGTK stopped answering a WebDriver command (UNRESPONSIVE in
          // test/webkit/support/webkit-app.ts), never on a wrong result.
          retry: { count: 1, condition: /WebKit stopped answering/ },
        },
      };
    default:
      throw new Error(`Unknown mode "${mode}": use --mode extension, firefox, pwa, test or webkit.`);
  }
});
