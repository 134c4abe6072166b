import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { TwostepError } from '../../../src/core/errors';
import { openVaultDb, UPGRADE_STEPS, type VaultSchema } from '../../../src/background/vault/db';
import { Vault } from '../../../src/background/vault/vault';
import { boundTo, importVaultKey, platformRandom, randomId, sealJson } from '../../../src/core/vault/crypto';
import { makeDeviceSlot, makePinSlot } from '../../../src/core/vault/slots';
import { input, MemoryKeyStore, newFixture, codeOf } from './vault-fixture';

describe('PIN slot', () => {
  it('set → lock → wrong PIN fails → right PIN unlocks every account; no device key is left', async () => {
    const f = await newFixture();
    await f.vault.add(input({ issuer: 'A' }));
    await f.vault.setPin('482916', 'pin', null);
    expect(await f.db.count('deviceKeys')).toBe(0);
    expect((await f.db.get('meta', 'header'))?.slots.map((s) => s.type)).toEqual(['pin']);
    await f.vault.lock();
    const v = f.restartWorker();
    expect(await v.isLocked()).toBe(true);
    await expect(codeOf(v.read())).resolves.toBe('vault_locked');
    const wrong = await v.unlockWith('000000').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(TwostepError);
    expect((wrong as TwostepError).code).toBe('pin_wrong');
    expect((wrong as TwostepError).info?.failures).toBe(1);
    // The error says nothing about which part was wrong, and never echoes the PIN.
    expect(String((wrong as Error).message)).not.toContain('000000');
    await v.unlockWith('482916');
    expect((await v.read()).accounts.map((a) => a.issuer)).toEqual(['A']);
  });

  it('a PIN change re-wraps the key: the account records are not rewritten', async () => {
    const f = await newFixture();
    await f.vault.add(input({ issuer: 'A' }));
    await f.vault.add(input({ issuer: 'B', secret: 'GEZDGNBVGY3TQOJQ' }));
    await f.vault.setPin('1234', 'pin', null);
    const before = await f.db.getAll('accounts');
    await expect(codeOf(f.vault.setPin('correct horse battery', 'passphrase', '9999'))).resolves.toBe('pin_wrong');
    await f.vault.setPin('correct horse battery', 'passphrase', '1234');
    expect(await f.db.getAll('accounts')).toEqual(before);
    await f.vault.lock();
    const v = f.restartWorker();
    await expect(codeOf(v.unlockWith('1234'))).resolves.toBe('pin_wrong');
    await v.unlockWith('correct horse battery');
    expect((await v.read()).accounts).toHaveLength(2);
    expect(await v.pinKind()).toBe('passphrase');
  });

  it('removing the PIN brings back a device slot: no prompt after a browser restart', async () => {
    const f = await newFixture();
    await f.vault.add(input());
    await f.vault.setPin('1234', 'pin', null);
    await expect(codeOf(f.vault.removePin('4321'))).resolves.toBe('pin_wrong');
    await f.vault.removePin('1234');
    await f.keys.clear(); // browser restart
    const v = f.restartWorker();
    expect(await v.isLocked()).toBe(false);
    expect((await v.read()).accounts).toHaveLength(1);
  });

  it('five wrong tries bring a wait that survives a worker restart, and nothing is deleted', async () => {
    let now = 1_800_000_000_000;
    const f = await newFixture();
    await f.vault.add(input());
    await f.vault.setPin('1234', 'pin', null);
    await f.vault.lock();
    let runs = 0;
    // Each worker has its own run of the monotonic clock, as performance.now() restarts with it.
    const worker = () => {
      const run = `run${++runs}`;
      return new Vault({ db: () => Promise.resolve(f.db), keys: f.keys, random: platformRandom, now: () => now, clock: () => ({ wall: now, mono: now, run }) });
    };
    let v = worker();
    for (let i = 1; i <= 5; i++) await expect(codeOf(v.unlockWith('0000'))).resolves.toBe('pin_wrong');
    v = worker();
    const blocked = await v.unlockWith('1234').catch((e: unknown) => e as TwostepError);
    expect(blocked).toMatchObject({ code: 'pin_throttled', info: { failures: 5, retryAt: now + 30_000 } });
    now += 31_000;
    await expect(codeOf(v.unlockWith('0000'))).resolves.toBe('pin_wrong');
    // The sixth wrong try waits a minute.
    expect(await worker().throttle()).toEqual({ failures: 6, retryAt: now + 60_000 });
    now += 61_000;
    await worker().unlockWith('1234');
    expect(await worker().throttle()).toEqual({ failures: 0, retryAt: null });
    expect(await f.db.count('accounts')).toBe(1);
  });

  it('moving the system clock forward, with or without a worker restart, does not lift the wait', async () => {
    let wall = 1_800_000_000_000;
    let mono = 0;
    let run = 'first';
    const f = await newFixture();
    await f.vault.setPin('1234', 'pin', null);
    await f.vault.lock();
    const v = new Vault({ db: () => Promise.resolve(f.db), keys: f.keys, random: platformRandom, now: () => wall, clock: () => ({ wall, mono, run }) });
    for (let i = 1; i <= 7; i++) {
      await expect(codeOf(v.unlockWith('0000'))).resolves.toBe('pin_wrong');
      mono += 31 * 60_000; // each wait served in full, on the monotonic clock
      wall += 31 * 60_000;
    }
    mono -= 31 * 60_000 - 10_000; // ten seconds after the 7th wrong try (a 5-minute wait) …
    wall += 60 * 60_000; // … the clock is set forward an hour
    await expect(codeOf(v.unlockWith('1234'))).resolves.toBe('pin_throttled');
    expect(await v.throttle()).toEqual({ failures: 7, retryAt: wall + 5 * 60_000 - 10_000 });
    // The worker is stopped and the clock set forward a day: the gap counts as at most a minute.
    run = 'second';
    mono = 5;
    wall += 24 * 60 * 60_000;
    expect(await v.throttle()).toEqual({ failures: 7, retryAt: wall + 5 * 60_000 - 10_000 - 60_000 });
    await expect(codeOf(v.unlockWith('1234'))).resolves.toBe('pin_throttled');
    mono += 4 * 60_000 - 10_000;
    await v.unlockWith('1234');
  });

  it('a PIN change that fails at any write opens with either the old or the new PIN', async () => {
    for (const failing of ['meta.put', 'deviceKeys.clear', 'deviceKeys.put'] as const) {
      for (const change of ['set', 'change', 'remove'] as const) {
        const f = await newFixture();
        await f.vault.add(input());
        if (change !== 'set') await f.vault.setPin('1111', 'pin', null);
        const [storeName, method] = failing.split('.') as ['meta' | 'deviceKeys', 'put' | 'clear'];
        const proto = Object.getPrototypeOf(f.db.transaction(storeName).store) as Record<string, unknown>;
        const real = proto[method] as (...a: unknown[]) => unknown;
        proto[method] = function (this: { name: string }, ...args: unknown[]) {
          if (this.name === storeName) throw new DOMException('simulated crash', 'AbortError');
          return real.apply(this, args);
        };
        try {
          if (change === 'set') await f.vault.setPin('2222', 'pin', null).catch(() => undefined);
          if (change === 'change') await f.vault.setPin('2222', 'pin', '1111').catch(() => undefined);
          if (change === 'remove') await f.vault.removePin('1111').catch(() => undefined);
        } finally {
          proto[method] = real;
        }
        await f.keys.clear();
        const v = f.restartWorker();
        let opened = !(await v.isLocked());
        for (const pin of ['1111', '2222']) {
          if (!opened) opened = await v.unlockWith(pin).then(() => true, () => false);
        }
        expect(opened, `${change} with ${failing} failing`).toBe(true);
        expect((await v.read()).accounts, `${change} with ${failing} failing`).toHaveLength(1);
      }
    }
  }, 60_000);

  it('refuses a header edited to ask for gigabytes of memory or endless passes', async () => {
    for (const edit of [{ memoryKiB: 4 * 1024 * 1024 }, { passes: 100_000 }, { parallelism: 255 }]) {
      const f = await newFixture();
      await f.vault.setPin('1234', 'pin', null);
      const header = (await f.db.get('meta', 'header'))!;
      const slot = header.slots[0]!;
      if (slot.type !== 'pin') throw new Error('expected a PIN slot');
      Object.assign(slot.kdf, edit);
      await f.db.put('meta', header, 'header');
      await f.vault.lock();
      await expect(codeOf(f.restartWorker().unlockWith('1234')), JSON.stringify(edit)).resolves.toBe('vault_corrupted');
    }
  });

  it('refuses a header edited to weaken the KDF', async () => {
    const f = await newFixture();
    await f.vault.setPin('1234', 'pin', null);
    const header = (await f.db.get('meta', 'header'))!;
    const slot = header.slots[0]!;
    if (slot.type !== 'pin') throw new Error('expected a PIN slot');
    slot.kdf.memoryKiB = 8;
    await f.db.put('meta', header, 'header');
    await f.vault.lock();
    await expect(codeOf(f.restartWorker().unlockWith('1234'))).resolves.toBe('vault_corrupted');
  });
});

describe('schema upgrades', () => {
  /** What version 1 of Twostep wrote: header, device key and encrypted accounts, with no state store. */
  async function makeVersion1(name: string, issuers: string[]): Promise<void> {
    const db = await openDB<VaultSchema>(name, 1, {
      upgrade(d) {
        UPGRADE_STEPS[0]!(d);
      },
    });
    const vaultId = randomId(platformRandom);
    const raw = platformRandom(32);
    const { slot, deviceKey } = await makeDeviceSlot(raw, vaultId, platformRandom);
    const key = await importVaultKey(raw);
    await db.put('meta', { format: 1, vaultId, cipher: 'AES-256-GCM', createdAt: 1, slots: [slot] }, 'header');
    await db.put('deviceKeys', deviceKey, slot.id);
    for (const [i, issuer] of issuers.entries()) {
      const id = randomId(platformRandom);
      const account = { ...input({ issuer, secret: ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ'][i] }), id, createdAt: 1, updatedAt: 1 };
      await db.put('accounts', { id, sealed: await sealJson(key, account, boundTo('record', vaultId, id), platformRandom) });
    }
    db.close();
  }

  it('a version-1 database opens at the current version with every account, and takes writes', async () => {
    expect(UPGRADE_STEPS.length).toBe(3);
    const name = `upgrade-from-1-${Date.now()}`;
    await makeVersion1(name, ['A', 'B']);
    const db = await openVaultDb(name);
    expect(db.version).toBe(UPGRADE_STEPS.length);
    const v = new Vault({ db: () => Promise.resolve(db), keys: new MemoryKeyStore(), random: platformRandom, now: () => 2 });
    expect((await v.read()).accounts.map((a) => a.issuer)).toEqual(['A', 'B']);
    await v.add(input({ issuer: 'C', secret: 'MFRGGZDFMZTWQ2LK' }));
    await v.setPin('1234', 'pin', null);
    expect((await v.read()).accounts).toHaveLength(3);
    db.close();
  });

  /** What the previous Twostep (schema 2, vault format 1) wrote: records without versions, no summary. */
  async function makeFormat1(name: string, withPin: string | null, damage = false) {
    const db = await openDB<VaultSchema>(name, 2, {
      upgrade(d) {
        UPGRADE_STEPS[0]!(d);
        UPGRADE_STEPS[1]!(d);
      },
    });
    const vaultId = randomId(platformRandom);
    const raw = platformRandom(32);
    const key = await importVaultKey(raw);
    if (withPin) {
      const slot = await makePinSlot(raw, vaultId, withPin, 'pin', platformRandom);
      await db.put('meta', { format: 1, vaultId, cipher: 'AES-256-GCM', createdAt: 1, slots: [slot] }, 'header');
    } else {
      const { slot, deviceKey } = await makeDeviceSlot(raw, vaultId, platformRandom);
      await db.put('meta', { format: 1, vaultId, cipher: 'AES-256-GCM', createdAt: 1, slots: [slot] }, 'header');
      await db.put('deviceKeys', deviceKey, slot.id);
    }
    const ids: string[] = [];
    for (const [i, secret] of ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LK'].entries()) {
      const id = randomId(platformRandom);
      ids.push(id);
      const account = { ...input({ issuer: `I${i}`, secret }), id, createdAt: 1, updatedAt: 1 };
      const sealed = await sealJson(key, account, boundTo('record', vaultId, id), platformRandom);
      if (damage && i === 2) sealed.ct[0] = sealed.ct[0]! ^ 1;
      await db.put('accounts', { id, sealed });
    }
    await db.put('state', 3, 'revision');
    db.close();
    return ids;
  }

  it('a format-1 vault is migrated on first open: versions and a summary, in one step, nothing lost', async () => {
    const name = `format-1-${Date.now()}`;
    const ids = await makeFormat1(name, null, true);
    const db = await openVaultDb(name);
    const v = new Vault({ db: () => Promise.resolve(db), keys: new MemoryKeyStore(), random: platformRandom, now: () => 2 });
    const snapshot = await v.read();
    expect(snapshot).toMatchObject({ damaged: 1, rolledBack: false });
    expect(snapshot.accounts.map((a) => a.issuer)).toEqual(['I0', 'I1']);
    expect((await db.get('meta', 'header'))?.format).toBe(2);
    expect(await db.get('summary', 'summary')).toBeDefined();
    const records = await db.getAll('accounts');
    // The damaged record is kept as it was; the others now carry version 1.
    expect(records.map((r) => [ids.indexOf(r.id), r.version]).sort()).toEqual([[0, 1], [1, 1], [2, undefined]]);
    // A restarted worker (and a browser restart) sees the migrated vault the same way.
    const again = new Vault({ db: () => Promise.resolve(db), keys: new MemoryKeyStore(), random: platformRandom, now: () => 3 });
    expect(await again.read()).toMatchObject({ damaged: 1, rolledBack: false, accounts: [{ issuer: 'I0' }, { issuer: 'I1' }] });
    db.close();
  });

  it('two opens racing to migrate a format-1 vault both succeed', async () => {
    const name = `format-1-race-${Date.now()}`;
    await makeFormat1(name, null);
    const db = await openVaultDb(name);
    const v = new Vault({ db: () => Promise.resolve(db), keys: new MemoryKeyStore(), random: platformRandom, now: () => 2 });
    const w = new Vault({ db: () => Promise.resolve(db), keys: new MemoryKeyStore(), random: platformRandom, now: () => 2 });
    const [a, b] = await Promise.all([v.read(), w.read()]);
    expect(a).toMatchObject({ damaged: 0, rolledBack: false });
    expect(b).toMatchObject({ damaged: 0, rolledBack: false });
    expect(a.accounts).toHaveLength(3);
    db.close();
  });

  it('a format-1 vault with a PIN is migrated when it is unlocked, and keeps its PIN', async () => {
    const name = `format-1-pin-${Date.now()}`;
    await makeFormat1(name, '1234');
    const db = await openVaultDb(name);
    const v = new Vault({ db: () => Promise.resolve(db), keys: new MemoryKeyStore(), random: platformRandom, now: () => 2 });
    expect(await v.isLocked()).toBe(true);
    await v.unlockWith('1234');
    expect(await v.read()).toMatchObject({ damaged: 0, rolledBack: false });
    expect((await db.get('meta', 'header'))?.format).toBe(2);
    const fresh = new Vault({ db: () => Promise.resolve(db), keys: new MemoryKeyStore(), random: platformRandom, now: () => 3 });
    await fresh.unlockWith('1234');
    expect((await fresh.read()).accounts).toHaveLength(3);
    db.close();
  });
});
