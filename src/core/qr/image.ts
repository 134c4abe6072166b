/**
 * RGBA pixel buffers as a canvas gives them (`ImageData` without the DOM type), and the few pure
 * operations QR decoding needs on them: crop, flatten transparency, rescale, binarise.
 */

/** Row-major RGBA, 4 bytes per pixel, `data.length === width * height * 4`. */
export interface RgbaImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** A box in image pixels, as an element's bounding rectangle times the device pixel ratio. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** True when `image` has positive integer sides and exactly 4 bytes per pixel (jsqr throws otherwise). */
export function isWellFormed(image: RgbaImage): boolean {
  const { width, height } = image;
  return Number.isSafeInteger(width) && Number.isSafeInteger(height) && width > 0 && height > 0 && image.data.length === width * height * 4;
}

/**
 * Copies the part of `image` inside `rect`, clamped to the image (fractional edges round outwards,
 * so a box at 1.5 device pixels keeps its border row). An empty or outside box gives a 0×0 image.
 */
export function cropRect(image: RgbaImage, rect: Rect): RgbaImage {
  const finite = (n: number): number => (Number.isFinite(n) ? n : 0);
  const x0 = clamp(Math.floor(finite(rect.x)), 0, image.width);
  const y0 = clamp(Math.floor(finite(rect.y)), 0, image.height);
  const x1 = clamp(Math.ceil(finite(rect.x) + finite(rect.width)), x0, image.width);
  const y1 = clamp(Math.ceil(finite(rect.y) + finite(rect.height)), y0, image.height);
  const width = x1 - x0;
  const height = y1 - y0;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * image.width + x0) * 4;
    data.set(image.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { data, width, height };
}

/**
 * Composites every pixel onto white. A canvas returns fully transparent pixels as (0,0,0,0), which a
 * decoder reading RGB sees as black, so a QR drawn black-on-transparent would become all black.
 * Returns the same image when it is already opaque.
 */
export function flattenOnWhite(image: RgbaImage): RgbaImage {
  const src = image.data;
  let opaque = true;
  for (let i = 3; i < src.length; i += 4) {
    if (src[i] !== 255) {
      opaque = false;
      break;
    }
  }
  if (opaque) {
    return image;
  }
  const data = new Uint8ClampedArray(src.length);
  for (let i = 0; i < src.length; i += 4) {
    const alpha = src[i + 3] ?? 255;
    const white = 255 - alpha;
    data[i] = ((src[i] ?? 0) * alpha) / 255 + white;
    data[i + 1] = ((src[i + 1] ?? 0) * alpha) / 255 + white;
    data[i + 2] = ((src[i + 2] ?? 0) * alpha) / 255 + white;
    data[i + 3] = 255;
  }
  return { data, width: image.width, height: image.height };
}

/** Halves each side, averaging 2×2 blocks (a box filter keeps thin modules grey instead of dropping them). */
export function downscale2(image: RgbaImage): RgbaImage {
  const width = image.width >> 1;
  const height = image.height >> 1;
  const src = image.data;
  const data = new Uint8ClampedArray(width * height * 4);
  const stride = image.width * 4;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const a = (2 * y * image.width + 2 * x) * 4;
      const o = (y * width + x) * 4;
      for (let c = 0; c < 4; c++) {
        const sum = (src[a + c] ?? 0) + (src[a + 4 + c] ?? 0) + (src[a + stride + c] ?? 0) + (src[a + stride + 4 + c] ?? 0);
        data[o + c] = (sum + 2) >> 2;
      }
    }
  }
  return { data, width, height };
}

/** Doubles each side by repeating pixels, so a tiny QR's modules cover enough pixels for the finder search. */
export function upscale2(image: RgbaImage): RgbaImage {
  const width = image.width * 2;
  const height = image.height * 2;
  // A Uint32Array view needs 4-byte alignment; a subarray of some other buffer may not have it.
  const bytes = image.data.byteOffset % 4 === 0 ? image.data : image.data.slice();
  const src = new Uint32Array(bytes.buffer, bytes.byteOffset, image.width * image.height);
  const out = new Uint32Array(width * height);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const p = src[y * image.width + x] ?? 0;
      const o = 2 * y * width + 2 * x;
      out[o] = p;
      out[o + 1] = p;
      out[o + width] = p;
      out[o + width + 1] = p;
    }
  }
  return { data: new Uint8ClampedArray(out.buffer), width, height };
}

/**
 * Black and white at one global threshold (Otsu's method on luminance). jsqr binarises in 8×8 blocks,
 * which loses codes whose modules are larger than a block on a smooth gradient or low-contrast print.
 */
export function binarizeOtsu(image: RgbaImage): RgbaImage {
  const src = image.data;
  const pixels = image.width * image.height;
  const luma = new Uint8Array(pixels);
  const histogram = new Float64Array(256);
  for (let p = 0; p < pixels; p++) {
    const i = p * 4;
    const l = ((src[i] ?? 0) * 77 + (src[i + 1] ?? 0) * 150 + (src[i + 2] ?? 0) * 29) >> 8;
    luma[p] = l;
    histogram[l] = (histogram[l] ?? 0) + 1;
  }
  let total = 0;
  for (let l = 0; l < 256; l++) {
    total += l * (histogram[l] ?? 0);
  }
  let best = 127;
  let bestVariance = -1;
  let weightBelow = 0;
  let sumBelow = 0;
  for (let t = 0; t < 256; t++) {
    weightBelow += histogram[t] ?? 0;
    sumBelow += t * (histogram[t] ?? 0);
    const weightAbove = pixels - weightBelow;
    if (weightBelow === 0 || weightAbove === 0) {
      continue;
    }
    const meanBelow = sumBelow / weightBelow;
    const meanAbove = (total - sumBelow) / weightAbove;
    const variance = weightBelow * weightAbove * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = t;
    }
  }
  const data = new Uint8ClampedArray(pixels * 4);
  for (let p = 0; p < pixels; p++) {
    const v = (luma[p] ?? 0) > best ? 255 : 0;
    data[p * 4] = v;
    data[p * 4 + 1] = v;
    data[p * 4 + 2] = v;
    data[p * 4 + 3] = 255;
  }
  return { data, width: image.width, height: image.height };
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(Math.max(n, min), max);
}

/**
 * Scales `image` down so its longer side is at most `side` px, averaging the source pixels each
 * target pixel covers (what a canvas's smoothed drawImage does); the same image when already small.
 */
export function fitWithin(image: RgbaImage, side: number): RgbaImage {
  const scale = side / Math.max(image.width, image.height);
  if (scale >= 1 || !isWellFormed(image)) return image;
  const width = Math.max(1, Math.round(image.width * scale));
  const height = Math.max(1, Math.round(image.height * scale));
  const src = image.data;
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const sy0 = Math.floor((y * image.height) / height);
    const sy1 = Math.max(sy0 + 1, Math.floor(((y + 1) * image.height) / height));
    for (let x = 0; x < width; x++) {
      const sx0 = Math.floor((x * image.width) / width);
      const sx1 = Math.max(sx0 + 1, Math.floor(((x + 1) * image.width) / width));
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = sy0; sy < sy1; sy++) {
        for (let i = (sy * image.width + sx0) * 4, end = (sy * image.width + sx1) * 4; i < end; i += 4) {
          r += src[i] ?? 0;
          g += src[i + 1] ?? 0;
          b += src[i + 2] ?? 0;
          a += src[i + 3] ?? 0;
        }
      }
      const n = (sy1 - sy0) * (sx1 - sx0);
      const o = (y * width + x) * 4;
      data[o] = r / n;
      data[o + 1] = g / n;
      data[o + 2] = b / n;
      data[o + 3] = a / n;
    }
  }
  return { data, width, height };
}
