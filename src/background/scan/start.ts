/** Starting a scan from the popup, the `scan-qr` shortcut or the context menu: all end up here. */
import browser from 'webextension-polyfill';
import { TwostepError } from '../../core/errors';
import { injectPicker, type PickerOptions } from './inject';
import { clearPending } from './pending';

/** Injects the picker into tab `tabId`, forgetting whatever an earlier scan there left pending. */
export async function startScan(tabId: number, options: PickerOptions = {}): Promise<void> {
  await clearPending(tabId);
  await injectPicker(tabId, options);
}

/**
 * The tab the popup was opened over: the active tab of the last focused window. A popup page opened in
 * a tab of its own (`ownTabId`) is that active tab, and it has no QR code to offer.
 */
export async function tabUnderPopup(ownTabId: number | null): Promise<number> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab?.id === undefined || tab.id === ownTabId) throw new TwostepError('qr_page_unavailable', 'no page tab');
  return tab.id;
}
