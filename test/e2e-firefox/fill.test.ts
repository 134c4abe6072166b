/**
 * Filling the demo site's "Enter code" step in Firefox (issue 13). On Firefox the user grants site
 * access (the inline button's optional host permission) in Firefox's own prompt; the tests stand in for
 * the "Allow" (harness.ts: no prompt). The code goes in through the inline button beside the field and
 * through the popup, and the demo server, which checks it for real, accepts it.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { loadMessages, message } from '../e2e/popup-helpers';
import { pageServer, type PageServer } from '../e2e/autofill-helpers';
import { launchFirefox, send, type FirefoxExtension } from './harness';
import { click, rows, sel, textOf, totpAround, until } from './helpers';

const en = loadMessages('en');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSWORD = 'correct horse';
const PIN = '246810';

let demo: DemoServer;
let ext: FirefoxExtension | null = null;
let origin: string;

beforeAll(async () => {
  demo = await startDemoServer({ secret: SECRET });
  origin = `http://localhost:${demo.port}`;
});
afterAll(async () => demo?.close());
afterEach(async () => {
  await ext?.close({ discard: true });
  ext = null;
});

/** A browser with the demo site's account, as enrolment from its set-up page leaves it. */
async function withAccount(): Promise<FirefoxExtension> {
  const e = await launchFirefox();
  await e.call('accounts.addUri', { uri: demo.state.totpUri, site: 'localhost' });
  return e;
}

/** Settings → "Fill code" button beside code fields: Firefox asks for site access, which is allowed. */
async function turnOnInlineButton(popup: Page): Promise<void> {
  await click(popup, 'settings-button');
  await click(popup, 'setting-inline-button');
  await until('the inline button setting to be on', () => popup.$eval(sel('setting-inline-button'), (el) => (el as HTMLInputElement).checked), Boolean);
}

/** Password first, then the "Enter code" step. */
async function signIn(page: Page): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.locator('#password').fill(PASSWORD);
  await page.locator('form button').click();
  await until('the code step', () => page.url(), (u) => u.includes('/login/code'));
  await page.waitForSelector('#otp');
}

async function submitCode(page: Page): Promise<string | null> {
  await page.locator('form button').click();
  const result = await page.waitForSelector('#result', { timeout: 10_000 });
  return result!.evaluate((el) => el.getAttribute('data-ok'));
}

/** Our page whose URL contains `part` (read from the document: BiDi reports about:blank for extension tabs). */
async function pageAt(e: FirefoxExtension, part: string): Promise<Page | null> {
  for (const p of await e.browser.pages()) if ((await p.evaluate(() => location.href).catch(() => '')).includes(part)) return p;
  return null;
}

const otpValue = (page: Page): Promise<string> => page.$eval('#otp', (el) => (el as HTMLInputElement).value);

describe('Firefox: filling the demo site', () => {
  it('the inline button beside the "Enter code" field fills a code the site accepts', async () => {
    ext = await withAccount();
    const popup = await ext.openPopup();
    await turnOnInlineButton(popup);
    expect(await popup.evaluate(() => (globalThis as unknown as { browser: { permissions: { contains(p: unknown): Promise<boolean> } } }).browser.permissions.contains({ origins: ['https://*/*', 'http://*/*'] }))).toBe(true);

    const page = await ext.browser.newPage();
    await signIn(page);
    // The button lives in a closed shadow root: it is clicked where a person sees it, as a real click.
    const box = await until(
      'the inline button',
      () => page.evaluate(() => {
        const host = document.querySelector('twostep-fill');
        const r = host?.getBoundingClientRect();
        return r && r.width > 0 && r.height > 0 ? { x: r.left + r.width / 2, y: r.bottom - 10 } : null;
      }),
      (b) => b !== null,
    );
    // The button takes clicks only once it has been plainly visible for a moment (click-guard.ts).
    await until('a filled code', async () => {
      await page.mouse.click(box!.x, box!.y);
      return otpValue(page);
    }, (v) => v !== '', 10_000);
    expect(totpAround(SECRET)).toContain(await otpValue(page));
    expect(await submitCode(page)).toBe('true');
  });

  it('the popup fills the code step of the tab under it, and says where', async () => {
    ext = await withAccount();
    // A fill closes the popup by default; kept open here to read where the code went.
    await ext.call('settings.set', { keepPopupOpen: true });
    const settings = await ext.openPopup();
    await turnOnInlineButton(settings);
    await settings.close();
    // The inline button is on, but it is not clicked: the popup alone fills.
    const page = await ext.browser.newPage();
    await signIn(page);
    // The popup in a window of its own, so the sign-in tab stays the active tab it acts on.
    const popup = await ext.openPopup({ window: true });
    await until('the account row', () => rows(popup), (r) => r.length === 1);
    await click(popup, 'copy-button');
    await until('the toast', () => textOf(popup, 'toast'), (t) => t === message(en, 'filled_on', 'localhost'));
    expect(totpAround(SECRET)).toContain(await otpValue(page));
    expect(await submitCode(page)).toBe('true');
  });

  it('a fill asked for while locked opens the unlock window, and the page that asked is filled after the PIN', async () => {
    ext = await withAccount();
    const settings = await ext.openPopup();
    await turnOnInlineButton(settings);
    await ext.call('vault.setPin', { next: PIN, kind: 'pin', current: null });
    await ext.call('vault.lock', null);
    const page = await ext.browser.newPage();
    await signIn(page);
    // What the fill shortcut runs in the tab (fill/inject.ts): the fill script, then its entry point.
    await settings.evaluate(`(async () => {
      const [tab] = await browser.tabs.query({ url: 'http://localhost/*' });
      await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['/src/content/fill/main.js'] });
      await browser.scripting.executeScript({ target: { tabId: tab.id }, func: () => { void globalThis.twostepFill(null); } });
    })()`);
    const unlockWindow = await until('the unlock window', () => pageAt(ext!, 'window=unlock'), (p) => p !== null, 20_000);
    await unlockWindow!.locator(sel('unlock-input')).setTimeout(10_000).fill(PIN);
    await unlockWindow!.keyboard.press('Enter');
    await until('the code in the page that asked', () => otpValue(page), (v) => v !== '', 20_000);
    expect(totpAround(SECRET)).toContain(await otpValue(page));
    expect(await submitCode(page)).toBe('true');
  });

  it('without IntersectionObserver v2, a field faded, covered or in a faded same-origin frame gets no code; a plain one does', async () => {
    const pages: PageServer = await pageServer();
    try {
      const field = '<label for="otp">Enter the code from your authenticator app</label><input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6">';
      const step = (body: string): string => `<!doctype html><meta charset="utf-8"><title>Two-step verification</title><h1>Two-step verification</h1>${body}`;
      pages.set('/plain', step(field));
      pages.set('/faded', step(`<div style="opacity:.01">${field}</div>`));
      pages.set('/covered', step(`${field}<div style="position:fixed;inset:0;background:#fff"></div>`));
      pages.set('/framed', step('<iframe src="/plain" style="opacity:.01;width:600px;height:300px;border:0"></iframe>'));
      ext = await launchFirefox();
      const account = (await ext.call('accounts.add', { input: { kind: 'totp', issuer: 'Local', name: 'ann', secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: ['localhost'] } })) as { id: string };
      const settings = await ext.openPopup();
      await turnOnInlineButton(settings);
      await settings.close();
      const page = await ext.browser.newPage();
      const popup = await ext.openPopup({ window: true });
      const fillAt = async (path: string): Promise<boolean> => {
        await page.goto(`http://localhost:${pages.port}${path}`);
        const reply = (await send(popup, 'fill.inTab', { id: account.id })) as { ok: boolean; value?: { filled: boolean } };
        return reply.ok && reply.value?.filled === true;
      };
      // Every field on the page, the frame's included (same origin, so the page can read it).
      const values = (): Promise<string[]> =>
        page.evaluate(() => [document, ...Array.from(document.querySelectorAll('iframe'), (f) => f.contentDocument)].map((d) => d?.querySelector('input')?.value ?? ''));
      for (const path of ['/faded', '/covered', '/framed']) {
        expect(await fillAt(path), path).toBe(false);
        expect(await values(), path).toEqual(path === '/framed' ? ['', ''] : ['']);
      }
      expect(await fillAt('/plain')).toBe(true);
      expect(totpAround(SECRET)).toContain(await otpValue(page));
    } finally {
      await pages.close();
    }
  });

  it('fills a code field inside a closed shadow root (element.openOrClosedShadowRoot)', async () => {
    const pages: PageServer = await pageServer();
    try {
      pages.set('/closed', CLOSED_SHADOW_PAGE);
      ext = await launchFirefox();
      await ext.call('accounts.add', { input: { kind: 'totp', issuer: 'Shadow Corp', name: 'ann', secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: ['localhost'] } });
      await ext.call('settings.set', { keepPopupOpen: true });
      const settings = await ext.openPopup();
      await turnOnInlineButton(settings);
      await settings.close();
      const page = await ext.browser.newPage();
      await page.goto(`http://localhost:${pages.port}/closed`);
      // The page's own script kept its closed root's input: the only way to read it from outside.
      await until('the closed shadow root', () => page.evaluate(() => (globalThis as { shadowOtp?: HTMLInputElement }).shadowOtp !== undefined), Boolean);
      const popup = await ext.openPopup({ window: true });
      await until('the account row', () => rows(popup), (r) => r.length === 1);
      await click(popup, 'copy-button');
      await until('the toast', () => textOf(popup, 'toast'), (t) => t === message(en, 'filled_on', 'localhost'));
      const value = await page.evaluate(() => (globalThis as { shadowOtp?: HTMLInputElement }).shadowOtp?.value ?? '');
      expect(totpAround(SECRET)).toContain(value);
    } finally {
      await pages.close();
    }
  });
});

/** A sign-in code step whose field is in a closed shadow root, as some component libraries build it. */
const CLOSED_SHADOW_PAGE = `<!doctype html><meta charset="utf-8"><title>Two-step verification</title>
<h1>Two-step verification</h1><code-step></code-step>
<script>customElements.define('code-step', class extends HTMLElement {
  constructor() {
    super();
    const root = this.attachShadow({ mode: 'closed' });
    root.innerHTML = '<form><label for="otp">Enter the code from your authenticator app</label>'
      + '<input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6"><button>Verify</button></form>';
    window.shadowOtp = root.querySelector('input');
  }
});</script>`;
