/**
 * Reads a QR code from what the user sees: a capture of the visible tab (`tabs.captureVisibleTab`,
 * allowed by `activeTab`), cropped to the clicked element, decoded here in the worker. A cross-origin
 * image never taints anything this way, and the page never sees the pixels or the text.
 */
import browser from 'webextension-polyfill';
import { decodeQr, type RgbaImage } from '../../core/qr/decode';
import { cropMargin } from '../../core/qr/crop';
import { TwostepError } from '../../core/errors';
import type { PageRect } from '../../shared/protocol';
import type { QrRead } from './port';

/** The crop's first read is at most this many pixels on its longer side (see decodeCapture). */
const FAST_SIDE = 256;

/** Performance entries the bench reads from the worker (`bench/scan.ts`): read-back plus decoding. */
export const MEASURE_CROP = 'twostep:scan-decode-crop';
export const MEASURE_TAB = 'twostep:scan-decode-tab';
/** Of MEASURE_CROP, the part spent drawing the crop and reading its pixels back. */
export const MEASURE_CROP_PIXELS = 'twostep:scan-pixels-crop';

/**
 * Captures the visible part of tab `tabId` and decodes the QR code inside `rect` (top-level viewport
 * CSS px, times `dpr`), then the whole capture when the crop holds none. Throws `qr_not_found`.
 */
export async function readQrInTab(tabId: number, rect: PageRect | null, dpr: number): Promise<QrRead> {
  const tab = await browser.tabs.get(tabId);
  // captureVisibleTab takes whatever tab is in front: refuse when the user has switched away meanwhile.
  if (!tab.active || tab.windowId === undefined) throw new TwostepError('qr_not_found', 'tab not in front');
  const dataUrl = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' }).catch((err: unknown) => {
    // No activeTab grant (or a page the browser protects): not something the user can fix by retrying here.
    throw new TwostepError('qr_page_unavailable', err instanceof Error ? err.message.slice(0, 120) : undefined);
  });
  if (!(await browser.tabs.get(tabId)).active) throw new TwostepError('qr_not_found', 'tab not in front');
  const bitmap = await createImageBitmap(await (await fetch(dataUrl)).blob());
  try {
    const read = decodeCapture(bitmap, rect, dpr);
    if (read === null) throw new TwostepError('qr_not_found');
    return read;
  } finally {
    bitmap.close();
  }
}

/**
 * The crop first (a few ms), the whole capture only as the fallback (tens to hundreds of ms). Says
 * which of the two held the code: where it was shown decides its site.
 */
export function decodeCapture(bitmap: ImageBitmap, rect: PageRect | null, dpr: number): QrRead | null {
  if (rect) {
    const box = deviceBox(rect, dpr, bitmap.width, bitmap.height);
    if (box) {
      // jsqr's cost follows the pixel count and a set-up code's modules are several pixels wide, so the
      // crop is read at most FAST_SIDE px first (about half the time of a 2× crop); full size is the retry.
      const fast = Math.min(1, FAST_SIDE / Math.max(box.width, box.height));
      let text = timed(MEASURE_CROP, () => decodeQr(timed(MEASURE_CROP_PIXELS, () => pixels(bitmap, box, fast))));
      if (text === null && fast < 1) text = decodeQr(pixels(bitmap, box));
      if (text !== null) return { text, region: 'crop' };
    }
  }
  const whole = { x: 0, y: 0, width: bitmap.width, height: bitmap.height };
  const text = timed(MEASURE_TAB, () => decodeQr(pixels(bitmap, whole)));
  return text === null ? null : { text, region: 'tab' };
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The element's box with its margin, in capture pixels, clipped to the capture; null when empty. */
export function deviceBox(rect: PageRect, dpr: number, width: number, height: number): Box | null {
  const margin = cropMargin(rect);
  const x0 = Math.max(0, Math.floor((rect.x - margin) * dpr));
  const y0 = Math.max(0, Math.floor((rect.y - margin) * dpr));
  const x1 = Math.min(width, Math.ceil((rect.x + rect.width + margin) * dpr));
  const y1 = Math.min(height, Math.ceil((rect.y + rect.height + margin) * dpr));
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/** RGBA pixels of one box of the bitmap, scaled by `scale` (at most 1): only that box is drawn and read back. */
function pixels(bitmap: ImageBitmap, box: Box, scale = 1): RgbaImage {
  const w = Math.max(1, Math.round(box.width * scale));
  const h = Math.max(1, Math.round(box.height * scale));
  const canvas = new OffscreenCanvas(w, h);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new TwostepError('internal', 'no 2d context');
  context.imageSmoothingQuality = 'medium';
  context.drawImage(bitmap, box.x, box.y, box.width, box.height, 0, 0, w, h);
  const { data, width, height } = context.getImageData(0, 0, w, h);
  return { data, width, height };
}

function timed<T>(name: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    // Only the latest of each is kept: the worker lives long, and the bench reads one at a time.
    performance.clearMeasures(name);
    performance.measure(name, { start, end: performance.now() });
  }
}
