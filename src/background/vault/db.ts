/**
 * The vault's IndexedDB schema. Every logical write is one transaction, so a worker stopped or a
 * browser crashing mid-write leaves the database as it was before or after, never in between.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { TwostepError } from '../../core/errors';
import type { Sealed, StoredRecord, VaultHeader } from '../../core/vault/format';
import type { ThrottleState } from '../../core/vault/throttle';

export const DB_NAME = 'twostep-vault';
export const DB_VERSION = 3;

export interface VaultSchema extends DBSchema {
  /** Single row 'header'. */
  meta: { key: 'header'; value: VaultHeader };
  /** Non-extractable wrapping keys of device slots, by slot id. */
  deviceKeys: { key: string; value: CryptoKey };
  /** Encrypted accounts, by account id. */
  accounts: { key: string; value: StoredRecord };
  /**
   * Small state that must outlive the worker and the browser: the wrong-PIN throttle, and the
   * revision of the accounts store (bumped in every account write's own transaction), and the
   * automatic-backup key sealed under the vault key (backup-key.ts).
   */
  state: { key: 'throttle' | 'revision' | 'backupKey'; value: ThrottleState | number | Sealed };
  /** Single row 'summary': the sealed `VaultSummary` (core/vault/summary.ts), written with every write. */
  summary: { key: 'summary'; value: Sealed };
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
  // 2 → 3: the vault summary. Filling it needs the vault key, so that happens on first open (Keyring).
  (db) => {
    db.createObjectStore('summary');
  },
];

/** Opens (creating or upgrading as needed) the vault database. */
export async function openVaultDb(name = DB_NAME, version = DB_VERSION, events: { closed?: () => void } = {}): Promise<VaultDb> {
  const db = await openDB<VaultSchema>(name, version, {
    upgrade(db, oldVersion, newVersion) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) UPGRADE_STEPS[v]?.(db);
    },
    // The browser closed the connection (storage cleared, disk error): the next call opens a new one.
    terminated: () => events.closed?.(),
  });
  db.addEventListener('close', () => events.closed?.());
  // Another context wants a newer schema: step aside instead of blocking it, and reopen on next use.
  db.addEventListener('versionchange', () => {
    db.close();
    events.closed?.();
  });
  return db;
}

/**
 * The worker's database provider: one shared connection, but a failed open or a connection the browser
 * closed is dropped, so the next call opens it again instead of failing for the rest of the worker's life.
 */
export function reopeningDb(open: (events: { closed: () => void }) => Promise<VaultDb> = (events) => openVaultDb(DB_NAME, DB_VERSION, events)): () => Promise<VaultDb> {
  let current: Promise<VaultDb> | null = null;
  return () => {
    if (current) return current;
    const attempt: Promise<VaultDb> = open({
      closed: () => {
        if (current === attempt) current = null;
      },
    }).catch((err: unknown) => {
      if (current === attempt) current = null;
      throw err;
    });
    current = attempt;
    return attempt;
  };
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

/**
 * Starts IndexedDB requests one after another and waits for all. Each request's promise is handled at
 * once, so when one throws (and the transaction aborts) the others' rejections are not left unhandled.
 */
export async function allRequests(starts: Iterable<() => Promise<unknown>>): Promise<void> {
  const pending: Promise<unknown>[] = [];
  for (const start of starts) {
    const request = start();
    request.catch(() => undefined);
    pending.push(request);
  }
  await Promise.all(pending);
}
