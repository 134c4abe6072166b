/**
 * The vault: encrypted accounts in IndexedDB, the unwrapped key in session storage (never only in a
 * module variable), and every write as one IndexedDB transaction prepared before it opens.
 *
 * Memory here is a cache and a write queue, nothing more: a worker stopped at any moment restarts
 * with an empty cache and rebuilds it from IndexedDB and `storage.session`.
 */
import type { Account, AccountInput } from '../../core/account';
import { TwostepError } from '../../core/errors';
import type { SecretKind } from '../../core/pin-policy';
import { boundTo, importVaultKey, openJson, randomId, sealJson, type RandomBytes } from '../../core/vault/crypto';
import { VAULT_FORMAT, type KeySlot, type PinSlot, type StoredRecord, type VaultHeader } from '../../core/vault/format';
import { makeDeviceSlot, makePinSlot, openDeviceSlot, openPinSlot } from '../../core/vault/slots';
import { afterFailure, NO_FAILURES, parseThrottle, retryAt, type ThrottleState } from '../../core/vault/throttle';
import { parseStoredAccount } from '../../core/vault/stored-account';
import { atomically, type VaultDb } from './db';

/** Where the unwrapped vault key lives while unlocked: `storage.session` in the extension. */
export interface KeyStore {
  load(): Promise<{ vaultId: string; key: Uint8Array } | null>;
  save(value: { vaultId: string; key: Uint8Array }): Promise<void>;
  clear(): Promise<void>;
}

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

export interface VaultDeps {
  /** Opened lazily and once; the worker may have just started. */
  db: () => Promise<VaultDb>;
  keys: KeyStore;
  random: RandomBytes;
  now: () => number;
  snapshots?: SnapshotStore;
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
  /** Bumped by every lock, so work that began before a lock cannot put plaintext back afterwards. */
  private epoch = 0;

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
    if (this.snapshot && this.unlocked) return this.snapshot;
    const epoch = this.epoch;
    const { header, key } = await this.unlock();
    const db = await this.deps.db();
    // The session copy first: when its revision still matches, no record needs reading or decrypting.
    const [cached, current] = await Promise.all([
      this.deps.snapshots?.load().catch(() => null) ?? null,
      db.get('state', 'revision').then(asRevision),
    ]);
    if (epoch !== this.epoch) throw new TwostepError('vault_locked');
    if (cached && cached.vaultId === header.vaultId && cached.revision === current) {
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
    if (epoch !== this.epoch) throw new TwostepError('vault_locked');
    this.snapshot = { accounts: sortAccounts(accounts), damaged };
    this.keepSnapshot(header.vaultId, revision);
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
      const { header, key } = await this.unlock();
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
      const { header } = await this.unlock();
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
    if (!snapshots || !this.snapshot || !this.unlocked) return;
    void snapshots.save({ ...this.snapshot, vaultId, revision }).catch(() => undefined);
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

  /** The header (created on first use) and the vault key, from the key store or the device slot. */
  private async unlock(): Promise<Unlocked> {
    if (this.unlocked) return this.unlocked;
    const epoch = this.epoch;
    const header = await this.header();
    if (header.format !== VAULT_FORMAT) throw new TwostepError('vault_corrupted', `unknown format ${String(header.format)}`);
    const stored = await this.deps.keys.load();
    let raw: Uint8Array;
    if (stored && stored.vaultId === header.vaultId) {
      raw = stored.key;
    } else {
      raw = await this.unwrapWithDevice(header);
      await this.deps.keys.save({ vaultId: header.vaultId, key: raw });
    }
    const key = await importVaultKey(raw);
    // A lock that happened meanwhile wins: do not keep a key it meant to remove.
    if (epoch !== this.epoch) throw new TwostepError('vault_locked');
    this.unlocked = { header, key };
    return this.unlocked;
  }

  private async unwrapWithDevice(header: VaultHeader): Promise<Uint8Array> {
    const slot = header.slots.find((s) => s.type === 'device');
    if (!slot) throw new TwostepError('vault_locked');
    const deviceKey = await (await this.deps.db()).get('deviceKeys', slot.id);
    if (!deviceKey) throw new TwostepError('vault_corrupted', 'device key is missing');
    return openDeviceSlot(slot, header.vaultId, deviceKey);
  }

  /**
   * Creates an empty vault: a random 256-bit vault key wrapped by a new device key. Header and device
   * key are written in one transaction; if another call created a vault first, that one wins.
   */
  private async create(): Promise<VaultHeader> {
    const { random, now } = this.deps;
    const db = await this.deps.db();
    const vaultId = randomId(random);
    const { slot, deviceKey } = await makeDeviceSlot(random(32), vaultId, random);
    const header: VaultHeader = { format: VAULT_FORMAT, vaultId, cipher: 'AES-256-GCM', createdAt: now(), slots: [slot] };
    return atomically(db, ['meta', 'deviceKeys'], async (tx) => {
      const existing = await tx.objectStore('meta').get('header');
      if (existing) return existing;
      await Promise.all([tx.objectStore('meta').put(header, 'header'), tx.objectStore('deviceKeys').put(deviceKey, slot.id)]);
      return header;
    });
  }

  // ---- PIN and passphrase (issue 3) ----

  /** The PIN slot's kind, or null when the vault opens with the device key alone. */
  async pinKind(): Promise<SecretKind | null> {
    const header = await this.header();
    return pinSlotOf(header)?.secretKind ?? null;
  }

  /** When the next PIN try is allowed (null: now) and how many wrong tries came before. */
  async throttle(): Promise<{ failures: number; retryAt: number | null }> {
    const state = await this.throttleState();
    return { failures: state.failures, retryAt: retryAt(state, this.deps.now()) };
  }

  /** Unlocks with the PIN or passphrase; wrong tries are counted and throttled on disk. */
  unlockWith(secret: string): Promise<void> {
    return this.serialised(async () => {
      const header = await this.header();
      const raw = await this.verify(header, secret);
      await this.deps.keys.save({ vaultId: header.vaultId, key: raw });
      this.unlocked = { header, key: await importVaultKey(raw) };
      this.snapshot = null;
    });
  }

  /** Removes the unwrapped key from session storage and memory. Only a PIN brings it back. */
  async lock(): Promise<void> {
    this.epoch++;
    this.forget();
    await Promise.all([this.deps.keys.clear(), this.deps.snapshots?.clear()]);
  }

  /**
   * Sets or changes the PIN: one header write that replaces every slot with the new PIN slot and
   * deletes the device key in the same transaction. A crash leaves the old or the new header.
   */
  setPin(next: string, kind: SecretKind, current: string | null): Promise<void> {
    return this.serialised(async () => {
      const header = await this.header();
      const raw = pinSlotOf(header) ? await this.verify(header, current ?? '') : (await this.unlock(), await this.rawKey(header));
      const slot = await makePinSlot(raw, header.vaultId, next, kind, this.deps.random);
      await this.replaceSlots(header, [slot], null);
      await this.deps.keys.save({ vaultId: header.vaultId, key: raw });
    });
  }

  /** Removes the PIN: the device slot comes back, in one header write. */
  removePin(current: string): Promise<void> {
    return this.serialised(async () => {
      const header = await this.header();
      if (!pinSlotOf(header)) return;
      const raw = await this.verify(header, current);
      const { slot, deviceKey } = await makeDeviceSlot(raw, header.vaultId, this.deps.random);
      await this.replaceSlots(header, [slot], { id: slot.id, key: deviceKey });
      await this.deps.keys.save({ vaultId: header.vaultId, key: raw });
    });
  }

  private async header(): Promise<VaultHeader> {
    return (await (await this.deps.db()).get('meta', 'header')) ?? (await this.create());
  }

  private async rawKey(header: VaultHeader): Promise<Uint8Array> {
    const stored = await this.deps.keys.load();
    if (stored && stored.vaultId === header.vaultId) return stored.key;
    return this.unwrapWithDevice(header);
  }

  private async throttleState(): Promise<ThrottleState> {
    return parseThrottle(await (await this.deps.db()).get('state', 'throttle'));
  }

  /** Checks the PIN against the slot, enforcing and updating the throttle. Returns the vault key. */
  private async verify(header: VaultHeader, secret: string): Promise<Uint8Array> {
    const slot = pinSlotOf(header);
    if (!slot) throw new TwostepError('pin_required');
    const db = await this.deps.db();
    const state = await this.throttleState();
    const wait = retryAt(state, this.deps.now());
    if (wait !== null) throw new TwostepError('pin_throttled', undefined, { failures: state.failures, retryAt: wait });
    try {
      const raw = await openPinSlot(slot, header.vaultId, secret);
      if (state.failures > 0) await db.put('state', NO_FAILURES, 'throttle');
      return raw;
    } catch (err) {
      if (!(err instanceof TwostepError) || err.code !== 'pin_wrong') throw err;
      const next = afterFailure(state, this.deps.now());
      await db.put('state', next, 'throttle');
      const until = retryAt(next, this.deps.now());
      throw new TwostepError('pin_wrong', undefined, until === null ? { failures: next.failures } : { failures: next.failures, retryAt: until });
    }
  }

  /** Writes a header with new slots, checking it is still the one we read; device keys follow the slots. */
  private async replaceSlots(before: VaultHeader, slots: KeySlot[], deviceKey: { id: string; key: CryptoKey } | null): Promise<void> {
    const db = await this.deps.db();
    this.unlocked = null;
    await atomically(db, ['meta', 'deviceKeys'], async (tx) => {
      const onDisk = await tx.objectStore('meta').get('header');
      if (!onDisk || onDisk.vaultId !== before.vaultId || slotIds(onDisk) !== slotIds(before)) {
        throw new TwostepError('storage_failed', 'the vault changed meanwhile; try again');
      }
      await tx.objectStore('meta').put({ ...before, slots }, 'header');
      await tx.objectStore('deviceKeys').clear();
      if (deviceKey) await tx.objectStore('deviceKeys').put(deviceKey.key, deviceKey.id);
    });
  }

  /** Runs writes one after another, so read-modify-write steps of two calls never interleave. */
  private serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = this.writes.then(task, task);
    this.writes = run.catch(() => undefined);
    return run;
  }
}

function asRevision(value: unknown): number {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : 0;
}

/** Increments the accounts revision inside the caller's transaction and returns the new value. */
async function bumpRevision(store: { get(key: 'revision'): Promise<unknown>; put(value: number, key: 'revision'): Promise<unknown> }): Promise<number> {
  const next = asRevision(await store.get('revision')) + 1;
  await store.put(next, 'revision');
  return next;
}

function secretKey(account: Pick<AccountInput, 'kind' | 'secret'>): string {
  return `${account.kind}:${account.secret}`;
}

function pinSlotOf(header: VaultHeader): PinSlot | undefined {
  return header.slots.find((s): s is PinSlot => s.type === 'pin');
}

function slotIds(header: VaultHeader): string {
  return header.slots.map((s) => s.id).join(',');
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
