import { describe, expect, it } from 'vitest';
import { input, newFixture, codeOf } from './vault-fixture';

describe('vault', () => {
  it('stores accounts encrypted: no secret, issuer or name in what IndexedDB holds', async () => {
    const f = await newFixture();
    await f.vault.add(input({ issuer: 'Plainly Visible Inc', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }));
    const records = await f.db.getAll('accounts');
    expect(records).toHaveLength(1);
    const raw = new TextDecoder('latin1').decode(records[0]!.sealed.ct);
    expect(raw).not.toContain('Plainly');
    expect(raw).not.toContain('GEZDGNBV');
    const header = await f.db.get('meta', 'header');
    expect(header?.cipher).toBe('AES-256-GCM');
    expect(header?.slots.map((s) => s.type)).toEqual(['device']);
  });

  it('keeps every account across a worker restart and across a browser restart', async () => {
    const f = await newFixture();
    await f.vault.add(input({ issuer: 'A', secret: 'JBSWY3DPEHPK3PXP' }));
    await f.vault.add(input({ issuer: 'B', secret: 'GEZDGNBVGY3TQOJQ' }));
    // Worker restart: memory gone, session key still there.
    expect((await f.restartWorker().read()).accounts.map((a) => a.issuer)).toEqual(['A', 'B']);
    // Browser restart: session storage is emptied; the device slot unwraps the key again.
    await f.keys.clear();
    const after = await f.restartWorker().read();
    expect(after.accounts.map((a) => a.issuer)).toEqual(['A', 'B']);
    expect(f.keys.value).not.toBeNull();
  });

  it('refuses to add the same secret twice', async () => {
    const f = await newFixture();
    await f.vault.add(input());
    await expect(codeOf(f.vault.add(input({ issuer: 'Other' })))).resolves.toBe('account_duplicate');
    expect((await f.vault.read()).accounts).toHaveLength(1);
  });

  it('reports tampered ciphertext as damaged, keeps the record, and still reads the others', async () => {
    const f = await newFixture();
    const a = await f.vault.add(input({ issuer: 'A', secret: 'JBSWY3DPEHPK3PXP' }));
    await f.vault.add(input({ issuer: 'B', secret: 'GEZDGNBVGY3TQOJQ' }));
    const record = (await f.db.get('accounts', a.id))!;
    record.sealed.ct[5] = record.sealed.ct[5]! ^ 0x01;
    await f.db.put('accounts', record);
    await f.browserRestart();
    const v = f.restartWorker();
    const snapshot = await v.read();
    expect(snapshot.accounts.map((x) => x.issuer)).toEqual(['B']);
    expect(snapshot.damaged).toBe(1);
    await expect(codeOf(v.get(a.id))).resolves.toBe('record_tampered');
    expect(await f.db.count('accounts')).toBe(2);
  });

  it('fails a record moved to another id', async () => {
    const f = await newFixture();
    const a = await f.vault.add(input());
    const record = (await f.db.get('accounts', a.id))!;
    const otherId = 'f'.repeat(32);
    await f.db.put('accounts', { id: otherId, sealed: record.sealed });
    await f.browserRestart();
    const v = f.restartWorker();
    await expect(codeOf(v.get(otherId))).resolves.toBe('record_tampered');
    expect((await v.read()).damaged).toBe(1);
  });

  it('fails a record replayed from another vault', async () => {
    const one = await newFixture();
    const two = await newFixture();
    const a = await one.vault.add(input());
    await two.vault.add(input({ secret: 'GEZDGNBVGY3TQOJQ' }));
    const record = (await one.db.get('accounts', a.id))!;
    await two.db.put('accounts', record);
    await two.browserRestart();
    expect((await two.restartWorker().read()).damaged).toBe(1);
  });

  it('imports a batch all or nothing, skipping secrets already there or repeated', async () => {
    const f = await newFixture();
    await f.vault.add(input({ issuer: 'Existing' }));
    const result = await f.vault.addMany([
      input({ issuer: 'Dup of existing' }),
      input({ issuer: 'New', secret: 'GEZDGNBVGY3TQOJQ' }),
      input({ issuer: 'Repeated', secret: 'GEZDGNBVGY3TQOJQ' }),
      input({ issuer: 'HOTP, same secret, other kind', kind: 'hotp' }),
    ]);
    expect(result.duplicates).toBe(2);
    expect((await f.restartWorker().read()).accounts.map((a) => a.issuer)).toEqual(['Existing', 'HOTP, same secret, other kind', 'New']);
  });

  it('edits, advances an HOTP counter, and removes', async () => {
    const f = await newFixture();
    const a = await f.vault.add(input({ kind: 'hotp', counter: 7 }));
    await f.vault.update(a.id, (cur) => ({ ...cur, issuer: 'Renamed', counter: cur.counter + 1 }));
    const back = await f.restartWorker().get(a.id);
    expect(back.issuer).toBe('Renamed');
    expect(back.counter).toBe(8);
    await f.vault.remove(a.id);
    expect((await f.restartWorker().read()).accounts).toHaveLength(0);
    await expect(codeOf(f.vault.remove(a.id))).resolves.toBe('account_not_found');
  });

  it('serialises concurrent HOTP advances: ten calls advance the counter by ten', async () => {
    const f = await newFixture();
    const a = await f.vault.add(input({ kind: 'hotp', counter: 0 }));
    await Promise.all(Array.from({ length: 10 }, () => f.vault.update(a.id, (c) => ({ ...c, counter: c.counter + 1 }))));
    expect((await f.restartWorker().get(a.id)).counter).toBe(10);
  });

  it('a write that fails halfway leaves the vault as it was', async () => {
    const f = await newFixture();
    await f.vault.add(input({ issuer: 'Kept' }));
    const store = Object.getPrototypeOf(f.db.transaction('accounts').store) as Record<'put' | 'add', unknown>;
    const real = { put: store.put, add: store.add };
    const crash = () => {
      throw new DOMException('simulated crash', 'AbortError');
    };
    store.put = store.add = crash;
    try {
      await expect(codeOf(f.vault.add(input({ issuer: 'Lost', secret: 'GEZDGNBVGY3TQOJQ' })))).resolves.toBe('storage_failed');
      await expect(codeOf(f.vault.addMany([input({ issuer: 'Lost', secret: 'GEZDGNBVGY3TQOJQ' }), input({ issuer: 'Lost 2', secret: 'GEZDGNBVGY3TQOJQGE' })]))).resolves.toBe(
        'storage_failed',
      );
    } finally {
      Object.assign(store, real);
    }
    const after = await f.restartWorker().read();
    expect(after.accounts.map((a) => a.issuer)).toEqual(['Kept']);
    expect(after.damaged).toBe(0);
    await f.vault.add(input({ issuer: 'Later', secret: 'GEZDGNBVGY3TQOJQ' }));
    expect((await f.restartWorker().read()).accounts).toHaveLength(2);
  });

  it('a restarted worker reuses the session copy while its revision matches, and only then', async () => {
    const f = await newFixture();
    await f.vault.add(input({ issuer: 'A' }));
    await f.vault.read();
    expect(f.snapshots.value?.accounts.map((a) => a.issuer)).toEqual(['A']);
    // A write whose session copy is lost when the worker stops: the revision on disk moves on.
    f.snapshots.dropSaves = true;
    await f.vault.add(input({ issuer: 'B', secret: 'GEZDGNBVGY3TQOJQ' }));
    const a = (await f.vault.read()).accounts.find((x) => x.issuer === 'A')!;
    await f.vault.remove(a.id);
    f.snapshots.dropSaves = false;
    expect(f.snapshots.value?.accounts.map((x) => x.issuer)).toEqual(['A']);
    expect((await f.restartWorker().read()).accounts.map((x) => x.issuer)).toEqual(['B']);
    expect(f.snapshots.value?.accounts.map((x) => x.issuer)).toEqual(['B']);
  });

  it('a list loaded while an account is being added still shows it afterwards', async () => {
    const f = await newFixture();
    await f.vault.add(input({ issuer: 'A' }));
    await f.browserRestart();
    const v = f.restartWorker();
    // The popup's first list request is slow to load; an add from the same worker runs meanwhile.
    const release = f.snapshots.holdNextLoad();
    const listing = v.read();
    const adding = v.add(input({ issuer: 'B', secret: 'GEZDGNBVGY3TQOJQ' }));
    await new Promise((r) => setTimeout(r, 50));
    release();
    await Promise.all([listing, adding]);
    expect((await v.read()).accounts.map((a) => a.issuer)).toEqual(['A', 'B']);
  });

  it('locking removes the session copy of the accounts', async () => {
    const f = await newFixture();
    await f.vault.add(input());
    await f.vault.setPin('1234', 'pin', null);
    await f.vault.read();
    expect(f.snapshots.value).not.toBeNull();
    await f.vault.lock();
    expect(f.snapshots.value).toBeNull();
    expect(f.keys.value).toBeNull();
  });

  it('two workers creating the vault at once end with one vault key', async () => {
    const f = await newFixture();
    const other = f.restartWorker();
    await Promise.all([f.vault.read(), other.read()]);
    await other.add(input());
    expect(await f.db.count('accounts')).toBe(1);
    await f.keys.clear();
    expect((await f.restartWorker().read()).accounts).toHaveLength(1);
  });
});
