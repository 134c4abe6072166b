/**
 * A vault of 1,000 accounts: the popup renders only the rows in view, shows the first screen of codes
 * quickly, and every account stays reachable by scrolling, keyboard and search.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchExtension, type Extension } from './harness';
import { codeIn, rowOf, send, totpAround } from './popup-helpers';

const COUNT = 1000;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A distinct 16-character base32 secret for account `i`: 12 pseudo-random characters, then `i` in base32. */
function secretFor(i: number): string {
  let x = i + 1;
  let out = '';
  for (let k = 0; k < 12; k++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += BASE32[x >>> 27];
  }
  for (let k = 3; k >= 0; k--) out += BASE32[(i >>> (5 * k)) & 31];
  return out;
}

const issuerFor = (i: number) => `Service ${String(i).padStart(4, '0')}`;

describe('the popup with 1,000 accounts', () => {
  let ext: Extension;
  let page: Page;

  beforeAll(async () => {
    ext = await launchExtension();
    page = await ext.openPopup();
    await page.setViewportSize({ width: 360, height: 600 });
    const started = Date.now();
    // One import, as a user moving in would: one vault write instead of a thousand.
    const inputs = Array.from({ length: COUNT }, (_, i) => ({
      kind: 'totp', issuer: issuerFor(i), name: `user${i}@example.com`, secret: secretFor(i), algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [],
    }));
    const reply = (await send(page, 'accounts.import', { inputs })) as { ok: boolean; value?: { added: number } };
    if (!reply.ok || reply.value?.added !== COUNT) throw new Error(`seeding failed: ${JSON.stringify(reply).slice(0, 200)}`);
    console.log(`seeded ${COUNT} accounts in ${Date.now() - started} ms`);
    await page.close();
  }, 300_000);
  // The seeded accounts are the known state; each test reads them in a page of its own.
  beforeEach(async () => {
    page = await ext.openPopup();
    await page.setViewportSize({ width: 360, height: 600 });
  });
  afterEach(async () => {
    await page.close();
  });
  afterAll(async () => {
    await ext.close({ discard: true });
  });

  // Speed is measured by `npm run bench`, not asserted here; this checks what a user sees.
  it('renders only the rows in view, with correct codes', async () => {
    await rowOf(page, issuerFor(0)).waitFor();
    const rows = await page.getByTestId('account-row').count();
    expect(rows).toBeGreaterThan(5);
    expect(rows).toBeLessThan(40);
    for (const i of [0, 1, 2]) {
      expect(totpAround({ secret: secretFor(i) })).toContain(await codeIn(rowOf(page, issuerFor(i))));
    }
  });

  it('reaches the last account by scrolling, by End and by search', async () => {
    await rowOf(page, issuerFor(0)).waitFor();
    await page.getByTestId('account-list').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const last = rowOf(page, issuerFor(COUNT - 1));
    await last.waitFor();
    expect(totpAround({ secret: secretFor(COUNT - 1) })).toContain(await codeIn(last));
    const focusedIssuer = () =>
      page.evaluate(() => document.activeElement?.closest('[data-testid=account-row]')?.querySelector('[data-testid=issuer]')?.textContent ?? null);
    // Three times: from the second on, focusing the first row re-renders the list just before End, which
    // once left the focus on the body (a focus effect still pending from that render ran too early).
    for (let round = 0; round < 3; round++) {
      await page.getByTestId('account-list').evaluate((el) => el.scrollTo(0, 0));
      await rowOf(page, issuerFor(0)).getByTestId('copy-button').focus();
      await page.keyboard.press('End');
      await expect.poll(focusedIssuer).toBe(issuerFor(COUNT - 1));
    }
    await page.keyboard.press('Home');
    await expect.poll(focusedIssuer).toBe(issuerFor(0));
    await page.getByTestId('search').fill('user777@');
    await expect.poll(() => page.getByTestId('account-row').count()).toBe(1);
    expect(totpAround({ secret: secretFor(777) })).toContain(await codeIn(rowOf(page, issuerFor(777))));
  });
});
