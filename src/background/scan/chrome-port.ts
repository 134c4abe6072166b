/**
 * The scan port on the real extension APIs (webextension-polyfill). Chrome decodes in the offscreen
 * document; Firefox has none, and its event page may import the decoders itself at the first scan.
 */
import { FIREFOX } from '../../shared/target';
import { readQrInTab } from './capture';
import { inProcessDecoder } from './in-process-decoder';
import { offscreenDecoder } from './offscreen-decoder';
import { clearPending, loadPending, savePending } from './pending';
import type { ScanPort } from './port';
import { startScan, tabUnderPopup } from './start';

export const chromeScanPort: ScanPort = {
  start: (tabId) => startScan(tabId),
  tabUnderPopup,
  read: (tabId, rect, dpr) => readQrInTab(FIREFOX ? inProcessDecoder : offscreenDecoder, tabId, rect, dpr),
  savePending,
  loadPending,
  clearPending,
};
