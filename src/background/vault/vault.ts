/**
 * The vault: encrypted accounts in IndexedDB, every write one IndexedDB transaction prepared before it
 * opens, and the keys in the Keyring (./keyring.ts).
 *
 * Memory here is a cache and a write queue, nothing more: a worker stopped at any moment restarts
 * with an empty cache and rebuilds it from IndexedDB and `storage.session`.
 */
import type { Account, AccountInput } from '../../core/account';
import { TwostepError } from '../../core/errors';
import type { SecretKind } from '../../core/pin-policy';
import { randomId, recordAad, sealJson } from '../../core/vault/crypto';
import type { StoredRecord, VaultHeader } from '../../core/vault/format';
import { recordMatches } from '../../core/vault/summary';
import { parseStoredAccount } from '../../core/vault/stored-account';
import { Keyring, type KeyringDeps } from './keyring';
import { commitRecords, ledgerOf, openRecord, type RecordChange } from './ledger';
import { diskFingerprint, loadAll } from './load';
import { readBackupKey, writeBackupKey, type BackupKey } from './backup-key';
import { onlyCounterChanged, sameRecord, secretKey, sortAccounts } from './records';

export type { AnchorStore, KeyStore } from './keyring';

/**
 * A decrypted copy of the accounts for this browser session (`storage.session`, trusted contexts
 * only, cleared on lock and on browser close), so a restarted worker need not decrypt every record.
 * It is used only while its fingerprint (revision, records and summary as bytes) equals what IndexedDB
 * holds, so a write whose copy was lost when the worker stopped can never bring back stale accounts, and
 * a record changed on disk outside Twostep is noticed during the session.
 */
export interface SnapshotStore {
  load(): Promise<CachedSnapshot | null>;
  save(value: CachedSnapshot): Promise<void>;
  clear(): Promise<void>;
}

export interface CachedSnapshot extends VaultSnapshot {
  vaultId: string;
  fingerprint: string;
}

export interface VaultDeps extends KeyringDeps {
  snapshots?: SnapshotStore;
  /**
   * Told after each committed account write (automatic backups and the popup's reminder follow it):
   * 'counter' when only an HOTP counter moved, 'accounts' for anything else. Awaited before the write
   * returns (the popup's codes view is withdrawn then, so no popup paints a list the write changed);
   * must not throw, and must not wait on anything slow.
   */
  changed?: (what: 'accounts' | 'counter') => void | Promise<void>;
}

export interface VaultSnapshot {
  accounts: Account[];
  /**
   * Records that exist but cannot be used: unreadable (tampered, corrupted) or not the version the
   * vault summary lists (an older copy written back). Kept on disk, never deleted.
   */
  damaged: number;
  /** The vault on disk is not what Twostep last wrote (an older header or vault copied back): see load.ts. */
  rolledBack: boolean;
}

export class Vault {
  private readonly keyring: Keyring;
  private snapshot: CachedSnapshot | null = null;
  private loading: Promise<VaultSnapshot> | null = null;
  /** Counts committed account writes, so a load that raced one is not kept as the cache. */
  private committed = 0;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: VaultDeps) {
    this.keyring = new Keyring(deps);
  }

  /** Whether a key is at hand; a vault with a device slot unlocks itself. */
  isLocked(): Promise<boolean> {
    return this.keyring.isLocked();
  }

  /** The PIN slot's kind, or null when the vault opens with the device key alone. */
  pinKind(): Promise<SecretKind | null> {
    return this.keyring.pinKind();
  }

  /** When the next PIN try is allowed (null: now) and how many wrong tries came before. */
  throttle(): Promise<{ failures: number; retryAt: number | null }> {
    return this.keyring.throttle();
  }

  /** Unlocks with the PIN or passphrase; wrong tries are counted and throttled on disk. */
  unlockWith(secret: string): Promise<void> {
    return this.serialised(async () => {
      await this.keyring.unlockWith(secret);
      this.snapshot = null;
    });
  }

  /** Checks the PIN or passphrase again (see Keyring.confirmSecret), in turn with unlocks so every wrong try is counted. */
  confirmSecret(secret: string): Promise<void> {
    return this.serialised(() => this.keyring.confirmSecret(secret));
  }

  /** Sets or changes the PIN (see Keyring.setPin): a first PIN re-encrypts every account under a new key. */
  setPin(next: string, kind: SecretKind, current: string | null): Promise<void> {
    return this.serialised(async () => {
      this.snapshot = null;
      await this.keyring.setPin(next, kind, current);
    });
  }

  /** Removes the PIN: the device slot comes back, in one header write. */
  removePin(current: string): Promise<void> {
    return this.serialised(async () => {
      this.snapshot = null;
      await this.keyring.removePin(current);
    });
  }

  /** Removes the key and the session copy of the accounts; only the PIN brings them back. */
  async lock(): Promise<void> {
    this.snapshot = null;
    await Promise.all([this.keyring.lock(), this.deps.snapshots?.clear()]);
  }

  /** Drops this worker's caches (key and accounts); session storage keeps them. */
  forget(): void {
    this.keyring.forget();
    this.snapshot = null;
  }

  /**
   * Every readable account, sorted by issuer then name, and the number of unusable records. Calls
   * that arrive together (the popup asks for state and list at once) share one load. `verify` checks
   * the bytes on disk against the cached copy first (cheap: no decryption), as the popup's list does,
   * so damage done during the session is reported then; other callers use the cache as it is.
   */
  read({ verify = false }: { verify?: boolean } = {}): Promise<VaultSnapshot> {
    if (!verify && this.snapshot && this.keyring.isOpen) return Promise.resolve(this.snapshot);
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(): Promise<VaultSnapshot> {
    const epoch = this.keyring.epoch;
    const committed = this.committed;
    const { header, key } = await this.keyring.open();
    const db = await this.deps.db();
    // A copy first (this worker's, or the session's): when the disk still matches it, nothing is decrypted.
    const [cached, fingerprint] = await Promise.all([
      this.snapshot ?? this.deps.snapshots?.load().catch(() => null) ?? null,
      diskFingerprint(db),
    ]);
    if (epoch !== this.keyring.epoch) throw new TwostepError('vault_locked');
    if (cached && cached.vaultId === header.vaultId && cached.fingerprint === fingerprint) {
      // A write committed meanwhile: what we loaded may predate it, so load again.
      if (committed !== this.committed) return this.load();
      this.snapshot = cached;
      return this.snapshot;
    }
    const loaded = await loadAll(db, header, key, await this.keyring.anchorValue());
    if (epoch !== this.keyring.epoch) throw new TwostepError('vault_locked');
    if (committed !== this.committed) return this.load();
    const { accounts, damaged, rolledBack } = loaded;
    this.snapshot = { accounts, damaged, rolledBack, vaultId: header.vaultId, fingerprint: loaded.fingerprint };
    this.keepSnapshot();
    return this.snapshot;
  }

  /** One account by id, read from disk (not the cache) so read-modify-write starts from the truth. */
  async get(id: string): Promise<Account> {
    return (await this.getStored(id)).account;
  }

  /** The record on disk and its account, checked against the summary like every read. */
  private async getStored(id: string): Promise<{ account: Account; record: StoredRecord }> {
    const { header, key } = await this.keyring.open();
    const tx = (await this.deps.db()).transaction(['accounts', 'summary']);
    const [record, sealed] = await Promise.all([tx.objectStore('accounts').get(id), tx.objectStore('summary').get('summary')]);
    if (!record) throw new TwostepError('account_not_found');
    const { summary } = await ledgerOf(header, key, sealed, [record]);
    if (!(await recordMatches(summary, record))) throw new TwostepError('record_tampered');
    return { account: await this.decrypt(header, key, record), record };
  }

  /** Adds an account; the same secret for the same kind is never stored twice. */
  async add(input: AccountInput): Promise<Account> {
    const { added, duplicates } = await this.addMany([input]);
    if (duplicates > 0 || !added[0]) throw new TwostepError('account_duplicate');
    return added[0];
  }

  /**
   * Adds several accounts in one transaction (an import is all or nothing). Accounts whose secret is
   * already in the vault, or repeated in the batch, are skipped and counted.
   */
  addMany(inputs: AccountInput[]): Promise<{ added: Account[]; duplicates: number }> {
    return this.serialised(async () => {
      const { header, key } = await this.keyring.open();
      const { accounts } = await this.read();
      const seen = new Set(accounts.map(secretKey));
      const now = this.deps.now();
      const added: Account[] = [];
      for (const input of inputs) {
        if (seen.has(secretKey(input))) continue;
        seen.add(secretKey(input));
        added.push({ ...input, id: randomId(this.deps.random), createdAt: now, updatedAt: now });
      }
      const puts = await Promise.all(added.map((account) => this.seal(header, key, account, 1)));
      await this.commit(header, key, {
        puts,
        deletes: [],
        check: async (tx) => {
          for (const record of puts) {
            if (await tx.objectStore('accounts').get(record.id)) throw new TwostepError('storage_failed', 'account id already taken');
          }
        },
      });
      await this.remember(added, []);
      if (added.length > 0) await this.deps.changed?.('accounts');
      return { added, duplicates: inputs.length - added.length };
    });
  }

  /** Applies `change` to the stored account and writes it back, unless the record changed meanwhile. */
  update(id: string, change: (account: Account) => AccountInput): Promise<Account> {
    return this.serialised(async () => {
      const { header, key } = await this.keyring.open();
      const { account: current, record: before } = await this.getStored(id);
      const next: Account = { ...change(current), id, createdAt: current.createdAt, updatedAt: this.deps.now() };
      const record = await this.seal(header, key, next, (before.version ?? 0) + 1);
      await this.commit(header, key, {
        puts: [record],
        deletes: [],
        check: async (tx) => {
          // A concurrent write cannot be silently overwritten.
          if (!sameRecord((await tx.objectStore('accounts').get(id)) ?? null, before)) {
            throw new TwostepError('storage_failed', 'the account changed meanwhile; try again');
          }
        },
      }).catch((err: unknown) => {
        this.snapshot = null;
        throw err;
      });
      await this.remember([next], [id]);
      await this.deps.changed?.(onlyCounterChanged(current, next) ? 'counter' : 'accounts');
      return next;
    });
  }

  /** Removes an account in one transaction. */
  remove(id: string): Promise<void> {
    return this.serialised(async () => {
      const { header, key } = await this.keyring.open();
      await this.commit(header, key, {
        puts: [],
        deletes: [id],
        check: async (tx) => {
          if (!(await tx.objectStore('accounts').get(id))) throw new TwostepError('account_not_found');
        },
      });
      await this.remember([], [id]);
      await this.deps.changed?.('accounts');
    });
  }

  /** The automatic-backup key, opened with the vault key (null: none set). See backup-key.ts. */
  async backupKey(): Promise<BackupKey | null> {
    const unlocked = await this.keyring.open();
    return readBackupKey(await this.deps.db(), unlocked);
  }

  /** Sets (null: removes) the automatic-backup key, sealed under the vault key; in turn with PIN changes. */
  setBackupKey(value: BackupKey | null): Promise<void> {
    return this.serialised(async () => {
      const unlocked = await this.keyring.open();
      await writeBackupKey(await this.deps.db(), unlocked, value, this.deps.random);
    });
  }

  /** Commits a record change with its summary, and moves the second anchor on. */
  private async commit(header: VaultHeader, key: CryptoKey, change: RecordChange): Promise<void> {
    const floor = await this.keyring.anchorFloor(header.vaultId);
    const { generation } = await commitRecords(await this.deps.db(), header, key, this.deps.random, change, floor);
    this.committed++;
    this.keyring.keepAnchor(header.vaultId, generation);
  }

  private async seal(header: VaultHeader, key: CryptoKey, account: Account, version: number): Promise<StoredRecord> {
    return { id: account.id, version, sealed: await sealJson(key, account, recordAad(header.vaultId, account.id, version), this.deps.random) };
  }

  /**
   * Brings the cached snapshot in line with a committed write, so a batch of adds does not decrypt
   * the whole vault again after each one. The fingerprint is taken from disk again (we are still inside
   * the serialised write, so nothing of ours can come in between). Anything unexpected drops the cache.
   */
  private async remember(written: Account[], removedIds: string[]): Promise<void> {
    const snapshot = this.snapshot;
    if (!snapshot) return;
    const known = new Set(snapshot.accounts.map((a) => a.id));
    if (removedIds.some((id) => !known.has(id) && !written.some((a) => a.id === id))) {
      this.snapshot = null;
      return;
    }
    const gone = new Set(removedIds);
    const kept = snapshot.accounts.filter((a) => !gone.has(a.id));
    const fingerprint = await diskFingerprint(await this.deps.db()).catch(() => '');
    if (this.snapshot !== snapshot) return;
    this.snapshot = { ...snapshot, accounts: sortAccounts([...kept, ...written]), fingerprint };
    this.keepSnapshot();
  }

  /** Saves the session copy in the background; losing it only costs a decrypt on the next start. */
  private keepSnapshot(): void {
    const { snapshots } = this.deps;
    if (!snapshots || !this.snapshot || !this.keyring.isOpen) return;
    void snapshots.save(this.snapshot).catch(() => undefined);
  }

  private async decrypt(header: VaultHeader, key: CryptoKey, record: StoredRecord): Promise<Account> {
    const bytes = await openRecord(header, key, record);
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(bytes)) as unknown;
    } catch {
      throw new TwostepError('vault_corrupted', 'record is not JSON');
    }
    return parseStoredAccount(value, record.id);
  }

  /** Runs writes one after another, so read-modify-write steps of two calls never interleave. */
  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.writes.then(task, task);
    this.writes = run.catch(() => undefined);
    return run;
  }
}
