/**
 * Reading one file out of a ZIP archive (PKWARE APPNOTE.TXT 6.3.x): the central directory (§4.3.12,
 * §4.3.16) locates it; it may be stored or deflated, and encrypted with traditional PKWARE encryption
 * ("ZipCrypto", §6.1), the only kind Authenticator Plus writes. Inflating goes through the
 * Compression Streams API, capped so a zip bomb stops at the import size limit.
 */
import { TwostepError } from '../../errors';
import { IMPORT_LIMITS } from '../limits';

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc32: number;
  data: Uint8Array;
  /** The local header's modification time, which replaces the CRC in the password check when bit 3 is set. */
  time: number;
}

const malformed = (what: string): TwostepError => new TwostepError('import_malformed', `zip ${what}`);

/** The archive's entries (names and raw, still compressed and encrypted data). */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number): number => (at + 2 <= bytes.length ? view.getUint16(at, true) : fail('truncated'));
  const u32 = (at: number): number => (at + 4 <= bytes.length ? view.getUint32(at, true) : fail('truncated'));
  // The end-of-central-directory record is in the last 22 + 65,535 bytes (its comment may be that long).
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd === -1) throw malformed('no central directory');
  const count = u16(eocd + 10);
  let at = u32(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (u32(at) !== 0x02014b50) throw malformed('central directory');
    const nameLength = u16(at + 28);
    const local = u32(at + 42);
    const size = u32(at + 20);
    if (u32(local) !== 0x04034b50) throw malformed('local header');
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (at + 46 + nameLength > bytes.length || start + size > bytes.length) throw malformed('truncated');
    entries.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: u16(at + 8),
      method: u16(at + 10),
      crc32: u32(at + 16),
      data: bytes.subarray(start, start + size),
      time: u16(local + 10),
    });
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
  }
  return entries;
}

/** The entry's contents; `undefined` when the password does not open it. */
export async function unzipEntry(entry: ZipEntry, password: Uint8Array | undefined): Promise<Uint8Array | undefined> {
  let data = entry.data;
  if ((entry.flags & 0x01) !== 0) {
    // Bit 6 is "strong encryption"; method 99 is WinZip AES: neither is ZipCrypto.
    if ((entry.flags & 0x40) !== 0 || entry.method === 99) throw new TwostepError('import_encrypted_unsupported', 'zip encryption');
    if (password === undefined || data.length < 12) return undefined;
    data = zipCryptoDecrypt(data, password);
    // §6.1.6: the last header byte is the CRC's high byte, or the time's when bit 3 is set.
    const check = (entry.flags & 0x08) !== 0 ? entry.time >>> 8 : entry.crc32 >>> 24;
    if (data[11] !== check) return undefined;
    data = data.subarray(12);
  }
  let plain: Uint8Array;
  if (entry.method === 0) plain = data;
  else if (entry.method === 8) plain = await inflateRaw(data);
  else throw new TwostepError('import_malformed', `zip method ${entry.method}`);
  // With ZipCrypto a wrong password passes the one-byte check once in 256 tries; the CRC catches it.
  return crc32(plain) === entry.crc32 ? plain : undefined;
}

/** PKWARE traditional encryption (§6.1.5): three keys updated with CRC-32 and a linear congruence. */
function zipCryptoDecrypt(data: Uint8Array, password: Uint8Array): Uint8Array {
  let k0 = 0x12345678;
  let k1 = 0x23456789;
  let k2 = 0x34567890;
  const update = (byte: number): void => {
    k0 = crcByte(k0, byte);
    k1 = (Math.imul((k1 + (k0 & 0xff)) >>> 0, 134775813) + 1) >>> 0;
    k2 = crcByte(k2, k1 >>> 24);
  };
  password.forEach(update);
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const t = (k2 | 2) & 0xffff;
    const plain = (data[i] ?? 0) ^ ((Math.imul(t, t ^ 1) >>> 8) & 0xff);
    out[i] = plain;
    update(plain);
  }
  return out;
}

async function inflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  // Errors surface on the reading side; the writer's own promises are only awaited to avoid stray rejections.
  writer.write(data.slice()).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      // Typed by hand: node's types give DecompressionStream's chunks as `any`; they are bytes.
      const { done, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
      if (done || value === undefined) break;
      total += value.length;
      if (total > IMPORT_LIMITS.maxFileBytes) {
        await reader.cancel();
        throw new TwostepError('import_too_large', 'zip');
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof TwostepError) throw error;
    throw malformed('deflate');
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crcByte(crc: number, byte: number): number {
  return ((CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8)) >>> 0;
}

/** CRC-32 (ISO 3309, as ZIP uses it). */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcByte(crc, byte);
  return (crc ^ 0xffffffff) >>> 0;
}

function fail(what: string): never {
  throw malformed(what);
}
