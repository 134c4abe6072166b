/**
 * The inline button on pages that change under it (issue "The sign-in moment", classes 3-5): the same
 * input switched to backup-code mode by its text alone, fields in shadow roots that appear after load,
 * and where the button is drawn (inside the viewport, and nowhere before it is in place).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildWithSiteAccess, callFromTab, InlineButton, pageServer, pollValue, registeredScripts, until, wait, type PageServer } from './autofill-helpers';
import { launchExtension, type Extension } from './harness';
import { loadMessages, message, totpAround } from './popup-helpers';
import { clickAction } from './scan-helpers';

const en = loadMessages('en');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const HEAD = '<!doctype html><meta charset="utf-8"><title>Sign in</title><style>body{margin:0;font:16px system-ui}main{padding:16px}</style>';

/** App mode; `window.toBackup()` switches the same input to backup codes by changing words only. */
const SWITCHING = `${HEAD}<main><h1>Two-factor authentication</h1>
<p id="say">Enter the code from your authenticator app.</p>
<label for="otp" id="lab">Authentication code</label>
<input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="10"><button>Verify</button></main>
<script>
window.toBackup = (how) => {
  const say = document.getElementById('say');
  if (how === 'text-node') say.firstChild.data = 'Enter one of your backup codes.';
  else say.textContent = 'Enter one of your backup codes.';
  document.getElementById('lab').firstChild.data = 'Backup code';
};
window.toApp = () => {
  document.getElementById('say').textContent = 'Enter the code from your authenticator app.';
  document.getElementById('lab').textContent = 'Authentication code';
};
</script>`;

const SHADOW_FIELD = `'<p>Enter the code from your authenticator app.</p><input id="c" name="code" autocomplete="one-time-code" inputmode="numeric" maxlength="6">'`;

/** Shadow-only fields arriving after load, three ways; each page's `value()` reads its field. */
const LATE: Record<string, string> = {
  // A host inserted after load (a change in the document).
  inserted: `${HEAD}<main id="m"><h1>Sign in</h1></main><script>
customElements.define('mfa-step', class extends HTMLElement { constructor() { super(); const r = this.attachShadow({ mode: 'closed' }); r.innerHTML = ${SHADOW_FIELD}; window.value = () => r.getElementById('c').value; } });
setTimeout(() => document.getElementById('m').append(document.createElement('mfa-step')), 600);</script>`,
  // A host whose shadow root (open) is filled only later: the document itself never changes.
  'rendered inside the root': `${HEAD}<main><h1>Sign in</h1><mfa-step></mfa-step></main><script>
customElements.define('mfa-step', class extends HTMLElement { constructor() { super(); const r = this.attachShadow({ mode: 'open' }); r.innerHTML = '<p>Loading…</p>'; setTimeout(() => { r.innerHTML = ${SHADOW_FIELD}; }, 600); window.value = () => r.getElementById('c').value; } });</script>`,
  // A closed root inside another closed root, its content rendered later.
  'nested closed roots': `${HEAD}<main><login-card></login-card></main><script>
customElements.define('code-box', class extends HTMLElement { constructor() { super(); const r = this.attachShadow({ mode: 'closed' }); setTimeout(() => { r.innerHTML = ${SHADOW_FIELD}; }, 600); window.value = () => r.getElementById('c').value; } });
customElements.define('login-card', class extends HTMLElement { constructor() { super(); this.attachShadow({ mode: 'closed' }).innerHTML = '<h2>Two-step verification</h2><div><code-box></code-box></div>'; } });</script>`,
};

/** A field as tall as the viewport, from its top edge (no room above or below); the page records every frame's position of the button's host. */
const TALL = `${HEAD}<input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6" aria-label="Authentication code"
  style="position:absolute;top:0;left:0;margin:0;width:320px;height:100vh;box-sizing:border-box">
<main style="margin-left:340px"><h1>Two-step verification</h1><p>Enter the code from your authenticator app.</p></main>
<script>
window.seen = [];
new MutationObserver(() => {
  const host = document.querySelector('twostep-fill');
  if (!host || window.watching) return;
  window.watching = true;
  const look = () => {
    const r = host.getBoundingClientRect();
    if (getComputedStyle(host).visibility === 'visible') window.seen.push({ top: r.top, left: r.left, bottom: r.bottom, right: r.right });
    if (window.seen.length < 30) requestAnimationFrame(look);
  };
  look();
}).observe(document.documentElement, { childList: true });
</script>`;

describe('the inline button on pages that change', () => {
  let ext: Extension;
  let server: PageServer;
  let origin: string;
  let id: string;
  let fillLabel: string;

  beforeAll(async () => {
    server = await pageServer();
    server.set('/switching', SWITCHING);
    server.set('/tall', TALL);
    for (const [name, html] of Object.entries(LATE)) server.set(`/late/${encodeURIComponent(name)}`, html);
    // Upgraded when its definition arrives after load: attaching a shadow root is no DOM mutation.
    server.set(
      '/late/defined',
      `${HEAD}<main><h1>Sign in</h1><mfa-step style="display:block;min-height:60px"></mfa-step></main><script>
setTimeout(() => customElements.define('mfa-step', class extends HTMLElement { constructor() { super(); const r = this.attachShadow({ mode: 'closed' }); r.innerHTML = ${SHADOW_FIELD}; window.value = () => r.getElementById('c').value; } }), 600);</script>`,
    );
    origin = `http://localhost:${server.port}`;
    ext = await launchExtension({ dist: buildWithSiteAccess() });
    const uri = `otpauth://totp/Example:alice?secret=${SECRET}&issuer=Example`;
    const account = (await callFromTab(ext, 'accounts.addUri', { uri, site: 'localhost' })) as { id: string; issuer: string; name: string };
    id = account.id;
    fillLabel = message(en, 'fill_inline_one', `${account.issuer} — ${account.name}`);
    await callFromTab(ext, 'settings.set', { inlineButton: true });
    expect(await pollValue(() => registeredScripts(ext), (ids) => ids.length > 0)).toEqual(['twostep-fill-inline']);
  });

  afterAll(async () => {
    await ext?.close({ discard: true });
    await server?.close();
  });

  const open = async (path: string): Promise<{ page: Page; button: InlineButton }> => {
    const page = await ext.context.newPage();
    await page.goto(`${origin}${path}`, { waitUntil: 'load' });
    return { page, button: new InlineButton(page) };
  };
  const gone = (button: InlineButton): Promise<boolean> => until('the button to go', () => button.present(), (p) => !p);

  for (const how of ['element text', 'text-node'] as const) {
    it(`switched to backup codes (${how} changed), the button goes; the popup refuses; back in app mode it returns`, async () => {
      const { page, button } = await open('/switching');
      await button.waitForText(fillLabel);
      await page.evaluate((h) => (window as unknown as { toBackup(h: string): void }).toBackup(h), how);
      await gone(button);
      const popup = await clickAction(ext, page);
      const reply = await popup.evaluate(`chrome.runtime.sendMessage({ twostep: 1, method: 'fill.inTab', arg: { id: ${JSON.stringify(id)} } })`);
      expect(reply).toEqual({ ok: true, value: { filled: false, host: null } });
      expect(await page.locator('#otp').inputValue()).toBe('');
      await page.evaluate(() => (window as unknown as { toApp(): void }).toApp());
      await button.waitForText(fillLabel);
      await page.close();
    });
  }

  it('a click that comes as the page switches to backup codes fills nothing', async () => {
    const { page, button } = await open('/switching');
    await button.waitForText(fillLabel);
    // The page switches the moment the pointer goes down on the button, before any re-check could run.
    await page.evaluate(() => addEventListener('pointerdown', () => (window as unknown as { toBackup(h: string): void }).toBackup('element text'), true));
    await button.click(fillLabel);
    await gone(button);
    await wait(300);
    expect(await page.locator('#otp').inputValue()).toBe('');
    await page.close();
  });

  for (const name of Object.keys(LATE)) {
    it(`a field only in a shadow root, arriving after load (${name}): the button appears and fills`, async () => {
      const { page, button } = await open(`/late/${encodeURIComponent(name)}`);
      await button.waitForText(fillLabel);
      await button.click(fillLabel);
      // The page's own handle on its (closed) root reads the field.
      const code = await pollValue(() => page.evaluate(() => (window as unknown as { value(): string }).value()), (v) => v !== '');
      expect(totpAround({ secret: SECRET })).toContain(code);
      await page.close();
    });
  }

  it('a field in an element defined only after load (no change the page watcher could see): the button appears when the user clicks into it', async () => {
    const { page, button } = await open('/late/defined');
    const host = page.locator('mfa-step');
    await until('the element to be upgraded', () => page.evaluate(() => typeof (window as unknown as { value?: unknown }).value), (t) => t === 'function');
    const box = (await host.boundingBox())!;
    await page.mouse.click(box.x + 20, box.y + box.height - 10);
    await button.waitForText(fillLabel);
    await button.click(fillLabel);
    const code = await pollValue(() => page.evaluate(() => (window as unknown as { value(): string }).value()), (v) => v !== '');
    expect(totpAround({ secret: SECRET })).toContain(code);
    await page.close();
  });

  it('beside a field as tall as the viewport it stays on screen, and is drawn only where it belongs', async () => {
    const { page, button } = await open('/tall');
    await button.waitForText(fillLabel);
    const { x, y } = await button.center(fillLabel);
    const view = page.viewportSize()!;
    expect(y).toBeGreaterThan(0);
    expect(y).toBeLessThan(view.height);
    expect(x).toBeLessThan(view.width);
    // Every frame in which the page could see it drawn, it was by the field (left edges together),
    // inside the viewport: never first at the top left and then moved.
    const seen = await until('frames with the button', () => page.evaluate(() => (window as unknown as { seen: DOMRectInit[] }).seen), (s) => s.length >= 5);
    const field = (await page.locator('#otp').boundingBox())!;
    for (const r of seen as { top: number; left: number; bottom: number }[]) {
      expect(Math.abs(r.left - field.x)).toBeLessThan(2);
      expect(r.top).toBeGreaterThanOrEqual(0);
      expect(r.bottom).toBeLessThanOrEqual(view.height);
    }
    await button.click(fillLabel);
    expect(totpAround({ secret: SECRET })).toContain(await pollValue(() => page.locator('#otp').inputValue(), (v) => v !== ''));
    await page.close();
  });
});
