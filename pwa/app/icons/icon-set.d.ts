/** Rows of the bundled icon set: slug, title, hex colour, shard, then aliases (see pwa/icon-set-plugin.ts). */
declare module 'virtual:icon-set/index' {
  const rows: ReadonlyArray<[slug: string, title: string, hex: string, shard: number, ...aliases: string[]]>;
  export default rows;
}

/** One loader per shard of SVG paths. */
declare module 'virtual:icon-set/shards' {
  const shards: ReadonlyArray<() => Promise<{ default: Readonly<Record<string, string>> }>>;
  export default shards;
}
