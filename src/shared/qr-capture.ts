/**
 * Decoding a QR code from a tab capture, wherever a DOM is at hand: Chrome's offscreen document (a
 * Manifest V3 worker has createImageBitmap but should not carry the decoders in its start), or an event
 * page with a DOM (Firefox). Imported lazily by both, so only a scan pays for jsqr and zxing-wasm.
 */
import { deviceBox, type DeviceBox } from '../core/qr/crop';
import type { RgbaImage } from '../core/qr/image';
import { type QrReader, readCrop, readTab } from '../core/qr/read';
import type { DecodeReply, DecodeTimes } from './offscreen';
import type { PageRect } from './protocol';
import { loadZxing } from './zxing';

let zxing: Promise<QrReader> | null = null;

/**
 * The crop first (a few ms), the whole capture only as the fallback. Says which of the two held the
 * code: where it was shown decides its site. `capture` is a PNG data URL.
 */
export async function decodeCapture(capture: string, rect: PageRect | null, dpr: number): Promise<DecodeReply> {
  const times: DecodeTimes = {};
  const bitmap = await createImageBitmap(await (await fetch(capture)).blob());
  try {
    const box = rect ? deviceBox(rect, dpr, bitmap.width, bitmap.height) : null;
    if (box) {
      const start = performance.now();
      const crop = pixels(bitmap, box);
      times.cropPixels = performance.now() - start;
      // zxing is loaded only if jsqr's quick read of the crop finds nothing (see readCrop).
      const text = await readCrop(crop, lazyReader(times));
      times.crop = performance.now() - start;
      if (text !== null) return { read: { text, region: 'crop' }, times };
    }
    const zx = await reader(times);
    const start = performance.now();
    const text = await readTab(pixels(bitmap, { x: 0, y: 0, width: bitmap.width, height: bitmap.height }), zx);
    times.tab = performance.now() - start;
    return { read: text === null ? null : { text, region: 'tab' }, times };
  } finally {
    bitmap.close();
  }
}

const nothing: QrReader = () => Promise.resolve(null);

async function reader(times: DecodeTimes): Promise<QrReader> {
  if (!zxing) {
    const start = performance.now();
    zxing = loadZxing();
    try {
      await zxing;
    } catch {
      // A module that fails to load is tried again at the next scan, not kept as broken; jsqr still reads.
      zxing = null;
      return nothing;
    } finally {
      times.load = performance.now() - start;
    }
  }
  return zxing.catch(() => nothing);
}

/** A reader that loads zxing at its first call, so a crop jsqr reads at once never loads it. */
function lazyReader(times: DecodeTimes): QrReader {
  return async (image) => (await reader(times))(image);
}

/** RGBA pixels of one box of the bitmap: only that box is drawn and read back. */
function pixels(bitmap: ImageBitmap, box: DeviceBox): RgbaImage {
  const { width: w, height: h } = box;
  const canvas = new OffscreenCanvas(w, h);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d context');
  context.drawImage(bitmap, box.x, box.y, w, h, 0, 0, w, h);
  const { data, width, height } = context.getImageData(0, 0, w, h);
  return { data, width, height };
}
