/**
 * QR decoding in the offscreen document, end to end: codes the worker's old jsqr-only path missed on
 * the demo set-up page (a dark-mode rendering, a badge over the bottom-right alignment pattern, which
 * needs zxing-wasm loaded from the extension's own packaged file), the document closing when idle,
 * and the document refusing a decode asked by anything but the worker.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PickerView, scanFromPopup } from './scan-helpers';
import { scanSuite } from './scan-suite';

let run = 0;
const unique = (url: string): string => `${url}${url.includes('?') ? '&' : '?'}run=${++run}`;

describe('QR decoding in the offscreen document', () => {
  const suite = scanSuite();

  const offscreenDocuments = async (): Promise<number> =>
    (await suite.ext.worker()).evaluate(async () => {
      const { runtime } = (globalThis as unknown as { chrome: { runtime: { getContexts(f: object): Promise<unknown[]> } } }).chrome;
      return (await runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length;
    });

  /** The set-up page, changed by `restyle` in the page, scanned from the popup; the preview's issuer and name. */
  async function scanRestyled(restyle: () => void): Promise<{ page: Page; issuer: string; name: string }> {
    const page = await suite.ext.context.newPage();
    await page.goto(unique(`${suite.site.url}/setup`));
    await page.locator('#qr-img').evaluate((img: HTMLImageElement) => img.decode());
    await page.evaluate(restyle);
    await scanFromPopup(suite.ext, page);
    const picker = new PickerView(page);
    await picker.waitForState(['preview'], 20_000);
    return { page, issuer: await picker.text('scan-issuer'), name: await picker.text('scan-name') };
  }

  it('reads a dark-mode code: light modules on a dark page', async () => {
    const { page, issuer, name } = await scanRestyled(() => {
      document.documentElement.style.cssText = 'background:#121212;color:#eee';
      document.body.style.background = '#121212';
      (document.getElementById('qr-img') as HTMLImageElement).style.filter = 'invert(1)';
    });
    expect([issuer, name]).toEqual(['Example Corp', 'alice@example.test']);
    await page.close();
  });

  it('reads a code whose bottom-right alignment pattern is covered by a badge', async () => {
    const { page, issuer, name } = await scanRestyled(() => {
      const img = document.getElementById('qr-img') as HTMLImageElement;
      const box = img.getBoundingClientRect();
      // The demo draws 6 px modules inside a 4-module quiet zone: the alignment pattern's centre is
      // 6.5 modules in from the symbol's bottom-right corner.
      const module = 6;
      const corner = { x: box.right - 4 * module, y: box.bottom - 4 * module };
      const badge = document.createElement('div');
      badge.style.cssText = `position:absolute;left:${corner.x + scrollX - 6.5 * module - 17}px;top:${corner.y + scrollY - 6.5 * module - 17}px;width:34px;height:34px;border-radius:50%;background:#16a34a;pointer-events:none`;
      document.body.append(badge);
    });
    expect([issuer, name]).toEqual(['Example Corp', 'alice@example.test']);
    expect(await offscreenDocuments()).toBe(1);
    // jsqr cannot read it without the alignment pattern: zxing-wasm was loaded from the extension's own file.
    const loads = await (await suite.ext.worker()).evaluate(() => performance.getEntriesByName('twostep:scan-decoder-load').length);
    expect(loads).toBe(1);
    await page.close();
  });

  it('answers a decode request only from the worker, not from one of our pages or a content script', async () => {
    // The document is open after a scan; a page sends it a capture of a QR code directly.
    const { page } = await scanRestyled(() => undefined);
    await page.close();
    expect(await offscreenDocuments()).toBe(1);
    const png = await (await fetch(`${suite.site.url}/qr.png?data=${encodeURIComponent('otpauth://totp/Probe:probe?secret=JBSWY3DPEHPK3PXP')}`)).arrayBuffer();
    const capture = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
    const popup = await suite.ext.openPopup();
    const reply = await popup.evaluate(async (dataUrl) => {
      const { runtime } = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome;
      return JSON.stringify(await runtime.sendMessage({ twostepOffscreen: 1, decodeQr: { capture: dataUrl, rect: null, devicePixelRatio: 1 } }));
    }, capture);
    expect(reply).not.toContain('otpauth');
    await popup.close();
  });

  it('closes the offscreen document when no scan has used it for a while', async () => {
    const { page } = await scanRestyled(() => undefined);
    await page.close();
    expect(await offscreenDocuments()).toBe(1);
    await expect.poll(offscreenDocuments, { timeout: 45_000, interval: 1_000 }).toBe(0);
  }, 60_000);
});
