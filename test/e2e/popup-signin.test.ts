/**
 * The popup at the sign-in moment (issue "The sign-in moment"), end to end: the real toolbar popup over
 * a real tab (scan-helpers.ts `clickAction`), on a loopback test site. The build is a copy of dist/
 * whose manifest grants, up front, the optional permissions a user would grant from the settings
 * (clipboard, favicon): a headless browser cannot answer the prompt. The prompt itself is covered by
 * popup-signin-grant.test.ts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AUTO_SUBMIT_CODE_PAGE, callFromTab, inPopup, pageServer, until, type PageServer } from './autofill-helpers';
import { launchExtension, type Extension } from './harness';
import { loadMessages, message, totpAround } from './popup-helpers';
import { clickAction, type RealPopup } from './scan-helpers';
import { buildWithManifest, popupIsOpen, readClipboard, rowsOf, writeClipboard } from './signin-helpers';

const en = loadMessages('en');
const SITE_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** A 1×1 PNG: the page's icon, which the browser stores in its favicon cache when the page loads. */
const ICON = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const CODE_PAGE = AUTO_SUBMIT_CODE_PAGE.replace('<title>', `<link rel="icon" href="${ICON}"><title>`);
const NO_FIELD_PAGE = `<!doctype html><meta charset="utf-8"><title>Example Corp</title><h1>Welcome back</h1><p>You are signed in.</p>`;
/** A page that names no issuer (so no look-alike question stands between a click and the copy). */
const PLAIN_PAGE = `<!doctype html><meta charset="utf-8"><title>Notes</title><h1>Notes</h1><p>Nothing to sign in to.</p>`;

const uri = (issuer: string, name: string, secret: string, kind = 'totp'): string =>
  `otpauth://${kind}/${encodeURIComponent(issuer)}:${encodeURIComponent(name)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}${kind === 'hotp' ? '&counter=0' : ''}`;

/** What the tail of a row's spoken name says it does (after the last placeholder of the message). */
const tail = (key: string): string => {
  const text = en[key]!.message;
  return text.slice(text.lastIndexOf('$') + 1);
};

describe('the popup at sign-in', () => {
  let ext: Extension;
  let site: PageServer;
  let local: string;

  const setSettings = (patch: Record<string, unknown>): Promise<unknown> => callFromTab(ext, 'settings.set', patch);
  const toast = (popup: RealPopup): Promise<string> => popup.evaluate(`document.querySelector('[data-testid=toast]').textContent`) as Promise<string>;
  const clickIssuer = (popup: RealPopup, issuer: string): Promise<unknown> =>
    inPopup(
      popup,
      `[...document.querySelectorAll('[data-testid=account-row]')].find((r) => r.querySelector('[data-testid=issuer]').textContent === ${JSON.stringify(issuer)}).querySelector('[data-testid=copy-button]').click(), true`,
    );

  beforeAll(async () => {
    site = await pageServer();
    local = `http://localhost:${site.port}`;
    site.set('/code', CODE_PAGE);
    site.set('/welcome', NO_FIELD_PAGE);
    site.set('/plain', PLAIN_PAGE);
    ext = await launchExtension({ dist: buildWithManifest({ permissions: ['clipboardRead', 'clipboardWrite', 'favicon'] }) });
    await ext.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const accounts: [string, string | null][] = [
      [uri('Example Corp', 'alice', SITE_SECRET), 'localhost'],
      [uri('Other Site', 'alice', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), 'example.org'],
      // Two accounts with the same names: only their kind tells them apart.
      [uri('Twin', 'bob', 'MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK'), null],
      [uri('Twin', 'bob', 'NBSWY3DPNBSWY3DPNBSWY3DPNBSWY3DP', 'hotp'), null],
    ];
    for (const [u, s] of accounts) await callFromTab(ext, 'accounts.addUri', { uri: u, site: s });
  });

  // Each test starts from the same known state (issue 12), whatever the one before it did or where it
  // failed: its tab closed (so the next one's tab is the only one at its URL), the settings at their
  // baseline, and no copied code still waiting to be cleared from the clipboard.
  beforeEach(async () => {
    for (const page of ext.context.pages()) if (page.url() !== 'about:blank') await page.close();
    await setSettings({ siteIcons: false, keepPopupOpen: false, clipboardClearSeconds: 0 });
    await until('no clipboard clearing pending', () => sessionItem(ext, 'clipboardPending'), (v) => v === undefined, 20_000);
  });

  afterAll(async () => {
    await ext?.close({ discard: true });
    await site?.close();
  });

  it('lists the tab’s site’s accounts first under its name, saying Fill; the others say Copy', async () => {
    await setSettings({ siteIcons: false, keepPopupOpen: false });
    const page = await ext.context.newPage();
    await page.goto(`${local}/code?tag=list`);
    const popup = await clickAction(ext, page);
    await inPopup(popup, 'true');
    const rows = await rowsOf(popup);
    expect(rows.map((r) => [r.issuer, r.action])).toEqual([
      ['Example Corp', message(en, 'fill_action')],
      ['Other Site', message(en, 'copy_action')],
      ['Twin', message(en, 'copy_action')],
      ['Twin', message(en, 'copy_action')],
    ]);
    // Before any click, a screen reader user hears which it will be.
    expect(rows[0]!.label.endsWith(tail('row_label_fill_other'))).toBe(true);
    expect(rows[1]!.label.endsWith(tail('row_label_other'))).toBe(true);
    expect(await popup.evaluate(`document.querySelector('[data-testid=site-heading]').textContent`)).toBe(message(en, 'site_accounts', 'localhost'));
    expect(await popup.evaluate(`document.querySelector('[data-testid=other-heading]').textContent`)).toBe(message(en, 'other_accounts'));
    // The site's heading is above its row, the other heading between the two sections.
    expect(rows[0]!.top).toBeGreaterThan(0);
    // Icons off: every account shows its letter; the two "Twin — bob" accounts carry their kinds.
    expect(rows.map((r) => r.avatar)).toEqual([
      { kind: 'letter', text: 'E', src: null },
      { kind: 'letter', text: 'O', src: null },
      { kind: 'letter', text: 'T', src: null },
      { kind: 'letter', text: 'T', src: null },
    ]);
    expect(rows.map((r) => r.badge)).toEqual([null, null, 'TOTP', 'HOTP']);
    await page.close();
  });

  it('on a page of no account, there is no site section and every row copies', async () => {
    const page = await ext.context.newPage();
    await page.goto(`http://127.0.0.1:${site.port}/plain`);
    const popup = await clickAction(ext, page);
    await inPopup(popup, 'true');
    expect((await rowsOf(popup)).every((r) => r.action === message(en, 'copy_action'))).toBe(true);
    expect(await popup.evaluate(`!!document.querySelector('[data-testid=site-heading]')`)).toBe(false);
    await page.close();
  });

  it('closes after a fill, and the site receives the code', async () => {
    await setSettings({ keepPopupOpen: false });
    const page = await ext.context.newPage();
    await page.goto(`${local}/code?tag=close`);
    const popup = await clickAction(ext, page);
    await clickIssuer(popup, 'Example Corp');
    await until('the popup to close', () => popupIsOpen(ext), (open) => !open);
    const got = await until('the code to arrive', () => site.received.filter((r) => r.tag === 'close'), (r) => r.length > 0);
    expect(totpAround({ secret: SITE_SECRET })).toContain(got[0]!.code);
    await page.close();
  });

  it('stays open after a fill when the setting says so, and says where the code went', async () => {
    await setSettings({ keepPopupOpen: true });
    const page = await ext.context.newPage();
    await page.goto(`${local}/code?tag=open`);
    const popup = await clickAction(ext, page);
    await clickIssuer(popup, 'Example Corp');
    expect(await until('the toast', () => toast(popup), (t) => t !== '')).toBe(message(en, 'filled_on', 'localhost'));
    await until('the code to arrive', () => site.received.filter((r) => r.tag === 'open'), (r) => r.length > 0);
    expect(await popupIsOpen(ext)).toBe(true);
    await setSettings({ keepPopupOpen: false });
    await page.close();
  });

  it('with no code field on the page, says so, copies nothing, and offers the copy', async () => {
    await writeClipboard(ext, 'before');
    const page = await ext.context.newPage();
    await page.goto(`${local}/welcome`);
    const popup = await clickAction(ext, page);
    await clickIssuer(popup, 'Example Corp');
    const notice = await until(
      'the notice',
      () => popup.evaluate(`document.querySelector('[data-testid=no-field] p')?.textContent ?? ''`) as Promise<string>,
      (t) => t !== '',
    );
    expect(notice).toBe(message(en, 'no_code_field'));
    // Nothing pretends to be a fill or a copy.
    expect(await toast(popup)).toBe('');
    expect(await popupIsOpen(ext)).toBe(true);
    await popup.evaluate(`document.querySelector('[data-testid=copy-instead]').click(), true`);
    expect(await until('the toast', () => toast(popup), (t) => t !== '')).toBe(message(en, 'copied'));
    expect(totpAround({ secret: SITE_SECRET })).toContain(await readClipboard(ext));
    await page.close();
  });

  /** With clearing after 3 s, copies Other Site's code from a page of no account; returns the page and the code. */
  async function copyWithClearing(): Promise<{ page: Page; copied: string }> {
    await setSettings({ clipboardClearSeconds: 3 });
    const page = await ext.context.newPage();
    await page.goto(`http://127.0.0.1:${site.port}/plain`);
    const popup = await clickAction(ext, page);
    await clickIssuer(popup, 'Other Site');
    expect(await until('the toast', () => toast(popup), (t) => t !== '')).toBe(message(en, 'copied'));
    const copied = await readClipboard(ext);
    expect(copied).toMatch(/^\d{6}$/);
    return { page, copied };
  }

  it('clears a copied code from the clipboard after the delay the user set', async () => {
    const { page, copied } = await copyWithClearing();
    await until('the clipboard to be cleared', () => readClipboard(ext), (text) => text !== copied, 20_000);
    expect(await readClipboard(ext)).toBe('');
    // The worker kept the code no longer than the delay.
    expect(await sessionItem(ext, 'clipboardPending')).toBeUndefined();
    await setSettings({ clipboardClearSeconds: 0 });
    await page.close();
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const { page } = await copyWithClearing();
    await writeClipboard(ext, 'my own text');
    // Wait until the worker has done its check (the waiting code is gone and the offscreen page closed).
    await until('the clearing to run', () => sessionItem(ext, 'clipboardPending'), (v) => v === undefined, 20_000);
    await until('the offscreen page to close', () => offscreenCount(ext), (n) => n === 0, 20_000);
    expect(await readClipboard(ext)).toBe('my own text');
    await setSettings({ clipboardClearSeconds: 0 });
    await page.close();
  });

  it('shows the site’s icon from the browser’s cache, a letter where none is cached', async () => {
    await setSettings({ siteIcons: true });
    const page = await ext.context.newPage();
    await page.goto(`${local}/code?tag=icons`);
    // The browser stores the page's icon once it has loaded it.
    await page.waitForLoadState('load');
    const popup = await clickAction(ext, page);
    await inPopup(popup, 'true');
    const rows = await until('the site icon', () => rowsOf(popup), (r) => r[0]?.avatar.kind === 'site');
    const src = new URL(rows[0]!.avatar.src!);
    expect(src.pathname).toBe('/_favicon/');
    expect(src.searchParams.get('pageUrl')).toBe(page.url());
    // example.org was never visited: the browser's default globe is recognised, and the letter shows.
    expect(rows.slice(1).map((r) => r.avatar)).toEqual([
      { kind: 'letter', text: 'O', src: null },
      { kind: 'letter', text: 'T', src: null },
      { kind: 'letter', text: 'T', src: null },
    ]);
    await setSettings({ siteIcons: false });
    await page.close();
  });
});

async function sessionItem(ext: Extension, key: string): Promise<unknown> {
  const worker = await ext.worker();
  return worker.evaluate(async (k) => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } } };
    return (await chrome.storage.session.get(k))[k];
  }, key);
}

async function offscreenCount(ext: Extension): Promise<number> {
  const worker = await ext.worker();
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { runtime: { getContexts(f: { contextTypes: string[] }): Promise<unknown[]> } } };
    return (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length;
  });
}
