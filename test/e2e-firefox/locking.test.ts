/**
 * Locking in Firefox (issue 13): the idle lock fires in the event page (an alarm, as on Chrome), and
 * with "Ask for the PIN when the browser starts" the unlock window opens at the next start.
 */
import type { Page } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launchFirefox, type FirefoxExtension } from './harness';
import { rows, sel, totpAround, until } from './helpers';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PIN = '246810';

let ext: FirefoxExtension | null = null;
afterEach(async () => {
  await ext?.close({ discard: true });
  ext = null;
});

async function protectedVault(): Promise<FirefoxExtension> {
  const e = await launchFirefox();
  await e.call('accounts.add', { input: { kind: 'totp', issuer: 'Example Bank', name: 'ann', secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [] } });
  await e.call('vault.setPin', { next: PIN, kind: 'pin', current: null });
  return e;
}

const isLocked = (page: Page): Promise<boolean> => page.evaluate((s: string) => document.querySelector(s) !== null, sel('locked-view'));

describe('Firefox: locking', () => {
  it('locks by itself after the idle time, and the open popup page shows the unlock screen', async () => {
    ext = await protectedVault();
    // A fraction of a minute (tests only; the settings offer whole minutes): 3 s without use.
    await ext.call('settings.set', { autoLockMinutes: 0.05 });
    const page = await ext.openPopup();
    await until('the list', () => rows(page), (r) => r.length === 1);
    // Nothing is touched from here on: only the idle alarm can lock. In firefox-esr the lock came
    // 19–21 s after this step on a quiet machine (a 3 s deadline), over 30 s under load, so the bound is generous;
    // what is asserted is that the lock comes by itself and the open page drops the codes.
    await until('the idle lock', () => isLocked(page), Boolean, 75_000);
    expect(await rows(page)).toEqual([]);
  });

  it('opens the unlock window at the next browser start when asked to, and it unlocks', async () => {
    ext = await protectedVault();
    await ext.call('settings.set', { askOnStartup: true });
    const { profileDir } = ext;
    await ext.close();
    ext = await launchFirefox({ profileDir });
    const browser = ext.browser;
    const unlockWindow = await until(
      'the unlock window',
      async () => {
        // Read from each document itself: BiDi keeps reporting about:blank for a tab that moved to the extension's process.
        for (const p of await browser.pages()) if ((await p.evaluate(() => location.href).catch(() => '')).includes('window=unlock')) return p;
        return null;
      },
      (p) => p !== null,
      20_000,
    );
    const page = unlockWindow!;
    await until('its unlock field', () => page.evaluate((s: string) => document.querySelector(s) !== null, sel('unlock-input')), Boolean);
    await page.locator(sel('unlock-input')).fill(PIN);
    await page.keyboard.press('Enter');
    // The window has done its job once the vault is open; a popup page opened now shows the codes.
    await until('the vault to open', async () => ((await ext!.call('vault.state', null)) as { locked: boolean }).locked, (l) => l === false, 20_000);
    const popup = await ext.openPopup();
    const shown = await until('the list', () => rows(popup), (r) => r.length === 1);
    expect(totpAround(SECRET)).toContain(shown[0]?.code);
  });
});
