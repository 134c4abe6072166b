/**
 * A record damaged on disk (tampered, or a bad sector) costs that one account, says so, and nothing
 * else: the other accounts still show their codes, and the damaged record is kept, not deleted.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchExtension, type Extension } from './harness';
import { loadMessages, message, rowOf, send } from './popup-helpers';

const en = loadMessages('en');

/** Runs in the worker: flips one byte of the first record's ciphertext, as a bad sector or an edit would. */
function flipOneRecord(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
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
      tx.oncomplete = () => {
        open.result.close();
        resolve((all.result as unknown[]).length);
      };
      tx.onerror = () => reject(new Error('write failed'));
    };
  });
}

async function addTwo(page: Page): Promise<void> {
  for (const [issuer, secret] of [
    ['GitHub', 'JBSWY3DPEHPK3PXP'],
    ['Proton', 'GEZDGNBVGY3TQOJQ'],
  ] as const) {
    const input = { kind: 'totp', issuer, name: 'alice', secret, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [] };
    expect(await send(page, 'accounts.add', { input })).toMatchObject({ ok: true });
  }
}

describe('a damaged record', () => {
  let ext: Extension | undefined;
  afterEach(async () => {
    await ext?.close({ discard: true });
    ext = undefined;
  });

  it('is reported in the popup while every other account keeps working', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    await addTwo(page);
    const { profileDir } = ext;
    await ext.close();

    // A new browser session (no decrypted copy in session storage); flip one byte of one record on disk.
    ext = await launchExtension({ profileDir });
    const worker = await ext.worker();
    const stored = await worker.evaluate(flipOneRecord);
    expect(stored).toBe(2);

    const popup = await ext.openPopup();
    const notice = popup.getByTestId('damaged-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(message(en, 'damaged_one', '1'));
    expect(await popup.getByTestId('account-row').count()).toBe(1);
    // The survivor still has a working code.
    const survivor = (await rowOf(popup, 'GitHub').count()) === 1 ? 'GitHub' : 'Proton';
    await expect(rowOf(popup, survivor).getByTestId('code').textContent()).resolves.toMatch(/^\d{3} \d{3}$/);
    const state = (await send(popup, 'vault.state', null)) as { value: { damaged: number; accountCount: number } };
    expect(state.value).toMatchObject({ damaged: 1, accountCount: 1 });
  });

  it('is reported during the same browser session it was damaged in, not only after a restart', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    await addTwo(page);
    // The list is shown (and cached in the worker and in session storage) before the damage.
    await page.reload();
    // The popup renders once its storage read is back, which may be after the load event.
    await expect.poll(() => page.getByTestId('account-row').count(), { timeout: 10_000 }).toBe(2);
    expect(await page.getByTestId('damaged-notice').count()).toBe(0);
    expect(await (await ext.worker()).evaluate(flipOneRecord)).toBe(2);

    // The same worker, then a restarted worker: both see the damage.
    for (const step of ['same worker', 'restarted worker'] as const) {
      if (step === 'restarted worker') await ext.stopWorker();
      const popup = await ext.openPopup();
      await popup.getByTestId('damaged-notice').waitFor({ timeout: 10_000 });
      expect(await popup.getByTestId('damaged-notice').textContent(), step).toContain(message(en, 'damaged_one', '1'));
      expect(await popup.getByTestId('account-row').count(), step).toBe(1);
      await popup.close();
    }
  });
});
