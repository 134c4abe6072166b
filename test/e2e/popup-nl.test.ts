/**
 * With Chromium in Dutch (--lang=nl) every screen of the popup is Dutch: no English-only message
 * appears anywhere a person can read or hear it, and <html lang> says nl.
 */
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { addByHand, addByUri, loadMessages, message, readableText, rowOf } from './popup-helpers';
import { popupSuite } from './popup-suite';

const en = loadMessages('en');
const nl = loadMessages('nl');

/**
 * Fixed parts of every English message that differs from its Dutch one (placeholders cut out), less
 * parts that Dutch uses too (": code" is Dutch as well).
 */
const dutch = Object.values(nl).map((value) => value.message);
const englishOnly = Object.entries(en)
  .filter(([key, value]) => nl[key]?.message !== value.message)
  .flatMap(([, value]) => value.message.split(/\$[A-Za-z_]+\$/))
  .map((part) => part.trim())
  .filter((part) => part.length >= 4 && !dutch.some((text) => text.includes(part)));

async function expectNoEnglish(page: Page, screen: string): Promise<void> {
  const text = await readableText(page);
  const leftovers = englishOnly.filter((english) => text.includes(english));
  expect(leftovers, `English on the ${screen} screen`).toEqual([]);
  // A missing message shows as its key (see t()); none may be missing.
  expect(text, `message key on the ${screen} screen`).not.toMatch(/\b(error|field|row|setting)_[a-z_]+\b/);
}

describe('the popup in Dutch', () => {
  const suite = popupSuite({ lang: 'nl', clipboard: true });
  let page: Page;
  // Each test starts on an empty vault in a page of its own, not where the previous one stopped.
  beforeEach(async () => {
    page = await suite.fresh();
  });

  it('says so in <html lang> and greets in Dutch', async () => {
    expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^nl/);
    await expect(page.getByTestId('empty-state').innerText()).resolves.toContain(message(nl, 'empty_title'));
    await expectNoEnglish(page, 'empty');
  });

  it('shows the add form, its advanced options and its errors in Dutch', async () => {
    await page.getByTestId('add-button').click();
    await page.getByTestId('advanced').click();
    for (const kind of ['hotp', 'steam', 'totp']) {
      await page.getByTestId('add-kind').selectOption(kind);
      await expectNoEnglish(page, `add (${kind})`);
    }
    await page.getByTestId('add-name').fill('bob');
    await page.getByTestId('add-secret').fill('niet geldig 189');
    await page.getByTestId('add-submit').click();
    await expect(page.getByTestId('error-add-secret').textContent()).resolves.toBe(message(nl, 'error_secret_not_base32'));
    await expectNoEnglish(page, 'add error');
    await page.getByTestId('mode-uri').click();
    await page.getByTestId('add-uri').fill('geen link');
    await page.getByTestId('add-submit').click();
    await expect(page.getByTestId('error-add-uri').textContent()).resolves.toBe(message(nl, 'error_uri_not_otpauth'));
    await expectNoEnglish(page, 'add link error');
    await page.getByTestId('back-button').click();
  });

  it('shows the list, copy feedback, edit, secret, delete and settings in Dutch', async () => {
    await addByHand(page, { issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PXP' });
    await addByUri(page, 'otpauth://hotp/Bank:rekening?secret=MFRGGZDFMZTWQ2LK&issuer=Bank&counter=1');
    await rowOf(page, 'Bank').waitFor();
    await expectNoEnglish(page, 'list');
    await rowOf(page, 'GitHub').click();
    await expect.poll(() => page.getByTestId('toast').textContent()).toBe('Gekopieerd');
    await expectNoEnglish(page, 'copied');
    await page.getByTestId('search').fill('bestaat niet');
    await expectNoEnglish(page, 'no results');
    await page.getByTestId('search').fill('');

    await rowOf(page, 'GitHub').getByTestId('edit-button').click();
    await page.getByTestId('reveal-button').click();
    await page.getByTestId('delete-button').click();
    await expect(page.getByTestId('delete-confirm').innerText()).resolves.toContain(message(nl, 'delete_confirm', 'GitHub — alice'));
    await page.getByTestId('edit-sites').fill('geen domein!');
    await page.getByTestId('edit-save').click();
    await page.getByTestId('error-edit-sites').waitFor();
    await expectNoEnglish(page, 'edit');
    await page.getByTestId('back-button').click();

    await page.getByTestId('settings-button').click();
    await expectNoEnglish(page, 'settings');
  });
});
