/**
 * The vault summary catches what IndexedDB alone accepts silently: an older copy of a record written
 * back (an HOTP counter wound back), a deleted account put back, an older header (the old PIN works
 * again), a summary removed, a whole database rolled back. Each is reported; nothing is deleted.
 */
import { describe, expect, it } from 'vitest';
import type { StoredRecord, VaultHeader } from '../../../src/core/vault/format';
import { codeOf, input, newFixture, type Fixture } from './vault-fixture';

const HOTP = input({ kind: 'hotp', issuer: 'Bank', secret: 'GEZDGNBVGY3TQOJQ', counter: 5 });

/** What a fresh worker in a fresh browser session makes of the disk (no cached copy to hide behind). */
async function afterRestart(f: Fixture, pin?: string) {
  await f.browserRestart();
  const v = f.restartWorker();
  if (pin) await v.unlockWith(pin);
  return { vault: v, snapshot: await v.read() };
}

describe('vault summary', () => {
  it('an older copy of a record written back (HOTP counter wound back) is reported, kept, and not used', async () => {
    const f = await newFixture();
    const { id } = await f.vault.add(HOTP);
    await f.vault.add(input({ issuer: 'Other' }));
    const old = (await f.db.get('accounts', id))!;
    await f.vault.update(id, (a) => ({ ...a, counter: 6 }));
    await f.db.put('accounts', old);
    const { vault, snapshot } = await afterRestart(f);
    expect(snapshot).toMatchObject({ damaged: 1, rolledBack: false });
    expect(snapshot.accounts.map((a) => a.issuer)).toEqual(['Other']);
    await expect(codeOf(vault.get(id))).resolves.toBe('record_tampered');
    await expect(codeOf(vault.update(id, (a) => ({ ...a, counter: 7 })))).resolves.toBe('record_tampered');
    expect(await f.db.get('accounts', id)).toEqual(old);
  });

  it('the same older copy under a forged version number does not decrypt', async () => {
    const f = await newFixture();
    const { id } = await f.vault.add(HOTP);
    const old = (await f.db.get('accounts', id))!;
    await f.vault.update(id, (a) => ({ ...a, counter: 6 }));
    const now = (await f.db.get('accounts', id))!;
    // The version is bound into the ciphertext: relabelling the old record does not make it current.
    await f.db.put('accounts', { ...old, version: now.version } satisfies StoredRecord);
    const { snapshot } = await afterRestart(f);
    expect(snapshot).toMatchObject({ damaged: 1, accounts: [] });
  });

  it('a deleted account put back is reported, not listed', async () => {
    const f = await newFixture();
    await f.vault.add(input({ issuer: 'Keep' }));
    const { id } = await f.vault.add(input({ issuer: 'Gone', secret: 'MFRGGZDFMZTWQ2LK' }));
    const deleted = (await f.db.get('accounts', id))!;
    await f.vault.remove(id);
    await f.db.put('accounts', deleted);
    const { snapshot } = await afterRestart(f);
    expect(snapshot).toMatchObject({ damaged: 1, rolledBack: false });
    expect(snapshot.accounts.map((a) => a.issuer)).toEqual(['Keep']);
  });

  it('a record removed outside Twostep is reported', async () => {
    const f = await newFixture();
    await f.vault.add(input({ issuer: 'Keep' }));
    const { id } = await f.vault.add(input({ issuer: 'Taken', secret: 'MFRGGZDFMZTWQ2LK' }));
    await f.db.delete('accounts', id);
    const { snapshot } = await afterRestart(f);
    expect(snapshot).toMatchObject({ damaged: 0, rolledBack: true });
  });

  it('an older header written back after a PIN change: the old PIN still opens (same key), and it is reported', async () => {
    const f = await newFixture();
    await f.vault.add(input());
    await f.vault.setPin('1111', 'pin', null);
    const oldHeader: VaultHeader = (await f.db.get('meta', 'header'))!;
    await f.vault.setPin('2222', 'pin', '1111');
    await f.db.put('meta', oldHeader, 'header');
    // Decision: warn, never lock the user out of their own data; setting the PIN again clears it.
    const { vault, snapshot } = await afterRestart(f, '1111');
    expect(snapshot).toMatchObject({ damaged: 0, rolledBack: true });
    expect(snapshot.accounts).toHaveLength(1);
    await vault.setPin('3333', 'pin', '1111');
    const again = await afterRestart(f, '3333');
    expect(again.snapshot).toMatchObject({ damaged: 0, rolledBack: false });
  });

  it('a summary removed or damaged is reported; the accounts still open and writes go on', async () => {
    for (const harm of ['delete', 'flip'] as const) {
      const f = await newFixture();
      await f.vault.add(input());
      if (harm === 'delete') await f.db.delete('summary', 'summary');
      else {
        const sealed = (await f.db.get('summary', 'summary'))!;
        sealed.ct[0] = sealed.ct[0]! ^ 1;
        await f.db.put('summary', sealed, 'summary');
      }
      const { vault, snapshot } = await afterRestart(f);
      expect(snapshot, harm).toMatchObject({ damaged: 0, rolledBack: true });
      expect(snapshot.accounts, harm).toHaveLength(1);
      await vault.add(input({ issuer: 'Next', secret: 'MFRGGZDFMZTWQ2LK' }));
      expect((await afterRestart(f)).snapshot.accounts, harm).toHaveLength(2);
    }
  });

  it('a whole database rolled back to an older consistent copy is caught by the second anchor, and only by it', async () => {
    const f = await newFixture();
    const { id } = await f.vault.add(HOTP);
    const stores = ['meta', 'accounts', 'summary', 'state', 'deviceKeys'] as const;
    const copy = await Promise.all(stores.map(async (s) => ({ s, keys: await f.db.getAllKeys(s), values: await f.db.getAll(s) })));
    await f.vault.update(id, (a) => ({ ...a, counter: 9 }));
    const restore = async () => {
      for (const { s, keys, values } of copy) {
        await f.db.clear(s);
        for (const [i, key] of keys.entries()) {
          if (s === 'accounts') await f.db.put(s, values[i] as StoredRecord);
          else await (f.db.put as (store: string, value: unknown, key: IDBValidKey) => Promise<unknown>)(s, values[i], key);
        }
      }
    };
    await restore();
    expect((await afterRestart(f)).snapshot).toMatchObject({ damaged: 0, rolledBack: true });
    // Without the anchor (someone rolled storage.local back too) the copy is indistinguishable.
    f.anchor.value = null;
    const { snapshot } = await afterRestart(f);
    expect(snapshot).toMatchObject({ damaged: 0, rolledBack: false });
    expect(snapshot.accounts[0]?.counter).toBe(5);
  });

  it('a record changed on disk during the session is reported on the next verified read, not only after a restart', async () => {
    const f = await newFixture();
    const { id } = await f.vault.add(input());
    await f.vault.add(input({ issuer: 'Other', secret: 'MFRGGZDFMZTWQ2LK' }));
    expect(await f.vault.read({ verify: true })).toMatchObject({ damaged: 0 });
    const record = (await f.db.get('accounts', id))!;
    record.sealed.ct[2] = record.sealed.ct[2]! ^ 0xff;
    await f.db.put('accounts', record);
    // The same worker, with its cached copy; and a restarted worker with the session copy.
    expect(await f.vault.read({ verify: true })).toMatchObject({ damaged: 1 });
    expect(await f.restartWorker().read()).toMatchObject({ damaged: 1 });
  });

  it('a verified read of an unchanged vault decrypts nothing (the session copy is used)', async () => {
    const f = await newFixture();
    await f.vault.add(input());
    await f.vault.read({ verify: true });
    // Mark the session copy: if the read returns the mark, it came from the copy, not from decrypting.
    f.snapshots.value!.accounts[0]!.issuer = 'from the session copy';
    expect((await f.restartWorker().read({ verify: true })).accounts[0]?.issuer).toBe('from the session copy');
  });

  it('a copy from before the PIN written back over the whole database is caught by the anchor; a lagging anchor is not an alarm', async () => {
    const f = await newFixture();
    await f.vault.add(input());
    const stores = ['meta', 'accounts', 'summary', 'state', 'deviceKeys'] as const;
    const copy = await Promise.all(stores.map(async (s) => ({ s, keys: await f.db.getAllKeys(s), values: await f.db.getAll(s) })));
    const anchorBefore = f.anchor.value;
    await f.vault.setPin('1234', 'pin', null);
    // The browser stopped between the re-key's commit and the anchor's update: no alarm.
    f.anchor.value = anchorBefore;
    expect((await afterRestart(f, '1234')).snapshot).toMatchObject({ rolledBack: false });
    await f.vault.setPin('5678', 'pin', '1234');
    // Now the pre-PIN database (device slot, no PIN) is put back as a whole.
    for (const { s, keys, values } of copy) {
      await f.db.clear(s);
      for (const [i, key] of keys.entries()) {
        if (s === 'accounts') await f.db.put(s, values[i] as StoredRecord);
        else await (f.db.put as (store: string, value: unknown, key: IDBValidKey) => Promise<unknown>)(s, values[i], key);
      }
    }
    expect((await afterRestart(f)).snapshot).toMatchObject({ rolledBack: true });
  });
});
