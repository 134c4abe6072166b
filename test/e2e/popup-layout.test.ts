/**
 * Issue 12, the popup's layout and keyboard: it works at 320 px, focus lands where the user was, arrow
 * keys answer at once, and a toast belongs to its view. Each test has its own page and accounts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addByHand, loadMessages, message, rowOf } from './popup-helpers';
import { popupSuite } from './popup-suite';

const en = loadMessages('en');
const GITHUB = { issuer: 'GitHub', name: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' };
const GOOGLE = { issuer: 'Google', name: 'alice@gmail.com', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' };
const MASTODON = { issuer: 'Mastodon', name: '@alice', secret: 'MFRGGZDFMZTWQ2LKMFRGGZDF' };

/** The issuer of the row that holds focus, or the focused element's test id. */
const focusedRow = (page: Page) =>
  page.evaluate(
    () =>
      document.activeElement?.closest('[data-testid=account-row]')?.querySelector('[data-testid=issuer]')?.textContent ??
      `(${document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName})`,
  );

/** Every button of the view is inside the window and is what a click at its centre reaches. */
async function expectButtonsReachable(page: Page, width: number): Promise<void> {
  const blocked = await page.evaluate((width) => {
    const bad: string[] = [];
    for (const b of document.querySelectorAll<HTMLElement>('header button, .actions button, .bar button')) {
      // Below the fold in a long form is not cut off: scroll there as a person would.
      b.scrollIntoView({ block: 'nearest' });
      const r = b.getBoundingClientRect();
      if (r.width === 0) continue;
      const name = b.dataset.testid ?? b.textContent ?? '?';
      if (r.left < 0 || r.right > width) bad.push(`${name} outside (${r.left}–${r.right})`);
      else if (!b.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2))) bad.push(`${name} covered`);
    }
    if (document.documentElement.scrollWidth > width) bad.push(`page scrolls sideways (${document.documentElement.scrollWidth})`);
    return bad;
  }, width);
  expect(blocked).toEqual([]);
}

describe('the popup, layout and keyboard', () => {
  const suite = popupSuite({ clipboard: true });

  it('at 320 px wide shows every header button, and each one works', async () => {
    const page = await suite.fresh([GITHUB], { width: 320, height: 560 });
    await expectButtonsReachable(page, 320);
    await page.getByTestId('settings-button').click();
    await page.locator('.app[data-view="settings"]').waitFor();
    await expectButtonsReachable(page, 320);
    await page.getByTestId('back-button').click();
    await page.getByTestId('add-button').click();
    await page.locator('.app[data-view="add"]').waitFor();
    await expectButtonsReachable(page, 320);
    await page.getByTestId('back-button').click();
    await rowOf(page, 'GitHub').getByTestId('edit-button').click();
    await page.locator('.app[data-view="edit"]').waitFor();
    await expectButtonsReachable(page, 320);
  });

  it('follows the window between 320 and 400 px', async () => {
    const page = await suite.fresh([], { width: 1000, height: 560 });
    expect(await page.evaluate(() => document.body.getBoundingClientRect().width)).toBe(400);
    await page.setViewportSize({ width: 340, height: 560 });
    await expect.poll(() => page.evaluate(() => document.body.getBoundingClientRect().width)).toBe(340);
  });

  it('ArrowDown from the search box focuses the first row at once, not at the next clock tick', async () => {
    const page = await suite.fresh([GITHUB, GOOGLE]);
    await page.getByTestId('search').focus();
    // Several tries, each right after a tick and right before one: focus must never wait for the clock.
    for (let i = 0; i < 4; i++) {
      await page.getByTestId('search').focus();
      await page.keyboard.press('ArrowDown');
      expect(await focusedRow(page)).toBe('GitHub');
      await page.waitForTimeout(230);
    }
  });

  it('Escape from Edit puts focus back on the row that was edited', async () => {
    const page = await suite.fresh([GITHUB, GOOGLE, MASTODON]);
    await rowOf(page, 'Google').getByTestId('edit-button').click();
    await page.getByTestId('edit-name').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.app[data-view="list"]').waitFor();
    await expect.poll(() => focusedRow(page)).toBe('Google');
    // Saving lands there too.
    await rowOf(page, 'Mastodon').getByTestId('edit-button').click();
    await page.getByTestId('edit-name').fill('@alice@mastodon.social');
    await page.getByTestId('edit-save').click();
    await expect.poll(() => focusedRow(page)).toBe('Mastodon');
  });

  it('after adding an account, focus is on its new row', async () => {
    const page = await suite.fresh([GITHUB, MASTODON]);
    await addByHand(page, GOOGLE);
    await rowOf(page, 'Google').waitFor();
    await expect.poll(() => focusedRow(page)).toBe('Google');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('toast').textContent()).toBe(message(en, 'copied'));
  });

  it('a toast stays with the view that raised it and covers no button', async () => {
    const page = await suite.fresh([GITHUB]);
    await rowOf(page, 'GitHub').click();
    const toast = page.getByTestId('toast');
    await expect.poll(() => toast.textContent()).toBe(message(en, 'copied'));
    await expectButtonsReachable(page, 360);
    // Straight to Settings: the list's "Copied" does not follow.
    await page.getByTestId('settings-button').click();
    await page.locator('.app[data-view="settings"]').waitFor();
    expect(await toast.textContent()).toBe('');
    await page.getByTestId('back-button').click();
    await page.locator('.app[data-view="list"]').waitFor();
    expect(await toast.textContent()).toBe('');
    // "Saved" after an edit is the list's, and leaves the list's buttons and rows usable.
    await rowOf(page, 'GitHub').getByTestId('edit-button').click();
    await page.getByTestId('edit-save').click();
    await expect.poll(() => toast.textContent()).toBe(message(en, 'saved'));
    await expectButtonsReachable(page, 360);
    await rowOf(page, 'GitHub').getByTestId('edit-button').click();
    expect(await toast.textContent()).toBe('');
    await expectButtonsReachable(page, 360);
  });
});
