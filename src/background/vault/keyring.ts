/**
 * The vault's keys: the header and its key slots, the unwrapped vault key (in `storage.session`
 * through the KeyStore while unlocked, never only here), the PIN slot and its wrong-try throttle.
 * Memory holds a cache of the imported key and nothing else.
 */
import { TwostepError } from '../../core/errors';
import type { SecretKind } from '../../core/pin-policy';
import { importVaultKey, randomId, type RandomBytes } from '../../core/vault/crypto';
import { VAULT_FORMAT, type KeySlot, type PinSlot, type VaultHeader } from '../../core/vault/format';
import { makeDeviceSlot, makePinSlot, openDeviceSlot, openPinSlot } from '../../core/vault/slots';
import { afterFailure, NO_FAILURES, observe, parseThrottle, retryAt, type ClockReading, type ThrottleState } from '../../core/vault/throttle';
import { atomically, type VaultDb } from './db';

/** Where the unwrapped vault key lives while unlocked: `storage.session` in the extension. */
export interface KeyStore {
  load(): Promise<{ vaultId: string; key: Uint8Array } | null>;
  save(value: { vaultId: string; key: Uint8Array }): Promise<void>;
  clear(): Promise<void>;
}

export interface KeyringDeps {
  /** Opened lazily and once; the worker may have just started. */
  db: () => Promise<VaultDb>;
  keys: KeyStore;
  random: RandomBytes;
  now: () => number;
  /** The clocks the wrong-PIN wait is counted with; tests pass their own. Default: `now` and performance.now(). */
  clock?: () => ClockReading;
}

/** This run of the worker's monotonic clock: performance.now() restarts with every worker. */
const RUN = crypto.randomUUID();

export interface Unlocked {
  header: VaultHeader;
  key: CryptoKey;
}

export class Keyring {
  private unlocked: Unlocked | null = null;
  private lockCount = 0;

  constructor(private readonly deps: KeyringDeps) {}

  /** Bumped by every lock, so work that began before a lock can tell and not put plaintext back. */
  get epoch(): number {
    return this.lockCount;
  }

  /** True while the imported key is at hand in this worker. */
  get isOpen(): boolean {
    return this.unlocked !== null;
  }

  /** Whether a key is at hand; a vault with a device slot unlocks itself. */
  async isLocked(): Promise<boolean> {
    try {
      await this.open();
      return false;
    } catch (err) {
      if (err instanceof TwostepError && err.code === 'vault_locked') return true;
      throw err;
    }
  }

  /** The header (created on first use) and the vault key, from the key store or the device slot. */
  async open(): Promise<Unlocked> {
    if (this.unlocked) return this.unlocked;
    const epoch = this.lockCount;
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
    if (epoch !== this.lockCount) throw new TwostepError('vault_locked');
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

  /** The PIN slot's kind, or null when the vault opens with the device key alone. */
  async pinKind(): Promise<SecretKind | null> {
    const header = await this.header();
    return pinSlotOf(header)?.secretKind ?? null;
  }

  /** When the next PIN try is allowed (null: now) and how many wrong tries came before. */
  async throttle(): Promise<{ failures: number; retryAt: number | null }> {
    const at = this.reading();
    // Each reading credits the time since the last one to the wait (core/vault/throttle.ts); keep it.
    const state = await this.updateThrottle((s) => observe(s, at));
    return { failures: state.failures, retryAt: retryAt(state, at) };
  }

  private reading(): ClockReading {
    return this.deps.clock?.() ?? { wall: this.deps.now(), mono: performance.now(), run: RUN };
  }

  /** Unlocks with the PIN or passphrase; wrong tries are counted and throttled on disk. */
  async unlockWith(secret: string): Promise<void> {
    const epoch = this.lockCount;
    const header = await this.header();
    const raw = await this.verify(header, secret);
    if (!(await this.keepUnlessLocked(epoch, header, raw))) throw new TwostepError('vault_locked');
    const key = await importVaultKey(raw);
    if (epoch !== this.lockCount) throw new TwostepError('vault_locked');
    this.unlocked = { header, key };
  }

  /**
   * Saves the unwrapped key to the key store unless a lock came after `epoch`. Argon2id takes about half
   * a second and holds the worker's thread, so a screen lock, idle deadline or "Lock now" meanwhile is
   * handled just after it, while this call is still opening the slot: the lock must win, or the slow
   * call would put back the key the lock just removed. A lock during the save clears the store after it.
   */
  private async keepUnlessLocked(epoch: number, header: VaultHeader, raw: Uint8Array): Promise<boolean> {
    if (epoch !== this.lockCount) return false;
    await this.deps.keys.save({ vaultId: header.vaultId, key: raw });
    return epoch === this.lockCount;
  }

  /** Checks the PIN or passphrase and changes nothing; wrong tries count and wait as for unlocking. */
  async confirmSecret(secret: string): Promise<void> {
    await this.verify(await this.header(), secret);
  }

  /** Removes the unwrapped key from session storage and memory. Only a PIN brings it back. */
  async lock(): Promise<void> {
    this.lockCount++;
    this.unlocked = null;
    await this.deps.keys.clear();
  }

  /** Forgets the imported key in this worker only (the key store keeps it). */
  forget(): void {
    this.unlocked = null;
  }

  /**
   * Sets or changes the PIN: one header write that replaces every slot with the new PIN slot and
   * deletes the device key in the same transaction. A crash leaves the old or the new header.
   */
  async setPin(next: string, kind: SecretKind, current: string | null): Promise<void> {
    const epoch = this.lockCount;
    const header = await this.header();
    let raw: Uint8Array;
    if (pinSlotOf(header)) {
      raw = await this.verify(header, current ?? '');
    } else {
      await this.open();
      raw = await this.rawKey(header);
    }
    const slot = await makePinSlot(raw, header.vaultId, next, kind, this.deps.random);
    await this.replaceSlots(header, [slot], null);
    // The new PIN is set either way; after a lock meanwhile the vault stays locked and opens with it.
    await this.keepUnlessLocked(epoch, header, raw);
  }

  /** Removes the PIN: the device slot comes back, in one header write. */
  async removePin(current: string): Promise<void> {
    const epoch = this.lockCount;
    const header = await this.header();
    if (!pinSlotOf(header)) return;
    const raw = await this.verify(header, current);
    const { slot, deviceKey } = await makeDeviceSlot(raw, header.vaultId, this.deps.random);
    // A device slot opens the vault without anyone: after a lock meanwhile, keep the PIN instead.
    if (epoch !== this.lockCount) throw new TwostepError('vault_locked');
    await this.replaceSlots(header, [slot], { id: slot.id, key: deviceKey });
    await this.keepUnlessLocked(epoch, header, raw);
  }

  private async header(): Promise<VaultHeader> {
    return (await (await this.deps.db()).get('meta', 'header')) ?? (await this.create());
  }

  private async rawKey(header: VaultHeader): Promise<Uint8Array> {
    const stored = await this.deps.keys.load();
    if (stored && stored.vaultId === header.vaultId) return stored.key;
    return this.unwrapWithDevice(header);
  }

  /**
   * Reads and changes the throttle state in one transaction, so a read that overlaps a wrong try (the
   * popup asking for the wait) cannot write back the state from before it and undo the count.
   */
  private async updateThrottle(change: (state: ThrottleState) => ThrottleState): Promise<ThrottleState> {
    return atomically(await this.deps.db(), ['state'], async (tx) => {
      const store = tx.objectStore('state');
      const before = parseThrottle(await store.get('throttle'));
      const after = change(before);
      if (after !== before) await store.put(after, 'throttle');
      return after;
    });
  }

  /** Checks the PIN against the slot, enforcing and updating the throttle. Returns the vault key. */
  private async verify(header: VaultHeader, secret: string): Promise<Uint8Array> {
    const slot = pinSlotOf(header);
    if (!slot) throw new TwostepError('pin_required');
    const at = this.reading();
    const state = await this.updateThrottle((s) => observe(s, at));
    const wait = retryAt(state, at);
    if (wait !== null) throw new TwostepError('pin_throttled', undefined, { failures: state.failures, retryAt: wait });
    try {
      const raw = await openPinSlot(slot, header.vaultId, secret);
      if (state.failures > 0) await this.updateThrottle(() => NO_FAILURES);
      return raw;
    } catch (err) {
      if (!(err instanceof TwostepError) || err.code !== 'pin_wrong') throw err;
      // Counted on the state as stored now, not as read before the slow KDF.
      const failedAt = this.reading();
      const next = await this.updateThrottle((s) => afterFailure(s, failedAt));
      const until = retryAt(next, failedAt);
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
}

function pinSlotOf(header: VaultHeader): PinSlot | undefined {
  return header.slots.find((s): s is PinSlot => s.type === 'pin');
}

function slotIds(header: VaultHeader): string {
  return header.slots.map((s) => s.id).join(',');
}
