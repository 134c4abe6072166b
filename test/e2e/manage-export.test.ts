/**
 * Export, as a person does it: "Move to a phone" shows transfer codes that decode (with Twostep's own
 * QR reader and migration decoder) to exactly the accounts ticked, after the PIN; the popup's "Show
 * QR code" shows the account's link; plain files come only after a warning and read back whole.
 * Accounts and PIN are set up through the protocol. One fresh profile per test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseMigrationUri } from '../../src/core/migration/google-auth';
import { parseOtpauthUri } from '../../src/core/otpauth-uri';
import { callFromTab } from './autofill-helpers';
import { account, addAccounts, comparable, importDownload, readQrOnScreen } from './export-helpers';
import { launchExtension, MANAGE_URL, type Extension } from './harness';
import { en, PIN, vaultState } from './pin-helpers';
import { message, rowOf } from './popup-helpers';

/** Secrets of 10 bytes and up; each account its own. */
const secret = (i: number): string => `JBSWY3DPEHPK3PX${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i % 26]}GEZDGNBV`;
const MANY = Array.from({ length: 14 }, (_, i) =>
  account({ issuer: i % 3 ? 'Example' : 'Bank', name: `user${String(i).padStart(2, '0')}`, secret: secret(i), ...(i % 4 === 1 ? { kind: 'hotp', counter: i * 7 } : {}), ...(i % 5 === 2 ? { algorithm: 'SHA256', digits: 8 } : {}) }),
);
const STEAM = account({ kind: 'steam', issuer: 'Steam', name: 'gamer', secret: 'GEZDGNBVGY3TQOJQGEZDGNBV', digits: 5 });
const SLOW = account({ issuer: 'Slow', name: 'minute', secret: 'MFRGGZDFMZTWQ2LKNNWG23TP', period: 60 });

describe('export', () => {
  let ext: Extension | null = null;
  afterEach(async () => {
    await ext?.close({ discard: true });
    ext = null;
  });

  it('moves the ticked accounts to a phone: PIN first, then every transfer code decodes to exactly them', async () => {
    ext = await launchExtension();
    await addAccounts(ext, [...MANY, STEAM, SLOW]);
    await callFromTab(ext, 'vault.setPin', { next: PIN, kind: 'pin', current: null });
    const page = await ext.context.newPage();
    await page.goto(`${MANAGE_URL}#export`);
    await page.getByTestId('export-pick').first().waitFor();
    // Untick two, keep Steam and the 60-second one ticked: they must be named, not silently dropped.
    const unticked = ['user03', 'user10'];
    for (const name of unticked) await page.locator('label', { hasText: name }).getByTestId('export-pick').uncheck();
    expect(await page.getByTestId('export-chosen').textContent()).toBe(message(en, 'export_chosen', '14', '16'));

    await page.getByTestId('export-phone-button').click();
    await page.getByTestId('reveal-prompt').waitFor();
    expect(await page.getByTestId('export-qr').count()).toBe(0);
    await page.getByTestId('reveal-pin').fill('000000');
    await page.getByTestId('reveal-submit').click();
    await expect.poll(() => page.getByTestId('error-reveal-pin').textContent(), { timeout: 10_000 }).toBe(message(en, 'unlock_wrong_pin', '1', '5'));
    expect(await page.getByTestId('export-qr').count()).toBe(0);
    await expect(vaultState(page)).resolves.toMatchObject({ failures: 1 });

    await page.getByTestId('reveal-pin').fill(PIN);
    await page.getByTestId('reveal-submit').click();
    await page.getByTestId('export-qr').waitFor({ timeout: 10_000 });
    const refused = await page.getByTestId('export-refused').innerText();
    expect(refused).toContain('Steam — gamer');
    expect(refused).toContain(message(en, 'export_loss_steam'));
    expect(refused).toContain('Slow — minute');
    expect(refused).toContain(message(en, 'export_loss_period', '60'));
    // SHA-256 with 8 digits goes, with a word about Google Authenticator.
    expect(await page.getByTestId('export-beyond-google').innerText()).toContain('Example — user02');

    const chosen = MANY.filter((a) => !unticked.includes(a.name));
    const count = Math.ceil(chosen.length / 10);
    const decoded = [];
    for (let i = 0; i < count; i++) {
      await expect.poll(() => page.getByTestId('export-code-of').textContent(), { timeout: 5_000 }).toBe(message(en, 'export_code_of', String(i + 1), String(count)));
      decoded.push(...parseMigrationUri(await readQrOnScreen(page, 'export-qr')));
      if (i < count - 1) await page.getByTestId('export-next').click();
    }
    expect(await page.getByTestId('export-next').isDisabled()).toBe(true);
    expect(comparable(decoded)).toEqual(comparable(chosen));

    // Locking while the codes are on screen takes them away with the secrets.
    await callFromTab(ext, 'vault.lock', null);
    await page.getByTestId('manage-locked').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('export-qr').count()).toBe(0);
  });

  it('popup "Show QR code": asks for the PIN, shows the account’s link as a code, hides it when the vault locks', async () => {
    ext = await launchExtension();
    const github = account({ issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA256', digits: 8 });
    await addAccounts(ext, [github]);
    await callFromTab(ext, 'vault.setPin', { next: PIN, kind: 'pin', current: null });
    const popup = await ext.openPopup();
    await rowOf(popup, 'GitHub').getByTestId('edit-button').click();
    await popup.getByTestId('qr-button').click();
    await popup.getByTestId('reveal-prompt').waitFor();
    expect(await popup.getByTestId('account-qr').count()).toBe(0);
    await popup.getByTestId('reveal-pin').fill('111111');
    await popup.getByTestId('reveal-submit').click();
    await expect.poll(() => popup.getByTestId('error-reveal-pin').textContent(), { timeout: 10_000 }).toBe(message(en, 'unlock_wrong_pin', '1', '5'));
    await popup.getByTestId('reveal-pin').fill(PIN);
    await popup.getByTestId('reveal-submit').click();
    const code = popup.getByTestId('account-qr');
    expect(parseOtpauthUri(await readQrOnScreen(popup, 'account-qr'))).toEqual(github);

    await callFromTab(ext, 'vault.lock', null);
    await popup.getByTestId('locked-view').waitFor({ timeout: 10_000 });
    expect(await code.count()).toBe(0);
  });

  it('plain files: nothing before the warning is confirmed and the PIN entered; the downloads read back to every account', async () => {
    ext = await launchExtension();
    const all = [...MANY.slice(0, 4), STEAM, SLOW];
    await addAccounts(ext, all);
    await callFromTab(ext, 'vault.setPin', { next: PIN, kind: 'pin', current: null });
    const page = await ext.context.newPage();
    await page.goto(`${MANAGE_URL}#export`);
    await page.getByTestId('export-pick').first().waitFor();
    let downloads = 0;
    page.on('download', () => downloads++);

    for (const [button, format] of [['export-file-aegis', 'aegis'], ['export-file-otpauth', 'otpauth-list']] as const) {
      await page.getByTestId(button).click();
      const warning = page.getByTestId('export-file-warning');
      await warning.waitFor();
      expect(await warning.innerText()).toContain(message(en, 'export_file_warning'));
      expect(await page.getByTestId('reveal-prompt').count()).toBe(0);
      await page.getByTestId('export-file-confirm').click();
      await page.getByTestId('reveal-prompt').waitFor();
      expect(downloads).toBe(0);
      const download = page.waitForEvent('download', { timeout: 15_000 });
      await page.getByTestId('reveal-pin').fill(PIN);
      await page.getByTestId('reveal-submit').click();
      const file = await importDownload(await download);
      expect(file.format).toBe(format);
      expect(comparable(file.accounts)).toEqual(comparable(all));
      downloads = 0;
      await page.getByTestId('export-saved').waitFor();
    }
  });
});
