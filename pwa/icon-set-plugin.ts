/**
 * Bundles the simple-icons set (CC0) for the PWA as virtual modules (issue 12),
 * so the app never fetches an icon from a third party and the first load stays
 * within its budget:
 *
 * - `virtual:icon-set/index`: every icon's slug, title, colour, aliases and
 *   shard number (about 45 KB gzip), and one import() per shard; loaded with
 *   import() after the first codes;
 * - `virtual:icon-set/shard/N`: the SVG paths of the icons whose shard is N.
 *   The whole set's paths are about 2 MB gzip, so they are split into
 *   {@link ICON_SHARDS} chunks (`assets/icon-shard-*.js`) that the service
 *   worker caches on first use rather than precaching them all.
 */
import { createRequire } from 'node:module';
import type { PluginOption } from 'vite';

/** How many chunks the SVG paths are split into (about 30 KB gzip each). */
export const ICON_SHARDS = 64;

const PREFIX = 'virtual:icon-set/';

interface SimpleIconData {
  title: string;
  slug: string;
  hex: string;
  aliases?: { aka?: string[]; old?: string[]; dup?: { title: string }[]; loc?: Record<string, string> };
}

/** The shard of a slug: FNV-1a, so it spreads evenly and needs no table. */
function shardOf(slug: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < slug.length; i++) hash = Math.imul(hash ^ slug.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % ICON_SHARDS;
}

/** The Vite plugin. */
export function iconSet(): PluginOption {
  const require = createRequire(import.meta.url);
  let paths: Promise<Map<string, string>> | undefined;
  const loadPaths = () =>
    (paths ??= import('simple-icons').then((icons) => {
      // The module also has a `default` export (the namespace again): keep the icons only.
      const all = Object.values(icons as unknown as Record<string, Partial<{ slug: string; path: string }>>);
      return new Map(all.flatMap((icon) => (typeof icon.slug === 'string' && typeof icon.path === 'string' ? [[icon.slug, icon.path] as const] : [])));
    }));
  return {
    name: 'msp:icon-set',
    resolveId: (id) => (id.startsWith(PREFIX) ? `\0${id}` : null),
    async load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const name = id.slice(PREFIX.length + 1);
      if (name === 'index') {
        const data = require('simple-icons/icons.json') as SimpleIconData[];
        const rows = data.map((icon) => {
          const aliases = [...(icon.aliases?.aka ?? []), ...(icon.aliases?.old ?? []), ...(icon.aliases?.dup ?? []).map((dup) => dup.title), ...Object.values(icon.aliases?.loc ?? {})];
          return [icon.slug, icon.title, icon.hex, shardOf(icon.slug), ...aliases];
        });
        const loaders = Array.from({ length: ICON_SHARDS }, (_, n) => `() => import('${PREFIX}shard/${n}')`);
        // JSON.parse of a string literal parses faster than the same object literal.
        return `export default JSON.parse(${JSON.stringify(JSON.stringify(rows))});\nexport const shards = [${loaders.join(',\n')}];`;
      }
      const shard = Number(/^shard\/(\d+)$/.exec(name)?.[1]);
      if (!Number.isInteger(shard)) this.error(`Unknown icon module ${name}`);
      const inShard = [...(await loadPaths())].filter(([slug]) => shardOf(slug) === shard);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(Object.fromEntries(inShard)))});`;
    },
  };
}

/** Names the shard chunks so the service worker can tell them apart (`assets/icon-shard-<hash>.js`); others as Vite does. */
export function iconChunkFileNames(chunk: { facadeModuleId: string | null }): string {
  const id = chunk.facadeModuleId ?? '';
  if (id.startsWith(`\0${PREFIX}shard/`)) return 'assets/icon-shard-[hash].js';
  return 'assets/[name]-[hash].js';
}
