/**
 * What someone with a copy of the profile can get out of Twostep's IndexedDB without the PIN: read
 * every value LevelDB still holds (leveldb-reader.ts, deleted and overwritten ones included), collect
 * every byte string that could be a key, unwrap every key slot those keys open, and try every key on
 * every ciphertext. Knows the format (it is open source): ids are 32 hex digits, additional data is
 * `boundTo`/`recordAad`, Chromium serializes a CryptoKey (tag 'K') with its raw key bytes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import { boundTo, recordAad } from '../../src/core/vault/crypto';
import { readLevelDb } from './leveldb-reader';

const subtle = webcrypto.subtle;

export interface Loot {
  /** Candidate keys found in the files (32 bytes after a CryptoKey tag). */
  candidateKeys: number;
  /** Distinct 32-byte strings that worked as a key somewhere (device keys, unwrapped vault keys). */
  keysThatOpenedSomething: number;
  /** Those keys, as hex, so a test can look for them again in a later copy. */
  openers: string[];
  /** Vault keys unwrapped from key slots. */
  vaultKeys: number;
  /** Decrypted account records, as JSON text. */
  accounts: { issuer: string; secret: string }[];
  /** How much was read, so a test can tell the reader found the data at all. */
  values: number;
  /** Of those, read from table files (.ldb, Snappy blocks) rather than the log. */
  fromTables: number;
}

/** `<profile>/Default/IndexedDB/chrome-extension_<id>_0.indexeddb.leveldb` */
export function extensionIdbDir(profileDir: string, extensionId: string): string {
  const root = join(profileDir, 'Default', 'IndexedDB');
  const name = readdirSync(root).find((n) => n.startsWith(`chrome-extension_${extensionId}_`) && n.endsWith('.leveldb'));
  if (!name) throw new Error(`no IndexedDB for ${extensionId} in ${root}`);
  return join(root, name);
}

interface Candidates {
  ids: Set<string>;
  /** [iv, ct] pairs in the order V8 wrote them (an iv is a 12-byte ArrayBuffer followed by the ct). */
  sealed: { iv: Uint8Array; ct: Uint8Array; ids: string[] }[];
  rawKeys: Map<string, Uint8Array>;
}

/** V8 ValueSerializer writes an ArrayBuffer as 'B', a varint length, then the bytes. */
function arrayBuffers(value: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] !== 0x42) continue;
    let length = 0;
    let shift = 0;
    let p = i + 1;
    while (p < value.length && shift < 35) {
      const b = value[p++]!;
      length |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) break;
    }
    if (length >= 12 && length <= 4096 && p + length <= value.length) out.push(value.slice(p, p + length));
  }
  return out;
}

function collect(values: Uint8Array[]): Candidates {
  const c: Candidates = { ids: new Set(), sealed: [], rawKeys: new Map() };
  for (const value of values) {
    const text = Buffer.from(value).toString('latin1');
    const ids = [...new Set(text.match(/[0-9a-f]{32}/g) ?? [])];
    for (const id of ids) c.ids.add(id);
    const buffers = arrayBuffers(value);
    for (let i = 0; i < buffers.length; i++) {
      if (buffers[i]!.length !== 12) continue;
      for (const ct of buffers.slice(i + 1)) c.sealed.push({ iv: buffers[i]!, ct, ids });
    }
    // A serialized CryptoKey: 'K', a few varints (key type, algorithm, length, usages), then the raw
    // bytes' length (32, one varint byte) and the bytes.
    for (let i = 0; i < value.length; i++) {
      if (value[i] !== 0x4b) continue;
      for (let start = i + 2; start <= i + 24 && start + 32 <= value.length; start++) {
        if (value[start - 1] !== 32) continue;
        const raw = value.slice(start, start + 32);
        c.rawKeys.set(Buffer.from(raw).toString('hex'), raw);
      }
    }
  }
  return c;
}

const imported = new Map<string, Promise<CryptoKey>>();

async function tryOpen(raw: Uint8Array, iv: Uint8Array, ct: Uint8Array, aad: Uint8Array): Promise<Uint8Array | null> {
  const hex = Buffer.from(raw).toString('hex');
  if (!imported.has(hex)) imported.set(hex, subtle.importKey('raw', raw, 'AES-GCM', false, ['decrypt']));
  try {
    return new Uint8Array(await subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad }, await imported.get(hex)!, ct));
  } catch {
    return null;
  }
}

/** Whether `bytes` (hex) occur anywhere in the directory: in a file as it is, or in a value read from it (decompressed). */
export function foundAnywhere(dir: string, hex: string): boolean {
  const needle = Buffer.from(hex, 'hex');
  if (readdirSync(dir).some((name) => readFileSync(join(dir, name)).includes(needle))) return true;
  return readLevelDb(dir).some((e) => Buffer.from(e.value).includes(needle));
}

/** Runs the whole attack on a LevelDB directory. */
export async function attack(dir: string): Promise<Loot> {
  const entries = readLevelDb(dir);
  const values = entries.map((e) => e.value);
  const c = collect(values);
  const ids = [...c.ids];
  const keys = new Map(c.rawKeys);
  const opened = new Set<string>();
  let vaultKeys = 0;
  // Key slots: 32-byte keys sealed (48 bytes with the tag) under a key found, bound to (vault id, slot id).
  const slots = c.sealed.filter((s) => s.ct.length === 48);
  for (let round = 0; round < 3; round++) {
    let found = false;
    for (const [hex, raw] of [...keys]) {
      for (const s of slots) {
        for (const vaultId of ids) {
          for (const slotId of s.ids) {
            const inner = await tryOpen(raw, s.iv, s.ct, boundTo('slot', vaultId, slotId));
            if (inner && !keys.has(Buffer.from(inner).toString('hex'))) {
              keys.set(Buffer.from(inner).toString('hex'), inner);
              opened.add(hex);
              vaultKeys++;
              found = true;
            }
          }
        }
      }
    }
    if (!found) break;
  }
  // Records: every key, every ciphertext, every vault id, both formats' additional data.
  const accounts = new Map<string, { issuer: string; secret: string }>();
  const records = c.sealed.filter((s) => s.ct.length > 48);
  for (const raw of keys.values()) {
    for (const s of records) {
      for (const vaultId of ids) {
        for (const id of s.ids) {
          const aads = [boundTo('record', vaultId, id), ...Array.from({ length: 8 }, (_, v) => recordAad(vaultId, id, v + 1))];
          for (const aad of aads) {
            const plain = await tryOpen(raw, s.iv, s.ct, aad);
            if (!plain) continue;
            const account = JSON.parse(new TextDecoder().decode(plain)) as { issuer: string; secret: string };
            accounts.set(`${account.issuer}/${account.secret}`, { issuer: account.issuer, secret: account.secret });
            opened.add(Buffer.from(raw).toString('hex'));
          }
        }
      }
    }
  }
  return { candidateKeys: c.rawKeys.size, keysThatOpenedSomething: opened.size, openers: [...opened], vaultKeys, accounts: [...accounts.values()], values: values.length, fromTables: entries.filter((e) => !e.file.endsWith('.log')).length };
}
