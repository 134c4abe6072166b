/**
 * What the scan handlers need from the browser (tabs, capture, injection, session storage), passed in
 * through `Services` so the handlers load in node unit tests without the extension APIs.
 */
import type { PageRect } from '../../shared/protocol';
import type { QrRead } from '../../shared/offscreen';
import type { PendingScan } from './pending';

export type { QrRead } from '../../shared/offscreen';

export interface ScanPort {
  /** Injects the picker into the tab, forgetting an earlier scan's pending accounts there. */
  start(tabId: number): Promise<void>;
  /** The tab the popup was opened over; `ownTabId` is the popup's own tab when it was opened as one. */
  tabUnderPopup(ownTabId: number | null): Promise<number>;
  /** Captures the tab and decodes the QR code in `rect` (or the whole tab), saying which part it read. */
  read(tabId: number, rect: PageRect | null, devicePixelRatio: number): Promise<QrRead>;
  savePending(tabId: number, pending: PendingScan): Promise<void>;
  loadPending(tabId: number, now: number): Promise<PendingScan | null>;
  clearPending(tabId: number): Promise<void>;
}
