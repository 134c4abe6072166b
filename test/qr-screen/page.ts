/**
 * The page behind a code: a light gradient with rows of dark "text" blocks and a few coloured panels,
 * as `busyBackground` in the fixture helpers, but drawn with whole-row fills (a 2.5× tab is 6.4 million
 * pixels, and the set needs one per size and seed). Dark mode is the same page inverted.
 */
import type { RgbaImage } from '../../src/core/qr/image';
import { seeded } from './random';

const cache = new Map<string, RgbaImage>();

function draw(width: number, height: number, seed: number, dark: boolean): RgbaImage {
  const random = seeded(seed);
  const pixels = new Uint32Array(width * height);
  // Little-endian RGBA in one 32-bit word.
  const word = (r: number, g: number, b: number): number => (dark ? (255 - r * 0.9) | ((255 - g * 0.9) << 8) | ((255 - b * 0.9) << 16) : r | (g << 8) | (b << 16)) | (0xff << 24);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels[y * width + x] = word(Math.round(235 + (x * 20) / width), Math.round(240 - (y * 25) / height), 245) >>> 0;
  }
  const fill = (x0: number, y0: number, w: number, h: number, rgb: [number, number, number]): void => {
    const value = word(...rgb) >>> 0;
    const xa = Math.max(0, Math.round(x0));
    const xb = Math.min(width, Math.round(x0 + w));
    if (xb <= xa) return;
    for (let y = Math.max(0, Math.round(y0)); y < Math.min(height, Math.round(y0 + h)); y++) pixels.fill(value, y * width + xa, y * width + xb);
  };
  const unit = width / 1280;
  for (let i = 0; i < 6; i++) {
    fill(random() * width, random() * height, (100 + random() * 300) * unit, (40 + random() * 120) * unit, [Math.floor(random() * 200), Math.floor(random() * 200), Math.floor(random() * 255)]);
  }
  for (let line = 20 * unit; line < height; line += 22 * unit) {
    for (let x = 10 * unit; x < width - 40 * unit; ) {
      const wordWidth = (4 + Math.floor(random() * 12)) * 6 * unit;
      fill(x, line, wordWidth, 9 * unit, [40, 40, 50]);
      x += wordWidth + 7 * unit;
    }
  }
  return { data: new Uint8ClampedArray(pixels.buffer), width, height };
}

/** A fresh copy of the page for `seed` at `width`×`height` device px. */
export function pageImage(width: number, height: number, seed: number, dark: boolean): RgbaImage {
  const key = `${width}x${height}:${seed}:${dark}`;
  let image = cache.get(key);
  if (!image) {
    image = draw(width, height, seed, dark);
    cache.set(key, image);
  }
  return { data: image.data.slice(), width, height };
}
