/**
 * The unlock PIN as a person uses it: set it in settings, lock, unlock with the keyboard; the lock
 * holds across browser restarts but not across a worker stop; change and remove it. One profile per test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchExtension, type Extension } from './harness';
import { en, expectEveryCode, expectUnlockMessage, lockNow, PIN, seedAccounts, setPinInSettings, typePin } from './pin-helpers';
import { message, send } from './popup-helpers';

const PASSPHRASE = 'correct horse battery';

describe('the unlock PIN', () => {
  let ext: Extension | null = null;
  afterEach(async () => {
    await ext?.close({ discard: true });
    ext = null;
  });

  it('is set from the nudge, locks with "Lock now", and unlocks with the keyboard', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    await seedAccounts(page);
    // The nudge above the list leads to the PIN form in settings.
    await expect(page.getByTestId('pin-nudge').innerText()).resolves.toContain(message(en, 'nudge_text'));
    await page.getByTestId('nudge-set').click();
    await page.getByTestId('pin-next').fill(PIN);
    await page.getByTestId('pin-confirm').fill('13579');
    await page.getByTestId('pin-submit').click();
    await expect(page.getByTestId('error-pin-confirm').textContent()).resolves.toBe(message(en, 'pin_mismatch'));
    await page.getByTestId('pin-confirm').fill(PIN);
    await page.getByTestId('pin-submit').click();
    await expect.poll(() => page.getByTestId('pin-status').textContent(), { timeout: 10_000 }).toBe(message(en, 'pin_status_pin'));
    await page.getByTestId('back-button').click();
    await expectEveryCode(page);
    expect(await page.getByTestId('pin-nudge').count()).toBe(0);

    await lockNow(page);
    await expect(page.getByTestId('locked-view').innerText()).resolves.toContain(message(en, 'unlock_prompt_pin'));
    expect(await page.locator('[data-testid^=pin-key-]').count()).toBe(10);
    // A wrong PIN on the pad: counted, and the field is emptied.
    for (const digit of '1111') await page.getByTestId(`pin-key-${digit}`).click();
    await page.getByTestId('unlock-submit').click();
    await expectUnlockMessage(page, message(en, 'unlock_wrong_pin', '1', '5'));
    expect(await page.getByTestId('unlock-input').inputValue()).toBe('');
    // On the keyboard, with a slip corrected by Backspace, then Enter.
    await typePin(page, `${PIN}7`, { enter: false });
    await page.keyboard.press('Backspace');
    expect(await page.getByTestId('unlock-input').inputValue()).toBe(PIN);
    await page.keyboard.press('Enter');
    await expectEveryCode(page);
    expect(await page.getByTestId('locked-view').count()).toBe(0);
  });

  it('stays locked after a browser restart, keeps every account, and unlocks in the start-up window', async () => {
    ext = await launchExtension();
    const profileDir = ext.profileDir;
    const page = await ext.openPopup();
    await seedAccounts(page);
    await setPinInSettings(page, PIN);
    await page.getByTestId('settings-button').click();
    await page.getByTestId('setting-ask-on-startup').check();
    await expect.poll(async () => ((await send(page, 'settings.get', null)) as { value: { askOnStartup: boolean } }).value.askOnStartup).toBe(true);
    await ext.close();

    // Relaunch: the extension itself opens the small unlock window at start-up.
    ext = await launchExtension({ profileDir });
    const isPrompt = (p: { url(): string }) => p.url().includes('window=unlock');
    const prompt = ext.context.pages().find(isPrompt) ?? (await ext.context.waitForEvent('page', { predicate: isPrompt, timeout: 15_000 }));
    await prompt.getByTestId('locked-view').waitFor();
    const closed = prompt.waitForEvent('close', { timeout: 10_000 });
    await typePin(prompt, PIN);
    await closed;

    const reopened = await ext.openPopup();
    await expectEveryCode(reopened);
  });

  it('stays unlocked when the service worker is stopped', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    await seedAccounts(page);
    await setPinInSettings(page, PIN);
    await page.close();
    await ext.stopWorker();
    const reopened = await ext.openPopup();
    await expectEveryCode(reopened);
    expect(await reopened.getByTestId('locked-view').count()).toBe(0);
  });

  it('changes the PIN: the old one no longer works, the new one does', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    await seedAccounts(page);
    await setPinInSettings(page, PIN);
    await page.getByTestId('settings-button').click();
    await page.getByTestId('pin-change').click();
    await page.getByTestId('pin-current').fill('0000');
    await page.getByTestId('pin-next').fill('97531');
    await page.getByTestId('pin-confirm').fill('97531');
    await page.getByTestId('pin-submit').click();
    await expect.poll(() => page.getByTestId('error-pin-current').textContent(), { timeout: 10_000 }).toBe(message(en, 'unlock_wrong_pin', '1', '5'));
    await page.getByTestId('pin-current').fill(PIN);
    await page.getByTestId('pin-next').fill('97531');
    await page.getByTestId('pin-confirm').fill('97531');
    await page.getByTestId('pin-submit').click();
    await expect.poll(() => page.getByTestId('toast').textContent(), { timeout: 10_000 }).toBe(message(en, 'saved'));
    await page.getByTestId('back-button').click();

    await lockNow(page);
    await typePin(page, PIN);
    await expectUnlockMessage(page, message(en, 'unlock_wrong_pin', '1', '5'));
    await typePin(page, '97531');
    await expectEveryCode(page);
  });

  it('unlocks with a passphrase, then removes it: after a restart the codes show without a prompt', async () => {
    ext = await launchExtension();
    const profileDir = ext.profileDir;
    const page = await ext.openPopup();
    await seedAccounts(page);
    await setPinInSettings(page, PASSPHRASE, 'passphrase');
    await lockNow(page);
    await expect(page.getByTestId('locked-view').innerText()).resolves.toContain(message(en, 'unlock_prompt_passphrase'));
    expect(await page.locator('[data-testid^=pin-key-]').count()).toBe(0);
    await typePin(page, PASSPHRASE);
    await expectEveryCode(page);

    await page.getByTestId('settings-button').click();
    await page.getByTestId('pin-remove').click();
    await page.getByTestId('pin-current').fill(PASSPHRASE);
    await page.getByTestId('pin-submit').click();
    await expect.poll(() => page.getByTestId('pin-status').textContent(), { timeout: 10_000 }).toBe(message(en, 'pin_off_hint'));
    expect(await page.getByTestId('lock-now').count()).toBe(0);
    expect(await page.getByTestId('setting-ask-on-startup').isDisabled()).toBe(true);
    await ext.close();

    ext = await launchExtension({ profileDir });
    const popup = await ext.openPopup();
    await expectEveryCode(popup);
    expect(await popup.getByTestId('locked-view').count()).toBe(0);
    expect(ext.context.pages().some((p) => p.url().includes('window=unlock'))).toBe(false);
    // Whoever set a PIN once is not nagged to set one again.
    expect(await popup.getByTestId('pin-nudge').count()).toBe(0);
  });
});
