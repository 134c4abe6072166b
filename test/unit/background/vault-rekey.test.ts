/**
 * A first PIN or passphrase re-keys the vault: a new vault key and vault id, every record re-encrypted
 * in the same transaction as the new header. Old key material (the device key, which Chromium keeps
 * in its files after deletion) opens nothing written afterwards.
 */
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../../src/core/base32';
import { importVaultKey, open, platformRandom, recordAad } from '../../../src/core/vault/crypto';
import type { VaultHeader } from '../../../src/core/vault/format';
import { openDeviceSlot } from '../../../src/core/vault/slots';
import { codeOf, input, newFixture, type Fixture } from './vault-fixture';

const SECRETS = ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LK'];

async function seeded(): Promise<Fixture> {
  const f = await newFixture();
  for (const [i, secret] of SECRETS.entries()) await f.vault.add(input({ issuer: `I${i}`, secret }));
  return f;
}

/** What a copy of the profile taken before the PIN holds: the header and the device key. */
async function oldKeyMaterial(f: Fixture): Promise<{ header: VaultHeader; raw: Uint8Array }> {
  const header = (await f.db.get('meta', 'header'))!;
  const slot = header.slots[0]!;
  if (slot.type !== 'device') throw new Error('expected a device slot');
  const deviceKey = (await f.db.get('deviceKeys', slot.id))!;
  return { header, raw: await openDeviceSlot(slot, header.vaultId, deviceKey) };
}

/** Opens every account after a browser restart, with the PIN if one is needed. */
async function reopen(f: Fixture, pins: string[]) {
  await f.browserRestart();
  const v = f.restartWorker();
  let opened = !(await v.isLocked());
  for (const pin of pins) if (!opened) opened = await v.unlockWith(pin).then(() => true, () => false);
  if (!opened) throw new Error('the vault opened with none of the PINs');
  return { vault: v, snapshot: await v.read() };
}

describe('re-key on the first PIN', () => {
  it.each(['pin', 'passphrase'] as const)('setting a %s makes a new key and vault id; the old key opens no record', async (kind) => {
    const f = await seeded();
    const old = await oldKeyMaterial(f);
    await f.vault.setPin(kind === 'pin' ? '482916' : 'correct horse battery', kind, null);
    const header = (await f.db.get('meta', 'header'))!;
    expect(header.vaultId).not.toBe(old.header.vaultId);
    expect(header.slots.map((s) => s.type)).toEqual(['pin']);
    expect(await f.db.count('deviceKeys')).toBe(0);
    const oldKey = await importVaultKey(old.raw);
    for (const record of await f.db.getAll('accounts')) {
      for (const vaultId of [old.header.vaultId, header.vaultId]) {
        await expect(codeOf(open(oldKey, record.sealed, recordAad(vaultId, record.id, record.version ?? 0)))).resolves.toBe('record_tampered');
      }
    }
    // An account added afterwards is under the new key too.
    await f.vault.add(input({ issuer: 'After', secret: 'ONSWG4TFOQYTEMZU' }));
    const { snapshot } = await reopen(f, ['482916', 'correct horse battery']);
    expect(snapshot).toMatchObject({ damaged: 0, rolledBack: false });
    expect(snapshot.accounts.map((a) => a.issuer)).toEqual(['After', 'I0', 'I1', 'I2']);
  });

  it('a PIN change and removing the PIN keep the key (the records are not rewritten)', async () => {
    const f = await seeded();
    await f.vault.setPin('1111', 'pin', null);
    const records = await f.db.getAll('accounts');
    const { vaultId } = (await f.db.get('meta', 'header'))!;
    await f.vault.setPin('2222', 'pin', '1111');
    await f.vault.removePin('2222');
    expect(await f.db.getAll('accounts')).toEqual(records);
    expect((await f.db.get('meta', 'header'))!.vaultId).toBe(vaultId);
    const { snapshot } = await reopen(f, []);
    expect(snapshot).toMatchObject({ damaged: 0, rolledBack: false });
    expect(snapshot.accounts).toHaveLength(3);
  });

  it('a re-key that fails at any write leaves the old vault or the new one, whole', async () => {
    // Fail the 1st, 2nd, ... write request of the re-key's transaction, until one run has no failure.
    const methods = ['put', 'delete', 'clear', 'add'] as const;
    const outcomes = { old: 0, new: 0 };
    for (let failAt = 1; ; failAt++) {
      const f = await seeded();
      const before = (await f.db.get('meta', 'header'))!.vaultId;
      const proto = Object.getPrototypeOf(f.db.transaction('accounts').store) as Record<string, (...a: unknown[]) => unknown>;
      const real = Object.fromEntries(methods.map((m) => [m, proto[m]!]));
      let calls = 0;
      let failed = false;
      for (const m of methods) {
        proto[m] = function (this: unknown, ...args: unknown[]) {
          if (++calls === failAt) {
            failed = true;
            throw new DOMException('simulated crash', 'AbortError');
          }
          return real[m]!.apply(this, args);
        };
      }
      try {
        await f.vault.setPin('2222', 'pin', null).catch(() => undefined);
      } finally {
        for (const m of methods) proto[m] = real[m]!;
      }
      const { snapshot } = await reopen(f, ['2222']);
      const after = (await f.db.get('meta', 'header'))!;
      expect(snapshot, `failing write ${failAt}`).toMatchObject({ damaged: 0, rolledBack: false });
      expect(snapshot.accounts.map((a) => a.secret).sort(), `failing write ${failAt}`).toEqual([...SECRETS].sort());
      if (failed) {
        // Aborted: the old vault, untouched, still opening with its device key.
        expect(after.vaultId).toBe(before);
        expect(after.slots[0]!.type).toBe('device');
        outcomes.old++;
      } else {
        expect(after.vaultId).not.toBe(before);
        outcomes.new++;
        break;
      }
      if (failAt > 50) throw new Error('the re-key never finished');
    }
    expect(outcomes.old).toBeGreaterThan(5); // header, device keys, each record, summary, revision
  }, 120_000);

  it('re-keys 1,000 accounts in one transaction', async () => {
    const f = await newFixture();
    const inputs = Array.from({ length: 1000 }, (_, i) => input({ issuer: `I${i}`, secret: encodeBase32(platformRandom(10)) }));
    const { added } = await f.vault.addMany(inputs);
    const t0 = performance.now();
    await f.vault.setPin('482916', 'pin', null);
    const ms = performance.now() - t0;
    console.log(`re-key of ${added.length} accounts (Argon2id included): ${ms.toFixed(0)} ms`);
    const { snapshot } = await reopen(f, ['482916']);
    expect(snapshot.accounts).toHaveLength(added.length);
    expect(snapshot.damaged).toBe(0);
  }, 120_000);
});

describe('re-key while the popup keeps asking', () => {
  it('a read that began before a first PIN and ends after it does not bring the old key back', async () => {
    const f = await seeded();
    const old = await oldKeyMaterial(f);
    f.vault.forget();
    // A slow read of the session key (a busy browser), started just before the PIN is set, so it
    // straddles the whole re-key: the popup asking for the state as it opens.
    const load = f.keys.load.bind(f.keys);
    let slow = true;
    f.keys.load = async () => {
      const value = await load();
      if (slow) {
        slow = false;
        await new Promise((r) => setTimeout(r, 3000));
      }
      return value;
    };
    const straddling = f.vault.isLocked();
    await f.vault.setPin('correct horse battery', 'passphrase', null);
    await straddling;
    await f.vault.add(input({ issuer: 'After', secret: 'ONSWG4TFOQYTEMZU' }));
    const oldKey = await importVaultKey(old.raw);
    const vaultIds = [old.header.vaultId, (await f.db.get('meta', 'header'))!.vaultId];
    for (const record of await f.db.getAll('accounts')) {
      for (const vaultId of vaultIds) {
        await expect(codeOf(open(oldKey, record.sealed, recordAad(vaultId, record.id, record.version ?? 0)))).resolves.toBe('record_tampered');
      }
    }
  });
});
