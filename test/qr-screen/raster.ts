/**
 * A small rasteriser for what a browser paints at a device pixel ratio: shapes in CSS px, pixels in
 * device px, edges anti-aliased by coverage (3×3 samples per pixel), and the seams a canvas leaves
 * when each module is filled as its own rectangle at fractional pixel positions.
 */
import type { RgbaImage } from '../../src/core/qr/image';

export type Rgb = readonly [number, number, number];
/** A shape in CSS px: true where the point is inside. */
export type Shape = (x: number, y: number) => boolean;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function blank(width: number, height: number, rgb: Rgb): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = rgb[0];
    data[i + 1] = rgb[1];
    data[i + 2] = rgb[2];
    data[i + 3] = 255;
  }
  return { data, width, height };
}

function blend(image: RgbaImage, px: number, py: number, rgb: Rgb, alpha: number): void {
  if (alpha <= 0 || px < 0 || py < 0 || px >= image.width || py >= image.height) return;
  const o = (py * image.width + px) * 4;
  const d = image.data;
  d[o] = (d[o] ?? 0) * (1 - alpha) + rgb[0] * alpha;
  d[o + 1] = (d[o + 1] ?? 0) * (1 - alpha) + rgb[1] * alpha;
  d[o + 2] = (d[o + 2] ?? 0) * (1 - alpha) + rgb[2] * alpha;
}

const SAMPLES = [1 / 6, 3 / 6, 5 / 6];

/**
 * Paints `shape` (CSS px, within `bounds`) in `rgb`, each device pixel covered by its share of 9
 * samples. The shape is first sampled at pixel corners: a pixel whose four corners agree is wholly in
 * or out (every shape here is at least two device pixels wide), so only edge pixels take 9 samples.
 */
export function paint(image: RgbaImage, dpr: number, bounds: Box, shape: Shape, rgb: Rgb): void {
  const x0 = Math.max(0, Math.floor(bounds.x * dpr));
  const y0 = Math.max(0, Math.floor(bounds.y * dpr));
  const x1 = Math.min(image.width, Math.ceil((bounds.x + bounds.width) * dpr));
  const y1 = Math.min(image.height, Math.ceil((bounds.y + bounds.height) * dpr));
  const w = x1 - x0 + 1;
  if (w <= 1 || y1 <= y0) return;
  const corners = new Uint8Array(w * (y1 - y0 + 1));
  for (let j = 0; j <= y1 - y0; j++) for (let i = 0; i < w; i++) corners[j * w + i] = shape((x0 + i) / dpr, (y0 + j) / dpr) ? 1 : 0;
  for (let py = y0; py < y1; py++) {
    for (let px = x0; px < x1; px++) {
      const k = (py - y0) * w + (px - x0);
      const sum = (corners[k] ?? 0) + (corners[k + 1] ?? 0) + (corners[k + w] ?? 0) + (corners[k + w + 1] ?? 0);
      if (sum === 0) continue;
      if (sum === 4) {
        blend(image, px, py, rgb, 1);
        continue;
      }
      let hits = 0;
      for (const sy of SAMPLES) for (const sx of SAMPLES) if (shape((px + sx) / dpr, (py + sy) / dpr)) hits++;
      blend(image, px, py, rgb, hits / 9);
    }
  }
}

/** A rectangle with exact coverage at its fractional edges (what fillRect does). */
export function fillRect(image: RgbaImage, dpr: number, box: Box, rgb: Rgb): void {
  const ax = box.x * dpr;
  const ay = box.y * dpr;
  const bx = (box.x + box.width) * dpr;
  const by = (box.y + box.height) * dpr;
  for (let py = Math.max(0, Math.floor(ay)); py < Math.min(image.height, Math.ceil(by)); py++) {
    const cy = Math.min(by, py + 1) - Math.max(ay, py);
    for (let px = Math.max(0, Math.floor(ax)); px < Math.min(image.width, Math.ceil(bx)); px++) {
      blend(image, px, py, rgb, cy * (Math.min(bx, px + 1) - Math.max(ax, px)));
    }
  }
}

export const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** A rounded rectangle; `radius` is clamped to half the shorter side. */
export function roundedRect(box: Box, radius: number): Shape {
  const r = Math.min(radius, box.width / 2, box.height / 2);
  return (x, y) => {
    if (x < box.x || y < box.y || x > box.x + box.width || y > box.y + box.height) return false;
    const dx = Math.max(box.x + r - x, 0, x - (box.x + box.width - r));
    const dy = Math.max(box.y + r - y, 0, y - (box.y + box.height - r));
    return dx * dx + dy * dy <= r * r;
  };
}

/** Copies `top` onto `base` with its top-left at device pixel (x, y). */
export function blit(base: RgbaImage, top: RgbaImage, x: number, y: number): void {
  for (let ty = 0; ty < top.height; ty++) {
    const by = y + ty;
    if (by < 0 || by >= base.height) continue;
    const from = Math.max(0, -x);
    const to = Math.min(top.width, base.width - x);
    if (to <= from) continue;
    base.data.set(top.data.subarray((ty * top.width + from) * 4, (ty * top.width + to) * 4), (by * base.width + x + from) * 4);
  }
}
