/**
 * When the PIN locks by itself and refuses: the idle lock, the wait after five wrong tries (which a
 * worker stop does not lift), the "Not now" on the nudge, and the unlock screen in Dutch.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchExtension, type Extension } from './harness';
import { en, expectEveryCode, expectUnlockMessage, lockNow, nl, PIN, seedAccounts, setPinInSettings, typePin } from './pin-helpers';
import { message, send } from './popup-helpers';

/** The wait message with any time left ("0:29"). */
const waitPattern = (messages: typeof en): RegExp =>
  new RegExp(`^${message(messages, 'unlock_wait', '@').replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('@', '(\\d+:\\d\\d)')}$`);

describe('locking by itself and refusing wrong PINs', () => {
  let ext: Extension | null = null;
  afterEach(async () => {
    await ext?.close({ discard: true });
    ext = null;
  });

  it('locks after the idle time', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    await seedAccounts(page);
    await setPinInSettings(page, PIN);
    // The settings only offer whole minutes; the protocol takes fractions, so the test waits 3 s, not 60.
    await page.evaluate(() => {
      const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };
      return chrome.runtime.sendMessage({ twostep: 1, method: 'settings.set', arg: { autoLockMinutes: 0.05 } });
    });
    await page.close();
    await new Promise((r) => setTimeout(r, 4_000));
    const reopened = await ext.openPopup();
    await reopened.getByTestId('locked-view').waitFor();
    expect(await reopened.getByTestId('account-row').count()).toBe(0);
    await typePin(reopened, PIN);
    await expectEveryCode(reopened);
  });

  it('makes the user wait after five wrong PINs, refuses the right one meanwhile, and the wait survives a worker stop', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    await seedAccounts(page);
    await setPinInSettings(page, PIN);
    await lockNow(page);
    for (let tries = 1; tries <= 4; tries++) {
      await typePin(page, '0000');
      await expectUnlockMessage(page, message(en, 'unlock_wrong_pin', String(tries), '5'));
    }
    await typePin(page, '0000');
    const shown = page.getByTestId('unlock-message');
    await expect.poll(() => shown.textContent(), { timeout: 10_000 }).toMatch(waitPattern(en));
    const left = (await shown.textContent())?.match(waitPattern(en))?.[1];
    expect(['0:30', '0:29']).toContain(left);
    // Nothing can be typed meanwhile, and the background refuses even the right PIN.
    expect(await page.getByTestId('unlock-input').isDisabled()).toBe(true);
    expect(await page.getByTestId('pin-key-1').isDisabled()).toBe(true);
    const reply = (await send(page, 'vault.unlock', { secret: PIN })) as { ok: boolean; error?: { code: string } };
    expect(reply).toMatchObject({ ok: false, error: { code: 'pin_throttled' } });
    // The countdown runs on the popup's clock.
    await expect.poll(() => shown.textContent(), { timeout: 3_000 }).not.toBe(message(en, 'unlock_wait', left ?? ''));

    await page.close();
    await ext.stopWorker();
    const reopened = await ext.openPopup();
    await expect.poll(() => reopened.getByTestId('unlock-message').textContent(), { timeout: 5_000 }).toMatch(waitPattern(en));
    expect(await reopened.getByTestId('unlock-input').isDisabled()).toBe(true);
  });

  it('hides the PIN nudge for good after "Not now"', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    await page.getByTestId('empty-state').waitFor();
    expect(await page.getByTestId('pin-nudge').count()).toBe(0);
    await seedAccounts(page);
    await expect(page.getByTestId('pin-nudge').innerText()).resolves.toContain(message(en, 'nudge_text'));
    await page.getByTestId('nudge-dismiss').click();
    await expect.poll(() => page.getByTestId('pin-nudge').count()).toBe(0);
    await page.reload();
    await expectEveryCode(page);
    expect(await page.getByTestId('pin-nudge').count()).toBe(0);
  });

  it('asks for the PIN in Dutch', async () => {
    ext = await launchExtension({ lang: 'nl' });
    const page = await ext.openPopup();
    await seedAccounts(page);
    await expect(page.getByTestId('pin-nudge').innerText()).resolves.toContain(message(nl, 'nudge_text'));
    await page.getByTestId('nudge-set').click();
    await expect(page.getByTestId('pin-settings').innerText()).resolves.toContain(message(nl, 'pin_section'));
    await page.getByTestId('pin-next').fill(PIN);
    await page.getByTestId('pin-confirm').fill(PIN);
    await page.getByTestId('pin-submit').click();
    await expect.poll(() => page.getByTestId('pin-status').textContent(), { timeout: 10_000 }).toBe(message(nl, 'pin_status_pin'));
    await expect(page.getByTestId('pin-settings').innerText()).resolves.toContain(message(nl, 'lock_now'));
    await page.getByTestId('lock-now').click();

    const locked = page.getByTestId('locked-view');
    await locked.waitFor();
    const text = await locked.innerText();
    expect(text).toContain(message(nl, 'locked_title'));
    expect(text).toContain(message(nl, 'unlock_prompt_pin'));
    expect(text).not.toContain(message(en, 'unlock_prompt_pin'));
    expect(await page.getByTestId('pin-backspace').getAttribute('aria-label')).toBe(message(nl, 'pin_backspace'));
    await typePin(page, '0000');
    await expectUnlockMessage(page, message(nl, 'unlock_wrong_pin', '1', '5'));
    await typePin(page, PIN);
    await expectEveryCode(page);
  });
});
