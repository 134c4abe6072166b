/**
 * Reading records against the vault summary, and committing record writes together with the summary
 * they produce. Every write is one transaction over the records, the summary and the revision, so the
 * summary always describes exactly what the same commit left on disk (core/vault/summary.ts).
 */
import { TwostepError } from '../../core/errors';
import { boundTo, open, recordAad } from '../../core/vault/crypto';
import { LEGACY_FORMAT, type Sealed, type StoredRecord, type VaultHeader, type VaultSummary } from '../../core/vault/format';
import { nextSummary, openSummary, recordDigest, sealSummary } from '../../core/vault/summary';
import type { RandomBytes } from '../../core/vault/crypto';
import { allRequests, atomically, type VaultDb, type VaultSchema } from './db';
import { bumpRevision } from './records';
import type { IDBPTransaction } from 'idb';

/** The summary as read from disk; `intact` is false when it was missing or unreadable and was rebuilt. */
export interface Ledger {
  sealed: Sealed | null;
  summary: VaultSummary;
  intact: boolean;
}

/** The additional data a record was sealed with: its version for format 2, its place only for format 1. */
export function aadOf(header: VaultHeader, record: StoredRecord): Uint8Array {
  if (header.format === LEGACY_FORMAT) return boundTo('record', header.vaultId, record.id);
  if (!Number.isSafeInteger(record.version)) throw new TwostepError('record_tampered', 'record has no version');
  return recordAad(header.vaultId, record.id, record.version ?? 0);
}

/** Decrypts a record's payload bytes (not yet parsed). */
export function openRecord(header: VaultHeader, key: CryptoKey, record: StoredRecord): Promise<Uint8Array> {
  try {
    return open(key, record.sealed, aadOf(header, record));
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new TwostepError('record_tampered'));
  }
}

/**
 * The summary from `sealed`; when it is missing or unreadable, one rebuilt from the records that open
 * under their own version (so writes can go on), marked not intact so the loss is reported.
 */
export async function ledgerOf(header: VaultHeader, key: CryptoKey, sealed: Sealed | undefined, records: StoredRecord[]): Promise<Ledger> {
  if (sealed) {
    try {
      return { sealed, summary: await openSummary(key, header.vaultId, sealed), intact: true };
    } catch {
      // Fall through: rebuild, and report.
    }
  }
  const entries: VaultSummary['records'] = {};
  for (const record of records) {
    const ok = await openRecord(header, key, record).then(() => true, () => false);
    if (ok) entries[record.id] = [record.version ?? 0, await recordDigest(record)];
  }
  return { sealed: sealed ?? null, summary: { generation: 0, header: '', records: entries }, intact: false };
}

/** Reads the current ledger (the records are only read if it must be rebuilt). */
export async function currentLedger(db: VaultDb, header: VaultHeader, key: CryptoKey): Promise<Ledger> {
  const sealed = await db.get('summary', 'summary');
  const ledger = sealed ? await ledgerOf(header, key, sealed, []) : null;
  if (ledger?.intact) return ledger;
  // Rebuilding from the records: the commit checks the summary is still `sealed`, so a record write
  // in between is caught there.
  return ledgerOf(header, key, sealed, await db.getAll('accounts'));
}

export function sameSealed(a: Sealed | null | undefined, b: Sealed | null | undefined): boolean {
  if (!a || !b) return !a && !b;
  return bytesEqual(a.iv, b.iv) && bytesEqual(a.ct, b.ct);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

type WriteTx = IDBPTransaction<VaultSchema, ('accounts' | 'state' | 'summary')[], 'readwrite'>;

export interface RecordChange {
  /** Records to put, already sealed with their new version. */
  puts: StoredRecord[];
  deletes: string[];
  /** Checks inside the transaction (the record is still what was read); throwing aborts it. */
  check?: (tx: WriteTx) => Promise<void>;
}

/**
 * Commits record puts and deletes with the summary they produce, in one transaction that first checks
 * the summary on disk is still the one the new summary was built on. Returns the new revision and
 * generation. `floor` is the generation known from the second anchor, so generations never go back.
 */
export async function commitRecords(
  db: VaultDb,
  header: VaultHeader,
  key: CryptoKey,
  random: RandomBytes,
  change: RecordChange,
  floor = 0,
): Promise<{ revision: number; generation: number }> {
  const base = await currentLedger(db, header, key);
  const summary = await nextSummary(base.summary, change.puts, change.deletes, floor);
  const sealed = await sealSummary(key, header.vaultId, summary, random);
  const revision = await atomically(db, ['accounts', 'state', 'summary'], async (tx) => {
    if (!sameSealed(await tx.objectStore('summary').get('summary'), base.sealed)) {
      throw new TwostepError('storage_failed', 'the vault changed meanwhile; try again');
    }
    await change.check?.(tx);
    await allRequests(change.deletes.map((id) => () => tx.objectStore('accounts').delete(id)));
    await allRequests(change.puts.map((record) => () => tx.objectStore('accounts').put(record)));
    await tx.objectStore('summary').put(sealed, 'summary');
    return bumpRevision(tx.objectStore('state'));
  });
  return { revision, generation: summary.generation };
}
