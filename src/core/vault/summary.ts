/**
 * The vault summary (format.ts, `VaultSummary`): how it is sealed, and how records and the header on
 * disk are checked against it. IndexedDB keeps no history a reader could trust, so an older copy of a
 * record (an HOTP counter wound back), a deleted account put back, or an older header (the old PIN
 * works again) would otherwise be accepted. Each is detected here and reported; nothing is deleted.
 */
import { TwostepError } from '../errors';
import { openJson, sealJson, sha256Hex, summaryAad, toBase64, type RandomBytes } from './crypto';
import type { KeySlot, Sealed, StoredRecord, VaultHeader, VaultSummary } from './format';

/** Digest of everything in the header that decides who can open the vault (slots, KDF, ids). */
export function headerDigest(header: VaultHeader): Promise<string> {
  const slot = (s: KeySlot): unknown[] =>
    s.type === 'device'
      ? ['device', s.id, toBase64(s.wrapped.iv), toBase64(s.wrapped.ct)]
      : ['pin', s.id, s.secretKind, s.kdf.name, s.kdf.memoryKiB, s.kdf.passes, s.kdf.parallelism, toBase64(s.kdf.salt), toBase64(s.wrapped.iv), toBase64(s.wrapped.ct)];
  // An array in a fixed order: JSON of an object would depend on key order.
  const canonical = JSON.stringify([header.format, header.vaultId, header.cipher, header.createdAt, header.slots.map(slot)]);
  return sha256Hex(new TextEncoder().encode(canonical));
}

/** Digest of a record's ciphertext (128 bits: it only has to tell copies of our own writes apart). */
export function recordDigest(record: StoredRecord): Promise<string> {
  const { iv, ct } = record.sealed;
  const bytes = new Uint8Array(iv.length + ct.length);
  bytes.set(iv);
  bytes.set(ct, iv.length);
  return sha256Hex(bytes, 16);
}

/** Seals the summary under the vault key, bound to the vault id. */
export function sealSummary(key: CryptoKey, vaultId: string, summary: VaultSummary, random: RandomBytes): Promise<Sealed> {
  return sealJson(key, summary, summaryAad(vaultId), random);
}

/** Opens and parses the summary; anything unreadable throws 'record_tampered'. */
export async function openSummary(key: CryptoKey, vaultId: string, sealed: Sealed): Promise<VaultSummary> {
  const value = await openJson(key, sealed, summaryAad(vaultId));
  if (typeof value !== 'object' || value === null) throw new TwostepError('record_tampered', 'summary is not an object');
  const { generation, header, records, previous } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(generation) || typeof header !== 'string' || typeof records !== 'object' || records === null) {
    throw new TwostepError('record_tampered', 'summary has the wrong shape');
  }
  const parsed: VaultSummary['records'] = {};
  for (const [id, entry] of Object.entries(records)) {
    if (!Array.isArray(entry) || !Number.isSafeInteger(entry[0]) || typeof entry[1] !== 'string') {
      throw new TwostepError('record_tampered', 'summary entry has the wrong shape');
    }
    parsed[id] = [entry[0] as number, entry[1]];
  }
  return { generation: generation as number, header, records: parsed, ...(typeof previous === 'string' ? { previous } : {}) };
}

/** Whether a record on disk is the one the summary lists: same id, version and ciphertext. */
export async function recordMatches(summary: VaultSummary, record: StoredRecord): Promise<boolean> {
  const expected = summary.records[record.id];
  if (!expected || expected[0] !== record.version) return false;
  return expected[1] === (await recordDigest(record));
}

/** Ids the summary lists that are not on disk: records removed outside Twostep. */
export function missingRecords(summary: VaultSummary, records: StoredRecord[]): string[] {
  const present = new Set(records.map((r) => r.id));
  return Object.keys(summary.records).filter((id) => !present.has(id));
}

/** The summary after a write: puts (with their new versions) and deletes applied, generation +1. */
export async function nextSummary(base: VaultSummary, puts: StoredRecord[], deletes: string[], floor = 0): Promise<VaultSummary> {
  const records = { ...base.records };
  for (const id of deletes) delete records[id];
  for (const record of puts) records[record.id] = [record.version ?? 0, await recordDigest(record)];
  return { ...base, generation: Math.max(base.generation, floor) + 1, records };
}
