/** The full-tab page: reached from the popup, one section per job, and nothing on it while locked. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callFromTab } from './autofill-helpers';
import { launchExtension, MANAGE_URL, type Extension } from './harness';
import { PIN, typePin } from './pin-helpers';
import { loadMessages, message } from './popup-helpers';

const en = loadMessages('en');

describe('the full-tab page', () => {
  let ext: Extension;
  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close({ discard: true });
  });

  it('opens from the popup’s settings as the options page, with a section for each job', async () => {
    const popup = await ext.openPopup();
    await popup.getByTestId('settings-button').click();
    const opened = ext.context.waitForEvent('page', (p) => p.url().startsWith(MANAGE_URL));
    await popup.getByTestId('open-manage').click();
    const page = await opened;
    await page.getByTestId('nav-import').click();
    await expect.poll(() => page.getByTestId('section-import').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe(message(en, 'manage_import_title'));
    for (const name of ['backup', 'export', 'settings', 'accounts']) {
      await page.getByTestId(`nav-${name}`).click();
      await expect.poll(() => page.getByTestId(`section-${name}`).isVisible()).toBe(true);
      expect(await page.getByTestId(`nav-${name}`).getAttribute('aria-current')).toBe('page');
    }
    await page.close();
  });

  it('mirrors the popup’s settings: a toggle changed on the page is the popup’s setting too', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${MANAGE_URL}#settings`);
    const toggle = page.getByTestId('section-settings').getByTestId('setting-hide-codes');
    await toggle.waitFor();
    expect(await page.getByTestId('section-settings').getByTestId('open-manage').isVisible()).toBe(false);
    await toggle.check();
    await expect.poll(async () => ((await callFromTab(ext, 'settings.get', null)) as { hideCodes: boolean }).hideCodes).toBe(true);
    const popup = await ext.openPopup();
    await popup.getByTestId('settings-button').click();
    expect(await popup.getByTestId('setting-hide-codes').isChecked()).toBe(true);
    await toggle.uncheck();
    await expect.poll(async () => ((await callFromTab(ext, 'settings.get', null)) as { hideCodes: boolean }).hideCodes).toBe(false);
    await Promise.all([page.close(), popup.close()]);
  });

  it('while locked shows only the unlock field, and the sections once the PIN is in', async () => {
    await callFromTab(ext, 'vault.setPin', { next: PIN, kind: 'pin', current: null });
    await callFromTab(ext, 'vault.lock', null);
    const page = await ext.context.newPage();
    await page.goto(`${MANAGE_URL}#import`);
    await page.getByTestId('manage-locked').waitFor();
    expect(await page.getByTestId('nav-import').count()).toBe(0);
    await typePin(page, PIN);
    await page.getByTestId('section-import').waitFor();
    await page.close();
  });
});
