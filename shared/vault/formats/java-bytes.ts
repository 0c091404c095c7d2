/**
 * Java `byte[]` values as Gson writes them into JSON (FreeOTP, FreeOTP+):
 * an array of whole numbers, signed (-128 to 127).
 */

/**
 * Reads a Gson byte array into bytes, or undefined when it is not one (a
 * value outside -128..255, or more than `maxLength` items). Values 128 to
 * 255 are taken as the unsigned form of the same byte, as other tools write them.
 */
export function readJavaBytes(value: unknown, maxLength: number): Uint8Array<ArrayBuffer> | undefined {
  if (!Array.isArray(value) || value.length > maxLength) return undefined;
  const bytes = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'number' || !Number.isInteger(item) || item < -128 || item > 255) return undefined;
    bytes[i] = item & 0xff;
  }
  return bytes;
}
