/**
 * Reading the one Java-serialised object FreeOTP's backup is: a
 * `java.util.HashMap<String, String>` written by `ObjectOutputStream`
 * (Java Object Serialization Specification, §6.4 "Grammar for the Stream
 * Format"; HashMap's `writeObject`). Only that shape is read: anything else
 * is refused, and nothing is ever instantiated from the stream.
 *
 * Layout: magic AC ED, version 00 05; TC_OBJECT; TC_CLASSDESC "java.util.HashMap",
 * serialVersionUID, flags, fields (loadFactor F, threshold I), TC_ENDBLOCKDATA,
 * TC_NULL (no superclass); the two field values (8 bytes); TC_BLOCKDATA of 8
 * bytes (capacity, size); then `size` key/value strings (TC_STRING with a
 * 2-byte length and modified UTF-8, or TC_REFERENCE to a string already
 * read); TC_ENDBLOCKDATA.
 */

/** First bytes of every Java serialisation stream: magic and version 5. */
export const JAVA_STREAM_HEADER: readonly number[] = [0xac, 0xed, 0x00, 0x05];

const TC_NULL = 0x70;
const TC_REFERENCE = 0x71;
const TC_CLASSDESC = 0x72;
const TC_OBJECT = 0x73;
const TC_STRING = 0x74;
const TC_BLOCKDATA = 0x77;
const TC_ENDBLOCKDATA = 0x78;
/** Handles are numbered from here, one per class description, object and string, in stream order. */
const BASE_WIRE_HANDLE = 0x7e0000;

/** Why a stream could not be read: its message is the reason ('size' for a map over the caller's cap). */
export class JavaStreamError extends Error {}

/** Whether the bytes start like a Java serialisation stream. */
export function isJavaSerialization(bytes: Uint8Array): boolean {
  return JAVA_STREAM_HEADER.every((byte, index) => bytes[index] === byte);
}

/** Decodes Java's modified UTF-8 (DataInput §3.4): NUL as C0 80, characters beyond U+FFFF as two 3-byte surrogates. */
export function decodeModifiedUtf8(bytes: Uint8Array): string {
  const units: number[] = [];
  for (let i = 0; i < bytes.length; ) {
    const a = bytes[i] as number;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    if (a > 0 && a < 0x80) {
      units.push(a);
      i += 1;
    } else if ((a & 0xe0) === 0xc0 && (b & 0xc0) === 0x80 && i + 1 < bytes.length) {
      units.push(((a & 0x1f) << 6) | (b & 0x3f));
      i += 2;
    } else if ((a & 0xf0) === 0xe0 && (b & 0xc0) === 0x80 && (c & 0xc0) === 0x80 && i + 2 < bytes.length) {
      units.push(((a & 0x0f) << 12) | ((b & 0x3f) << 6) | (c & 0x3f));
      i += 3;
    } else {
      throw new JavaStreamError('utf');
    }
  }
  let text = '';
  for (let i = 0; i < units.length; i += 4096) text += String.fromCharCode(...units.slice(i, i + 4096));
  return text;
}

/** A cursor over the stream's bytes; every read checks the end. */
class StreamReader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  byte(): number {
    if (this.offset >= this.bytes.length) throw new JavaStreamError('end');
    return this.bytes[this.offset++] as number;
  }
  expect(byte: number): void {
    if (this.byte() !== byte) throw new JavaStreamError('unexpected');
  }
  take(length: number): Uint8Array {
    if (this.offset + length > this.bytes.length) throw new JavaStreamError('end');
    const part = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return part;
  }
  u16(): number {
    return (this.byte() << 8) | this.byte();
  }
  u32(): number {
    return ((this.u16() << 16) >>> 0) + this.u16();
  }
  utf(): string {
    return decodeModifiedUtf8(this.take(this.u16()));
  }
  atEnd(): boolean {
    return this.offset === this.bytes.length;
  }
}

/** Reads HashMap's class description up to its field values, which it skips. */
function readHashMapClass(reader: StreamReader): void {
  reader.expect(TC_OBJECT);
  reader.expect(TC_CLASSDESC);
  if (reader.utf() !== 'java.util.HashMap') throw new JavaStreamError('class');
  reader.take(8); // serialVersionUID: the shape below is what is checked.
  reader.byte(); // flags
  const fields = reader.u16();
  let fieldBytes = 0;
  for (let i = 0; i < fields; i++) {
    const type = String.fromCharCode(reader.byte());
    reader.utf();
    // HashMap's serialisable fields are loadFactor (float) and threshold (int).
    if (type !== 'F' && type !== 'I') throw new JavaStreamError('field');
    fieldBytes += 4;
  }
  reader.expect(TC_ENDBLOCKDATA);
  reader.expect(TC_NULL);
  reader.take(fieldBytes);
}

/**
 * Reads a serialised `HashMap<String, String>` into its entries, in stream order.
 *
 * @param maxEntries The most entries read: a larger declared size is refused before any is read.
 * @throws JavaStreamError for any other stream (another class, other value types,
 *   cut short, trailing bytes), with the message 'size' for a map over `maxEntries`.
 */
export function readJavaStringMap(bytes: Uint8Array, maxEntries: number): Array<[string, string]> {
  const reader = new StreamReader(bytes);
  for (const byte of JAVA_STREAM_HEADER) reader.expect(byte);
  readHashMapClass(reader);
  reader.expect(TC_BLOCKDATA);
  reader.expect(8);
  reader.u32(); // capacity
  const size = reader.u32();
  if (size > maxEntries) throw new JavaStreamError('size');
  // Handles 0 and 1 are the class description and the map; strings follow.
  const strings: string[] = [];
  const readString = (): string => {
    const tag = reader.byte();
    if (tag === TC_STRING) {
      const text = reader.utf();
      strings.push(text);
      return text;
    }
    if (tag === TC_REFERENCE) {
      const text = strings[reader.u32() - BASE_WIRE_HANDLE - 2];
      if (text === undefined) throw new JavaStreamError('reference');
      return text;
    }
    throw new JavaStreamError('value');
  };
  const entries: Array<[string, string]> = [];
  for (let i = 0; i < size; i++) entries.push([readString(), readString()]);
  reader.expect(TC_ENDBLOCKDATA);
  if (!reader.atEnd()) throw new JavaStreamError('trailing');
  return entries;
}
