/**
 * Clearing a copied code in Firefox (issue 13): Firefox has no offscreen documents, so the event page
 * reads the clipboard and clears it itself, only if it still holds the code. The clipboard permissions
 * are optional (asked for when the setting is turned on); a copy of the build has them at install, as
 * after the user's "Allow".
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMessages, message } from '../e2e/popup-helpers';
import { DIST_FIREFOX, launchFirefox, type FirefoxExtension } from './harness';
import { click, rows, textOf, totpAround, until } from './helpers';

const en = loadMessages('en');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const CLIPBOARD = ['clipboardRead', 'clipboardWrite'];

function buildWithClipboard(): string {
  const dir = mkdtempSync(join(tmpdir(), 'twostep-firefox-clipboard-'));
  cpSync(DIST_FIREFOX, dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8')) as { permissions: string[]; optional_permissions: string[] };
  writeFileSync(file, JSON.stringify({ ...m, permissions: [...m.permissions, ...CLIPBOARD], optional_permissions: m.optional_permissions.filter((p) => !CLIPBOARD.includes(p)) }));
  return dir;
}

const readClipboard = (page: Page): Promise<string> => page.evaluate(() => navigator.clipboard.readText());
const pending = (page: Page): Promise<unknown> =>
  page.evaluate(async () => (await (globalThis as unknown as { browser: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } } }).browser.storage.session.get('clipboardPending')).clipboardPending);

describe('Firefox: clearing a copied code', () => {
  let dist: string;
  let ext: FirefoxExtension;
  let popup: Page;

  beforeAll(async () => {
    dist = buildWithClipboard();
    ext = await launchFirefox({ dist });
    await ext.call('accounts.add', { input: { kind: 'totp', issuer: 'Example Bank', name: 'ann', secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [] } });
    // Set before the popup opens: it reads its settings when it starts.
    await ext.call('settings.set', { clipboardClearSeconds: 3 });
    popup = await ext.openPopup();
    await until('the row', () => rows(popup), (r) => r.length === 1);
  });
  afterAll(async () => {
    await ext?.close({ discard: true });
    rmSync(dist, { recursive: true, force: true });
  });

  /** A click on the row copies (no web page under the popup) and says so. */
  async function copyCode(): Promise<string> {
    await popup.evaluate(() => navigator.clipboard.writeText('before'));
    await click(popup, 'copy-button');
    const copied = await until('the code in the clipboard', () => readClipboard(popup), (t) => t !== 'before');
    expect(totpAround(SECRET)).toContain(copied);
    expect(await textOf(popup, 'toast')).toBe(message(en, 'copied'));
    return copied;
  }

  it('clears the code after the delay the user set', async () => {
    const copied = await copyCode();
    await until('the clipboard to be cleared', () => readClipboard(popup), (t) => t !== copied, 20_000);
    expect(await readClipboard(popup)).toBe('');
    expect(await pending(popup)).toBeUndefined();
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    await copyCode();
    // The event page holds the code until the delay is over.
    await until('the code to be waiting', () => pending(popup), (v) => v !== undefined, 5_000);
    await popup.evaluate(() => navigator.clipboard.writeText('my own text'));
    await until('the clearing to run', () => pending(popup), (v) => v === undefined, 20_000);
    expect(await readClipboard(popup)).toBe('my own text');
  });
});
