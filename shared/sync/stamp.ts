/**
 * Stamps: who changed a value of a synced document, and when. Every field of
 * a synced account carries one, so two devices' edits to different fields
 * both survive, and two edits to one field are ordered the same way on
 * every device: the later `updatedAt` first, then the greater device id.
 * Plain comparisons only (no locale), so every engine orders alike.
 */

/**
 * The id of one installation of the app that syncs: random, made once per
 * device ({@link newDeviceId}), never a name or anything about the person.
 * Branded, so any string can't be passed where one is meant.
 */
export type DeviceId = string & { readonly __brand: 'DeviceId' };

/** What a device id may look like: 8 to 64 Base64url characters. */
const DEVICE_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Whether `value` is a well-formed {@link DeviceId}. */
export function isDeviceId(value: unknown): value is DeviceId {
  return typeof value === 'string' && DEVICE_ID.test(value);
}

/** Makes a fresh device id: 16 random bytes as Base64url (22 characters), so two devices never share one. */
export function newDeviceId(): DeviceId {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') as DeviceId;
}

/** When, and on which device, a value was written. */
export interface Stamp {
  /** When it was written, in ms since the epoch (never earlier than the value it replaced: {@link stampAfter}). */
  updatedAt: number;
  /** The device that wrote it: breaks a tie of `updatedAt`. */
  deviceId: DeviceId;
}

/** Whether `value` is a well-formed {@link Stamp}. */
export function isStamp(value: unknown): value is Stamp {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<Stamp>;
  return typeof s.updatedAt === 'number' && Number.isSafeInteger(s.updatedAt) && s.updatedAt >= 0 && isDeviceId(s.deviceId);
}

/** Orders two stamps: negative when `a` is older, positive when newer, 0 when the same. */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.updatedAt !== b.updatedAt) return a.updatedAt < b.updatedAt ? -1 : 1;
  if (a.deviceId === b.deviceId) return 0;
  return a.deviceId < b.deviceId ? -1 : 1;
}

/** The newer of two stamps (either may be null: no stamp). */
export function newerStamp(a: Stamp | null, b: Stamp | null): Stamp | null {
  if (a === null) return b;
  if (b === null) return a;
  return compareStamps(a, b) >= 0 ? a : b;
}

/**
 * A stamp for a write made at `now` on `deviceId` that replaces a value
 * stamped `previous`: `now`, or one millisecond after `previous` if this
 * device's clock is behind it. A device that has seen a value therefore
 * always replaces it, even when another device's clock runs ahead (a
 * Lamport clock over wall time); otherwise an edit made after seeing
 * another would lose to it.
 */
export function stampAfter(previous: Stamp | null, now: number, deviceId: DeviceId): Stamp {
  const updatedAt = previous === null ? now : Math.max(now, previous.updatedAt + 1);
  return { updatedAt, deviceId };
}

/**
 * One string naming a stamp (`updatedAt` in base 36, a dot, the device id):
 * how a code version is referred to (its identity) in the replaced list.
 * Device ids hold no dot, so the key reads back unambiguously.
 */
export function stampKey(stamp: Stamp): string {
  return `${stamp.updatedAt.toString(36)}.${stamp.deviceId}`;
}
