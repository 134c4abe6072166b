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
import { boundTo, openJson, randomId, sealJson } from '../../core/vault/crypto';
import type { StoredRecord, VaultHeader } from '../../core/vault/format';
import { parseStoredAccount } from '../../core/vault/stored-account';
import { atomically } from './db';
import { Keyring, type KeyringDeps } from './keyring';
import { asRevision, bumpRevision, sameRecord, secretKey, sortAccounts } from './records';

export type { KeyStore } from './keyring';

/**
 * A decrypted copy of the accounts for this browser session (`storage.session`, trusted contexts
 * only, cleared on lock and on browser close), so a restarted worker need not decrypt every record.
 * It is used only while its revision equals the one IndexedDB holds, so a write whose copy was lost
 * when the worker stopped can never bring back stale accounts.
 */
export interface SnapshotStore {
  load(): Promise<CachedSnapshot | null>;
  save(value: CachedSnapshot): Promise<void>;
  clear(): Promise<void>;
}

export interface CachedSnapshot extends VaultSnapshot {
  vaultId: string;
  revision: number;
}

export interface VaultDeps extends KeyringDeps {
  snapshots?: SnapshotStore;
}

export interface VaultSnapshot {
  accounts: Account[];
  /** Records that exist but cannot be read (tampered or corrupted). Kept on disk, never deleted. */
  damaged: number;
}

export class Vault {
  private readonly keyring: Keyring;
  private snapshot: VaultSnapshot | null = null;
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

  /** Sets or changes the PIN (see Keyring.setPin): one header write, the accounts untouched. */
  setPin(next: string, kind: SecretKind, current: string | null): Promise<void> {
    return this.serialised(() => this.keyring.setPin(next, kind, current));
  }

  /** Removes the PIN: the device slot comes back, in one header write. */
  removePin(current: string): Promise<void> {
    return this.serialised(() => this.keyring.removePin(current));
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
   * Every readable account, sorted by issuer then name, and the number of unreadable records. Calls
   * that arrive together (the popup asks for state and list at once) share one load.
   */
  read(): Promise<VaultSnapshot> {
    if (this.snapshot && this.keyring.isOpen) return Promise.resolve(this.snapshot);
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
    // The session copy first: when its revision still matches, no record needs reading or decrypting.
    const [cached, current] = await Promise.all([
      this.deps.snapshots?.load().catch(() => null) ?? null,
      db.get('state', 'revision').then(asRevision),
    ]);
    if (epoch !== this.keyring.epoch) throw new TwostepError('vault_locked');
    if (cached && cached.vaultId === header.vaultId && cached.revision === current) {
      // A write committed meanwhile: what we loaded may predate it, so load again.
      if (committed !== this.committed) return this.load();
      this.snapshot = { accounts: cached.accounts, damaged: cached.damaged };
      return this.snapshot;
    }
    // Records and revision from one transaction, so the copy we keep matches the revision we label it with.
    const tx = db.transaction(['accounts', 'state']);
    const [records, revision] = await Promise.all([tx.objectStore('accounts').getAll(), tx.objectStore('state').get('revision').then(asRevision)]);
    const results = await Promise.allSettled(records.map((record) => this.decrypt(header, key, record)));
    const accounts: Account[] = [];
    let damaged = 0;
    for (const result of results) {
      if (result.status === 'fulfilled') accounts.push(result.value);
      else damaged++;
    }
    if (epoch !== this.keyring.epoch) throw new TwostepError('vault_locked');
    if (committed !== this.committed) return this.load();
    this.snapshot = { accounts: sortAccounts(accounts), damaged };
    this.keepSnapshot(header.vaultId, revision);
    return this.snapshot;
  }

  /** One account by id, read from disk (not the cache) so read-modify-write starts from the truth. */
  async get(id: string): Promise<Account> {
    const { header, key } = await this.keyring.open();
    const record = await (await this.deps.db()).get('accounts', id);
    if (!record) throw new TwostepError('account_not_found');
    return this.decrypt(header, key, record);
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
      const records = await Promise.all(
        added.map(async (account) => ({
          id: account.id,
          sealed: await sealJson(key, account, boundTo('record', header.vaultId, account.id), this.deps.random),
        })),
      );
      const revision = await atomically(await this.deps.db(), ['accounts', 'state'], async (tx) => {
        await Promise.all(records.map((record) => tx.objectStore('accounts').add(record)));
        return bumpRevision(tx.objectStore('state'));
      });
      this.remember(added, [], header.vaultId, revision);
      return { added, duplicates: inputs.length - added.length };
    });
  }

  /** Applies `change` to the stored account and writes it back, unless the record changed meanwhile. */
  update(id: string, change: (account: Account) => AccountInput): Promise<Account> {
    return this.serialised(async () => {
      const { header, key } = await this.keyring.open();
      const before = await (await this.deps.db()).get('accounts', id);
      if (!before) throw new TwostepError('account_not_found');
      const current = await this.decrypt(header, key, before);
      const next: Account = { ...change(current), id, createdAt: current.createdAt, updatedAt: this.deps.now() };
      await this.write(next, before);
      return next;
    });
  }

  /** Removes an account in one transaction. */
  remove(id: string): Promise<void> {
    return this.serialised(async () => {
      const { header } = await this.keyring.open();
      const revision = await atomically(await this.deps.db(), ['accounts', 'state'], async (tx) => {
        if (!(await tx.objectStore('accounts').get(id))) throw new TwostepError('account_not_found');
        await tx.objectStore('accounts').delete(id);
        return bumpRevision(tx.objectStore('state'));
      });
      this.remember([], [id], header.vaultId, revision);
    });
  }

  /**
   * Brings the cached snapshot in line with a committed write, so a batch of adds does not decrypt
   * the whole vault again after each one. Anything unexpected drops the cache instead.
   */
  private remember(written: Account[], removedIds: string[], vaultId: string, revision: number): void {
    this.committed++;
    if (!this.snapshot) return;
    const known = new Set(this.snapshot.accounts.map((a) => a.id));
    if (removedIds.some((id) => !known.has(id) && !written.some((a) => a.id === id))) {
      this.snapshot = null;
      return;
    }
    const gone = new Set(removedIds);
    const kept = this.snapshot.accounts.filter((a) => !gone.has(a.id));
    this.snapshot = { accounts: sortAccounts([...kept, ...written]), damaged: this.snapshot.damaged };
    this.keepSnapshot(vaultId, revision);
  }

  /** Saves the session copy in the background; losing it only costs a decrypt on the next start. */
  private keepSnapshot(vaultId: string, revision: number): void {
    const { snapshots } = this.deps;
    if (!snapshots || !this.snapshot || !this.keyring.isOpen) return;
    void snapshots.save({ ...this.snapshot, vaultId, revision }).catch(() => undefined);
  }

  /**
   * Encrypts first, then writes in one transaction that checks the record is still what we read
   * (`expected`), so a concurrent write cannot be silently overwritten.
   */
  private async write(account: Account, expected: StoredRecord | null): Promise<void> {
    const { header, key } = await this.keyring.open();
    const sealed = await sealJson(key, account, boundTo('record', header.vaultId, account.id), this.deps.random);
    const revision = await atomically(await this.deps.db(), ['accounts', 'state'], async (tx) => {
      const onDisk = await tx.objectStore('accounts').get(account.id);
      if (!sameRecord(onDisk ?? null, expected)) throw new TwostepError('storage_failed', 'the account changed meanwhile; try again');
      await tx.objectStore('accounts').put({ id: account.id, sealed });
      return bumpRevision(tx.objectStore('state'));
    }).catch((err: unknown) => {
      this.snapshot = null;
      throw err;
    });
    this.remember([account], [account.id], header.vaultId, revision);
  }

  private async decrypt(header: VaultHeader, key: CryptoKey, record: StoredRecord): Promise<Account> {
    const value = await openJson(key, record.sealed, boundTo('record', header.vaultId, record.id));
    return parseStoredAccount(value, record.id);
  }

  /** Runs writes one after another, so read-modify-write steps of two calls never interleave. */
  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.writes.then(task, task);
    this.writes = run.catch(() => undefined);
    return run;
  }
}
