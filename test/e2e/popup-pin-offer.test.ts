/**
 * First run offers the PIN before the first account is added: a choice beside "Add account", not a
 * wall. Taking it sets a PIN before any secret is stored; skipping it goes to the add form and the
 * offer (and the later nudge) does not come back. One fresh profile per test.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchExtension, type Extension } from './harness';
import { en, PIN, vaultState } from './pin-helpers';
import { message, rowOf, send } from './popup-helpers';

const GITHUB = { issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PXP' };

/** The add form's fields, as a person fills them (the form is already open). */
async function fillAddForm(page: Page): Promise<void> {
  await page.getByTestId('add-issuer').fill(GITHUB.issuer);
  await page.getByTestId('add-name').fill(GITHUB.name);
  await page.getByTestId('add-secret').fill(GITHUB.secret);
  await page.getByTestId('add-submit').click();
  await rowOf(page, GITHUB.issuer).waitFor();
}

describe('the first-run PIN offer', () => {
  let ext: Extension | null = null;
  afterEach(async () => {
    await ext?.close({ discard: true });
    ext = null;
  });

  it('is offered beside "Add account" before any account, and sets a PIN before the first secret is stored', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    const offer = page.getByTestId('empty-protect-button');
    await offer.waitFor();
    await expect(offer.textContent()).resolves.toBe(message(en, 'empty_protect'));
    // A choice, not a wall: adding is right there too.
    expect(await page.getByTestId('empty-add-button').isVisible()).toBe(true);
    await expect(vaultState(page)).resolves.toMatchObject({ protection: null, accountCount: 0 });

    await offer.click();
    await page.getByTestId('pin-next').fill(PIN);
    await page.getByTestId('pin-confirm').fill(PIN);
    await page.getByTestId('pin-submit').click();
    await expect.poll(() => page.getByTestId('pin-status').textContent(), { timeout: 10_000 }).toBe(message(en, 'pin_status_pin'));
    await expect(vaultState(page)).resolves.toMatchObject({ protection: 'pin', accountCount: 0 });

    await page.getByTestId('back-button').click();
    await page.getByTestId('empty-state').waitFor();
    expect(await offer.count()).toBe(0);
    await page.getByTestId('empty-add-button').click();
    await fillAddForm(page);
    expect(await page.getByTestId('pin-nudge').count()).toBe(0);
  });

  it('can be skipped: "Add account" opens the add form, and neither the offer nor the nudge comes back', async () => {
    ext = await launchExtension();
    const page = await ext.openPopup();
    await page.getByTestId('empty-protect-button').waitFor();
    await page.getByTestId('empty-add-button').click();
    await page.getByTestId('add-issuer').waitFor();
    await fillAddForm(page);
    await expect(vaultState(page)).resolves.toMatchObject({ protection: null, accountCount: 1 });
    // The choice is remembered by the background, not by this page.
    await expect.poll(async () => ((await send(page, 'settings.get', null)) as { value: { pinNudgeDismissed: boolean } }).value.pinNudgeDismissed).toBe(true);
    expect(await page.getByTestId('pin-nudge').count()).toBe(0);

    // A new popup, and later an empty vault again: still no offer, no nudge.
    await page.close();
    const again = await ext.openPopup();
    await rowOf(again, GITHUB.issuer).waitFor();
    expect(await again.getByTestId('pin-nudge').count()).toBe(0);
    await rowOf(again, GITHUB.issuer).getByTestId('edit-button').click();
    await again.getByTestId('delete-button').click();
    await again.getByTestId('delete-confirm-button').click();
    await again.getByTestId('empty-state').waitFor();
    expect(await again.getByTestId('empty-protect-button').count()).toBe(0);
    // Setting a PIN is still one click away, in Settings.
    await again.getByTestId('settings-button').click();
    expect(await again.getByTestId('pin-set').isVisible()).toBe(true);
  });
});
