/**
 * An older header written back into IndexedDB (so that the PIN from before a change works again) is
 * noticed: the vault still opens (it is the user's), and the popup says it was replaced or changed
 * outside Twostep. Done here in the running browser, through the worker's own IndexedDB.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchExtension, type Extension } from './harness';
import { loadMessages, message, send } from './popup-helpers';

const en = loadMessages('en');

/** Runs in the worker: copies the vault header into another database, or puts that copy back. */
function header(op: string): Promise<void> {
  const open = (name: string, upgrade?: (db: IDBDatabase) => void) =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const req = upgrade ? indexedDB.open(name, 1) : indexedDB.open(name);
      if (upgrade) req.onupgradeneeded = () => upgrade(req.result);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new Error(`open ${name} failed`));
    });
  const run = (db: IDBDatabase, store: string, mode: IDBTransactionMode, body: (s: IDBObjectStore) => IDBRequest) =>
    new Promise<unknown>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const req = body(tx.objectStore(store));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(new Error('transaction failed'));
    });
  return (async () => {
    const vault = await open('twostep-vault');
    const stash = await open('attacker-stash', (db) => db.createObjectStore('s'));
    if (op === 'stash') {
      const value = await run(vault, 'meta', 'readonly', (s) => s.get('header'));
      await run(stash, 's', 'readwrite', (s) => s.put(value, 'header'));
    } else {
      const value = await run(stash, 's', 'readonly', (s) => s.get('header'));
      await run(vault, 'meta', 'readwrite', (s) => s.put(value, 'header'));
    }
    vault.close();
    stash.close();
  })();
}

describe('a header written back after a PIN change', () => {
  let ext: Extension | undefined;
  afterEach(async () => {
    await ext?.close({ discard: true });
    ext = undefined;
  });

  it('opens with the old PIN (same key) but the popup says the vault was replaced', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    const input = { kind: 'totp', issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [] };
    expect(await send(page, 'accounts.add', { input })).toMatchObject({ ok: true });
    expect(await send(page, 'vault.setPin', { next: '1111', kind: 'pin', current: null })).toMatchObject({ ok: true });
    await (await ext.worker()).evaluate(header, 'stash');
    expect(await send(page, 'vault.setPin', { next: '2222', kind: 'pin', current: '1111' })).toMatchObject({ ok: true });
    expect(await send(page, 'vault.state', null)).toMatchObject({ ok: true, value: { rolledBack: false } });

    await (await ext.worker()).evaluate(header, 'restore');
    expect(await send(page, 'vault.lock', null)).toMatchObject({ ok: true });
    expect(await send(page, 'vault.unlock', { secret: '2222' })).toMatchObject({ ok: false, error: { code: 'pin_wrong' } });
    expect(await send(page, 'vault.unlock', { secret: '1111' })).toMatchObject({ ok: true, value: { rolledBack: true, accountCount: 1 } });

    const popup = await ext.openPopup();
    await popup.getByTestId('rolled-back-notice').waitFor({ timeout: 10_000 });
    expect(await popup.getByTestId('rolled-back-notice').textContent()).toBe(message(en, 'vault_rolled_back'));
    expect(await popup.getByTestId('account-row').count()).toBe(1);
  });
});
