/**
 * QR enrolment end to end (issue 4): the built extension in Chromium, the demo site on two origins.
 * The user clicks the toolbar button over the set-up page, then "Scan QR code on this page"; the
 * picker reads the code from a capture of the tab; the preview in the page's closed shadow root is
 * confirmed; the account exists with the right parameters and site, and its code from the popup is
 * accepted by the demo server. Also: a non-authenticator QR, a migration batch, Microsoft's push QR,
 * Esc, and a worker stopped between the steps. At device scale factor 1 and 2.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { launchExtension, type Extension } from './harness';
import { codeIn, loadMessages, message, rowOf, send } from './popup-helpers';
import { PickerView, scanFromPopup } from './scan-helpers';
import { migrationUri } from './scan-migration';

const en = loadMessages('en');
const FIRST_EXPORT =
  'otpauth-migration://offline?data=CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpGgtyYXNwYmVycnlwaSABKAEwAhABGAEgACjr4JKK%2B%2F%2F%2F%2F%2F8B';
const MICROSOFT_PUSH = 'phonefactor://activate_account?code=123456789&url=https://mobileappcommunicator.auth.microsoft.com/activate/123456789/WEU';

interface StoredAccount {
  id: string;
  kind: string;
  issuer: string;
  name: string;
  algorithm: string;
  digits: number;
  period: number;
  sites: string[];
}

type Variant = 'img' | 'cross-origin' | 'canvas' | 'svg' | 'background';
const VARIANTS: Variant[] = ['img', 'cross-origin', 'canvas', 'svg', 'background'];

let run = 0;
/** A URL no other tab has, so the toolbar click finds exactly this tab. */
const unique = (url: string): string => `${url}${url.includes('?') ? '&' : '?'}run=${++run}`;

/** A second square image far from the QR code, so the picker cannot offer the one candidate and waits for a click. */
async function addDecoy(page: Page): Promise<void> {
  await page.evaluate(() => {
    const decoy = document.createElement('canvas');
    decoy.width = decoy.height = 64;
    decoy.style.cssText = 'position:fixed;right:24px;bottom:24px;background:#ccd';
    document.body.append(decoy);
  });
}

/** The QR element's centre, as the user would click it. */
async function qrCentre(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator('#qr-img, #qr-canvas, #qr-svg, #qr-bg').first().boundingBox();
  if (!box) throw new Error('no QR element');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

for (const scale of [1, 2]) {
  describe(`QR enrolment at device scale factor ${scale}`, () => {
    let ext: Extension;
    let other: DemoServer;
    let popup: Page;

    beforeAll(async () => {
      ext = await launchExtension({ deviceScaleFactor: scale });
      other = await startDemoServer();
      popup = await ext.openPopup();
    });
    afterAll(async () => {
      await other.close();
      await ext.close({ discard: true });
    });

    const listed = async (): Promise<StoredAccount[]> => {
      const reply = (await send(popup, 'accounts.list', null)) as { ok: boolean; value: StoredAccount[] };
      if (!reply.ok) throw new Error('accounts.list failed');
      return reply.value;
    };

    /** Opens a page in a tab of its own and starts a scan on it through the toolbar popup. */
    async function openAndScan(url: string, decoy: boolean): Promise<{ page: Page; picker: PickerView }> {
      const page = await ext.context.newPage();
      await page.goto(unique(url));
      if (decoy) await addDecoy(page);
      await scanFromPopup(ext, page);
      return { page, picker: new PickerView(page) };
    }

    for (const variant of VARIANTS) {
      // At scale 1 the user clicks the code among two candidates; at 2 the only one is offered at once.
      it(`adds the account from a QR code shown as ${variant}${scale === 1 ? ', clicked' : ', offered at once'}`, async () => {
        const site = await startDemoServer();
        try {
          const query = variant === 'cross-origin' ? `as=cross-origin&origin=${encodeURIComponent(`http://localhost:${other.port}`)}` : `as=${variant}`;
          const { page, picker } = await openAndScan(`${site.url}/setup?${query}`, scale === 1);
          if (scale === 1) {
            await expect.poll(() => picker.present(), { timeout: 10_000 }).toBe(true);
            const { x, y } = await qrCentre(page);
            await page.mouse.move(x, y);
            await page.mouse.click(x, y);
          }
          await picker.waitForState(['preview']);
          expect(await picker.text('scan-issuer')).toBe('Example Corp');
          expect(await picker.text('scan-name')).toBe('alice@example.test');
          expect(await picker.text('scan-site')).toBe(message(en, 'scan_site', '127.0.0.1'));
          const facts = await picker.text('scan-facts');
          expect(facts).toContain(message(en, 'kind_totp'));
          expect(facts).toContain('6');
          expect(facts).toContain(message(en, 'scan_period_value_other', '30'));
          await picker.click('scan-add');
          await picker.waitForState(['done']);
          expect(await picker.text('scan-message')).toBe(message(en, 'scan_added', 'Example Corp', 'alice@example.test'));
          // The set-up page asks for the current code: the picker offers to fill it.
          expect(await picker.has('scan-fill')).toBe(true);

          const added = (await listed()).filter((a) => a.issuer === 'Example Corp');
          expect(added).toHaveLength(1);
          expect(added[0]).toMatchObject({ kind: 'totp', name: 'alice@example.test', algorithm: 'SHA1', digits: 6, period: 30, sites: ['127.0.0.1'] });

          if (variant === 'img') {
            // Filled by the picker straight away, and the site accepts it.
            await picker.click('scan-fill');
            await expect.poll(() => page.locator('#setup-code').inputValue()).toMatch(/^\d{6}$/);
          } else {
            // The code the popup shows is the one the site wants.
            await popup.reload();
            const row = rowOf(popup, 'Example Corp');
            await row.waitFor();
            await page.locator('#setup-code').fill(await codeIn(row));
          }
          await page.locator('#setup-code').press('Enter');
          await expect(page.locator('#result').getAttribute('data-ok')).resolves.toBe('true');
          await send(popup, 'accounts.remove', { id: added[0]!.id });
          await page.close();
        } finally {
          await site.close();
        }
      });
    }

    it('reads a QR code inside a same-origin frame inside a shadow root, offered at once', async () => {
      const site = await startDemoServer();
      try {
        const page = await ext.context.newPage();
        await page.goto(unique(`${site.url}/setup`));
        // Move the code into <div shadow> → <iframe srcdoc> (same origin), shifted by margins and a border.
        await page.evaluate(async () => {
          const img = document.getElementById('qr-img') as HTMLImageElement;
          const host = document.createElement('div');
          host.style.cssText = 'margin:20px 0 0 37px';
          img.replaceWith(host);
          const frame = document.createElement('iframe');
          frame.style.cssText = 'width:400px;height:400px;border:5px solid #888;padding:3px';
          frame.srcdoc = `<body style="margin:11px"><img src="${img.src}" width="${img.width}" height="${img.height}"></body>`;
          host.attachShadow({ mode: 'closed' }).append(frame);
          await new Promise((r) => frame.addEventListener('load', r, { once: true }));
          await frame.contentDocument?.images[0]?.decode();
        });
        await scanFromPopup(ext, page);
        const picker = new PickerView(page);
        await picker.waitForState(['preview']);
        expect(await picker.text('scan-name')).toBe('alice@example.test');
        await picker.click('scan-add');
        await picker.waitForState(['done']);
        const added = (await listed()).filter((a) => a.issuer === 'Example Corp');
        expect(added).toHaveLength(1);
        await send(popup, 'accounts.remove', { id: added[0]!.id });
        await page.close();
      } finally {
        await site.close();
      }
    });

    if (scale !== 1) return;

    /** A page showing just the QR code of `text` (the browser's own image view), scanned from the popup. */
    async function scanText(text: string): Promise<{ page: Page; picker: PickerView }> {
      return openAndScan(`${other.url}/qr.png?data=${encodeURIComponent(text)}`, false);
    }

    it('says a QR code that is not an authenticator code is not one, and adds nothing', async () => {
      const before = (await listed()).length;
      const { page, picker } = await scanText('https://example.com');
      await picker.waitForState(['error']);
      expect(await picker.text('scan-message')).toBe(message(en, 'error_qr_not_authenticator'));
      expect(await listed()).toHaveLength(before);
      await picker.click('scan-close');
      await expect.poll(() => picker.present()).toBe(false);
      await page.close();
    });

    it("explains Microsoft's push-notification QR code instead of adding it", async () => {
      const before = (await listed()).length;
      const { page, picker } = await scanText(MICROSOFT_PUSH);
      await picker.waitForState(['error']);
      expect(await picker.text('scan-message')).toBe(message(en, 'error_qr_microsoft_push'));
      expect(await listed()).toHaveLength(before);
      await page.close();
    });

    it('imports every account of a Google Authenticator transfer code, with a count, skipping ones already there', async () => {
      // The fixture's first export: one account (raspberrypi).
      const first = await scanText(FIRST_EXPORT);
      await first.picker.waitForState(['preview']);
      expect(await first.picker.text('scan-name')).toBe('pi@raspberrypi');
      await first.picker.click('scan-add');
      await first.picker.waitForState(['done']);
      expect(await first.picker.text('scan-message')).toBe(message(en, 'scan_added', 'raspberrypi', 'pi@raspberrypi'));
      await first.page.close();

      // A batch of three, one of which (the same secret) is now in the vault.
      const batch = migrationUri([
        { secret: '7KSQL2JTUDIS5EF65KLMRQIIGY', name: 'pi@raspberrypi', issuer: 'raspberrypi' },
        { secret: 'JBSWY3DPEHPK3PXP', name: 'alice@example.com', issuer: 'GitHub' },
        { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', name: '@bob', issuer: 'Mastodon' },
      ]);
      const { page, picker } = await scanText(batch);
      await picker.waitForState(['preview']);
      expect(await picker.text('scan-title')).toBe(message(en, 'scan_confirm_many', '3'));
      expect(await picker.text('scan-list')).toContain('GitHub — alice@example.com');
      expect(await picker.text('scan-duplicates')).toBe(message(en, 'scan_duplicates_one', '1'));
      await picker.click('scan-add');
      await picker.waitForState(['done']);
      expect(await picker.text('scan-message')).toBe(`${message(en, 'scan_added_count_other', '2')}. ${message(en, 'scan_skipped_one', '1')}`);
      const all = await listed();
      for (const issuer of ['raspberrypi', 'GitHub', 'Mastodon']) {
        expect(all.filter((a) => a.issuer === issuer), issuer).toHaveLength(1);
        // A transfer code comes from another app, not from the page showing it (scan-binding.test.ts).
        expect(all.find((a) => a.issuer === issuer)?.sites).toEqual([]);
      }
      await page.close();
    });

    it('does nothing after Esc: no picker, no account, and the page gets its clicks again', async () => {
      const site = await startDemoServer();
      try {
        const before = (await listed()).length;
        const { page, picker } = await openAndScan(`${site.url}/setup`, true);
        await expect.poll(() => picker.present(), { timeout: 10_000 }).toBe(true);
        await page.keyboard.press('Escape');
        await expect.poll(() => picker.present()).toBe(false);
        await page.locator('#setup-code').click();
        await page.keyboard.type('123');
        await expect(page.locator('#setup-code').inputValue()).resolves.toBe('123');
        expect(await listed()).toHaveLength(before);
        await page.close();
      } finally {
        await site.close();
      }
    });

    it('completes when the worker is stopped after the picker starts and again before the confirmation', async () => {
      const site = await startDemoServer();
      try {
        const { page, picker } = await openAndScan(`${site.url}/setup`, true);
        await expect.poll(() => picker.present(), { timeout: 10_000 }).toBe(true);
        await ext.stopWorker();
        const { x, y } = await qrCentre(page);
        await page.mouse.click(x, y);
        await picker.waitForState(['preview']);
        // The parsed account waits in storage.session, not in the stopped worker's memory.
        await ext.stopWorker();
        await picker.click('scan-add');
        await picker.waitForState(['done']);
        expect(await picker.text('scan-message')).toBe(message(en, 'scan_added', 'Example Corp', 'alice@example.test'));
        const added = (await listed()).filter((a) => a.issuer === 'Example Corp');
        expect(added).toHaveLength(1);
        expect(added[0]?.sites).toEqual(['127.0.0.1']);
        await send(popup, 'accounts.remove', { id: added[0]!.id });
        await page.close();
      } finally {
        await site.close();
      }
    });
  });
}
