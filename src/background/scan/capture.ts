/**
 * Reads a QR code from what the user sees: a capture of the visible tab (`tabs.captureVisibleTab`,
 * allowed by `activeTab`), decoded by the decoder host (Chrome: the offscreen document) in the crop
 * around the clicked element, then in the whole tab. A cross-origin image never taints anything this
 * way, and the page never sees the pixels or the text.
 */
import browser from 'webextension-polyfill';
import { TwostepError } from '../../core/errors';
import type { DecodeTimes } from '../../shared/offscreen';
import type { PageRect } from '../../shared/protocol';
import type { QrDecoderHost } from './decoder-host';
import type { QrRead } from './port';

/** Performance entries the bench reads from the worker (`bench/scan.ts`), as the decoder measured them. */
export const MEASURE_CROP = 'twostep:scan-decode-crop';
export const MEASURE_TAB = 'twostep:scan-decode-tab';
/** Of MEASURE_CROP, the part spent drawing the crop and reading its pixels back. */
export const MEASURE_CROP_PIXELS = 'twostep:scan-pixels-crop';
/** Loading the decoders in the document (first scan there only). */
export const MEASURE_LOAD = 'twostep:scan-decoder-load';
/** From handing the capture over to the answer: creating the document when needed, transfer, decoding. */
export const MEASURE_HOST = 'twostep:scan-host';

/**
 * Captures the visible part of tab `tabId` and decodes the QR code inside `rect` (top-level viewport
 * CSS px, times `dpr`), then in the whole capture when the crop holds none. Throws `qr_not_found`.
 */
export async function readQrInTab(host: QrDecoderHost, tabId: number, rect: PageRect | null, dpr: number): Promise<QrRead> {
  const tab = await browser.tabs.get(tabId);
  // captureVisibleTab takes whatever tab is in front: refuse when the user has switched away meanwhile.
  if (!tab.active || tab.windowId === undefined) throw new TwostepError('qr_not_found', 'tab not in front');
  const capture = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' }).catch((err: unknown) => {
    // No activeTab grant (or a page the browser protects): not something the user can fix by retrying here.
    throw new TwostepError('qr_page_unavailable', err instanceof Error ? err.message.slice(0, 120) : undefined);
  });
  if (!(await browser.tabs.get(tabId)).active) throw new TwostepError('qr_not_found', 'tab not in front');
  const start = performance.now();
  const { read, times } = await host.decode(capture, rect, dpr);
  record(MEASURE_HOST, performance.now() - start);
  recordTimes(times);
  if (read === null) throw new TwostepError('qr_not_found');
  return read;
}

function recordTimes(times: DecodeTimes): void {
  if (times.crop !== undefined) record(MEASURE_CROP, times.crop);
  if (times.cropPixels !== undefined) record(MEASURE_CROP_PIXELS, times.cropPixels);
  if (times.tab !== undefined) record(MEASURE_TAB, times.tab);
  if (times.load !== undefined) record(MEASURE_LOAD, times.load);
}

function record(name: string, duration: number): void {
  if (!Number.isFinite(duration) || duration < 0) return;
  // Only the latest of each is kept: the worker lives long, and the bench reads one at a time.
  performance.clearMeasures(name);
  const end = performance.now();
  performance.measure(name, { start: Math.max(0, end - duration), end });
}
