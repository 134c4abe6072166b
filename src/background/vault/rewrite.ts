/**
 * Header writes, with the summary they imply, in one transaction each:
 * - a new header on the same key (PIN changed or removed): records untouched, summary resealed;
 * - a new key (a PIN or passphrase set where there was none) or a format upgrade: every record that
 *   reads correctly is re-encrypted under the new key and vault id, all in the same transaction as
 *   the new header and summary, so a stopped worker or a killed browser leaves the old vault or the
 *   new one, never a mix. Records that do not read (damaged, or older copies) are kept as they are.
 */
import { TwostepError } from '../../core/errors';
import { recordAad, seal, type RandomBytes } from '../../core/vault/crypto';
import { LEGACY_FORMAT, type StoredRecord, type VaultHeader } from '../../core/vault/format';
import { headerDigest, recordDigest, recordMatches, sealSummary } from '../../core/vault/summary';
import { BACKUP_KEY_ROW, putResealed, resealBackupKey } from './backup-key';
import { allRequests, atomically, type VaultDb } from './db';
import { ledgerOf, openRecord, sameSealed } from './ledger';
import { bumpRevision } from './records';

export interface KeyedHeader {
  header: VaultHeader;
  key: CryptoKey;
}

/**
 * Replaces `from` by `to`. `deviceKey` is the wrapping key of a device slot in `to` (or null: every
 * device key is deleted). Returns the new summary's generation.
 */
export async function rewriteVault(
  db: VaultDb,
  from: KeyedHeader,
  to: KeyedHeader,
  random: RandomBytes,
  deviceKey: { id: string; key: CryptoKey } | null,
  floor = 0,
): Promise<number> {
  const read = db.transaction(['meta', 'accounts', 'summary', 'state']);
  const [onDisk, records, sealedBefore, backupKeyBefore] = await Promise.all([
    read.objectStore('meta').get('header'),
    read.objectStore('accounts').getAll(),
    read.objectStore('summary').get('summary'),
    read.objectStore('state').get(BACKUP_KEY_ROW),
  ]);
  if (!onDisk || !sameHeader(onDisk, from.header)) throw new TwostepError('storage_failed', 'the vault changed meanwhile; try again');
  const sameKey = from.key === to.key && from.header.vaultId === to.header.vaultId && from.header.format === to.header.format;
  const ledger = from.header.format === LEGACY_FORMAT ? null : await ledgerOf(from.header, from.key, sealedBefore, records);
  const puts: StoredRecord[] = [];
  const entries: Record<string, [number, string]> = {};
  if (sameKey && ledger) {
    Object.assign(entries, ledger.summary.records);
  } else {
    for (const record of records) {
      // Only what the summary vouches for moves to the new key; a legacy vault has no summary yet.
      if (ledger && !(await recordMatches(ledger.summary, record))) continue;
      const plain = await openRecord(from.header, from.key, record).catch(() => null);
      if (!plain) continue;
      const version = (record.version ?? 0) + 1;
      const next: StoredRecord = { id: record.id, version, sealed: await seal(to.key, plain, recordAad(to.header.vaultId, record.id, version), random) };
      puts.push(next);
    }
    for (const record of puts) entries[record.id] = [record.version ?? 0, await recordDigest(record)];
  }
  const generation = Math.max(ledger?.summary.generation ?? 0, floor) + 1;
  const previous = from.header.vaultId !== to.header.vaultId ? from.header.vaultId : ledger?.summary.previous;
  const summary = { generation, header: await headerDigest(to.header), records: entries, ...(previous ? { previous } : {}) };
  const sealed = await sealSummary(to.key, to.header.vaultId, summary, random);
  // The automatic-backup key moves to the new key with the records, or it would be lost with the old one.
  const backupKey = await resealBackupKey(backupKeyBefore, from, to, random);
  await atomically(db, ['meta', 'deviceKeys', 'accounts', 'summary', 'state'], async (tx) => {
    const [header, summaryNow] = await Promise.all([tx.objectStore('meta').get('header'), tx.objectStore('summary').get('summary')]);
    if (!header || !sameHeader(header, from.header) || !sameSealed(summaryNow, sealedBefore)) {
      throw new TwostepError('storage_failed', 'the vault changed meanwhile; try again');
    }
    await tx.objectStore('meta').put(to.header, 'header');
    await tx.objectStore('deviceKeys').clear();
    if (deviceKey) await tx.objectStore('deviceKeys').put(deviceKey.key, deviceKey.id);
    await allRequests(puts.map((record) => () => tx.objectStore('accounts').put(record)));
    await tx.objectStore('summary').put(sealed, 'summary');
    await putResealed(tx.objectStore('state'), backupKeyBefore, backupKey);
    await bumpRevision(tx.objectStore('state'));
  });
  return generation;
}

function sameHeader(a: VaultHeader, b: VaultHeader): boolean {
  return a.vaultId === b.vaultId && a.format === b.format && a.slots.map((s) => s.id).join(',') === b.slots.map((s) => s.id).join(',');
}
