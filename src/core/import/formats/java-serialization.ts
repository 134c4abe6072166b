/**
 * Just enough of the Java Object Serialization Stream Protocol (docs.oracle.com/javase/8/docs/platform/
 * serialization/spec/protocol.html) to read one `java.util.HashMap<String, String>`, which is what a
 * FreeOTP 2 backup is: the map's class descriptor and primitive fields, then its writeObject data
 * (capacity, size) and `size` key/value strings. Anything else is `import_malformed`.
 */
import { TwostepError } from '../../errors';
import { IMPORT_LIMITS } from '../limits';

const TC = { null: 0x70, reference: 0x71, classDesc: 0x72, object: 0x73, string: 0x74, blockData: 0x77, endBlockData: 0x78, longString: 0x7c } as const;
const PRIMITIVE_SIZES: Record<string, number> = { B: 1, C: 2, D: 8, F: 4, I: 4, J: 8, S: 2, Z: 1 };
const BASE_HANDLE = 0x7e0000;

const malformed = (what: string): TwostepError => new TwostepError('import_malformed', `java ${what}`);

/** Reads a serialized `HashMap<String, String>` into a Map. */
export function readStringHashMap(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const handles: unknown[] = [];
  const need = (n: number): number => {
    if (n > bytes.length - pos) throw malformed('truncated');
    const at = pos;
    pos += n;
    return at;
  };
  const u8 = (): number => view.getUint8(need(1));
  const u16 = (): number => view.getUint16(need(2));
  const i32 = (): number => view.getInt32(need(4));
  const utf = (length: number): string => decodeModifiedUtf8(bytes.subarray(need(length), pos));
  const expect = (tag: number, what: string): void => {
    if (u8() !== tag) throw malformed(what);
  };
  const string = (): string => {
    const tag = u8();
    if (tag === TC.string || tag === TC.longString) {
      let length = u16();
      if (tag === TC.longString) {
        // An 8-byte length: anything over 2^32 cannot fit in a file we accepted.
        if (length !== 0 || u16() !== 0) throw malformed('long string');
        length = i32();
        if (length < 0) throw malformed('long string');
      }
      const value = utf(length);
      handles.push(value);
      return value;
    }
    if (tag === TC.reference) {
      const value = handles[i32() - BASE_HANDLE];
      if (typeof value !== 'string') throw malformed('reference');
      return value;
    }
    throw malformed('string expected');
  };

  if (u16() !== 0xaced || u16() !== 5) throw malformed('magic');
  expect(TC.object, 'object');
  expect(TC.classDesc, 'class descriptor');
  if (utf(u16()) !== 'java.util.HashMap') throw malformed('not a HashMap');
  need(8); // serialVersionUID
  handles.push('<class>');
  const flags = u8();
  const fieldCount = u16();
  const fieldTypes: string[] = [];
  for (let i = 0; i < fieldCount; i++) {
    const type = String.fromCharCode(u8());
    utf(u16()); // the field's name
    if (type === 'L' || type === '[') string(); // its class name
    fieldTypes.push(type);
  }
  expect(TC.endBlockData, 'class annotation');
  expect(TC.null, 'superclass');
  handles.push('<map>');
  for (const type of fieldTypes) {
    const size = PRIMITIVE_SIZES[type];
    if (size === undefined) throw malformed('field type');
    need(size);
  }
  // HashMap.writeObject (SC_WRITE_METHOD): a block with capacity and size, then the entries.
  if ((flags & 0x01) === 0) throw malformed('flags');
  expect(TC.blockData, 'block data');
  if (u8() !== 8) throw malformed('block length');
  i32(); // capacity
  const size = i32();
  if (size < 0 || size > 2 * IMPORT_LIMITS.maxEntries + 1) throw malformed('size');
  const map = new Map<string, string>();
  for (let i = 0; i < size; i++) {
    const key = string();
    map.set(key, string());
  }
  expect(TC.endBlockData, 'end');
  return map;
}

/** Java's "modified UTF-8" (DataInput §"Modified UTF-8"): UTF-8 with NUL as C0 80 and CESU-8 surrogates. */
function decodeModifiedUtf8(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const a = bytes[i] ?? 0;
    if (a < 0x80) {
      out += String.fromCharCode(a);
      i += 1;
    } else if ((a & 0xe0) === 0xc0 && i + 1 < bytes.length && ((bytes[i + 1] ?? 0) & 0xc0) === 0x80) {
      out += String.fromCharCode(((a & 0x1f) << 6) | ((bytes[i + 1] ?? 0) & 0x3f));
      i += 2;
    } else if ((a & 0xf0) === 0xe0 && i + 2 < bytes.length && ((bytes[i + 1] ?? 0) & 0xc0) === 0x80 && ((bytes[i + 2] ?? 0) & 0xc0) === 0x80) {
      out += String.fromCharCode(((a & 0x0f) << 12) | (((bytes[i + 1] ?? 0) & 0x3f) << 6) | ((bytes[i + 2] ?? 0) & 0x3f));
      i += 3;
    } else {
      throw malformed('utf');
    }
  }
  return out;
}
