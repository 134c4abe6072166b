/**
 * The inline "Fill code" button (issue 5), end to end with the demo site. Site access comes from a
 * test copy of the manifest (see autofill-helpers.ts: a headless browser cannot answer the permission
 * prompt); the setting is turned on through the protocol, and everything after that is the shipped code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import {
  buildWithSiteAccess,
  callFromTab,
  embeddingPage,
  frameAt,
  inContentWorld,
  InlineButton,
  pollValue,
  registeredScripts,
  signIn,
  submitCode,
  wait,
} from './autofill-helpers';
import { launchExtension, type Extension } from './harness';
import { PIN, typePin } from './pin-helpers';
import { loadMessages, message, totpAround } from './popup-helpers';

const en = loadMessages('en');
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

describe('the inline Fill button', () => {
  let ext: Extension;
  let demo: DemoServer;
  let local: string;
  let other: string;
  let id: string;
  let fillLabel: string;

  beforeAll(async () => {
    demo = await startDemoServer({ secret: TOTP_SECRET });
    local = `http://localhost:${demo.port}`;
    other = `http://127.0.0.1:${demo.port}`;
    ext = await launchExtension({ dist: buildWithSiteAccess() });
    const account = (await callFromTab(ext, 'accounts.addUri', { uri: demo.state.totpUri, site: 'localhost' })) as { id: string; issuer: string; name: string };
    id = account.id;
    fillLabel = message(en, 'fill_inline_one', `${account.issuer} — ${account.name}`);
    await callFromTab(ext, 'settings.set', { inlineButton: true });
    expect(await pollValue(() => registeredScripts(ext), (ids) => ids.length > 0)).toEqual(['twostep-fill-inline']);
  });

  afterAll(async () => {
    await ext?.close({ discard: true });
    await demo?.close();
  });

  it('appears beside the "Enter code" field, names the account, and fills a code the site accepts', async () => {
    const page = await ext.context.newPage();
    await signIn(page, local);
    const button = new InlineButton(page);
    await button.waitForText(fillLabel);
    expect(await page.locator('#otp').inputValue()).toBe('');
    await button.click(fillLabel);
    const code = await pollValue(() => page.locator('#otp').inputValue(), (v) => v !== '');
    expect(totpAround({ secret: TOTP_SECRET })).toContain(code);
    // Filled: the button is gone, and the code is nowhere in the page but the field.
    expect(await button.texts()).toEqual([]);
    expect(await submitCode(page)).toBe('true');
    await page.close();
  });

  it('on a look-alike site it shows nothing and fills nothing (the warning is the popup’s)', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${other}/login/code`);
    // Control: the account's own site shows the button in the same time.
    const own = await ext.context.newPage();
    await signIn(own, local);
    await new InlineButton(own).waitForText(fillLabel);
    expect(await new InlineButton(page).present()).toBe(false);
    expect(await page.locator('#otp').inputValue()).toBe('');
    await Promise.all([page.close(), own.close()]);
  });

  it('a cross-site frame never gets the top site’s code, even when it asks for it by id', async () => {
    const embed = await embeddingPage(`${other}/login/code`);
    const page = await ext.context.newPage();
    await page.goto(embed.url);
    const frame = await frameAt(page, `${other}/login/code`);
    // What a content script in that frame gets when it asks outright: candidates for its own site only, and no code.
    const candidates = (await inContentWorld(page, `chrome.runtime.sendMessage({ twostep: 1, method: 'fill.candidates', arg: null })`, frame)) as {
      value: { site: string; accounts: unknown[] };
    };
    expect(candidates.value.site).toBe('127.0.0.1');
    expect(candidates.value.accounts).toEqual([]);
    const reply = await inContentWorld(page, `chrome.runtime.sendMessage({ twostep: 1, method: 'fill.code', arg: { id: ${JSON.stringify(id)}, asked: true } })`, frame);
    expect(reply).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await frame.locator('#otp').inputValue()).toBe('');
    // The top page (localhost, the account's site) may have the code; it simply has no field for it.
    const top = (await inContentWorld(page, `chrome.runtime.sendMessage({ twostep: 1, method: 'fill.code', arg: { id: ${JSON.stringify(id)}, asked: true } })`)) as {
      ok: boolean;
    };
    expect(top.ok).toBe(true);
    await page.close();
    await embed.close();
  });

  it('fills without asking when the user chose that and one account matches', async () => {
    const settings = await ext.openPopup();
    await settings.getByTestId('settings-button').click();
    await settings.getByTestId('setting-auto-fill').check();
    await expect.poll(async () => ((await callFromTab(ext, 'settings.get', null)) as { autoFill: boolean }).autoFill).toBe(true);
    await settings.close();

    const page = await ext.context.newPage();
    await signIn(page, local);
    const code = await pollValue(() => page.locator('#otp').inputValue(), (v) => v !== '');
    expect(totpAround({ secret: TOTP_SECRET })).toContain(code);
    expect(await submitCode(page)).toBe('true');
    await page.close();
  });

  it('while locked it shows nothing; asked (shortcut, menu) it opens the unlock window and fills once the PIN is in (even if the worker stopped meanwhile)', async () => {
    await callFromTab(ext, 'vault.setPin', { next: PIN, kind: 'pin', current: null });
    await callFromTab(ext, 'vault.lock', null);

    const page = await ext.context.newPage();
    await signIn(page, local);
    const button = new InlineButton(page);
    // Locked: a page with a code field learns nothing, not even that Twostep is installed.
    await page.locator('#otp').focus();
    await wait(500);
    expect(await button.present()).toBe(false);
    const opened = ext.context.waitForEvent('page', (p) => p.url().includes('window=unlock'));
    // What the worker runs in each frame for the fill shortcut or the context menu.
    expect(await inContentWorld(page, `globalThis.twostepFill(null)`)).toEqual({ filled: false, reason: 'locked' });
    const unlock = await opened;
    await unlock.waitForLoadState();
    await expect.poll(() => unlock.getByTestId('unlock-input').isVisible(), { timeout: 10_000 }).toBe(true);
    // The document waiting to be filled is remembered in session storage, not in the worker's memory,
    // so a worker stopped while the user reads the window and types the PIN loses nothing. (Not stopped
    // earlier: Chrome never stops a worker inside its own `windows.create` call, and a test that kills it
    // there can leave the new window blank, which no user meets.)
    await ext.stopWorker();
    await typePin(unlock, PIN);
    const code = await pollValue(() => page.locator('#otp').inputValue(), (v) => v !== '', 15_000);
    expect(totpAround({ secret: TOTP_SECRET })).toContain(code);
    expect(await submitCode(page)).toBe('true');
    await pollValue(() => Promise.resolve(unlock.isClosed()), (c) => c);
    expect(unlock.isClosed()).toBe(true);
    await page.close();
  });
});
