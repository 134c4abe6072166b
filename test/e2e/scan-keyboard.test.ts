/**
 * The QR picker by keyboard (issue 12): with several codes on the page, Tab and the arrows choose one and
 * Enter reads it; while a card is open Tab stays inside it; closing gives focus back to the page's field.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loadMessages, message } from './popup-helpers';
import { PickerView, scanFromPopup } from './scan-helpers';
import { scanSuite } from './scan-suite';

const en = loadMessages('en');

type Box = [number, number, number, number];

describe('the QR picker by keyboard', () => {
  const suite = scanSuite();

  /** The set-up page with a second square image, so two codes are candidates; its code field has focus. */
  async function pageWithTwoCodes(): Promise<Page> {
    const page = await suite.ext.context.newPage();
    await page.goto(`${suite.site.url}/setup?as=img&keyboard=${Date.now()}`);
    await page.evaluate(() => {
      const decoy = document.createElement('canvas');
      decoy.width = decoy.height = 64;
      decoy.style.cssText = 'position:fixed;right:24px;bottom:24px;background:#ccd';
      document.body.append(decoy);
    });
    await page.locator('#setup-code').focus();
    return page;
  }

  const frameBox = (picker: PickerView): Promise<Box> =>
    picker.call<Box>('scan-frame', 'function () { const r = this.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }');
  const focusInCard = (picker: PickerView): Promise<boolean> =>
    picker.call<boolean>('scan-card', 'function () { return this.contains(this.getRootNode().activeElement); }');

  it('chooses among the codes with Tab and arrows, reads with Enter, keeps Tab in the card, and returns focus', async () => {
    const page = await pageWithTwoCodes();
    const picker = new PickerView(page);
    await scanFromPopup(suite.ext, page);
    await expect.poll(() => picker.present(), { timeout: 10_000 }).toBe(true);
    // Keys go to the picker, not to the page's field.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TWOSTEP-SCAN');
    const qr = await page.locator('#qr-img').boundingBox();
    if (!qr) throw new Error('no QR image');
    const onQr = (b: Box): boolean => Math.abs(b[0] + b[2] / 2 - (qr.x + qr.width / 2)) < 4 && Math.abs(b[1] + b[3] / 2 - (qr.y + qr.height / 2)) < 4;

    await page.keyboard.press('Tab');
    const first = await frameBox(picker);
    await page.keyboard.press('ArrowDown');
    const second = await frameBox(picker);
    // Two different codes, one of them the QR image; Tab wraps back round.
    expect(onQr(first) !== onQr(second)).toBe(true);
    await page.keyboard.press('Tab');
    expect(await frameBox(picker)).toEqual(first);
    if (!onQr(first)) await page.keyboard.press('ArrowUp');
    expect(onQr(await frameBox(picker))).toBe(true);
    expect(await page.locator('#setup-code').inputValue()).toBe('');

    await page.keyboard.press('Enter');
    await picker.waitForState(['preview']);
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab');
      await page.keyboard.press('Tab');
      expect(await focusInCard(picker)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect.poll(() => picker.present()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('setup-code');
    await page.close();
  });

  it('walks codes placed out of DOM order in screen order: top to bottom, then left to right', async () => {
    const page = await suite.ext.context.newPage();
    await page.goto(`${suite.site.url}/setup?as=img&order=${Date.now()}`);
    // Four squares appended bottom-right, top-right, bottom-left, top-left; the right ones a few px off
    // their row, as real layouts are. The page's own QR image is hidden, so these are the only codes.
    const placed: Box[] = [
      [300, 252, 80, 80],
      [300, 48, 80, 80],
      [40, 260, 80, 80],
      [40, 40, 80, 80],
    ];
    await page.evaluate((boxes) => {
      document.querySelector<HTMLElement>('#qr-img')!.style.display = 'none';
      for (const [x, y, w, h] of boxes) {
        const square = document.createElement('canvas');
        square.width = w;
        square.height = h;
        square.style.cssText = `position:fixed;left:${x}px;top:${y}px;width:${w}px;height:${h}px;background:#ccd;z-index:10`;
        document.body.append(square);
      }
    }, placed);
    const picker = new PickerView(page);
    await scanFromPopup(suite.ext, page);
    await expect.poll(() => picker.present(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TWOSTEP-SCAN');
    const centreOf = async (): Promise<[number, number]> => {
      const [x, y, w, h] = await frameBox(picker);
      return [Math.round(x + w / 2), Math.round(y + h / 2)];
    };
    const centres = (boxes: Box[]): [number, number][] => boxes.map(([x, y, w, h]) => [x + w / 2, y + h / 2]);
    const [bottomRight, topRight, bottomLeft, topLeft] = placed as [Box, Box, Box, Box];
    const seen: [number, number][] = [];
    for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'Tab']) {
      await page.keyboard.press(key);
      seen.push(await centreOf());
    }
    expect(seen).toEqual(centres([topLeft, topRight, bottomLeft, bottomRight]));
    // Backwards, and round the end.
    await page.keyboard.press('ArrowUp');
    expect(await centreOf()).toEqual(centres([bottomLeft])[0]);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await centreOf()).toEqual(centres([topLeft])[0]);
    await page.keyboard.press('Escape');
    await expect.poll(() => picker.present()).toBe(false);
    await page.close();
  });

  it('a code already in Twostep says so, has no Add button, and still fills the page’s code', async () => {
    const page = await suite.ext.context.newPage();
    await page.goto(`${suite.site.url}/setup?as=img&already=${Date.now()}`);
    const picker = new PickerView(page);
    await scanFromPopup(suite.ext, page);
    await picker.waitForState(['preview']);
    await picker.click('scan-add');
    await picker.waitForState(['done']);
    await picker.click('scan-close');
    await expect.poll(() => picker.present()).toBe(false);

    await scanFromPopup(suite.ext, page);
    await picker.waitForState(['already']);
    expect(await picker.text('scan-message')).toBe(message(en, 'scan_already'));
    expect(await picker.text('scan-note')).toBe('Example Corp — alice@example.test');
    expect(await picker.has('scan-add')).toBe(false);
    await picker.click('scan-fill');
    await expect.poll(() => page.locator('#setup-code').inputValue()).toMatch(/^\d{6}$/);
    await page.locator('#setup-code').press('Enter');
    await expect(page.locator('#result').getAttribute('data-ok')).resolves.toBe('true');
    await page.close();
  });
});
