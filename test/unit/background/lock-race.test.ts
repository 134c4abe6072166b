/**
 * Locking always wins: a lock (screen lock, idle deadline, "Lock now") that lands while a PIN's
 * Argon2id is running must leave the vault locked, whatever the slow call then finishes with.
 * The KDF is held at a gate so the lock provably lands mid-flight.
 */
import { describe, expect, it, vi } from 'vitest';
import type * as Kdf from '../../../src/core/vault/kdf';
import { Vault } from '../../../src/background/vault/vault';
import { platformRandom } from '../../../src/core/vault/crypto';
import { input, newFixture, codeOf, type Fixture } from './vault-fixture';

/** Holds every Argon2id derivation until `release()`; `running` resolves once one has started. */
const gate = vi.hoisted(() => {
  const state = {
    closed: false,
    started: () => undefined as void,
    running: Promise.resolve(),
    open: () => undefined as void,
    opened: Promise.resolve(),
    close() {
      state.closed = true;
      state.running = new Promise<void>((r) => (state.started = r));
      state.opened = new Promise<void>((r) => (state.open = r));
    },
    release() {
      state.closed = false;
      state.open();
    },
    /** Called once right after the next derivation, before the caller goes on. */
    afterDerive: null as (() => void) | null,
  };
  return state;
});

vi.mock('../../../src/core/vault/kdf', async (importOriginal) => {
  const real = await importOriginal<typeof Kdf>();
  return {
    ...real,
    deriveWrappingKey: async (...args: Parameters<typeof real.deriveWrappingKey>) => {
      if (gate.closed) {
        gate.started();
        await gate.opened;
      }
      const key = await real.deriveWrappingKey(...args);
      const after = gate.afterDerive;
      gate.afterDerive = null;
      after?.();
      return key;
    },
  };
});

async function lockedWithPin(): Promise<Fixture> {
  const f = await newFixture();
  await f.vault.add(input());
  await f.vault.setPin('1234', 'pin', null);
  await f.vault.lock();
  return f;
}

/** Starts `call` with the KDF held, locks while it waits, then lets it finish; returns its outcome. */
async function lockDuring(f: Fixture, call: () => Promise<unknown>): Promise<string> {
  gate.close();
  const outcome = codeOf(call());
  await gate.running;
  await f.vault.lock();
  gate.release();
  return outcome;
}

describe('a lock during a slow PIN call', () => {
  it('an unlock whose Argon2id was running when the vault locked ends locked', async () => {
    const f = await lockedWithPin();
    expect(await lockDuring(f, () => f.vault.unlockWith('1234'))).toBe('vault_locked');
    expect(f.keys.value).toBeNull();
    expect(await f.vault.isLocked()).toBe(true);
    await expect(codeOf(f.vault.read())).resolves.toBe('vault_locked');
    // The right PIN still works afterwards.
    await f.vault.unlockWith('1234');
    expect((await f.vault.read()).accounts).toHaveLength(1);
  });

  it('a PIN change that was running when the vault locked does not put the key back', async () => {
    const f = await lockedWithPin();
    await f.vault.unlockWith('1234');
    await lockDuring(f, () => f.vault.setPin('5678', 'pin', '1234'));
    expect(f.keys.value).toBeNull();
    expect(await f.vault.isLocked()).toBe(true);
  });

  it('setting a first PIN while the screen locks ends locked', async () => {
    const f = await newFixture();
    await f.vault.add(input());
    await lockDuring(f, () => f.vault.setPin('5678', 'pin', null));
    expect(f.keys.value).toBeNull();
    expect(await f.vault.isLocked()).toBe(true);
  });

  it('removing the PIN while the vault locks fails as locked and keeps the PIN', async () => {
    const f = await lockedWithPin();
    await f.vault.unlockWith('1234');
    expect(await lockDuring(f, () => f.vault.removePin('1234'))).toBe('vault_locked');
    expect(f.keys.value).toBeNull();
    expect(await f.vault.pinKind()).toBe('pin');
    expect(await f.vault.isLocked()).toBe(true);
  });
});

describe('the wrong-PIN count under concurrent reads', () => {
  it('reads of the wait that overlap a wrong try never undo it', async () => {
    let wall = 1_800_000_000_000;
    const f = await newFixture();
    await f.vault.setPin('1234', 'pin', null);
    await f.vault.lock();
    const v = new Vault({ db: () => Promise.resolve(f.db), keys: f.keys, random: platformRandom, now: () => wall, clock: () => ({ wall, mono: wall, run: 'r' }) });
    for (let i = 1; i <= 5; i++) {
      await expect(codeOf(v.unlockWith('0000'))).resolves.toBe('pin_wrong');
      wall += 31_000;
    }
    // The popup asks for the state just as the sixth wrong try's key derivation ends, and its read
    // (taken before the wrong try is written) comes back after it: the race a stale write-back loses.
    const { get, put } = { get: f.db.get.bind(f.db), put: f.db.put.bind(f.db) };
    let written = () => undefined as void;
    const wrongTryWritten = new Promise<void>((r) => (written = r));
    let holdNextRead = false;
    f.db.put = (async (...args: Parameters<typeof put>) => {
      const key = await put(...args);
      if (args[2] === 'throttle' && (args[1] as { failures: number }).failures === 6) written();
      return key;
    });
    f.db.get = (async (...args: Parameters<typeof get>) => {
      const value = await get(...args);
      if (holdNextRead && args[1] === 'throttle') {
        holdNextRead = false;
        await wrongTryWritten;
      }
      return value;
    });
    let read: Promise<unknown> = Promise.resolve();
    gate.afterDerive = () => {
      holdNextRead = true;
      read = v.throttle();
    };
    expect(await codeOf(v.unlockWith('0000'))).toBe('pin_wrong');
    await read;
    expect((await v.throttle()).failures).toBe(6);
  });
});
