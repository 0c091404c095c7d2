/**
 * The smallest protobuf wire format (protobuf.dev, "Encoding") reader and
 * writer that Google Authenticator's MigrationPayload needs: varints, and
 * length-delimited fields; fixed-size fields are skipped. Malformed input
 * (a varint past 10 bytes, a length past the end, a group) throws `fail()`.
 */
import { concatBytes, utf8Encode, type Bytes } from '../bytes';

/** Wire types (protobuf.dev, "Message Structure"). */
export const WIRE = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

/** Reads a protobuf message field by field. */
export class ProtoReader {
  private pos = 0;

  /**
   * @param bytes The message.
   * @param fail Throws the caller's error for malformed bytes.
   */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly fail: () => never,
  ) {}

  /** Whether every byte has been read. */
  done(): boolean {
    return this.pos >= this.bytes.length;
  }

  /** Reads a varint as an unsigned 64-bit integer. */
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.pos >= this.bytes.length) this.fail();
      const byte = this.bytes[this.pos++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    return this.fail();
  }

  /** Reads a field's tag: its number and wire type. */
  tag(): { field: number; wire: number } {
    const tag = this.varint();
    const field = Number(tag >> 3n);
    if (field === 0 || tag > 0xffffffffn) this.fail();
    return { field, wire: Number(tag & 7n) };
  }

  /** Reads a length-delimited field's bytes. */
  lengthDelimited(): Bytes {
    const length = this.varint();
    if (length > BigInt(this.bytes.length - this.pos)) this.fail();
    const start = this.pos;
    this.pos += Number(length);
    return new Uint8Array(this.bytes.subarray(start, this.pos));
  }

  /** Skips a field of an unknown number. */
  skip(wire: number): void {
    if (wire === WIRE.varint) this.varint();
    else if (wire === WIRE.lengthDelimited) this.lengthDelimited();
    else if (wire === WIRE.fixed64 || wire === WIRE.fixed32) {
      const size = wire === WIRE.fixed64 ? 8 : 4;
      if (this.pos + size > this.bytes.length) this.fail();
      this.pos += size;
    } else this.fail();
  }
}

/** Reads a varint field's value as an int32 (protobuf encodes negative int32 as 10-byte varints). */
export function toInt32(value: bigint): number {
  return Number(BigInt.asIntN(32, value));
}

/** Encodes an unsigned varint (negative numbers as their 64-bit two's complement, as protobuf does). */
function encodeVarint(value: bigint): Bytes {
  let rest = BigInt.asUintN(64, value);
  const out: number[] = [];
  do {
    let byte = Number(rest & 0x7fn);
    rest >>= 7n;
    if (rest !== 0n) byte |= 0x80;
    out.push(byte);
  } while (rest !== 0n);
  return new Uint8Array(out);
}

/** Builds a protobuf message field by field. */
export class ProtoWriter {
  private readonly parts: Uint8Array[] = [];

  /** Writes a varint field (int32, int64, enum). Zero is written too; callers skip defaults if they wish. */
  varint(field: number, value: number | bigint): this {
    this.parts.push(encodeVarint(BigInt(field << 3) | BigInt(WIRE.varint)), encodeVarint(BigInt(value)));
    return this;
  }

  /** Writes a length-delimited field (bytes, string, nested message). */
  bytes(field: number, value: Uint8Array): this {
    this.parts.push(encodeVarint(BigInt(field << 3) | BigInt(WIRE.lengthDelimited)), encodeVarint(BigInt(value.length)), value);
    return this;
  }

  /** Writes a string field, UTF-8 encoded. */
  string(field: number, value: string): this {
    return this.bytes(field, utf8Encode(value));
  }

  /** The message's bytes. */
  finish(): Bytes {
    return concatBytes(...this.parts);
  }
}
