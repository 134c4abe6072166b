/**
 * A record damaged on disk (tampered, or a bad sector) costs that one account, says so, and nothing
 * else: the other accounts still show their codes, and the damaged record is kept, not deleted.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { launchExtension, type Extension } from './harness';
import { loadMessages, message, rowOf, send } from './popup-helpers';

const en = loadMessages('en');

describe('a damaged record', () => {
  let ext: Extension | undefined;
  afterAll(async () => {
    await ext?.close({ discard: true });
  });

  it('is reported in the popup while every other account keeps working', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    for (const [issuer, secret] of [
      ['GitHub', 'JBSWY3DPEHPK3PXP'],
      ['Proton', 'GEZDGNBVGY3TQOJQ'],
    ] as const) {
      const input = { kind: 'totp', issuer, name: 'alice', secret, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [] };
      expect(await send(page, 'accounts.add', { input })).toMatchObject({ ok: true });
    }
    const { profileDir } = ext;
    await ext.close();

    // A new browser session (no decrypted copy in session storage); flip one byte of one record on disk.
    ext = await launchExtension({ profileDir });
    const worker = await ext.worker();
    const stored = await worker.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('twostep-vault');
          open.onerror = () => reject(new Error('open failed'));
          open.onsuccess = () => {
            const tx = open.result.transaction('accounts', 'readwrite');
            const store = tx.objectStore('accounts');
            const all = store.getAll();
            all.onsuccess = () => {
              const records = all.result as { id: string; sealed: { ct: Uint8Array } }[];
              const first = records[0]!;
              first.sealed.ct[3] = first.sealed.ct[3]! ^ 0xff;
              store.put(first);
            };
            tx.oncomplete = () => resolve((all.result as unknown[]).length);
          };
        }),
    );
    expect(stored).toBe(2);

    const popup = await ext.openPopup();
    const notice = popup.getByTestId('damaged-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(message(en, 'damaged_one'));
    expect(await popup.getByTestId('account-row').count()).toBe(1);
    // The survivor still has a working code.
    const survivor = (await rowOf(popup, 'GitHub').count()) === 1 ? 'GitHub' : 'Proton';
    await expect(rowOf(popup, survivor).getByTestId('code').textContent()).resolves.toMatch(/^\d{3} \d{3}$/);
    const state = (await send(popup, 'vault.state', null)) as { value: { damaged: number; accountCount: number } };
    expect(state.value).toMatchObject({ damaged: 1, accountCount: 1 });
  });
});
