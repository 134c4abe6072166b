/**
 * The two QR readers in the order that works best for each kind of image. jsqr (ours, in `decode.ts`)
 * reads codes clipped into their edge that zxing misses and is quick on a small crop; zxing-wasm (a
 * WebAssembly build of ZXing-C++) is about six times faster on a whole tab and finds codes jsqr loses
 * there (round finders among finder-like shapes, a badge over the alignment pattern, tiny modules).
 * zxing is passed in, not imported: core loads no WebAssembly, so node tests give it the .wasm from
 * node_modules and the extension its own packaged copy.
 */
import { decodeQr } from './decode';
import type { RgbaImage } from './image';
import { fitWithin, flattenOnWhite, isWellFormed } from './image';

/** A second reader: the text of a QR code in `image`, or null. */
export type QrReader = (image: RgbaImage) => Promise<string | null>;

/** What zxing-wasm's `readBarcodes` returns that we look at (a structural subset, so core needs no DOM types). */
export interface ZxingResult {
  isValid: boolean;
  text: string;
  format: string;
}

/** The options we pass to `readBarcodes` (a subset of zxing-wasm's ReaderOptions). */
export interface ZxingOptions {
  formats: ['QRCode'];
  tryHarder: boolean;
  tryInvert: boolean;
  tryDownscale: boolean;
  tryDenoise: boolean;
  maxNumberOfSymbols: number;
  textMode: 'Plain';
}

/** zxing-wasm's `readBarcodes`, as the caller loaded it (its first argument is an ImageData-like object). */
export type ReadBarcodes = (image: RgbaImage, options: ZxingOptions) => Promise<ZxingResult[]>;

/**
 * QR only (other formats would read barcodes on the page), one symbol (the search stops at the first),
 * and every retry zxing offers: inverted for dark mode, downscaled for large modules, denoised for
 * JPEG. Text as encoded (`Plain`): zxing's default ("HRI") writes control characters as `<SOH>`.
 */
const OPTIONS: ZxingOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryInvert: true,
  tryDownscale: true,
  tryDenoise: true,
  maxNumberOfSymbols: 1,
  textMode: 'Plain',
};

/**
 * zxing-wasm as a `QrReader`. Only a result zxing itself marks valid (Reed–Solomon corrected, format
 * information checked) and non-empty counts; a reader that throws (no memory, a broken module) reads
 * as nothing, so a scan falls back to jsqr instead of failing.
 */
export function zxingReader(readBarcodes: ReadBarcodes): QrReader {
  return async (image) => {
    if (!isWellFormed(image)) return null;
    try {
      const results = await readBarcodes(flattenOnWhite(image), OPTIONS);
      const found = results.find((r) => r.isValid && r.format === 'QRCode' && r.text !== '');
      return found?.text ?? null;
    } catch {
      return null;
    }
  };
}

/** The quick first read of a crop is at most this many pixels on its longer side. */
export const QUICK_SIDE = 256;

/**
 * An element crop: jsqr first on a copy at most QUICK_SIDE px (its cost follows the pixel count and a
 * set-up code's modules are several pixels wide: a few ms, and it reads codes clipped at the edge),
 * then zxing at full size (a few ms more), then jsqr at full size with its retries (the slow one).
 */
export async function readCrop(image: RgbaImage, zxing: QrReader): Promise<string | null> {
  const quick = fitWithin(image, QUICK_SIDE);
  return decodeQr(quick) ?? (await zxing(image)) ?? (quick === image ? null : decodeQr(image));
}

/** A whole-tab capture: zxing first (about 16 ms at 1280×800 where jsqr takes 90), jsqr where it fails. */
export async function readTab(image: RgbaImage, zxing: QrReader): Promise<string | null> {
  return (await zxing(image)) ?? decodeQr(image);
}
