/**
 * The vault's IndexedDB schema. Every logical write is one transaction, so a worker stopped or a
 * browser crashing mid-write leaves the database as it was before or after, never in between.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { TwostepError } from '../../core/errors';
import type { StoredRecord, VaultHeader } from '../../core/vault/format';
import type { ThrottleState } from '../../core/vault/throttle';

export const DB_NAME = 'twostep-vault';
export const DB_VERSION = 2;

export interface VaultSchema extends DBSchema {
  /** Single row 'header'. */
  meta: { key: 'header'; value: VaultHeader };
  /** Non-extractable wrapping keys of device slots, by slot id. */
  deviceKeys: { key: string; value: CryptoKey };
  /** Encrypted accounts, by account id. */
  accounts: { key: string; value: StoredRecord };
  /**
   * Small state that must outlive the worker and the browser: the wrong-PIN throttle, and the
   * revision of the accounts store (bumped in every account write's own transaction).
   */
  state: { key: 'throttle' | 'revision'; value: ThrottleState | number };
}

export type VaultDb = IDBPDatabase<VaultSchema>;

/**
 * One numbered step per schema change, applied in order from the version found on disk. A step never
 * rewrites account payloads; it only adds or reshapes stores around them.
 */
export const UPGRADE_STEPS: ReadonlyArray<(db: IDBPDatabase<VaultSchema>) => void> = [
  // 0 → 1: the first schema.
  (db) => {
    db.createObjectStore('meta');
    db.createObjectStore('deviceKeys');
    db.createObjectStore('accounts', { keyPath: 'id' });
  },
  // 1 → 2: the wrong-PIN throttle, kept beside the vault so it survives restarts (issue 3).
  (db) => {
    db.createObjectStore('state');
  },
];

/** Opens (creating or upgrading as needed) the vault database. */
export async function openVaultDb(name = DB_NAME, version = DB_VERSION): Promise<VaultDb> {
  return openDB<VaultSchema>(name, version, {
    upgrade(db, oldVersion, newVersion) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) UPGRADE_STEPS[v]?.(db);
    },
  });
}

/**
 * Runs `body` in one read-write transaction and waits for the commit. Any exception in `body`, even a
 * synchronous one, aborts the transaction, so a half-done write is never committed.
 */
export async function atomically<Names extends StoreNames<VaultSchema>[], T>(
  db: VaultDb,
  stores: Names,
  body: (tx: IDBPTransaction<VaultSchema, Names, 'readwrite'>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, 'readwrite');
  let result: T;
  try {
    result = await body(tx);
  } catch (err) {
    try {
      tx.abort();
    } catch {
      // The transaction had already finished or aborted itself.
    }
    await tx.done.catch(() => undefined);
    throw err instanceof TwostepError ? err : new TwostepError('storage_failed', err instanceof Error ? err.name : undefined);
  }
  try {
    await tx.done;
  } catch (err) {
    throw new TwostepError('storage_failed', err instanceof Error ? err.name : undefined);
  }
  return result;
}
