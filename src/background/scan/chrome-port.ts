/** The scan port on the real extension APIs (webextension-polyfill), decoding in the offscreen document. */
import { readQrInTab } from './capture';
import { offscreenDecoder } from './offscreen-decoder';
import { clearPending, loadPending, savePending } from './pending';
import type { ScanPort } from './port';
import { startScan, tabUnderPopup } from './start';

export const chromeScanPort: ScanPort = {
  start: (tabId) => startScan(tabId),
  tabUnderPopup,
  read: (tabId, rect, dpr) => readQrInTab(offscreenDecoder, tabId, rect, dpr),
  savePending,
  loadPending,
  clearPending,
};
