/**
 * "Show secret key" with a PIN set: someone at the unlocked computer may read today's codes, but the
 * secret makes codes for ever, so it costs the PIN again, and a wrong one counts toward the unlock
 * wait. Without a PIN it shows at once (popup.test.ts). One fresh profile per test.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchExtension, type Extension } from './harness';
import { en, PIN, seedAccounts, setPinInSettings, vaultState } from './pin-helpers';
import { message, rowOf, send } from './popup-helpers';

const failures = async (page: Page): Promise<number> => (await vaultState(page)).failures;

describe('showing a secret with a PIN set', () => {
  let ext: Extension | null = null;
  afterEach(async () => {
    await ext?.close({ discard: true });
    ext = null;
  });

  it('asks for the PIN; a wrong one is refused with the tries used and counted; the right one shows it', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    await seedAccounts(page);
    await setPinInSettings(page, PIN);
    await rowOf(page, 'GitHub').getByTestId('edit-button').click();
    await page.getByTestId('reveal-button').click();

    const prompt = page.getByTestId('reveal-prompt');
    await prompt.waitFor();
    await expect(prompt.innerText()).resolves.toContain(message(en, 'reveal_prompt_pin'));
    expect(await page.getByTestId('revealed-secret').count()).toBe(0);

    // Enter in the prompt sends the PIN; it does not save the edit form around it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('reveal-pin');
    await page.keyboard.type('000000');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('error-reveal-pin').textContent(), { timeout: 10_000 })
      .toBe(message(en, 'unlock_wrong_pin', '1', '5'));
    expect(await page.getByTestId('reveal-pin').inputValue()).toBe('');
    expect(await page.getByTestId('revealed-secret').count()).toBe(0);
    expect(await page.getByTestId('edit-form').isVisible()).toBe(true);
    await expect(failures(page)).resolves.toBe(1);

    await page.getByTestId('reveal-pin').fill(PIN);
    await page.getByTestId('reveal-submit').click();
    await expect.poll(() => page.getByTestId('revealed-secret').textContent(), { timeout: 10_000 }).toBe('JBSW Y3DP EHPK 3PXP');
    await expect(failures(page)).resolves.toBe(0);

    // Hidden again, it asks again.
    await page.getByTestId('hide-secret-button').click();
    await page.getByTestId('reveal-button').click();
    await prompt.waitFor();
    expect(await page.getByTestId('revealed-secret').count()).toBe(0);
  });

  it('gives an extension page that skips the prompt nothing, and counts a guess like a wrong unlock', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    await seedAccounts(page);
    await setPinInSettings(page, PIN);
    const list = (await send(page, 'accounts.list', null)) as { value: { id: string; issuer: string }[] };
    const id = list.value.find((a) => a.issuer === 'GitHub')?.id;
    if (!id) throw new Error('GitHub was not seeded');

    for (const arg of [{ id }, { id, secret: null }, { id, secret: '' }]) {
      const reply = await send(page, 'accounts.reveal', arg);
      expect(reply).toMatchObject({ ok: false, error: { code: 'pin_needed' } });
      expect(JSON.stringify(reply)).not.toContain('JBSWY3DP');
    }
    await expect(failures(page)).resolves.toBe(0);
    for (let i = 1; i <= 5; i++) {
      await expect(send(page, 'accounts.reveal', { id, secret: `00000${i}` })).resolves.toMatchObject({ ok: false, error: { code: 'pin_wrong' } });
    }
    // Five wrong guesses here and the unlock screen waits too; even the right PIN must wait.
    await expect(send(page, 'accounts.reveal', { id, secret: PIN })).resolves.toMatchObject({ ok: false, error: { code: 'pin_throttled' } });
    await expect(send(page, 'vault.state', null)).resolves.toMatchObject({ ok: true, value: { failures: 5, retryAt: expect.any(Number) as unknown } });
  });
});
