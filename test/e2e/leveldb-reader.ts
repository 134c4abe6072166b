/**
 * Reads a LevelDB directory the way someone who copied a browser profile would: straight from the files,
 * including what LevelDB has deleted but not yet compacted away. Every put ever written to a .log file,
 * and every entry of every .ldb/.sst table, is returned, deletions and overwritten versions included.
 *
 * Formats (https://github.com/google/leveldb/blob/main/doc/log_format.md and table_format.md):
 * - .log: 32 KiB blocks of records, each `crc32c(4) length(2, LE) type(1) data`; a write batch is split
 *   into FULL, or FIRST/MIDDLE.../LAST fragments. A batch is `sequence(8) count(4)` then entries
 *   `1 varint-key varint-value` (put) or `0 varint-key` (delete).
 * - .ldb/.sst: data blocks found through the index block named by the 48-byte footer; each block is
 *   followed by a 1-byte compression type (0 none, 1 Snappy) and a CRC. Entries share key prefixes.
 * Checksums are not verified: an attacker wants every byte, torn or not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Entry {
  key: Uint8Array;
  value: Uint8Array;
  file: string;
}

/** Every put found in the directory's log and table files. */
export function readLevelDb(dir: string): Entry[] {
  const out: Entry[] = [];
  for (const name of readdirSync(dir)) {
    const bytes = new Uint8Array(readFileSync(join(dir, name)));
    if (name.endsWith('.log')) for (const e of logPuts(bytes)) out.push({ ...e, file: name });
    if (name.endsWith('.ldb') || name.endsWith('.sst')) for (const e of tableEntries(bytes)) out.push({ ...e, file: name });
  }
  return out;
}

const BLOCK = 32 * 1024;

/** Reassembles the log's records and decodes the write batches in them. */
export function logPuts(bytes: Uint8Array): { key: Uint8Array; value: Uint8Array }[] {
  const out: { key: Uint8Array; value: Uint8Array }[] = [];
  let pending: number[] | null = null;
  for (let block = 0; block < bytes.length; block += BLOCK) {
    let p = block;
    const end = Math.min(block + BLOCK, bytes.length);
    while (p + 7 <= end) {
      const length = bytes[p + 4]! | (bytes[p + 5]! << 8);
      const type = bytes[p + 6]!;
      const data = bytes.subarray(p + 7, Math.min(p + 7 + length, end));
      p += 7 + length;
      if (type === 0) break; // zero padding (pre-allocated space) to the end of the block
      if (type === 1) batch(data, out);
      else if (type === 2) pending = Array.from(data);
      else if (type === 3 && pending) pending.push(...data);
      else if (type === 4 && pending) {
        pending.push(...data);
        batch(Uint8Array.from(pending), out);
        pending = null;
      }
    }
  }
  return out;
}

function batch(data: Uint8Array, out: { key: Uint8Array; value: Uint8Array }[]): void {
  const r = new Reader(data, 12); // skip sequence and count
  try {
    while (r.pos < data.length) {
      const tag = r.byte();
      const key = r.slice(r.varint());
      if (tag === 1) out.push({ key, value: r.slice(r.varint()) });
      else if (tag !== 0) return; // not a batch entry: a torn record
    }
  } catch {
    // A batch cut short (the browser was killed mid-write): keep what was read.
  }
}

/** Every entry of every data block of a table (internal keys: user key + 8 bytes of sequence/type). */
export function tableEntries(bytes: Uint8Array): { key: Uint8Array; value: Uint8Array }[] {
  if (bytes.length < 48) return [];
  const footer = new Reader(bytes.subarray(bytes.length - 48), 0);
  footer.varint();
  footer.varint(); // metaindex handle: filters only
  const indexOffset = footer.varint();
  const indexSize = footer.varint();
  const out: { key: Uint8Array; value: Uint8Array }[] = [];
  for (const { value } of blockEntries(readBlock(bytes, indexOffset, indexSize))) {
    const handle = new Reader(value, 0);
    const offset = handle.varint();
    const size = handle.varint();
    try {
      out.push(...blockEntries(readBlock(bytes, offset, size)));
    } catch {
      // A damaged block: skip it, keep the others.
    }
  }
  return out;
}

function readBlock(bytes: Uint8Array, offset: number, size: number): Uint8Array {
  const raw = bytes.subarray(offset, offset + size);
  const compression = bytes[offset + size];
  return compression === 1 ? snappyDecompress(raw) : raw;
}

function blockEntries(block: Uint8Array): { key: Uint8Array; value: Uint8Array }[] {
  const restarts = new DataView(block.buffer, block.byteOffset, block.byteLength).getUint32(block.length - 4, true);
  const limit = block.length - 4 - 4 * restarts;
  const r = new Reader(block, 0);
  const out: { key: Uint8Array; value: Uint8Array }[] = [];
  let last = new Uint8Array(0);
  while (r.pos < limit) {
    const shared = r.varint();
    const unshared = r.varint();
    const valueLength = r.varint();
    const key = new Uint8Array(shared + unshared);
    key.set(last.subarray(0, shared));
    key.set(r.slice(unshared), shared);
    out.push({ key, value: r.slice(valueLength) });
    last = key;
  }
  return out;
}

/**
 * Snappy (https://github.com/google/snappy/blob/main/format_description.txt): a varint length, then
 * literals and back-references (copies) with 1-, 2- or 4-byte offsets.
 */
export function snappyDecompress(input: Uint8Array): Uint8Array {
  const r = new Reader(input, 0);
  const out = new Uint8Array(r.varint());
  let o = 0;
  while (r.pos < input.length) {
    const tag = r.byte();
    const kind = tag & 3;
    if (kind === 0) {
      let length = tag >> 2;
      if (length >= 60) {
        const n = length - 59;
        length = 0;
        for (let i = 0; i < n; i++) length |= r.byte() << (8 * i);
      }
      out.set(r.slice(length + 1), o);
      o += length + 1;
      continue;
    }
    let length: number;
    let offset: number;
    if (kind === 1) {
      length = ((tag >> 2) & 7) + 4;
      offset = ((tag >> 5) << 8) | r.byte();
    } else if (kind === 2) {
      length = (tag >> 2) + 1;
      offset = r.byte() | (r.byte() << 8);
    } else {
      length = (tag >> 2) + 1;
      offset = (r.byte() | (r.byte() << 8) | (r.byte() << 16) | (r.byte() << 24)) >>> 0;
    }
    if (offset === 0 || offset > o) throw new Error('snappy: bad copy offset');
    // Byte by byte: a copy may overlap what it is producing (a run).
    for (let i = 0; i < length; i++, o++) out[o] = out[o - offset]!;
  }
  return out.subarray(0, o);
}

class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    public pos: number,
  ) {}
  byte(): number {
    if (this.pos >= this.bytes.length) throw new Error('read past the end');
    return this.bytes[this.pos++]!;
  }
  varint(): number {
    let value = 0;
    for (let shift = 0; shift < 64; shift += 7) {
      const b = this.byte();
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
    }
    throw new Error('varint too long');
  }
  slice(length: number): Uint8Array {
    if (this.pos + length > this.bytes.length) throw new Error('read past the end');
    const s = this.bytes.slice(this.pos, this.pos + length);
    this.pos += length;
    return s;
  }
}
