/**
 * Autofill from the popup (issue 5), end to end: the built extension, the real toolbar popup over a
 * real tab (activeTab as a user's click grants it), and the demo site, which checks codes for real.
 * The demo server listens on 127.0.0.1; http://localhost:PORT is the same server on another site, which
 * stands in for a look-alike domain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { BUILD, callFromTab, clickRow, embeddingPage, frameAt, inPopup, signIn, submitCode, until, wait } from './autofill-helpers';
import { launchExtension, type Extension } from './harness';
import { hotpAt, loadMessages, message, totpAround } from './popup-helpers';
import { clickAction } from './scan-helpers';

const en = loadMessages('en');
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const HOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('autofill from the popup', () => {
  let ext: Extension;
  let demo: DemoServer;
  let local: string;
  let other: string;

  beforeAll(async () => {
    demo = await startDemoServer({ secret: TOTP_SECRET, hotpSecret: HOTP_SECRET });
    local = `http://localhost:${demo.port}`;
    other = `http://127.0.0.1:${demo.port}`;
    ext = await launchExtension({ dist: BUILD });
    // Both accounts as enrolment from the demo site leaves them: bound to the site they came from.
    for (const uri of [demo.state.totpUri, demo.state.hotpUri]) await callFromTab(ext, 'accounts.addUri', { uri, site: 'localhost' });
    // A fill closes the popup by default (popup-signin.test.ts); kept open here to read where the code went.
    await callFromTab(ext, 'settings.set', { keepPopupOpen: true });
  });

  afterAll(async () => {
    await ext?.close({ discard: true });
    await demo?.close();
  });

  it('fills the "Enter code" step after the password, and the site accepts the code', async () => {
    const page = await ext.context.newPage();
    await signIn(page, local);
    const popup = await clickAction(ext, page);
    expect(await inPopup(popup, `!!document.querySelector('[data-testid=lookalike-warning]')`)).toBe(false);
    // The popup says which site got the code (a frame of another site could be the one that did).
    expect(await clickRow(popup)).toBe(message(en, 'filled_on', 'localhost'));
    const code = await page.locator('#otp').inputValue();
    expect(totpAround({ secret: TOTP_SECRET })).toContain(code);
    expect(await submitCode(page)).toBe('true');
    await page.close();
  });

  it('fills split boxes one digit each, in order', async () => {
    const page = await ext.context.newPage();
    await signIn(page, local, true);
    const popup = await clickAction(ext, page);
    expect(await clickRow(popup)).toBe(message(en, 'filled_on', 'localhost'));
    const digits = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => page.locator(`#d${i}`).inputValue()));
    expect(digits.every((d) => /^\d$/.test(d))).toBe(true);
    expect(totpAround({ secret: TOTP_SECRET })).toContain(digits.join(''));
    expect(await submitCode(page)).toBe('true');
    await page.close();
  });

  it('HOTP: each fill uses the next counter once, stores the advance, and the site accepts it', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${local}/hotp`);
    const counterOf = async (): Promise<number> => {
      const accounts = (await callFromTab(ext, 'accounts.list', null)) as { kind: string; counter: number }[];
      return accounts.find((a) => a.kind === 'hotp')!.counter;
    };
    for (const counter of [0, 1]) {
      expect(await counterOf()).toBe(counter);
      const popup = await clickAction(ext, page);
      expect(await clickRow(popup, 'hotp')).toBe(message(en, 'filled_on', 'localhost'));
      expect(await page.locator('#hotp-code').inputValue()).toBe(hotpAt({ secret: HOTP_SECRET }, counter));
      expect(await counterOf()).toBe(counter + 1);
      expect(await submitCode(page)).toBe('true');
      expect(await page.locator('#result').getAttribute('data-counter')).toBe(String(counter + 1));
    }
    await page.close();
  });

  it('a look-alike site gets nothing, and the popup says whose site it is not', async () => {
    const page = await ext.context.newPage();
    // Same page, same title naming "Example Corp", but on 127.0.0.1: not the account's site.
    await page.goto(`${other}/login/code`);
    const popup = await clickAction(ext, page);
    const warning = (await inPopup(popup, `document.querySelector('[data-testid=lookalike-warning] strong')?.textContent ?? null`)) as string | null;
    expect(warning).toBe(message(en, 'lookalike_warning', 'localhost'));
    // Clicking the account copies nothing yet: it asks first, naming the account's real site.
    await inPopup(popup, `document.querySelector('[data-testid=account-row][data-kind=totp] [data-testid=copy-button]').click(), true`);
    const ask = await until(
      'the confirmation',
      () => popup.evaluate(`document.querySelector('[data-testid=lookalike-confirm] p')?.textContent ?? ''`) as Promise<string>,
      (text) => text !== '',
    );
    expect(ask).toBe(message(en, 'lookalike_confirm', 'localhost', 'Example Corp'));
    expect(await popup.evaluate(`document.querySelector('[data-testid=toast]').textContent`)).toBe('');
    // Confirmed: it copies, and still fills nothing.
    await popup.evaluate(`document.querySelector('[data-testid=lookalike-copy]').click(), true`);
    const toast = await until('the toast', () => popup.evaluate(`document.querySelector('[data-testid=toast]').textContent`) as Promise<string>, (t) => t !== '');
    expect([message(en, 'copied'), message(en, 'copy_failed')]).toContain(toast);
    // Asked directly, the worker refuses: the frame's own origin decides, not what the popup believes.
    const id = (await inPopup(popup, `document.querySelector('[data-testid=account-row][data-kind=totp]').dataset.id`)) as string;
    const reply = (await popup.evaluate(`chrome.runtime.sendMessage({ twostep: 1, method: 'fill.inTab', arg: { id: ${JSON.stringify(id)} } })`)) as {
      ok: boolean;
      error?: { code: string };
    };
    expect(reply).toEqual({ ok: false, error: { code: 'forbidden', detail: 'site' } });
    await wait(300);
    expect(await page.locator('#otp').inputValue()).toBe('');
    await page.close();
  });

  it('a cross-site frame inside the account’s site gets nothing of that account', async () => {
    const page = await ext.context.newPage();
    // A page on localhost (the account's site) embedding the code step from 127.0.0.1 (another site).
    const embed = await embeddingPage(`${other}/login/code`);
    await page.goto(embed.url);
    const frame = await frameAt(page, `${other}/login/code`);
    await frame.locator('#otp').waitFor();
    const popup = await clickAction(ext, page);
    // The popup sees the top page (localhost), where the account belongs, and offers to fill...
    expect(await inPopup(popup, `!!document.querySelector('[data-testid=lookalike-warning]')`)).toBe(false);
    const toast = await clickRow(popup);
    // ...but the only code field is the other site's frame, which gets nothing.
    expect(toast).not.toContain(message(en, 'filled'));
    await wait(300);
    expect(await frame.locator('#otp').inputValue()).toBe('');
    await page.close();
    await embed.close();
  });
});
