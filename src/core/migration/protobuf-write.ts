/**
 * The few Protocol Buffers wire-format writes a Google Authenticator transfer payload needs
 * (protobuf.dev/programming-guides/encoding): varints and length-delimited fields. The reading side
 * is protobuf.ts; the two are tested against each other.
 */
import { WIRE } from './protobuf';

/** A message being built, field by field, in the order written. */
export class MessageWriter {
  private readonly bytes: number[] = [];

  /** A varint field (int32, int64, enum). Negative values take ten bytes, as int64 does on the wire. */
  varint(field: number, value: number | bigint): this {
    this.key(field, WIRE.varint);
    pushVarint(this.bytes, BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  /** A length-delimited field: bytes, a UTF-8 string or an embedded message. */
  bytesField(field: number, value: Uint8Array | string): this {
    const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
    this.key(field, WIRE.bytes);
    pushVarint(this.bytes, BigInt(bytes.length));
    for (const byte of bytes) this.bytes.push(byte);
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }

  private key(field: number, wireType: number): void {
    pushVarint(this.bytes, (BigInt(field) << 3n) | BigInt(wireType));
  }
}

function pushVarint(out: number[], value: bigint): void {
  let v = value;
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
}
