/**
 * The popup driven as a person would: add by hand and by link, read codes (checked against the otpauth
 * library), copy, search with the keyboard, edit, reveal, delete, hide codes. One browser for the file,
 * but each test has its own page and its own accounts (popupSuite), so one slow step cannot cascade.
 */
import { describe, expect, it } from 'vitest';
import {
  addByHand,
  addByUri,
  codeIn,
  hotpAt,
  loadMessages,
  message,
  rowOf,
  totpAround,
} from './popup-helpers';
import { popupSuite } from './popup-suite';

const en = loadMessages('en');
const GITHUB = { issuer: 'GitHub', name: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' };
const GOOGLE = { issuer: 'Google', name: 'alice@gmail.com', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA256', digits: 8, period: 60 } as const;
const MASTODON_URI = 'otpauth://totp/Mastodon:%40alice%40mastodon.social?secret=MFRGGZDFMZTWQ2LKMFRGGZDF&issuer=Mastodon';
const MASTODON = { issuer: 'Mastodon', name: '@alice@mastodon.social', secret: 'MFRGGZDFMZTWQ2LKMFRGGZDF' };
const BANK_URI = 'otpauth://hotp/Bank:Current%20account?secret=MFRGGZDFMZTWQ2LK&issuer=Bank&counter=5';

describe('the popup', () => {
  const suite = popupSuite({ clipboard: true });

  it('greets a new user with how to add an account, in the browser language', async () => {
    const page = await suite.fresh();
    await expect(page.getByTestId('empty-state').innerText()).resolves.toContain(message(en, 'empty_title'));
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^en/);
    // The search box has focus, so typing starts a search at once.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');
  });

  it('adds an account by hand and shows its current TOTP code, grouped for reading', async () => {
    const page = await suite.fresh();
    await addByHand(page, GITHUB);
    const row = rowOf(page, 'GitHub');
    await row.waitFor();
    await expect(row.getByTestId('account-name').textContent()).resolves.toBe(GITHUB.name);
    expect(await row.getByTestId('code').textContent()).toMatch(/^\d{3} \d{3}$/);
    expect(totpAround(GITHUB)).toContain(await codeIn(row));
    expect(Number(await row.getByTestId('seconds').textContent())).toBeGreaterThan(0);
  });

  it('adds an 8-digit SHA-256 account with a 60 s period through Advanced', async () => {
    const page = await suite.fresh();
    await addByHand(page, GOOGLE);
    const row = rowOf(page, 'Google');
    await row.waitFor();
    expect(await row.getByTestId('code').textContent()).toMatch(/^\d{4} \d{4}$/);
    expect(totpAround(GOOGLE)).toContain(await codeIn(row));
  });

  it('adds an account from a pasted otpauth:// link', async () => {
    const page = await suite.fresh();
    await addByUri(page, MASTODON_URI);
    const row = rowOf(page, 'Mastodon');
    await row.waitFor();
    await expect(row.getByTestId('account-name').textContent()).resolves.toBe('@alice@mastodon.social');
    expect(totpAround({ secret: 'MFRGGZDFMZTWQ2LKMFRGGZDF' })).toContain(await codeIn(row));
  });

  it('rejects a malformed link with its translated error, keeps the text and adds nothing', async () => {
    const page = await suite.fresh([GITHUB]);
    const before = await page.getByTestId('account-row').count();
    await addByUri(page, 'https://github.com/settings/two_factor');
    const error = page.getByTestId('error-add-uri');
    await expect(error.textContent()).resolves.toBe(message(en, 'error_uri_not_otpauth'));
    await expect(page.getByTestId('add-uri').inputValue()).resolves.toBe('https://github.com/settings/two_factor');
    await page.getByTestId('add-uri').fill('otpauth://totp/Example:bob?secret=NOT-BASE32-1890&issuer=Example');
    await page.getByTestId('add-submit').click();
    await expect(error.textContent()).resolves.toBe(message(en, 'error_secret_not_base32'));
    await page.getByTestId('back-button').click();
    await rowOf(page, 'GitHub').waitFor();
    expect(await page.getByTestId('account-row').count()).toBe(before);
  });

  it('shows a bad secret typed by hand next to the secret field and keeps every field', async () => {
    const page = await suite.fresh();
    await page.getByTestId('add-button').click();
    await page.getByTestId('add-issuer').fill('Example');
    await page.getByTestId('add-name').fill('bob');
    await page.getByTestId('add-secret').fill('hello 1890');
    await page.getByTestId('add-submit').click();
    await expect(page.getByTestId('error-add-secret').textContent()).resolves.toBe(message(en, 'error_secret_not_base32'));
    await expect(page.getByTestId('add-issuer').inputValue()).resolves.toBe('Example');
    await expect(page.getByTestId('add-secret').inputValue()).resolves.toBe('hello 1890');
    expect(await page.getByTestId('add-secret').getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Escape');
    // Back on the list (a form left open would make the count below pass for the wrong reason).
    await page.locator('.app[data-view="list"]').waitFor({ timeout: 10_000 });
    await expect(rowOf(page, 'Example').count()).resolves.toBe(0);
  });

  it('copies a code on click and on Enter, and says so', async () => {
    const page = await suite.fresh([GITHUB, GOOGLE]);
    const row = rowOf(page, 'GitHub');
    await row.click();
    const toast = page.getByTestId('toast');
    await expect.poll(() => toast.textContent()).toBe(message(en, 'copied'));
    expect(totpAround(GITHUB)).toContain(await page.evaluate(() => navigator.clipboard.readText()));
    // Enter on a focused row copies too.
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await rowOf(page, 'Google').getByTestId('copy-button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^\d{8}$/);
    expect(totpAround(GOOGLE)).toContain(await page.evaluate(() => navigator.clipboard.readText()));
    // The feedback goes away by itself.
    await expect.poll(() => toast.textContent(), { timeout: 4_000 }).toBe('');
  });

  it('searches by typing: from the list, with / and arrows, and clears with Escape', async () => {
    const page = await suite.fresh([GITHUB, GOOGLE, MASTODON]);
    const search = page.getByTestId('search');
    const rows = page.getByTestId('account-row');
    await rowOf(page, 'Mastodon').getByTestId('copy-button').focus();
    await page.keyboard.type('goo');
    await expect(search.inputValue()).resolves.toBe('goo');
    await expect.poll(() => rows.count()).toBe(1);
    await expect(rows.getByTestId('issuer').textContent()).resolves.toBe('Google');
    await page.keyboard.press('Escape');
    await expect.poll(() => rows.count()).toBe(3);
    // Sites and names match too, case-insensitively.
    await search.fill('ALICE@GMAIL');
    await expect.poll(() => rows.count()).toBe(1);
    await search.fill('nothing-like-this');
    await expect(page.getByTestId('no-results').textContent()).resolves.toBe(message(en, 'no_results', 'nothing-like-this'));
    await search.press('Escape');
    // Arrow keys walk the rows; `/` goes back to the search box.
    await search.press('ArrowDown');
    const focused = () => page.evaluate(() => document.activeElement?.closest('[data-testid=account-row]')?.querySelector('[data-testid=issuer]')?.textContent);
    await expect.poll(focused).toBe('GitHub');
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe('Google');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');
  });

  it('shows HOTP codes with a Next code button', async () => {
    const page = await suite.fresh();
    const bank = { secret: 'MFRGGZDFMZTWQ2LK' };
    await addByUri(page, BANK_URI);
    const row = rowOf(page, 'Bank');
    await row.waitFor();
    const first = await codeIn(row);
    expect(first).toBe(hotpAt(bank, 5));
    await row.getByTestId('hotp-next').click();
    await expect.poll(() => codeIn(row)).toBe(hotpAt(bank, 6));
  });

  it('switches to the next code at the period boundary without a blank', async () => {
    const page = await suite.fresh();
    const fast = { issuer: 'Fast', name: 'three seconds', secret: 'KRSXG5CTMVRXEZLU', period: 3 };
    await addByHand(page, fast);
    const row = rowOf(page, 'Fast');
    await row.waitFor();
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const code = await codeIn(row);
      expect(code).toMatch(/^\d{6}$/);
      expect(totpAround(fast)).toContain(code);
      seen.add(code);
      await page.waitForTimeout(100);
    }
    expect(seen.size).toBeGreaterThanOrEqual(2);
  });

  it('edits name and sites, and shows the secret only when asked', async () => {
    const page = await suite.fresh([GITHUB]);
    const row = rowOf(page, 'GitHub');
    await row.getByTestId('edit-button').click();
    await expect(page.getByTestId('revealed-secret').count()).resolves.toBe(0);
    await page.getByTestId('edit-name').fill('alice (work)');
    await page.getByTestId('edit-sites').fill('github.com, GitHub.blog');
    await page.getByTestId('reveal-button').click();
    await expect(page.getByTestId('revealed-secret').textContent()).resolves.toBe('JBSW Y3DP EHPK 3PXP');
    await expect(page.getByTestId('revealed-uri').inputValue()).resolves.toMatch(/^otpauth:\/\/totp\/.*secret=JBSWY3DPEHPK3PXP/);
    await page.getByTestId('edit-save').click();
    await expect(row.getByTestId('account-name').textContent()).resolves.toBe('alice (work)');
    // The new site is searchable.
    await page.getByTestId('search').fill('github.blog');
    await expect.poll(() => page.getByTestId('account-row').count()).toBe(1);
    await page.getByTestId('search').fill('');
  });

  it('refuses an invalid site and says why, next to the field', async () => {
    const page = await suite.fresh([GITHUB]);
    await rowOf(page, 'GitHub').getByTestId('edit-button').click();
    await page.getByTestId('edit-sites').fill('not a domain!');
    await page.getByTestId('edit-save').click();
    await expect(page.getByTestId('error-edit-sites').textContent()).resolves.toBe(message(en, 'error_site_entry', 'not a domain!'));
    await page.getByTestId('back-button').click();
  });

  it('deletes only after a confirmation that names the account', async () => {
    const page = await suite.fresh([GITHUB, MASTODON]);
    await rowOf(page, 'Mastodon').getByTestId('edit-button').click();
    await page.getByTestId('delete-button').click();
    await expect(page.getByTestId('delete-confirm').innerText()).resolves.toContain(
      message(en, 'delete_confirm', 'Mastodon — @alice@mastodon.social'),
    );
    await page.getByTestId('delete-cancel').click();
    await page.getByTestId('delete-button').click();
    await page.getByTestId('delete-confirm-button').click();
    await page.getByTestId('account-list').waitFor();
    await expect(rowOf(page, 'Mastodon').count()).resolves.toBe(0);
    await page.reload();
    await rowOf(page, 'GitHub').waitFor();
    await expect(rowOf(page, 'Mastodon').count()).resolves.toBe(0);
  });

  it('hides codes until hovered or focused when the setting is on, and still copies', async () => {
    const page = await suite.fresh([GITHUB, GOOGLE]);
    await page.getByTestId('settings-button').click();
    await page.getByTestId('setting-hide-codes').check();
    await page.getByTestId('back-button').click();
    const row = rowOf(page, 'GitHub');
    await page.mouse.move(5, 5);
    await page.getByTestId('search').focus();
    await expect(row.getByTestId('code').isVisible()).resolves.toBe(false);
    await expect(row.getByTestId('code-mask').textContent()).resolves.toBe('••• •••');
    await row.hover();
    await expect(row.getByTestId('code').isVisible()).resolves.toBe(true);
    await row.click();
    expect(totpAround(GITHUB)).toContain(await page.evaluate(() => navigator.clipboard.readText()));
    // The setting survives a reopen.
    await page.reload();
    await rowOf(page, 'Google').waitFor();
    await page.mouse.move(5, 5);
    await expect(rowOf(page, 'Google').getByTestId('code-mask').isVisible()).resolves.toBe(true);
  });
});
