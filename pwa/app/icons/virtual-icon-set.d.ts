/** The bundled icon set (see pwa/icon-set-plugin.ts). */
declare module 'virtual:icon-set/index' {
  /** One row per icon: slug, title, hex colour, shard, then aliases. */
  const rows: ReadonlyArray<[slug: string, title: string, hex: string, shard: number, ...aliases: string[]]>;
  export default rows;
  /** One loader per shard of SVG paths (slug → path). */
  export const shards: ReadonlyArray<() => Promise<{ default: Readonly<Record<string, string>> }>>;
}
