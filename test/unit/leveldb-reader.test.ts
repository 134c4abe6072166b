/** The attacker's LevelDB reader (test/e2e/leveldb-reader.ts) on hand-made inputs, so its parts are known to work. */
import { describe, expect, it } from 'vitest';
import { logPuts, snappyDecompress } from '../e2e/leveldb-reader';

const varint = (n: number): number[] => {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
};

/** A log file holding `batch`, fragmented over 32 KiB blocks as LevelDB's log writer does. */
function logOf(batch: Uint8Array): Uint8Array {
  const out: number[] = [];
  let p = 0;
  let first = true;
  do {
    const left = 32768 - (out.length % 32768);
    if (left < 7) {
      out.push(...new Array<number>(left).fill(0));
      continue;
    }
    const n = Math.min(left - 7, batch.length - p);
    const last = p + n === batch.length;
    const type = first && last ? 1 : first ? 2 : last ? 4 : 3;
    out.push(0, 0, 0, 0, n & 0xff, n >> 8, type, ...batch.subarray(p, p + n));
    p += n;
    first = false;
  } while (p < batch.length);
  return Uint8Array.from(out);
}

function batchOf(puts: [string, Uint8Array][], deletes: string[] = []): Uint8Array {
  const bytes: number[] = [...new Array<number>(8).fill(0), puts.length + deletes.length, 0, 0, 0];
  for (const [key, value] of puts) bytes.push(1, ...varint(key.length), ...Buffer.from(key), ...varint(value.length), ...value);
  for (const key of deletes) bytes.push(0, ...varint(key.length), ...Buffer.from(key));
  return Uint8Array.from(bytes);
}

describe('LevelDB log reader', () => {
  it('reads a small batch (one FULL record) and skips deletions', () => {
    const puts = logPuts(logOf(batchOf([['a', Uint8Array.of(1, 2, 3)]], ['b'])));
    expect(puts.map((p) => [Buffer.from(p.key).toString(), Array.from(p.value)])).toEqual([['a', [1, 2, 3]]]);
  });

  it('reassembles a batch split over three blocks (FIRST, MIDDLE, LAST)', () => {
    const big = Uint8Array.from({ length: 70_000 }, (_, i) => i % 251);
    const puts = logPuts(logOf(batchOf([['k', big]])));
    expect(puts).toHaveLength(1);
    expect(Buffer.from(puts[0]!.value).equals(Buffer.from(big))).toBe(true);
  });
});

describe('Snappy', () => {
  it('literals and overlapping copies (1- and 2-byte offsets)', () => {
    // "abc", then a 9-byte copy from 3 back (overlapping), then 2-byte-offset copy of 4 from 12 back.
    const input = Uint8Array.of(...varint(16), 0x08, 0x61, 0x62, 0x63, ((9 - 4) << 2) | 1, 3, ((4 - 1) << 2) | 2, 12, 0);
    expect(Buffer.from(snappyDecompress(input)).toString()).toBe('abcabcabcabcabca');
  });

  it('a long literal (length in a following byte)', () => {
    const text = 'x'.repeat(100);
    const input = Uint8Array.of(...varint(100), 60 << 2, 99, ...Buffer.from(text));
    expect(Buffer.from(snappyDecompress(input)).toString()).toBe(text);
  });
});
