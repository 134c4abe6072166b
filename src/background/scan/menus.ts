/**
 * "Add QR code to Twostep" in the context menu of images, canvases (the page context) and pages, and
 * the `scan-qr` shortcut. Both are user gestures that grant `activeTab` for the tab, which is all the
 * picker and the capture need. Items are created by id, never with removeAll: other features
 * (autofill) own items of their own.
 */
import browser, { type Menus, type Tabs } from 'webextension-polyfill';
import { startScan } from './start';
import { describeError } from '../log';

export const SCAN_MENU_ID = 'twostep-scan-qr';
export const SCAN_COMMAND = 'scan-qr';

/** Called from runtime.onInstalled: menu items survive worker restarts but not an update. */
export async function createScanMenu(): Promise<void> {
  await browser.contextMenus.remove(SCAN_MENU_ID).catch(() => undefined);
  await new Promise<void>((resolve) => {
    browser.contextMenus.create(
      { id: SCAN_MENU_ID, title: browser.i18n.getMessage('menu_scan_qr'), contexts: ['image', 'page', 'frame'] },
      // A duplicate id (two onInstalled in a row) leaves the item as it is; read lastError so it is not logged.
      () => resolve(void browser.runtime.lastError),
    );
  });
}

export function onScanMenuClicked(info: Menus.OnClickData, tab: Tabs.Tab | undefined): void {
  if (info.menuItemId !== SCAN_MENU_ID || tab?.id === undefined) return;
  const options = info.mediaType === 'image' && info.srcUrl ? { srcUrl: info.srcUrl } : {};
  startScan(tab.id, options).catch((err: unknown) => console.warn('twostep: scan from the menu failed', describeError(err)));
}

export function onScanCommand(command: string, tab: Tabs.Tab | undefined): void {
  if (command !== SCAN_COMMAND || tab?.id === undefined) return;
  startScan(tab.id).catch((err: unknown) => console.warn('twostep: scan from the shortcut failed', describeError(err)));
}
