/**
 * The vault's keys: the header and its key slots, the unwrapped vault key (in `storage.session`
 * through the KeyStore while unlocked, never only here), the PIN slot and its wrong-try throttle.
 * Memory holds a cache of the imported key and nothing else.
 */
import { TwostepError } from '../../core/errors';
import type { SecretKind } from '../../core/pin-policy';
import { importVaultKey, randomId, type RandomBytes } from '../../core/vault/crypto';
import { LEGACY_FORMAT, VAULT_FORMAT, type PinSlot, type VaultHeader } from '../../core/vault/format';
import { headerDigest, sealSummary } from '../../core/vault/summary';
import { makeDeviceSlot, makePinSlot, openDeviceSlot, openPinSlot } from '../../core/vault/slots';
import { afterFailure, NO_FAILURES, observe, parseThrottle, retryAt, type ClockReading, type ThrottleState } from '../../core/vault/throttle';
import { allRequests, atomically, type VaultDb } from './db';
import { rewriteVault } from './rewrite';

/** Where the unwrapped vault key lives while unlocked: `storage.session` in the extension. */
export interface KeyStore {
  load(): Promise<{ vaultId: string; key: Uint8Array } | null>;
  save(value: { vaultId: string; key: Uint8Array }): Promise<void>;
  clear(): Promise<void>;
}

/** The summary's generation kept outside IndexedDB (`storage.local`): see local-anchor.ts. */
export interface AnchorStore {
  load(): Promise<{ vaultId: string; generation: number } | null>;
  save(value: { vaultId: string; generation: number }): Promise<void>;
}

export interface KeyringDeps {
  /** Opened lazily and once; the worker may have just started. */
  db: () => Promise<VaultDb>;
  keys: KeyStore;
  random: RandomBytes;
  now: () => number;
  anchor?: AnchorStore;
  /** The clocks the wrong-PIN wait is counted with; tests pass their own. Default: `now` and performance.now(). */
  clock?: () => ClockReading;
  /**
   * Makes LevelDB drop the values a PIN set or changed replaced (scrub.ts): `owe` before the header
   * write, `run` once it committed; neither rejects. Without it (unit tests) old values stay on disk.
   */
  scrub?: { owe(): Promise<void>; run(): Promise<void> };
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
  /**
   * A PIN set or removed rewrites the header (and, for a first PIN, the key and every record). An
   * `open()` that overlaps it must not keep what it read before: with the old key cached, accounts
   * added after a first PIN would be sealed under the key the PIN was meant to retire.
   */
  private rewrites = 0;
  private rewriting: Promise<unknown> | null = null;

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
    while (this.rewriting) await this.rewriting.catch(() => undefined);
    const epoch = this.lockCount;
    const rewrites = this.rewrites;
    let header = await this.header();
    if (header.format !== VAULT_FORMAT && header.format !== LEGACY_FORMAT) {
      throw new TwostepError('vault_corrupted', `unknown format ${String(header.format)}`);
    }
    const stored = await this.deps.keys.load();
    let raw: Uint8Array;
    if (stored && stored.vaultId === header.vaultId) {
      raw = stored.key;
    } else {
      raw = await this.unwrapWithDevice(header);
      await this.deps.keys.save({ vaultId: header.vaultId, key: raw });
    }
    const key = await importVaultKey(raw);
    header = await this.upgraded(header, key);
    // A lock that happened meanwhile wins: do not keep a key it meant to remove.
    if (epoch !== this.lockCount) throw new TwostepError('vault_locked');
    // A PIN set or removed meanwhile: what we read may be the vault before it; read again.
    if (rewrites !== this.rewrites) return this.open();
    this.unlocked = { header, key };
    return this.unlocked;
  }

  /** Runs a header rewrite (set or remove PIN) so that no overlapping `open()` keeps what came before. */
  private async rewrite<T>(work: () => Promise<T>): Promise<T> {
    this.rewrites++;
    this.unlocked = null;
    const run = work();
    this.rewriting = run;
    try {
      return await run;
    } finally {
      this.rewrites++;
      this.unlocked = null;
      if (this.rewriting === run) this.rewriting = null;
    }
  }

  private async unwrapWithDevice(header: VaultHeader): Promise<Uint8Array> {
    const slot = header.slots.find((s) => s.type === 'device');
    if (!slot) throw new TwostepError('vault_locked');
    const deviceKey = await (await this.deps.db()).get('deviceKeys', slot.id);
    if (!deviceKey) throw new TwostepError('vault_corrupted', 'device key is missing');
    return openDeviceSlot(slot, header.vaultId, deviceKey);
  }

  /**
   * Migrates a format-1 vault (records without versions, no summary) to the current format on first
   * open: every record re-sealed with its version and the summary written, in one transaction.
   */
  private async upgraded(header: VaultHeader, key: CryptoKey): Promise<VaultHeader> {
    if (header.format !== LEGACY_FORMAT) return header;
    const next: VaultHeader = { ...header, format: VAULT_FORMAT };
    const db = await this.deps.db();
    try {
      const generation = await rewriteVault(db, { header, key }, { header: next, key }, this.deps.random, await this.deviceKeyOf(header), await this.anchorFloor(header.vaultId));
      this.keepAnchor(next.vaultId, generation);
      return next;
    } catch (err) {
      // Two opens at once (the icon and the popup at worker start) both migrate; one wins, and the
      // other finds the migrated header in its place.
      const now = await db.get('meta', 'header');
      if (now && now.vaultId === header.vaultId && now.format === VAULT_FORMAT) return now;
      throw err;
    }
  }

  /** The device key a header's device slot uses (kept through a rewrite that does not replace it). */
  private async deviceKeyOf(header: VaultHeader): Promise<{ id: string; key: CryptoKey } | null> {
    const slot = header.slots.find((s) => s.type === 'device');
    const key = slot && (await (await this.deps.db()).get('deviceKeys', slot.id));
    return slot && key ? { id: slot.id, key } : null;
  }

  /** The generation the second anchor last saw for this vault (0 if none): generations never go back. */
  async anchorFloor(vaultId: string): Promise<number> {
    const anchor = await this.deps.anchor?.load().catch(() => null);
    return anchor && anchor.vaultId === vaultId ? anchor.generation : 0;
  }

  /** What the second anchor holds, for the rollback check (null: nothing recorded). */
  async anchorValue(): Promise<{ vaultId: string; generation: number } | null> {
    return (await this.deps.anchor?.load().catch(() => null)) ?? null;
  }

  /** Records a committed generation outside IndexedDB; losing it only weakens the rollback check. */
  keepAnchor(vaultId: string, generation: number): void {
    void this.deps.anchor?.save({ vaultId, generation }).catch(() => undefined);
  }

  /**
   * Creates an empty vault: a random 256-bit vault key wrapped by a new device key, and an empty
   * summary. All three are written in one transaction; if another call created a vault first, that one wins.
   */
  private async create(): Promise<VaultHeader> {
    const { random, now } = this.deps;
    const db = await this.deps.db();
    const vaultId = randomId(random);
    const raw = random(32);
    const { slot, deviceKey } = await makeDeviceSlot(raw, vaultId, random);
    const header: VaultHeader = { format: VAULT_FORMAT, vaultId, cipher: 'AES-256-GCM', createdAt: now(), slots: [slot] };
    const summary = await sealSummary(await importVaultKey(raw), vaultId, { generation: 1, header: await headerDigest(header), records: {} }, random);
    return atomically(db, ['meta', 'deviceKeys', 'summary'], async (tx) => {
      const existing = await tx.objectStore('meta').get('header');
      if (existing) return existing;
      await allRequests([
        () => tx.objectStore('meta').put(header, 'header'),
        () => tx.objectStore('deviceKeys').put(deviceKey, slot.id),
        () => tx.objectStore('summary').put(summary, 'summary'),
      ]);
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
    const found = await this.header();
    const raw = await this.verify(found, secret);
    const key = await importVaultKey(raw);
    const header = await this.upgraded(found, key);
    if (!(await this.keepUnlessLocked(epoch, header, raw))) throw new TwostepError('vault_locked');
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
   * Sets or changes the PIN. A change (PIN to PIN) re-wraps the same vault key: one header write.
   *
   * Setting one where there was none makes a NEW vault key and vault id and re-encrypts every record
   * under them, in one transaction with the new header (which deletes the device key). The old key
   * cannot be trusted any more: it was wrapped by a device key kept in IndexedDB, and Chromium's
   * LevelDB keeps deleted values in its files for as long as no compaction rewrites them (README,
   * "copied profile"), so anyone with a copy of the profile could still unwrap it. Nothing that
   * opens the new key is ever written under a device key.
   */
  async setPin(next: string, kind: SecretKind, current: string | null): Promise<void> {
    const epoch = this.lockCount;
    const found = await this.header();
    const { random } = this.deps;
    const db = await this.deps.db();
    let raw: Uint8Array;
    let from: Unlocked;
    let to: Unlocked;
    if (pinSlotOf(found)) {
      raw = await this.verify(found, current ?? '');
      const key = await importVaultKey(raw);
      from = { header: await this.upgraded(found, key), key };
      const slot = await makePinSlot(raw, from.header.vaultId, next, kind, random);
      to = { header: { ...from.header, slots: [slot] }, key };
    } else {
      from = await this.open();
      raw = random(32);
      const vaultId = randomId(random);
      const slot = await makePinSlot(raw, vaultId, next, kind, random);
      to = { header: { ...from.header, vaultId, slots: [slot] }, key: await importVaultKey(raw) };
    }
    // The replaced header (device slot or old PIN slot) and, after a re-key, the old records must not
    // stay in LevelDB's files, where the device key or the old PIN would open them.
    await this.deps.scrub?.owe();
    await this.rewrite(async () => {
      const generation = await rewriteVault(db, from, to, random, null, await this.anchorFloor(from.header.vaultId));
      this.keepAnchor(to.header.vaultId, generation);
      // The new PIN is set either way; after a lock meanwhile the vault stays locked and opens with it.
      await this.keepUnlessLocked(epoch, to.header, raw);
    });
    // Only now, with the new header committed, may the old values go. A failed scrub leaves the mark,
    // and the next worker start tries again; the PIN is set either way (`run` never rejects).
    await this.deps.scrub?.run();
  }

  /**
   * Removes the PIN: the device slot comes back, in one header write. This does not re-key: whoever can
   * read the profile can then open the vault anyway (the device key is on disk), so a new key would
   * protect nothing more; the records stay under the key the PIN protected until now.
   */
  async removePin(current: string): Promise<void> {
    const epoch = this.lockCount;
    const found = await this.header();
    if (!pinSlotOf(found)) return;
    const raw = await this.verify(found, current);
    const key = await importVaultKey(raw);
    const header = await this.upgraded(found, key);
    const { slot, deviceKey } = await makeDeviceSlot(raw, header.vaultId, this.deps.random);
    // A device slot opens the vault without anyone: after a lock meanwhile, keep the PIN instead.
    if (epoch !== this.lockCount) throw new TwostepError('vault_locked');
    const to = { ...header, slots: [slot] };
    await this.rewrite(async () => {
      const generation = await rewriteVault(await this.deps.db(), { header, key }, { header: to, key }, this.deps.random, { id: slot.id, key: deviceKey }, await this.anchorFloor(header.vaultId));
      this.keepAnchor(header.vaultId, generation);
      await this.keepUnlessLocked(epoch, header, raw);
    });
  }

  private async header(): Promise<VaultHeader> {
    return (await (await this.deps.db()).get('meta', 'header')) ?? (await this.create());
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
}

function pinSlotOf(header: VaultHeader): PinSlot | undefined {
  return header.slots.find((s): s is PinSlot => s.type === 'pin');
}
