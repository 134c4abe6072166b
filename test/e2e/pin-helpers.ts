/**
 * Steps shared by the PIN end-to-end tests: a few accounts to unlock, and setting, typing and locking
 * the PIN as a person does it in the popup.
 */
import type { Page } from 'playwright-core';
import type { VaultState } from '../../src/shared/protocol';
import { expect } from 'vitest';
import { codeIn, loadMessages, message, rowOf, send, totpAround, type OtpParams } from './popup-helpers';

export const en = loadMessages('en');
export const nl = loadMessages('nl');

export const PIN = '246810';

interface Seed extends OtpParams {
  issuer: string;
  name: string;
}

export const SEEDS: Seed[] = [
  { issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PXP' },
  { issuer: 'Google', name: 'alice@gmail.com', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
  { issuer: 'Proton', name: 'alice@proton.me', secret: 'MFRGGZDFMZTWQ2LKNNWG23TP', algorithm: 'SHA256', digits: 8 },
];

/** Adds the seed accounts through the protocol (setup, not under test) and shows them. */
export async function seedAccounts(page: Page): Promise<void> {
  for (const seed of SEEDS) {
    const input = { kind: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [], ...seed };
    const reply = (await send(page, 'accounts.add', { input })) as { ok: boolean };
    if (!reply.ok) throw new Error(`seeding ${seed.issuer} failed: ${JSON.stringify(reply)}`);
  }
  await page.reload();
  await expectEveryCode(page);
}

/** Every seed account is listed with a right code, and nothing else is. */
export async function expectEveryCode(page: Page): Promise<void> {
  for (const seed of SEEDS) {
    const row = rowOf(page, seed.issuer);
    await row.waitFor();
    expect(totpAround(seed), seed.issuer).toContain(await codeIn(row));
  }
  expect(await page.getByTestId('account-row').count()).toBe(SEEDS.length);
}

/** The vault's state as the background reports it (protection, account count, wrong tries). */
export async function vaultState(page: Page): Promise<VaultState> {
  const reply = (await send(page, 'vault.state', null)) as { ok: boolean; value?: VaultState };
  if (!reply.ok || !reply.value) throw new Error(`vault.state failed: ${JSON.stringify(reply)}`);
  return reply.value;
}

/** Settings → set a PIN (or passphrase), entered twice, then back to the list. */
export async function setPinInSettings(page: Page, pin: string, kind: 'pin' | 'passphrase' = 'pin', messages = en): Promise<void> {
  await page.getByTestId('settings-button').click();
  await page.getByTestId('pin-set').click();
  if (kind === 'passphrase') await page.getByTestId('pin-kind-passphrase').click();
  await page.getByTestId('pin-next').fill(pin);
  await page.getByTestId('pin-confirm').fill(pin);
  await page.getByTestId('pin-submit').click();
  await expect.poll(() => page.getByTestId('pin-status').textContent(), { timeout: 10_000 }).toBe(message(messages, `pin_status_${kind}`));
  await page.getByTestId('back-button').click();
}

/** Settings → Lock now; the unlock screen replaces the list. */
export async function lockNow(page: Page): Promise<void> {
  await page.getByTestId('settings-button').click();
  await page.getByTestId('lock-now').click();
  await page.getByTestId('locked-view').waitFor();
  expect(await page.getByTestId('account-row').count()).toBe(0);
}

/** Types the PIN on the keyboard (the field has focus on its own) and presses Enter. */
export async function typePin(page: Page, pin: string, { enter = true } = {}): Promise<void> {
  const input = page.getByTestId('unlock-input');
  // Bounded waits: a view that never shows its field fails here, with the reason, not at the test's timeout.
  await expect.poll(() => input.isEnabled({ timeout: 1_000 }).catch(() => false), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), { timeout: 5_000 }).toBe('unlock-input');
  await page.keyboard.type(pin);
  if (enter) await page.keyboard.press('Enter');
}

/** Waits until the message under the PIN field reads `text` (the KDF takes about half a second). */
export async function expectUnlockMessage(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.getByTestId('unlock-message').textContent(), { timeout: 10_000 }).toBe(text);
}
