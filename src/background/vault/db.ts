/**
 * The vault's IndexedDB schema. Every logical write is one transaction, so a worker stopped or a
 * browser crashing mid-write leaves the database as it was before or after, never in between.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { StoredRecord, VaultHeader } from '../../core/vault/format';

export const DB_NAME = 'twostep-vault';
export const DB_VERSION = 1;

export interface VaultSchema extends DBSchema {
  /** Single row 'header'. */
  meta: { key: 'header'; value: VaultHeader };
  /** Non-extractable wrapping keys of device slots, by slot id. */
  deviceKeys: { key: string; value: CryptoKey };
  /** Encrypted accounts, by account id. */
  accounts: { key: string; value: StoredRecord };
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
];

/** Opens (creating or upgrading as needed) the vault database. */
export async function openVaultDb(name = DB_NAME, version = DB_VERSION): Promise<VaultDb> {
  return openDB<VaultSchema>(name, version, {
    upgrade(db, oldVersion, newVersion) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) UPGRADE_STEPS[v]?.(db);
    },
    blocking() {
      // A newer version of the extension wants to upgrade: let it.
      void 0;
    },
  });
}
