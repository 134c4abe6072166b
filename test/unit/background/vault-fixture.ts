/** A vault on fake-indexeddb with an in-memory key store: the worker's parts, minus the browser. */
import 'fake-indexeddb/auto';
import { AutoLock } from '../../../src/background/auto-lock';
import type { Services } from '../../../src/background/services';
import { DEFAULT_SETTINGS, type SettingsStore } from '../../../src/background/settings-store';
import { TwostepError } from '../../../src/core/errors';
import type { AccountInput } from '../../../src/core/account';
import { platformRandom } from '../../../src/core/vault/crypto';
import { openVaultDb, type VaultDb } from '../../../src/background/vault/db';
import { Vault, type AnchorStore, type CachedSnapshot, type KeyStore, type SnapshotStore } from '../../../src/background/vault/vault';

let dbCounter = 0;

/** Stands in for `storage.session`: survives a worker restart, not a browser restart. */
export class MemoryKeyStore implements KeyStore {
  value: { vaultId: string; key: Uint8Array } | null = null;
  load() {
    return Promise.resolve(this.value);
  }
  save(value: { vaultId: string; key: Uint8Array }) {
    this.value = value;
    return Promise.resolve();
  }
  clear() {
    this.value = null;
    return Promise.resolve();
  }
}

/** Stands in for `storage.local`'s copy of the summary generation (survives everything but a profile copy). */
export class MemoryAnchorStore implements AnchorStore {
  value: { vaultId: string; generation: number } | null = null;
  load() {
    return Promise.resolve(this.value);
  }
  save(value: { vaultId: string; generation: number }) {
    this.value = value;
    return Promise.resolve();
  }
}

/** Stands in for the session copy of the decrypted accounts; `saves` lets a test lose one. */
export class MemorySnapshotStore implements SnapshotStore {
  value: CachedSnapshot | null = null;
  loads = 0;
  dropSaves = false;
  private hold: Promise<void> | null = null;
  /** Makes the next load wait until the returned function is called (to order a race in a test). */
  holdNextLoad(): () => void {
    let release = () => undefined as void;
    this.hold = new Promise<void>((resolve) => (release = resolve));
    return release;
  }
  async load() {
    this.loads++;
    const hold = this.hold;
    this.hold = null;
    if (hold) await hold;
    return this.value && structuredClone(this.value);
  }
  save(value: CachedSnapshot) {
    if (!this.dropSaves) this.value = structuredClone(value);
    return Promise.resolve();
  }
  clear() {
    this.value = null;
    return Promise.resolve();
  }
}

export interface Fixture {
  name: string;
  db: VaultDb;
  keys: MemoryKeyStore;
  snapshots: MemorySnapshotStore;
  anchor: MemoryAnchorStore;
  /** Empties session storage, as closing the browser does. */
  browserRestart(): Promise<void>;
  /** A new Vault object on the same database and key store: what a restarted worker builds. */
  restartWorker(): Vault;
  vault: Vault;
}

export async function newFixture(): Promise<Fixture> {
  const name = `vault-test-${++dbCounter}-${Date.now()}`;
  const db = await openVaultDb(name);
  const keys = new MemoryKeyStore();
  const snapshots = new MemorySnapshotStore();
  const anchor = new MemoryAnchorStore();
  let t = 1_700_000_000_000;
  const make = () => new Vault({ db: () => Promise.resolve(db), keys, snapshots, anchor, random: platformRandom, now: () => (t += 1000) });
  const browserRestart = async () => {
    await Promise.all([keys.clear(), snapshots.clear()]);
  };
  return { name, db, keys, snapshots, anchor, browserRestart, vault: make(), restartWorker: make };
}

export function input(overrides: Partial<AccountInput> = {}): AccountInput {
  return {
    kind: 'totp',
    issuer: 'GitHub',
    name: 'alice',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    sites: [],
    ...overrides,
  };
}

/** Settings in memory, starting from the defaults. */
export function memorySettings(): SettingsStore {
  let s = { ...DEFAULT_SETTINGS };
  return { get: () => Promise.resolve(s), set: (p) => Promise.resolve((s = { ...s, ...p })) };
}

/** Handler services over a fixture's vault, with an auto-lock that never fires; `extra` adds ports. */
export function testServices(f: Fixture, now: () => number, extra: Partial<Services> = {}): Services {
  const settings = memorySettings();
  const autoLock = new AutoLock({
    vault: f.vault,
    settings,
    now,
    lastUse: { load: () => Promise.resolve(null), save: () => Promise.resolve(), clear: () => Promise.resolve() },
    alarm: { at: () => Promise.resolve(), cancel: () => Promise.resolve() },
    forget: () => Promise.resolve(),
    changed: () => Promise.resolve(),
  });
  return { vault: f.vault, settings, autoLock, now, ...extra };
}

/** The error code a promise rejects with ('resolved' if it does not), for compact assertions. */
export const codeOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof TwostepError ? e.code : `not a TwostepError: ${String(e)}`),
  );
