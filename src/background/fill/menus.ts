/**
 * "Fill code" in the context menu of editable fields, and the `fill-code` shortcut. Both are user
 * gestures that grant `activeTab`; the frame then fills for its own site (one account: at once;
 * several: a small menu beside the field; locked: the unlock window, then the fill).
 * Items are created by id, never with removeAll: the QR feature owns an item of its own.
 */
import browser, { type Menus, type Tabs } from 'webextension-polyfill';
import { fillTab } from './inject';
import { SITE_ORIGINS } from '../../shared/site-access';
import { describeError } from '../log';

export const FILL_MENU_ID = 'twostep-fill-code';
export const FILL_COMMAND = 'fill-code';

const report = (err: unknown): void => console.warn('twostep: fill failed', describeError(err));

/** Called from runtime.onInstalled: menu items survive worker restarts but not an update. */
export async function createFillMenu(): Promise<void> {
  await browser.contextMenus.remove(FILL_MENU_ID).catch(() => undefined);
  await new Promise<void>((resolve) => {
    browser.contextMenus.create(
      { id: FILL_MENU_ID, title: browser.i18n.getMessage('menu_fill'), contexts: ['editable'], documentUrlPatterns: SITE_ORIGINS },
      // A duplicate id (two onInstalled in a row) leaves the item as it is; read lastError so it is not logged.
      () => resolve(void browser.runtime.lastError),
    );
  });
}

export function onFillMenuClicked(info: Menus.OnClickData, tab: Tabs.Tab | undefined): void {
  if (info.menuItemId !== FILL_MENU_ID || tab?.id === undefined) return;
  // The frame the user right-clicked in, and only that one.
  fillTab(tab.id, null, [info.frameId ?? 0]).catch(report);
}

export function onFillCommand(command: string, tab: Tabs.Tab | undefined): void {
  if (command !== FILL_COMMAND || tab?.id === undefined) return;
  fillTab(tab.id, null).catch(report);
}
