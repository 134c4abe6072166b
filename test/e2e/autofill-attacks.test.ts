/**
 * Attacks on autofill by hostile pages and frames. http://localhost:PORT and http://127.0.0.1:PORT
 * are two sites (see autofill-helpers.ts); "B" is the account's site, "A" the attacker's. Site access
 * comes from the test copy of the manifest, as in autofill-inline.test.ts; everything else is shipped code.
 *
 * Negative results ("nothing was filled") are read only after a positive control in the same test
 * showed that the same path does fill when nothing is hidden, so a slow machine cannot make them pass.
 */
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUTO_SUBMIT_CODE_PAGE,
  buildWithSiteAccess,
  callFromTab,
  frameAt,
  framingPage,
  inContentWorld,
  InlineButton,
  pageServer,
  registeredScripts,
  until,
  wait,
  type PageServer,
} from './autofill-helpers';
import { launchExtension, type Extension } from './harness';
import { PIN, typePin } from './pin-helpers';
import { loadMessages, message } from './popup-helpers';

const en = loadMessages('en');
const TOTP_URI = 'otpauth://totp/Example%20Corp:alice?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example%20Corp';
const HOTP_URI = 'otpauth://hotp/Counter%20Co:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Counter%20Co&counter=0';
const GITHUB_URI = 'otpauth://totp/GitHub:alice?secret=MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK&issuer=GitHub';
const PROTON_URI = 'otpauth://totp/Proton:alice?secret=ONSWG4TFORZWK3DFNZSXE2LOMRSXG5DF&issuer=Proton';

describe('autofill under attack', () => {
  let ext: Extension;
  let site: PageServer;
  /** The account's site (B) and the attacker's (A). */
  let b: string;
  let a: string;
  let fillLabel: string;

  const settings = (patch: Record<string, unknown>) => callFromTab(ext, 'settings.set', patch);
  const received = (tag: string) => site.received.filter((r) => r.tag === tag);
  const openPage = async (url: string): Promise<Page> => {
    const page = await ext.context.newPage();
    await page.goto(url);
    return page;
  };
  const hotpCounter = async (): Promise<number> => {
    const accounts = (await callFromTab(ext, 'accounts.list', null)) as { issuer: string; counter: number }[];
    return accounts.find((x) => x.issuer === 'Counter Co')!.counter;
  };

  beforeAll(async () => {
    site = await pageServer();
    site.set('/code', AUTO_SUBMIT_CODE_PAGE);
    b = `http://localhost:${site.port}`;
    a = `http://127.0.0.1:${site.port}`;
    ext = await launchExtension({ dist: buildWithSiteAccess() });
    await callFromTab(ext, 'accounts.addUri', { uri: TOTP_URI, site: 'localhost' });
    await callFromTab(ext, 'accounts.addUri', { uri: GITHUB_URI, site: 'github.com' });
    await callFromTab(ext, 'accounts.addUri', { uri: PROTON_URI, site: 'proton.me' });
    fillLabel = message(en, 'fill_inline_one', 'Example Corp — alice');
    await settings({ inlineButton: true });
    await until('the inline script', () => registeredScripts(ext), (ids) => ids.length > 0);
  });

  afterAll(async () => {
    await ext?.close({ discard: true });
    await site?.close();
  });

  it('fill without asking: a page on another site framing the account’s site at opacity 0.01 gets nothing filled or posted', async () => {
    await settings({ autoFill: true });
    site.set('/frame-totp', framingPage(`${b}/code?tag=framed`, 'opacity:.01'));
    const attack = await openPage(`${a}/frame-totp`);
    const frame = await frameAt(attack, `${b}/code`);
    // Control: the same page on its own, top level, is filled without asking and posts its code.
    const control = await openPage(`${b}/code?tag=control`);
    await until('the control page to post its code', () => received('control'), (r) => r.length === 1);
    expect(received('framed')).toEqual([]);
    expect(await frame.locator('#otp').inputValue()).toBe('');
    await control.close();
    await attack.close();
  });

  it('a fill someone asks for (shortcut, menu) goes into a frame of another site only while that frame is visible', async () => {
    await settings({ autoFill: false });
    const askIn = async (style: string, tag: string): Promise<{ frame: Frame; outcome: unknown; page: Page }> => {
      site.set(`/frame-${tag}`, framingPage(`${b}/code?tag=${tag}`, style));
      const page = await openPage(`${a}/frame-${tag}`);
      const frame = await frameAt(page, `${b}/code`);
      await frame.locator('#otp').waitFor();
      // What the worker does for the shortcut or the menu: run the frame's fill entry point.
      const outcome = await inContentWorld(page, `globalThis.twostepFill(null)`, frame);
      return { frame, outcome, page };
    };
    const shown = await askIn('', 'asked-visible');
    expect(shown.outcome).toEqual({ filled: true, host: 'localhost' });
    await until('the visible frame to post its code', () => received('asked-visible'), (r) => r.length === 1);
    await shown.page.close();
    const hidden = await askIn('opacity:.01', 'asked-hidden');
    expect(hidden.outcome).toEqual({ filled: false, reason: 'hidden' });
    expect(await hidden.frame.locator('#otp').inputValue()).toBe('');
    expect(received('asked-hidden')).toEqual([]);
    await hidden.page.close();
  });

  it('HOTP: fifteen framed loads by another site leave the counter where it was', async () => {
    await settings({ autoFill: true });
    // The only account of 127.0.0.1, for this test only (the other tests use 127.0.0.1 as a site with none).
    const { id } = (await callFromTab(ext, 'accounts.addUri', { uri: HOTP_URI, site: '127.0.0.1' })) as { id: string };
    expect(await hotpCounter()).toBe(0);
    site.set('/frame-hotp', framingPage(`${a}/code?tag=hotp`, 'opacity:.01'));
    const page = await openPage(`${b}/frame-hotp`);
    // The top page's load event waits for its frame's; a frame that posted a code would have navigated.
    for (let i = 0; i < 15; i++) await page.reload({ waitUntil: 'load' });
    // Control: a TOTP page loaded after the last framed load is filled without asking, so the
    // inline script has had its chance in every frame above.
    const control = await openPage(`${b}/code?tag=hotp-control`);
    await until('the control page to post its code', () => received('hotp-control'), (r) => r.length === 1);
    // Nor does the top page of the HOTP account's own site fill it without a click.
    // (Not waiting for its field: a page that was filled has posted and shows the server's answer.)
    const own = await openPage(`${a}/code?tag=hotp-top`);
    await wait(1000);
    expect(received('hotp')).toEqual([]);
    expect(received('hotp-top')).toEqual([]);
    expect(await hotpCounter()).toBe(0);
    await Promise.all([control.close(), own.close(), page.close()]);
    await callFromTab(ext, 'accounts.remove', { id });
  });

  describe('a decoy under the inline button', () => {
    /** Clicks where the button is, and reports whether the code was posted under `tag`. */
    const clickButton = async (page: Page, tag: string, frame?: Frame): Promise<boolean> => {
      const button = new InlineButton(page, frame);
      await button.waitForText(fillLabel);
      // Long enough for IntersectionObserver v2 to have judged it (its delay is 100 ms).
      await wait(500);
      await button.click(fillLabel);
      try {
        await until(`a code posted by ${tag}`, () => received(tag), (r) => r.length > 0, 3000);
        return true;
      } catch {
        return false;
      }
    };

    it('a frame of the account’s site made transparent, or drawn over, by its embedder: the click does not fill', async () => {
      await settings({ autoFill: false });
      const decoy = `<button style="position:absolute;left:0;top:0;width:600px;height:300px">Claim your prize</button>`;
      // Control: the same frame, opaque, with the decoy beside it: the click on the real button fills.
      site.set('/decoy-control', framingPage(`${b}/code?tag=decoy-control`, ''));
      const control = await openPage(`${a}/decoy-control`);
      expect(await clickButton(control, 'decoy-control', await frameAt(control, `${b}/code`))).toBe(true);
      await control.close();
      // Attack: the frame at opacity 0.01 above a decoy; the user sees the decoy and clicks "it".
      site.set('/decoy-frame', framingPage(`${b}/code?tag=decoy-frame`, 'opacity:.01;z-index:1', decoy));
      const page = await openPage(`${a}/decoy-frame`);
      expect(await clickButton(page, 'decoy-frame', await frameAt(page, `${b}/code`))).toBe(false);
      await page.close();
      // Attack: the frame opaque, but the embedder draws a decoy over it that lets clicks through.
      const over = `<div style="position:absolute;left:0;top:0;width:600px;height:300px;z-index:2;pointer-events:none;background:#fc0">Claim your prize</div>`;
      site.set('/decoy-over', framingPage(`${b}/code?tag=decoy-over`, '', over));
      const covered = await openPage(`${a}/decoy-over`);
      expect(await clickButton(covered, 'decoy-over', await frameAt(covered, `${b}/code`))).toBe(false);
      await covered.close();
    });

    it.each([
      // The page restyles our host element (it can reach the element, not what is inside it).
      ['host-opacity', `new MutationObserver(()=>{const h=document.querySelector('twostep-fill');if(h&&!h.dataset.t){h.dataset.t=1;h.style.setProperty('opacity','0.01','important')}}).observe(document.documentElement,{childList:true})`, ''],
      // Opacity and filters on an ancestor: the whole document.
      ['ancestor-opacity', '', 'html{opacity:.01}'],
      ['ancestor-filter', '', 'html{filter:opacity(.01)}'],
      // The page's own top-layer element drawn over the button, letting clicks through to it.
      [
        'cover',
        `new MutationObserver(()=>{const h=document.querySelector('twostep-fill');if(h&&!document.getElementById('c')){const c=document.createElement('div');c.id='c';c.popover='manual';c.textContent='Claim your prize';c.style.cssText='position:fixed;inset:0;margin:0;width:100vw;height:100vh;pointer-events:none;background:#fc0;border:0';document.body.append(c);c.showPopover()}}).observe(document.documentElement,{childList:true})`,
        '',
      ],
    ])('%s: a trusted click where the button is does not fill', async (tag, script, css) => {
      await settings({ autoFill: false });
      site.set(`/${tag}`, AUTO_SUBMIT_CODE_PAGE.replace('<script>', `<style>${css}</style><script>${script};`));
      const page = await openPage(`${b}/${tag}?tag=${tag}`);
      expect(await clickButton(page, tag)).toBe(false);
      expect(await page.locator('#otp').inputValue()).toBe('');
      await page.close();
    });
  });

  it('a page that names one issuer after another learns nothing of which accounts the user has', async () => {
    await settings({ autoFill: false });
    const names = ['GitHub', 'Zebra Bank', 'Proton', 'Nonexistent Co', 'Example Corp'];
    // The page shows the issuer names itself; what it looks for is text it did not write.
    const probes = ['github.com', 'proton.me', 'localhost', 'Twostep', 'This is not'];
    site.set(
      '/spy',
      `<!doctype html><meta charset="utf-8"><title>Sign in</title><h1>Sign in</h1><div id="slot"></div>
<script>
const mine = new WeakSet();
const foreign = [];
new MutationObserver((rs) => { for (const r of rs) for (const n of r.addedNodes) if (n.nodeType === 1 && !mine.has(n)) foreign.push(n.nodeName); })
  .observe(document, { childList: true, subtree: true, attributes: true });
window.show = (name) => {
  document.title = 'Sign in to ' + name;
  document.querySelector('h1').textContent = 'Sign in to ' + name;
  const input = document.createElement('input');
  input.id = 'otp'; input.autocomplete = 'one-time-code'; input.inputMode = 'numeric'; input.maxLength = 6;
  const label = document.createElement('label');
  label.htmlFor = 'otp'; label.textContent = 'Enter the code from your ' + name + ' authenticator app';
  for (const n of [input, label]) mine.add(n);
  document.getElementById('slot').replaceChildren(label, input);
  input.focus();
};
window.look = (probes) => {
  const found = probes.filter((p) => { getSelection().removeAllRanges(); return window.find(p, false, false, true); });
  return { foreign: foreign.slice(), elements: document.querySelectorAll('*').length, width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight, found };
};
</script>`,
    );
    const page = await openPage(`${a}/spy`);
    const seen: unknown[] = [];
    for (const name of names) {
      await page.evaluate((n) => (window as unknown as { show(n: string): void }).show(n), name);
      // The inline script looks again after DOM changes settle (250 ms) and asks the worker.
      await wait(1500);
      seen.push(await page.evaluate((p) => (window as unknown as { look(p: string[]): unknown }).look(p), probes));
    }
    expect(seen).toEqual(names.map(() => seen[0]));
    expect(seen[0]).toMatchObject({ foreign: [], found: [] });
    await page.close();
  });

  it('keys typed into the inline button do not reach the page’s listeners', async () => {
    await settings({ autoFill: false });
    const listen = `window.keys=[];for(const t of ['keydown','keyup','keypress','input','focusin','focusout','focus','blur']){
for(const [o,c] of [[window,true],[window,false],[document,true],[document,false]])o.addEventListener(t,(e)=>{if(e.target!==otp&&e.target!==window&&e.target!==document)keys.push((c?'capture ':'')+t+' '+(e.key??''))},c)}`;
    site.set('/keys', AUTO_SUBMIT_CODE_PAGE.replace('<script>', `<script>${listen};`));
    const page = await openPage(`${b}/keys?tag=keys`);
    const button = new InlineButton(page);
    await button.waitForText(fillLabel);
    await wait(500);
    await button.focus(fillLabel);
    for (const key of ['ArrowDown', 'ArrowUp', 'a', 'Shift']) await page.keyboard.press(key);
    expect(await page.evaluate(() => (window as unknown as { keys: string[] }).keys)).toEqual([]);
    // The keys did reach the button: Enter presses it (the browser's own action for a focused button), and it fills.
    await page.keyboard.press('Enter');
    await until('the code posted from the keyboard', () => received('keys'), (r) => r.length === 1);
    await page.close();
  });

  it('on a page with no account no element of Twostep appears in the page', async () => {
    await settings({ autoFill: false });
    const none = await openPage(`${a}/code?tag=none`);
    // Control: the account's own page shows the button.
    const own = await openPage(`${b}/code?tag=own`);
    await new InlineButton(own).waitForText(fillLabel);
    await none.locator('#otp').focus();
    await wait(500);
    expect(await new InlineButton(none).present()).toBe(false);
    await Promise.all([none.close(), own.close()]);
  });

  describe('locked', () => {
    beforeAll(async () => {
      await callFromTab(ext, 'vault.setPin', { next: PIN, kind: 'pin', current: null });
    });

    const unlockWindows = (): Page[] => ext.context.pages().filter((p) => p.url().includes('window=unlock') && !p.isClosed());

    it('a frame that navigated while the PIN was typed gets nothing; the one that stayed is filled', async () => {
      await settings({ autoFill: false });
      await callFromTab(ext, 'vault.lock', null);
      const frame = (tag: string) => `<iframe src="${b}/code?tag=${tag}" style="width:500px;height:260px;border:0"></iframe>`;
      site.set('/nav', `<!doctype html><meta charset="utf-8"><title>Two frames</title>${frame('nav-stay')}${frame('nav-first')}`);
      const page = await openPage(`${a}/nav`);
      const [stay, first] = await Promise.all([frameAt(page, `${b}/code?tag=nav-stay`), frameAt(page, `${b}/code?tag=nav-first`)]);
      await Promise.all([stay.locator('#otp').waitFor(), first.locator('#otp').waitFor()]);
      const opened = ext.context.waitForEvent('page', (p) => p.url().includes('window=unlock'));
      // Both ask, as the fill shortcut makes every frame do: one window, both remembered by document.
      const asked = await Promise.all([stay, first].map((f) => inContentWorld(page, `globalThis.twostepFill(null)`, f)));
      expect(asked).toEqual([
        { filled: false, reason: 'locked' },
        { filled: false, reason: 'locked' },
      ]);
      const unlock = await opened;
      // The page puts another document of the same site into the second frame while the user types.
      await page.evaluate((url) => (document.querySelectorAll('iframe')[1]!.src = url), `${b}/code?tag=nav-second`);
      const second = await frameAt(page, `${b}/code?tag=nav-second`);
      await second.locator('#otp').waitFor();
      await unlock.waitForLoadState();
      await typePin(unlock, PIN);
      // Control: the frame that stayed gets its code (and posts it), so the message went out.
      await until('the frame that stayed to post its code', () => received('nav-stay'), (r) => r.length === 1);
      await wait(500);
      expect(received('nav-second')).toEqual([]);
      expect(await second.locator('#otp').inputValue()).toBe('');
      await page.close();
    });

    it('while locked, a page with a code field of the account’s site shows nothing', async () => {
      await settings({ autoFill: true });
      await callFromTab(ext, 'vault.lock', null);
      const page = await openPage(`${b}/code?tag=locked-quiet`);
      await page.locator('#otp').focus();
      await wait(1000);
      expect(await new InlineButton(page).present()).toBe(false);
      expect(await page.locator('#otp').inputValue()).toBe('');
      await page.close();
    });

    it('several frames asking to unlock at once open one window', async () => {
      await callFromTab(ext, 'vault.lock', null);
      const frames = [1, 2, 3, 4].map((i) => `<iframe src="${a}/code?tag=many-${i}" style="position:static;width:300px;height:200px"></iframe>`).join('');
      site.set('/many', `<!doctype html><meta charset="utf-8"><title>Many</title>${frames}`);
      const page = await openPage(`${b}/many`);
      const all = await Promise.all([1, 2, 3, 4].map((i) => frameAt(page, `${a}/code?tag=many-${i}`)));
      await Promise.all(all.map((f) => f.locator('#otp').waitFor()));
      const ask = `chrome.runtime.sendMessage({ twostep: 1, method: 'fill.unlock', arg: null })`;
      await Promise.all(all.map((f) => inContentWorld(page, ask, f)));
      await until('an unlock window', () => unlockWindows().length, (n) => n >= 1);
      await wait(1000);
      expect(unlockWindows()).toHaveLength(1);
      const [unlock] = unlockWindows();
      await unlock!.waitForLoadState();
      await typePin(unlock!, PIN);
      await until('the unlock window to close', () => unlock!.isClosed(), (c) => c);
      await page.close();
    });
  });
});
