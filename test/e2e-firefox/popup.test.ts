/**
 * Twostep in Firefox (issue 13): the Firefox build in Debian's firefox-esr, driven over WebDriver BiDi.
 * Accounts added in the popup page show the codes RFC 6238 gives; a PIN locks and unlocks; and a
 * restart on the same profile finds every account again, locked when a PIN is set.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addByHand, totp, click, rows, sel, textOf, totpAround, until } from './helpers';
import { launchFirefox, type FirefoxExtension } from './harness';
import { loadMessages, message } from '../e2e/popup-helpers';

const en = loadMessages('en');

const ACCOUNTS = [
  { issuer: 'Example Bank', name: 'ann@example.com', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' },
  { issuer: 'Code Forge', name: 'ann', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
];
const PIN = '246810';

let ext: FirefoxExtension | null = null;
afterEach(async () => {
  await ext?.close({ discard: true });
  ext = null;
});

describe('Firefox: the popup page', () => {
  it('matches RFC 6238 appendix B (the check the tests rely on)', () => {
    // RFC 6238 appendix B's SHA-1 seed "12345678901234567890", 8 digits there; the last six here.
    expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000)).toBe('287082');
    expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1_111_111_109_000)).toBe('081804');
  });

  it('adds accounts by hand and shows each one’s current code', async () => {
    ext = await launchFirefox();
    const page = await ext.openPopup();
    for (const a of ACCOUNTS) await addByHand(page, a);
    const shown = await rows(page);
    expect(shown.map((r) => r.issuer).sort()).toEqual(ACCOUNTS.map((a) => a.issuer).sort());
    for (const a of ACCOUNTS) expect(totpAround(a.secret)).toContain(shown.find((r) => r.issuer === a.issuer)?.code);
  });
});

/** Settings → set a PIN, entered twice, then back to the list. */
async function setPin(page: Awaited<ReturnType<FirefoxExtension['openPopup']>>, pin: string): Promise<void> {
  await click(page, 'settings-button');
  await click(page, 'pin-set');
  await page.locator(sel('pin-next')).fill(pin);
  await page.locator(sel('pin-confirm')).fill(pin);
  await click(page, 'pin-submit');
  await until('the PIN to be set', () => textOf(page, 'pin-status'), (t) => t === message(en, 'pin_status_pin'));
  await click(page, 'back-button');
}

async function unlock(page: Awaited<ReturnType<FirefoxExtension['openPopup']>>, pin: string): Promise<void> {
  await page.locator(sel('unlock-input')).setTimeout(10_000).fill(pin);
  await page.keyboard.press('Enter');
  await until('the list after unlocking', () => rows(page), (r) => r.length === ACCOUNTS.length, 20_000);
}

const isLocked = (page: Awaited<ReturnType<FirefoxExtension['openPopup']>>): Promise<boolean> =>
  page.evaluate((s: string) => document.querySelector(s) !== null, sel('locked-view'));

describe('Firefox: PIN, lock and restart', () => {
  it('locks with a PIN, unlocks, and after a browser restart finds every account, locked until the PIN', async () => {
    ext = await launchFirefox();
    const { profileDir } = ext;
    let page = await ext.openPopup();
    for (const a of ACCOUNTS) await addByHand(page, a);
    await setPin(page, PIN);

    await click(page, 'settings-button');
    await click(page, 'lock-now');
    await until('the locked view', () => isLocked(page), Boolean);
    expect(await rows(page)).toEqual([]);
    // Locked means locked for every page: a fresh popup page shows the unlock screen, and no codes.
    const second = await ext.openPopup();
    await until('the locked view in a new popup page', () => isLocked(second), Boolean);
    await second.close();
    await unlock(page, PIN);
    for (const a of ACCOUNTS) expect(totpAround(a.secret)).toContain((await rows(page)).find((r) => r.issuer === a.issuer)?.code);

    // Restart on the same profile, unlocked when closed: the key lived in session storage only.
    await ext.close();
    ext = await launchFirefox({ profileDir });
    page = await ext.openPopup();
    await until('the locked view after the restart', () => isLocked(page), Boolean);
    expect(await rows(page)).toEqual([]);
    await unlock(page, PIN);
    const shown = await rows(page);
    expect(shown.map((r) => r.issuer).sort()).toEqual(ACCOUNTS.map((a) => a.issuer).sort());
    for (const a of ACCOUNTS) expect(totpAround(a.secret)).toContain(shown.find((r) => r.issuer === a.issuer)?.code);
  });

  it('after a restart without a PIN, every account is there and open', async () => {
    ext = await launchFirefox();
    const { profileDir } = ext;
    const page = await ext.openPopup();
    for (const a of ACCOUNTS) await addByHand(page, a);
    await ext.close();
    ext = await launchFirefox({ profileDir });
    const again = await ext.openPopup();
    const shown = await until('the accounts after the restart', () => rows(again), (r) => r.length === ACCOUNTS.length);
    for (const a of ACCOUNTS) expect(totpAround(a.secret)).toContain(shown.find((r) => r.issuer === a.issuer)?.code);
  });
});
