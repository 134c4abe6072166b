/**
 * The vault: encrypted accounts in IndexedDB, the unwrapped key in session storage (never only in a
 * module variable), and every write as one IndexedDB transaction prepared before it opens.
 *
 * Memory here is a cache and a write queue, nothing more: a worker stopped at any moment restarts
 * with an empty cache and rebuilds it from IndexedDB and `storage.session`.
 */
import type { Account, AccountInput } from '../../core/account';
import { TwostepError } from '../../core/errors';
import { boundTo, generateDeviceKey, importVaultKey, open, openJson, randomId, seal, sealJson, type RandomBytes } from '../../core/vault/crypto';
import { VAULT_FORMAT, type StoredRecord, type VaultHeader } from '../../core/vault/format';
import { parseStoredAccount } from '../../core/vault/stored-account';
import type { VaultDb } from './db';

/** Where the unwrapped vault key lives while unlocked: `storage.session` in the extension. */
export interface KeyStore {
  load(): Promise<{ vaultId: string; key: Uint8Array } | null>;
  save(value: { vaultId: string; key: Uint8Array }): Promise<void>;
  clear(): Promise<void>;
}

export interface VaultDeps {
  /** Opened lazily and once; the worker may have just started. */
  db: () => Promise<VaultDb>;
  keys: KeyStore;
  random: RandomBytes;
  now: () => number;
}

interface Unlocked {
  header: VaultHeader;
  key: CryptoKey;
}

export interface VaultSnapshot {
  accounts: Account[];
  /** Records that exist but cannot be read (tampered or corrupted). Kept on disk, never deleted. */
  damaged: number;
}

export class Vault {
  private unlocked: Unlocked | null = null;
  private snapshot: VaultSnapshot | null = null;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: VaultDeps) {}

  /** Whether a key is at hand; a vault with a device slot unlocks itself. */
  async isLocked(): Promise<boolean> {
    try {
      await this.unlock();
      return false;
    } catch (err) {
      if (err instanceof TwostepError && err.code === 'vault_locked') return true;
      throw err;
    }
  }

  /** Every readable account, sorted by issuer then name, and the number of unreadable records. */
  async read(): Promise<VaultSnapshot> {
    if (this.snapshot) return this.snapshot;
    const { header, key } = await this.unlock();
    const records = await (await this.deps.db()).getAll('accounts');
    const results = await Promise.allSettled(records.map((record) => this.decrypt(header, key, record)));
    const accounts: Account[] = [];
    let damaged = 0;
    for (const result of results) {
      if (result.status === 'fulfilled') accounts.push(result.value);
      else damaged++;
    }
    this.snapshot = { accounts: sortAccounts(accounts), damaged };
    return this.snapshot;
  }

  /** One account by id, read from disk (not the cache) so read-modify-write starts from the truth. */
  async get(id: string): Promise<Account> {
    const { header, key } = await this.unlock();
    const record = await (await this.deps.db()).get('accounts', id);
    if (!record) throw new TwostepError('account_not_found');
    return this.decrypt(header, key, record);
  }

  /** Adds an account; the same secret for the same kind is never stored twice. */
  add(input: AccountInput): Promise<Account> {
    return this.serialised(async () => {
      const { accounts } = await this.read();
      if (accounts.some((a) => a.kind === input.kind && a.secret === input.secret)) {
        throw new TwostepError('account_duplicate');
      }
      const now = this.deps.now();
      const account: Account = { ...input, id: randomId(this.deps.random), createdAt: now, updatedAt: now };
      await this.write(account, null);
      return account;
    });
  }

  /** Applies `change` to the stored account and writes it back, unless the record changed meanwhile. */
  update(id: string, change: (account: Account) => AccountInput): Promise<Account> {
    return this.serialised(async () => {
      const { header, key } = await this.unlock();
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
      await this.unlock();
      const tx = (await this.deps.db()).transaction('accounts', 'readwrite');
      if (!(await tx.store.get(id))) {
        tx.abort();
        await tx.done.catch(() => undefined);
        throw new TwostepError('account_not_found');
      }
      await tx.store.delete(id);
      await tx.done;
      this.snapshot = null;
    });
  }

  /** Drops the cached key and accounts (the key in the key store is the caller's business). */
  forget(): void {
    this.unlocked = null;
    this.snapshot = null;
  }

  /**
   * Encrypts first, then writes in one transaction that checks the record is still what we read
   * (`expected`), so a concurrent write cannot be silently overwritten.
   */
  private async write(account: Account, expected: StoredRecord | null): Promise<void> {
    const { header, key } = await this.unlock();
    const sealed = await sealJson(key, account, boundTo('record', header.vaultId, account.id), this.deps.random);
    const tx = (await this.deps.db()).transaction('accounts', 'readwrite');
    const onDisk = await tx.store.get(account.id);
    if (!sameRecord(onDisk ?? null, expected)) {
      tx.abort();
      await tx.done.catch(() => undefined);
      this.snapshot = null;
      throw new TwostepError('storage_failed', 'the account changed meanwhile; try again');
    }
    await tx.store.put({ id: account.id, sealed });
    try {
      await tx.done;
    } catch (err) {
      this.snapshot = null;
      throw new TwostepError('storage_failed', err instanceof Error ? err.name : undefined);
    }
    this.snapshot = null;
  }

  private async decrypt(header: VaultHeader, key: CryptoKey, record: StoredRecord): Promise<Account> {
    const value = await openJson(key, record.sealed, boundTo('record', header.vaultId, record.id));
    return parseStoredAccount(value, record.id);
  }

  /** The header (created on first use) and the vault key, from the key store or the device slot. */
  private async unlock(): Promise<Unlocked> {
    if (this.unlocked) return this.unlocked;
    const header = (await (await this.deps.db()).get('meta', 'header')) ?? (await this.create());
    if (header.format !== VAULT_FORMAT) throw new TwostepError('vault_corrupted', `unknown format ${String(header.format)}`);
    const stored = await this.deps.keys.load();
    let raw: Uint8Array;
    if (stored && stored.vaultId === header.vaultId) {
      raw = stored.key;
    } else {
      raw = await this.unwrapWithDevice(header);
      await this.deps.keys.save({ vaultId: header.vaultId, key: raw });
    }
    this.unlocked = { header, key: await importVaultKey(raw) };
    return this.unlocked;
  }

  private async unwrapWithDevice(header: VaultHeader): Promise<Uint8Array> {
    const slot = header.slots.find((s) => s.type === 'device');
    if (!slot) throw new TwostepError('vault_locked');
    const deviceKey = await (await this.deps.db()).get('deviceKeys', slot.id);
    if (!deviceKey) throw new TwostepError('vault_corrupted', 'device key is missing');
    return open(deviceKey, slot.wrapped, boundTo('slot', header.vaultId, slot.id));
  }

  /**
   * Creates an empty vault: a random 256-bit vault key wrapped by a new device key. Header and device
   * key are written in one transaction; if another call created a vault first, that one wins.
   */
  private async create(): Promise<VaultHeader> {
    const { random, now } = this.deps;
    const db = await this.deps.db();
    const vaultId = randomId(random);
    const slotId = randomId(random);
    const raw = random(32);
    const deviceKey = await generateDeviceKey();
    const wrapped = await seal(deviceKey, raw, boundTo('slot', vaultId, slotId), random);
    const header: VaultHeader = {
      format: VAULT_FORMAT,
      vaultId,
      cipher: 'AES-256-GCM',
      createdAt: now(),
      slots: [{ type: 'device', id: slotId, wrapped }],
    };
    const tx = db.transaction(['meta', 'deviceKeys'], 'readwrite');
    const existing = await tx.objectStore('meta').get('header');
    if (existing) {
      await tx.done;
      return existing;
    }
    await Promise.all([tx.objectStore('meta').put(header, 'header'), tx.objectStore('deviceKeys').put(deviceKey, slotId)]);
    await tx.done;
    return header;
  }

  /** Runs writes one after another, so read-modify-write steps of two calls never interleave. */
  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.writes.then(task, task);
    this.writes = run.catch(() => undefined);
    return run;
  }
}

function sameRecord(a: StoredRecord | null, b: StoredRecord | null): boolean {
  if (a === null || b === null) return a === b;
  return a.id === b.id && bytesEqual(a.sealed.iv, b.sealed.iv) && bytesEqual(a.sealed.ct, b.sealed.ct);
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function sortAccounts(accounts: Account[]): Account[] {
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  return accounts.sort((a, b) => collator.compare(a.issuer, b.issuer) || collator.compare(a.name, b.name) || a.createdAt - b.createdAt);
}
