/**
 * Moving the system clock forward does not lift the wrong-PIN wait. The worker's `Date.now` is moved
 * an hour ahead (what a changed system clock does to it; the monotonic clock does not move), and the
 * right PIN is still refused until the wait has really passed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchExtension, type Extension } from './harness';
import { lockNow, PIN, seedAccounts, setPinInSettings } from './pin-helpers';
import { send } from './popup-helpers';

describe('the wrong-PIN wait and the system clock', () => {
  let ext: Extension | null = null;
  afterEach(async () => {
    await ext?.close({ discard: true });
    ext = null;
  });

  it('an hour added to the clock leaves the wait in place, and a heartbeat alarm counts it', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    await seedAccounts(page);
    await setPinInSettings(page, PIN);
    await lockNow(page);
    for (let i = 1; i <= 5; i++) expect(await send(page, 'vault.unlock', { secret: '0000' })).toMatchObject({ ok: false, error: { code: 'pin_wrong' } });
    expect(await send(page, 'vault.unlock', { secret: PIN })).toMatchObject({ ok: false, error: { code: 'pin_throttled' } });
    const alarm = await page.evaluate(() => (globalThis as unknown as { chrome: { alarms: { get(n: string): Promise<unknown> } } }).chrome.alarms.get('twostep-throttle'));
    expect(alarm).toMatchObject({ periodInMinutes: 0.5 });

    const worker = await ext.worker();
    await worker.evaluate(() => {
      const real = Date.now.bind(Date);
      Date.now = () => real() + 60 * 60_000;
    });
    const reply = (await send(page, 'vault.unlock', { secret: PIN })) as { ok: boolean; error?: { code: string; info?: { retryAt?: number } } };
    expect(reply).toMatchObject({ ok: false, error: { code: 'pin_throttled' } });
    // The wait shown is counted from the moved clock: about 30 s from "now", not an hour ago.
    const shifted = await worker.evaluate(() => Date.now());
    expect(reply.error?.info?.retryAt).toBeGreaterThan(shifted);
    expect(reply.error?.info?.retryAt).toBeLessThanOrEqual(shifted + 30_000);
  });
});
