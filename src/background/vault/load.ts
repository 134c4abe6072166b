/**
 * Reading the whole vault: every record checked against the summary, then decrypted. Also the cheap
 * check that lets a cached copy be used: a fingerprint of the bytes on disk, so a record changed
 * outside Twostep during a browser session is noticed on the next list, not only after a restart.
 */
import type { Account } from '../../core/account';
import { sha256Hex } from '../../core/vault/crypto';
import type { Sealed, StoredRecord, VaultHeader, VaultSummary } from '../../core/vault/format';
import { headerDigest, missingRecords, recordMatches } from '../../core/vault/summary';
import { parseStoredAccount } from '../../core/vault/stored-account';
import type { VaultDb } from './db';
import { ledgerOf, openRecord } from './ledger';
import { asRevision, sortAccounts } from './records';

export interface Loaded {
  accounts: Account[];
  /** Records kept on disk that cannot be used: unreadable, or not the version the summary lists. */
  damaged: number;
  /** The vault is not what Twostep last wrote: an older header, summary or whole vault, or records removed. */
  rolledBack: boolean;
  revision: number;
  fingerprint: string;
}

/**
 * Whether the second anchor saw a later state than the one on disk: a higher generation of this vault,
 * or another vault altogether (an older copy from before a re-key). The vault id before the last re-key
 * is accepted with its generation, as the anchor may not have caught up with that commit.
 */
function anchorAhead(anchor: { vaultId: string; generation: number }, vaultId: string, summary: VaultSummary): boolean {
  if (anchor.vaultId === vaultId) return anchor.generation > summary.generation;
  return !(anchor.vaultId === summary.previous && anchor.generation < summary.generation);
}

/** Records, summary and revision from one transaction, so what is checked is what the revision names. */
async function readAll(db: VaultDb): Promise<{ records: StoredRecord[]; sealed: Sealed | undefined; revision: number }> {
  const tx = db.transaction(['accounts', 'state', 'summary']);
  const [records, revision, sealed] = await Promise.all([
    tx.objectStore('accounts').getAll(),
    tx.objectStore('state').get('revision').then(asRevision),
    tx.objectStore('summary').get('summary'),
  ]);
  return { records, sealed, revision };
}

/** A digest over every record's and the summary's bytes: equal only if nothing on disk changed. */
async function fingerprintOf(records: StoredRecord[], sealed: Sealed | undefined, revision: number): Promise<string> {
  const parts: Uint8Array[] = [];
  const text = new TextEncoder();
  for (const r of records) parts.push(text.encode(`${r.id}:${String(r.version)}:`), r.sealed.iv, r.sealed.ct);
  if (sealed) parts.push(sealed.iv, sealed.ct);
  parts.push(text.encode(`rev:${revision}`));
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return sha256Hex(all);
}

/** The fingerprint of what is on disk now (no decryption: cheap enough for every list). */
export async function diskFingerprint(db: VaultDb): Promise<string> {
  const { records, sealed, revision } = await readAll(db);
  return fingerprintOf(records, sealed, revision);
}

/**
 * Decrypts every record the summary vouches for. A record it does not list (a deleted account put
 * back), or lists with another version or ciphertext (an older copy written back), counts as damaged.
 */
export async function loadAll(db: VaultDb, header: VaultHeader, key: CryptoKey, anchor: { vaultId: string; generation: number } | null): Promise<Loaded> {
  const { records, sealed, revision } = await readAll(db);
  const ledger = await ledgerOf(header, key, sealed, records);
  const results = await Promise.allSettled(
    records.map(async (record) => {
      if (!(await recordMatches(ledger.summary, record))) throw new Error('not the version the summary lists');
      const bytes = await openRecord(header, key, record);
      return parseStoredAccount(JSON.parse(new TextDecoder().decode(bytes)) as unknown, record.id);
    }),
  );
  const accounts: Account[] = [];
  let damaged = 0;
  for (const result of results) {
    if (result.status === 'fulfilled') accounts.push(result.value);
    else damaged++;
  }
  const { summary } = ledger;
  const rolledBack =
    !ledger.intact ||
    summary.header !== (await headerDigest(header)) ||
    missingRecords(summary, records).length > 0 ||
    (anchor !== null && anchorAhead(anchor, header.vaultId, summary));
  return { accounts: sortAccounts(accounts), damaged, rolledBack, revision, fingerprint: await fingerprintOf(records, sealed, revision) };
}
