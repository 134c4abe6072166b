/**
 * Paints a test-set case as the browser would show it: a 1280×800 CSS px page at the case's device
 * pixel ratio, a card with the code (a scaled server image or a canvas drawing), what covers it, decoys
 * elsewhere, optionally through JPEG; and the element crop the worker reads (`deviceBox`).
 */
import sharp from 'sharp';
import { deviceBox } from '../../src/core/qr/crop';
import { cropRect, type RgbaImage } from '../../src/core/qr/image';
import type { ScreenCase } from './cases';
import { paintCode } from './code';
import { pageImage } from './page';
import { generatorMatrix, qrcodeMatrix, type Matrix } from './matrix';
import { between, intBetween, pick, seeded, seedOf } from './random';
import { blank, blit, type Box, circle, fillRect, paint, roundedRect, type Rgb, type Shape } from './raster';

export const VIEWPORT = { width: 1280, height: 800 };

export interface RenderedCase {
  tab: RgbaImage;
  /** The QR element's box in viewport CSS px, as the picker sends it. */
  rect: Box;
  crop: RgbaImage;
}

function matrixOf(c: ScreenCase): Matrix {
  return c.generator === 'qrcode' ? qrcodeMatrix(c.text, c.ec, c.mask, c.minVersion) : generatorMatrix(c.text, c.ec, c.minVersion);
}

/** A server-side PNG at `cell` px per module, scaled by the browser to the element's device size. */
async function serverImage(c: ScreenCase, matrix: Matrix, side: number): Promise<RgbaImage> {
  const modules = matrix.size + 2 * c.quiet;
  const source = blank(modules * c.cell, modules * c.cell, c.light);
  paintCode(source, 1, matrix, { x: c.quiet * c.cell, y: c.quiet * c.cell, module: c.cell }, c.style);
  const { data, info } = await sharp(Buffer.from(source.data.buffer), { raw: { width: source.width, height: source.height, channels: 4 } })
    .resize(side, side, { kernel: c.kernel === 'linear' ? 'linear' : 'cubic', fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

function finderDecoy(at: { x: number; y: number }, unit: number, round: boolean): Shape {
  const cx = at.x + 3.5 * unit;
  const cy = at.y + 3.5 * unit;
  return (x, y) => {
    const d = round ? Math.hypot(x - cx, y - cy) / unit : Math.max(Math.abs(x - cx), Math.abs(y - cy)) / unit;
    return d <= 1.5 || (d >= 2.5 && d <= 3.5);
  };
}

function overlay(tab: RgbaImage, c: ScreenCase, origin: { x: number; y: number }, n: number): void {
  const m = c.module;
  const white: Rgb = [255, 255, 255];
  if (c.overlay === 'logo') {
    const side = n * m * 0.24;
    const cx = origin.x + (n * m) / 2;
    const cy = origin.y + (n * m) / 2;
    const box = { x: cx - side / 2, y: cy - side / 2, width: side, height: side };
    paint(tab, c.dpr, box, roundedRect(box, side * 0.2), c.light);
    paint(tab, c.dpr, box, circle(cx, cy, side * 0.38), [220, 60, 40]);
    fillRect(tab, c.dpr, { x: cx - side * 0.08, y: cy - side * 0.22, width: side * 0.16, height: side * 0.44 }, white);
    return;
  }
  if (c.overlay === 'none') return;
  // Badges and support-chat bubbles sit over the symbol's bottom-right corner, where its alignment pattern is.
  const ax = origin.x + (n - 6.5) * m;
  const ay = origin.y + (n - 6.5) * m;
  if (c.overlay === 'badge') {
    const r = 2.8 * m;
    const box = { x: ax - r, y: ay - r, width: 2 * r, height: 2 * r };
    paint(tab, c.dpr, box, circle(ax, ay, r), [22, 163, 74]);
    fillRect(tab, c.dpr, { x: ax - r * 0.45, y: ay - r * 0.1, width: r * 0.9, height: r * 0.25 }, white);
    return;
  }
  const box = { x: ax - 26, y: ay - 22, width: 52, height: 44 };
  paint(tab, c.dpr, { ...box, height: box.height + 10 }, (x, y) => roundedRect(box, 16)(x, y) || (y > box.y + 30 && y < box.y + 54 && x > box.x + 30 && x < box.x + 42 - (y - box.y - 30) / 2), [11, 92, 255]);
  for (const dx of [-12, 0, 12]) paint(tab, c.dpr, { x: ax + dx - 4, y: ay - 4, width: 8, height: 8 }, circle(ax + dx, ay, 3.5), white);
}

/** Paints case `c`: the whole tab, the element's box and its crop. */
export async function renderCase(c: ScreenCase): Promise<RenderedCase> {
  const random = seeded(seedOf(`${c.id}:layout`));
  const width = Math.round(VIEWPORT.width * c.dpr);
  const height = Math.round(VIEWPORT.height * c.dpr);
  const tab = pageImage(width, height, c.background, c.darkMode);
  const matrix = matrixOf(c);
  const n = matrix.size;
  const side = (n + 2 * c.quiet) * c.module;
  const cardSide = side + 2 * c.padding;
  const card = {
    x: 16 + c.place[0] * Math.max(0, VIEWPORT.width - 32 - cardSide) + c.subpixel,
    y: 16 + c.place[1] * Math.max(0, VIEWPORT.height - 32 - cardSide) + c.subpixel,
    width: cardSide,
    height: cardSide,
  };
  const rect = { x: card.x + c.padding, y: card.y + c.padding, width: side, height: side };
  fillRect(tab, c.dpr, card, c.light);
  const origin = { x: rect.x + c.quiet * c.module, y: rect.y + c.quiet * c.module };
  if (c.render === 'image') {
    blit(tab, await serverImage(c, matrix, Math.round(side * c.dpr)), Math.round(rect.x * c.dpr), Math.round(rect.y * c.dpr));
  } else {
    paintCode(tab, c.dpr, matrix, { ...origin, module: c.module }, c.style);
  }
  overlay(tab, c, origin, n);
  for (let placed = 0, tries = 0; placed < c.decoys && tries < 40; tries++) {
    const unit = between(random, 3, 8);
    const at = { x: between(random, 8, VIEWPORT.width - 8 * unit), y: between(random, 8, VIEWPORT.height - 8 * unit) };
    const clear = at.x > card.x + card.width + 8 || at.x + 7 * unit < card.x - 8 || at.y > card.y + card.height + 8 || at.y + 7 * unit < card.y - 8;
    if (!clear) continue;
    const box = { x: at.x - unit, y: at.y - unit, width: 9 * unit, height: 9 * unit };
    fillRect(tab, c.dpr, box, c.darkMode ? [24, 24, 24] : [250, 250, 250]);
    paint(tab, c.dpr, { ...at, width: 7 * unit, height: 7 * unit }, finderDecoy(at, unit, intBetween(random, 0, 1) === 1), c.darkMode ? pick(random, [[230, 230, 230]] as Rgb[]) : pick(random, [[20, 20, 20], [40, 40, 120]] as Rgb[]));
    placed++;
  }
  const shown = c.jpeg === null ? tab : await throughJpeg(tab, c.jpeg);
  const box = deviceBox(rect, c.dpr, width, height);
  return { tab: shown, rect, crop: box ? cropRect(shown, box) : { data: new Uint8ClampedArray(0), width: 0, height: 0 } };
}

async function throughJpeg(image: RgbaImage, quality: number): Promise<RgbaImage> {
  const raw = { raw: { width: image.width, height: image.height, channels: 4 as const } };
  const jpeg = await sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), raw).jpeg({ quality }).toBuffer();
  const { data, info } = await sharp(jpeg).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}
