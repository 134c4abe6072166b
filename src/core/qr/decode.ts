/**
 * QR decoding of RGBA pixels (what a canvas or a tab capture gives) with jsqr, made more forgiving:
 * transparency is flattened onto white, and when the first pass finds nothing the image is tried
 * again at another scale and as a globally thresholded copy. Pure: no DOM, no canvas.
 */
import jsQR from 'jsqr';
import type { RgbaImage } from './image';
import { binarizeOtsu, downscale2, flattenOnWhite, isWellFormed, upscale2 } from './image';
import { chunksToText } from './text';

export type { Rect, RgbaImage } from './image';
export { cropRect } from './image';

/**
 * jsqr 1.4.0 merges the options of a call into its module-level defaults, so a call without options
 * would inherit an earlier call's. Passing a full object every time keeps calls independent.
 * Every pass also reads light-on-dark codes (dark-mode pages): a dark-mode code that needs a retry
 * (a 2× capture read at half size, a small code read at twice the size) is as common as a light one.
 */
const BOTH = { inversionAttempts: 'attemptBoth' } as const;

/** Images whose shorter side is under this many pixels are also tried at twice the size. */
const UPSCALE_BELOW = 320;
/** Images whose longer side is over this many pixels are also tried at half the size. */
const DOWNSCALE_ABOVE = 200;
/**
 * A capture this large (a 2× tab) is read at half size first: modules are still several pixels wide,
 * and a quarter of the pixels take about a quarter of the time. Full size is the first retry.
 */
const HALF_FIRST_ABOVE = 1920;

/** Decodes the first QR code found in `image`; null when none is readable. */
export function decodeQr(image: RgbaImage): string | null {
  if (!isWellFormed(image)) {
    return null;
  }
  const flat = flattenOnWhite(image);
  for (const [variant, options] of variants(flat)) {
    const text = scan(variant, options);
    if (text !== null) {
      return text;
    }
  }
  return null;
}

type Attempt = [RgbaImage, typeof BOTH];

/** The attempts in order; each image is built only when the attempt before it has failed. */
function* variants(image: RgbaImage): Generator<Attempt> {
  const longer = Math.max(image.width, image.height);
  const shorter = Math.min(image.width, image.height);
  if (longer > HALF_FIRST_ABOVE) {
    const half = downscale2(image);
    yield [half, BOTH];
    yield [image, BOTH];
    yield [binarizeOtsu(half), BOTH];
    return;
  }
  yield [image, BOTH];
  if (longer > DOWNSCALE_ABOVE) {
    // Camera photos and 2× screenshots: jsqr's 8×8-block binariser and finder search do better when
    // a module spans a few pixels rather than dozens, and averaging smooths JPEG and moiré noise.
    // Measured on the fixtures: +4 images; a global threshold of the half-size image, +1 more.
    const half = downscale2(image);
    yield [half, BOTH];
    yield [binarizeOtsu(half), BOTH];
  }
  if (shorter < UPSCALE_BELOW) {
    yield [upscale2(image), BOTH];
  }
}

function scan(image: RgbaImage, options: typeof BOTH): string | null {
  const code = jsQR(image.data, image.width, image.height, options);
  if (code === null) {
    return null;
  }
  const text = chunksToText(code.chunks);
  return text === '' ? null : text;
}
