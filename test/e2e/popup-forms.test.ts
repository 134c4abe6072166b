/**
 * Issue 12, the popup's forms and states: every error at once, Websites only as domains, an account's
 * code settings behind a step, the order of nameless accounts, Settings at its top, and the PIN screens
 * (Forgot PIN, show passphrase, the current one too, weak PIN). Each test has its own page and accounts; PIN tests their own browser.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchExtension, type Extension } from './harness';
import { PIN, lockNow, setPinInSettings, vaultState } from './pin-helpers';
import { codeIn, freshPopup, loadMessages, message, rowOf, send, totpAround } from './popup-helpers';
import { popupSuite } from './popup-suite';

const en = loadMessages('en');
const GITHUB = { issuer: 'GitHub', name: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' };

describe('the popup’s forms', () => {
  const suite = popupSuite();

  it('shows every error of an empty add form at once, and marks the required fields', async () => {
    const page = await suite.fresh();
    await page.getByTestId('add-button').click();
    await expect(page.locator('label[for=add-name] .required').textContent()).resolves.toBe(message(en, 'field_required'));
    await expect(page.locator('label[for=add-secret] .required').textContent()).resolves.toBe(message(en, 'field_required'));
    await expect(page.locator('label[for=add-issuer] .required').count()).resolves.toBe(0);
    await page.getByTestId('add-submit').click();
    await expect(page.getByTestId('error-add-name').textContent()).resolves.toBe(message(en, 'error_name_missing'));
    await expect(page.getByTestId('error-add-secret').textContent()).resolves.toBe(message(en, 'error_secret_missing'));
    // Fixing one leaves the other's message until the next try, and adds nothing meanwhile.
    await page.getByTestId('add-name').fill('bob');
    await page.getByTestId('add-secret').fill('not base32 189');
    await page.getByTestId('add-submit').click();
    await expect(page.getByTestId('error-add-secret').textContent()).resolves.toBe(message(en, 'error_secret_not_base32'));
    await expect(page.getByTestId('error-add-name').count()).resolves.toBe(0);
  });

  it('says which algorithm a pasted link uses that Twostep does not support, with nothing to choose', async () => {
    const page = await suite.fresh();
    await page.getByTestId('add-button').click();
    await page.getByTestId('mode-uri').click();
    await page.getByTestId('add-uri').fill('otpauth://totp/Example:bob?secret=JBSWY3DPEHPK3PXP&issuer=Example&algorithm=MD5');
    await page.getByTestId('add-submit').click();
    await expect(page.getByTestId('error-add-uri').textContent()).resolves.toBe(message(en, 'error_algorithm_named', 'MD5'));
    expect(await page.getByTestId('error-add-uri').textContent()).not.toMatch(/Choose/);
  });

  it('refuses Websites that are not domains, naming the bad entry, and keeps the sites unchanged', async () => {
    const page = await suite.fresh([GITHUB]);
    for (const [typed, bad] of [
      ['com', 'com'],
      ['github.com, not a domain', 'not a domain'],
    ] as const) {
      await rowOf(page, 'GitHub').getByTestId('edit-button').click();
      await page.getByTestId('edit-sites').fill(typed);
      await page.getByTestId('edit-save').click();
      await expect(page.getByTestId('error-edit-sites').textContent()).resolves.toBe(message(en, 'error_site_entry', bad));
      await page.getByTestId('back-button').click();
    }
    const listed = (await send(page, 'accounts.list', null)) as { value: { sites: string[] }[] };
    expect(listed.value[0]?.sites).toEqual([]);
  });

  it('shows kind, algorithm, digits and period in Edit, and changes them only behind “I know what I am doing”', async () => {
    const page = await suite.fresh([GITHUB]);
    await rowOf(page, 'GitHub').getByTestId('edit-button').click();
    await expect(page.getByTestId('edit-detail-kind').textContent()).resolves.toBe(message(en, 'kind_totp'));
    await expect(page.getByTestId('edit-detail-algorithm').textContent()).resolves.toBe('SHA-1');
    await expect(page.getByTestId('edit-detail-digits').textContent()).resolves.toBe('6');
    await expect(page.getByTestId('edit-detail-period').textContent()).resolves.toBe('30');
    await expect(page.getByTestId('edit-digits').count()).resolves.toBe(0);
    await page.getByTestId('edit-details-unlock').check();
    await page.getByTestId('edit-digits').fill('8');
    await page.getByTestId('edit-algorithm').selectOption('SHA256');
    await page.getByTestId('edit-period').fill('60');
    await page.getByTestId('edit-save').click();
    const row = rowOf(page, 'GitHub');
    await expect.poll(() => codeIn(row)).toMatch(/^\d{8}$/);
    // Same secret, new parameters: the code is the one another app computes for them.
    expect(totpAround({ secret: GITHUB.secret, algorithm: 'SHA256', digits: 8, period: 60 })).toContain(await codeIn(row));
  });

  it('sorts an account without a service name by its account name, not first', async () => {
    const page = await suite.fresh([
      { issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PXP' },
      { issuer: '', name: 'zoe@example.com', secret: 'GEZDGNBVGY3TQOJQ' },
      { issuer: 'Amazon', name: 'alice', secret: 'MFRGGZDFMZTWQ2LK' },
    ]);
    await page.getByTestId('account-row').nth(2).waitFor();
    const order = await page.getByTestId('account-row').evaluateAll((rows) =>
      rows.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map((r) => r.querySelector('[data-testid=issuer]')?.textContent || r.querySelector('[data-testid=account-name]')?.textContent),
    );
    expect(order).toEqual(['Amazon', 'GitHub', 'zoe@example.com']);
  });

  it('opens Settings at its top, even after a view scrolled down', async () => {
    const page = await suite.fresh([GITHUB], { width: 360, height: 300 });
    await rowOf(page, 'GitHub').getByTestId('edit-button').click();
    await page.getByTestId('delete-button').scrollIntoViewIfNeeded();
    expect(await page.locator('main').evaluate((m) => m.scrollTop)).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-button').click();
    await page.locator('.app[data-view="settings"]').waitFor();
    expect(await page.locator('main').evaluate((m) => m.scrollTop)).toBe(0);
  });
});

describe('the PIN screens', () => {
  let ext: Extension;
  afterEach(async () => {
    await ext?.close({ discard: true });
  });

  it('explains “Forgot your PIN?” and links to the backup help', async () => {
    ext = await launchExtension();
    const page = await freshPopup(ext, [GITHUB]);
    await setPinInSettings(page, PIN);
    await lockNow(page);
    await page.getByTestId('forgot-summary').click();
    await expect(page.getByTestId('forgot-summary').textContent()).resolves.toBe(message(en, 'forgot_pin'));
    await expect(page.getByTestId('forgot-text').textContent()).resolves.toBe(message(en, 'forgot_text'));
    expect(await page.getByTestId('forgot-link').getAttribute('href')).toMatch(/\/src\/manage\/index\.html#backup$/);
  });

  it('warns about an obvious PIN without refusing it', async () => {
    ext = await launchExtension();
    const page = await freshPopup(ext, [GITHUB]);
    await page.getByTestId('settings-button').click();
    await page.getByTestId('pin-set').click();
    await page.getByTestId('pin-next').fill('1234');
    await expect(page.getByTestId('pin-weak').textContent()).resolves.toBe(message(en, 'pin_weak'));
    await page.getByTestId('pin-next').fill('4829');
    await expect(page.getByTestId('pin-weak').count()).resolves.toBe(0);
    await page.getByTestId('pin-next').fill('0000');
    await page.getByTestId('pin-weak').waitFor();
    await page.getByTestId('pin-confirm').fill('0000');
    await page.getByTestId('pin-submit').click();
    await expect.poll(async () => (await vaultState(page)).protection).toBe('pin');
  });

  it('shows and hides the passphrase on the locked screen and when setting one', async () => {
    ext = await launchExtension();
    const page = await freshPopup(ext, [GITHUB]);
    await page.getByTestId('settings-button').click();
    await page.getByTestId('pin-set').click();
    await page.getByTestId('pin-kind-passphrase').click();
    await page.getByTestId('pin-next').fill('correct horse battery');
    await page.getByTestId('pin-next-show').click();
    expect(await page.getByTestId('pin-next').getAttribute('type')).toBe('text');
    expect(await page.getByTestId('pin-confirm').getAttribute('type')).toBe('text');
    await page.getByTestId('pin-next-show').click();
    expect(await page.getByTestId('pin-next').getAttribute('type')).toBe('password');
    await page.getByTestId('pin-confirm').fill('correct horse battery');
    await page.getByTestId('pin-submit').click();
    await expect.poll(async () => (await vaultState(page)).protection).toBe('passphrase');
    await page.getByTestId('back-button').click();
    await lockNow(page);
    await page.getByTestId('unlock-input').fill('correct horse battery');
    await page.getByTestId('unlock-show').click();
    expect(await page.getByTestId('unlock-input').getAttribute('type')).toBe('text');
    await expect(page.getByTestId('unlock-show').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.getByTestId('unlock-show').click();
    expect(await page.getByTestId('unlock-input').getAttribute('type')).toBe('password');
    await page.getByTestId('unlock-submit').click();
    await rowOf(page, 'GitHub').waitFor();
  });

  it('shows and hides the current passphrase when changing it and before a secret key is shown', async () => {
    ext = await launchExtension();
    const page = await freshPopup(ext, [GITHUB]);
    const phrase = 'correct horse battery';
    await setPinInSettings(page, phrase, 'passphrase');
    await rowOf(page, 'GitHub').getByTestId('edit-button').click();
    await page.getByTestId('reveal-button').click();
    await page.getByTestId('reveal-pin').fill(phrase);
    await page.getByTestId('reveal-show').click();
    expect(await page.getByTestId('reveal-pin').getAttribute('type')).toBe('text');
    await page.getByTestId('reveal-show').click();
    expect(await page.getByTestId('reveal-pin').getAttribute('type')).toBe('password');
    await page.getByTestId('reveal-submit').click();
    await page.getByTestId('revealed-secret').waitFor();

    await page.getByTestId('back-button').click();
    await page.getByTestId('settings-button').click();
    await page.getByTestId('pin-change').click();
    await page.getByTestId('pin-current').fill(phrase);
    await page.getByTestId('pin-current-show').click();
    expect(await page.getByTestId('pin-current').getAttribute('type')).toBe('text');
    await expect(page.getByTestId('pin-current-show').getAttribute('aria-pressed')).resolves.toBe('true');
    // The new passphrase's toggle is its own: it leaves the current one shown.
    await page.getByTestId('pin-next-show').click();
    expect(await page.getByTestId('pin-current').getAttribute('type')).toBe('text');
    await page.getByTestId('pin-current-show').click();
    expect(await page.getByTestId('pin-current').getAttribute('type')).toBe('password');
  });
});
