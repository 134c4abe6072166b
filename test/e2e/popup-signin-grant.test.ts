/**
 * Turning on the inline button from the popup survives the permission prompt closing the popup. The
 * prompt takes focus, and the popup closes before `permissions.request` resolves: the grant arrived,
 * but nobody was left to turn the setting on.
 *
 * A headless browser cannot answer the prompt. It can grant the same access another way: the build's
 * manifest lists the site origins as host permissions, chrome://extensions withholds them ("on click"),
 * and then grants them back ("on all sites"), which the extension sees as `permissions.onAdded`, just
 * as it sees a grant at the prompt. Between the two, the popup asks (the prompt opens and stays open)
 * and is closed at once, as the prompt would close it.
 */
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callFromTab, registeredScripts, until } from './autofill-helpers';
import { launchExtension, type Extension } from './harness';
import { buildWithManifest } from './signin-helpers';
import { TEST_EXTENSION_ID } from '../../scripts/extension-key';

const SITE_ORIGINS = ['https://*/*', 'http://*/*'];
const INLINE_SCRIPT = 'twostep-fill-inline';

/** Sets the extension's site access as the user would on its chrome://extensions details page. */
async function siteAccess(page: Page, access: 'ON_CLICK' | 'ON_ALL_SITES'): Promise<void> {
  const error = await page.evaluate(
    ([id, hostAccess]) =>
      new Promise<string | null>((resolve) => {
        const { chrome } = globalThis as unknown as {
          chrome: { developerPrivate: { updateExtensionConfiguration(u: unknown, cb: () => void): void }; runtime: { lastError?: { message?: string } } };
        };
        chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess }, () => resolve(chrome.runtime.lastError?.message ?? null));
      }),
    [TEST_EXTENSION_ID, access] as const,
  );
  if (error) throw new Error(error);
}

describe('a setting that needs a permission', () => {
  let ext: Extension;
  let extensions: Page;
  const inlineButton = async (): Promise<boolean> => ((await callFromTab(ext, 'settings.get', null)) as { inlineButton: boolean }).inlineButton;

  beforeEach(async () => {
    ext = await launchExtension({ dist: buildWithManifest({ host_permissions: SITE_ORIGINS }) });
    extensions = await ext.context.newPage();
    await extensions.goto(`chrome://extensions/?id=${TEST_EXTENSION_ID}`);
    // The user has not given Twostep access to sites.
    await siteAccess(extensions, 'ON_CLICK');
    const worker = await ext.worker();
    expect(await worker.evaluate((origins) => (globalThis as unknown as { chrome: { permissions: { contains(p: unknown): Promise<boolean> } } }).chrome.permissions.contains({ origins }), SITE_ORIGINS)).toBe(false);
  });

  afterEach(async () => {
    await ext?.close({ discard: true });
  });

  it('turns the inline button on when access is granted after the prompt closed the popup', async () => {
    const popup = await ext.openPopup();
    await popup.getByTestId('settings-button').click();
    await popup.getByTestId('setting-inline-button').click();
    // The prompt is open now; it takes focus and the popup closes before any answer.
    await popup.close();
    expect(await inlineButton()).toBe(false);
    await siteAccess(extensions, 'ON_ALL_SITES');
    await until('the setting to turn on', inlineButton, (on) => on);
    await until('the inline script to be registered', () => registeredScripts(ext), (ids) => ids.includes(INLINE_SCRIPT));
  });
});
