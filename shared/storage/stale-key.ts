/** What a keyed repository operation returns when the stored vault was re-keyed since the key was fetched. */
export const STALE = Symbol('stale key');
/** The type of {@link STALE}. */
export type Stale = typeof STALE;
