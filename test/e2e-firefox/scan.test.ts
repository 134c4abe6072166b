/**
 * QR enrolment in Firefox (issue 13): "Scan QR code on this page" over the demo site's set-up page; the
 * picker reads the code from a capture of the tab (tabs.captureVisibleTab), decoded in the event page;
 * the preview, in the page's closed shadow root, is confirmed with Enter (focus starts on Add); the
 * account exists with the QR code's parameters and the page's site, and shows the code RFC 6238 gives.
 *
 * A person grants the capture with the toolbar click (activeTab, Firefox 126+). A headless test cannot
 * click Firefox's toolbar, so a copy of the build asks for `<all_urls>` instead: a test-only manifest
 * change, granted at install; the capture, the picker and the decoding are the product's own.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../scripts/demo-server';
import { DIST_FIREFOX, launchFirefox, type FirefoxExtension } from './harness';
import { rows, sel, totpAround, until } from './helpers';

interface Listed {
  issuer: string;
  name: string;
  kind: string;
  algorithm: string;
  digits: number;
  period: number;
  sites: string[];
}

/** dist-firefox/ with `<all_urls>` granted at install, in a temporary directory. */
function buildWithCapture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'twostep-firefox-capture-'));
  cpSync(DIST_FIREFOX, dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify({ ...manifest, host_permissions: ['<all_urls>'] }));
  return dir;
}

describe('Firefox: QR enrolment', () => {
  let demo: DemoServer;
  let dist: string;
  let ext: FirefoxExtension;

  beforeAll(async () => {
    demo = await startDemoServer();
    dist = buildWithCapture();
    ext = await launchFirefox({ dist });
  });
  afterAll(async () => {
    await ext?.close({ discard: true });
    await demo?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('scans the set-up page’s QR code and adds its account, bound to the page’s site', async () => {
    const page = await ext.browser.newPage();
    await page.goto(`${demo.url}/setup`);
    await page.waitForSelector('#qr-img');
    await page.waitForFunction(() => (document.querySelector('#qr-img') as HTMLImageElement).complete);
    // The popup in a window of its own; then the set-up page's window is the last focused one again, as it
    // is under a real toolbar popup. The button is clicked from script so that focus stays there.
    const popup = await ext.openPopup({ window: true });
    await popup.waitForSelector(sel('empty-scan-button'));
    await page.bringToFront();
    await popup.$eval(sel('empty-scan-button'), (b) => (b as HTMLButtonElement).click());
    // One code on the page: the picker reads it at once and shows its preview, focus on Add.
    await until('the preview to take focus', () => page.evaluate(() => document.activeElement?.localName ?? null), (n) => n === 'twostep-scan', 20_000);
    await page.keyboard.press('Enter');

    const listed = await until(
      'the scanned account',
      async () => ((await ext.call('accounts.list', null)) as Listed[]).filter((a) => a.issuer === 'Example Corp'),
      (a) => a.length === 1,
    );
    expect(listed[0]).toMatchObject({ kind: 'totp', name: 'alice@example.test', algorithm: 'SHA1', digits: 6, period: 30, sites: ['127.0.0.1'] });
    const list = await ext.openPopup();
    const shown = await until('its row', () => rows(list), (r) => r.length === 1);
    expect(totpAround(demo.state.secret)).toContain(shown[0]?.code);
  });
});
