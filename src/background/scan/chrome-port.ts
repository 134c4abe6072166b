/** The scan port on the real extension APIs (webextension-polyfill). */
import { readQrInTab } from './capture';
import { clearPending, loadPending, savePending } from './pending';
import type { ScanPort } from './port';
import { startScan, tabUnderPopup } from './start';

export const chromeScanPort: ScanPort = {
  start: (tabId) => startScan(tabId),
  tabUnderPopup,
  read: readQrInTab,
  savePending,
  loadPending,
  clearPending,
};
