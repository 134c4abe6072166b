/**
 * The few Protocol Buffers wire-format reads a Google Authenticator export needs
 * (protobuf.dev/programming-guides/encoding): varints, length-delimited fields, and skipping the
 * fixed-width ones. Every read is bounds-checked and throws `migration_malformed`.
 */
import { TwostepError } from '../errors';

/** Wire types (protobuf encoding §"Message Structure"); groups (3, 4) are deprecated and refused. */
export const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

export interface Field {
  number: number;
  wireType: number;
  /** The varint's value (wire type 0); 0n otherwise. */
  varint: bigint;
  /** The field's bytes (wire type 2); empty otherwise. */
  bytes: Uint8Array;
}

/** Reads every top-level field of a message, in order; unknown fields are returned for the caller to ignore. */
export function readFields(message: Uint8Array): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let value = 0n;
    // At most 10 bytes: 64 bits in 7-bit groups. A longer run is corrupt, not a bigger number.
    for (let i = 0; i < 10; i++) {
      const byte = message[pos++];
      if (byte === undefined) {
        throw new TwostepError('migration_malformed', 'truncated varint');
      }
      value |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if ((byte & 0x80) === 0) {
        return value & 0xffff_ffff_ffff_ffffn;
      }
    }
    throw new TwostepError('migration_malformed', 'varint too long');
  };
  const skip = (length: number): Uint8Array => {
    if (length > message.length - pos) {
      throw new TwostepError('migration_malformed', 'truncated field');
    }
    const bytes = message.subarray(pos, pos + length);
    pos += length;
    return bytes;
  };
  while (pos < message.length) {
    const key = varint();
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (number === 0 || key >> 3n > 0x1fff_ffffn) {
      throw new TwostepError('migration_malformed', 'field number');
    }
    const field: Field = { number, wireType, varint: 0n, bytes: new Uint8Array(0) };
    switch (wireType) {
      case WIRE.varint:
        field.varint = varint();
        break;
      case WIRE.fixed64:
        skip(8);
        break;
      case WIRE.bytes: {
        const length = varint();
        // Compared as bigint: a huge length must not lose precision on its way to a number.
        if (length > BigInt(message.length - pos)) {
          throw new TwostepError('migration_malformed', 'truncated field');
        }
        field.bytes = skip(Number(length));
        break;
      }
      case WIRE.fixed32:
        skip(4);
        break;
      default:
        throw new TwostepError('migration_malformed', `wire type ${wireType}`);
    }
    fields.push(field);
  }
  return fields;
}

/** A protobuf int32/int64 as a signed 64-bit integer (negative values arrive as 10-byte varints). */
export function toSigned64(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

/** Decodes a protobuf `string` field; invalid UTF-8 is a malformed payload. */
export function readString(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TwostepError('migration_malformed', 'string not UTF-8');
  }
}
