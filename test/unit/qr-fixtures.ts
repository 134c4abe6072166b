/**
 * Loads the shared QR fixture images as RGBA pixels for node tests and the bench. sharp (libvips,
 * prebuilt inside its npm packages) reads PNG, JPEG, GIF and WebP; it has no BMP loader, so the one
 * BMP fixture (a Windows-clipboard screenshot) goes through the small reader below.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { RgbaImage } from '../../src/core/qr/image';
import { flattenOnWhite } from '../../src/core/qr/image';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared fixtures folder, beside the repository; tests skip when it is absent. */
export const FIXTURES = path.resolve(repoRoot, '../shared/fixtures');
export const QR_FIXTURES = path.join(FIXTURES, 'qr');
export const HAS_QR_FIXTURES = existsSync(path.join(QR_FIXTURES, 'manifest.json'));

export interface QrFixture {
  source: string;
  group: string;
  id: string;
  file: string;
  /** The exact text, or null where no decoder read it (gt "none"). */
  expected: string | null;
  gt: 'exact' | 'derived' | 'none';
}

export function readQrManifest(): QrFixture[] {
  return JSON.parse(readFileSync(path.join(QR_FIXTURES, 'manifest.json'), 'utf8')) as QrFixture[];
}

/** Decodes an image file into RGBA pixels. */
export async function loadRgba(file: string): Promise<RgbaImage> {
  const bytes = readFileSync(file);
  if (bytes[0] === 0x42 && bytes[1] === 0x4d) {
    return decodeBmp(bytes);
  }
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 4) {
    throw new Error(`${file}: ${info.channels} channels`);
  }
  return { data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
}

/** Uncompressed 24- and 32-bit BMP (BI_RGB, or BI_BITFIELDS with the usual BGRA masks). */
function decodeBmp(bytes: Buffer): RgbaImage {
  const offset = bytes.readUInt32LE(10);
  const width = bytes.readInt32LE(18);
  const rawHeight = bytes.readInt32LE(22);
  const bpp = bytes.readUInt16LE(28);
  const compression = bytes.readUInt32LE(30);
  if ((bpp !== 24 && bpp !== 32) || (compression !== 0 && compression !== 3)) {
    throw new Error(`unsupported BMP: ${bpp} bpp, compression ${compression}`);
  }
  const height = Math.abs(rawHeight);
  const stride = Math.ceil((width * bpp) / 32) * 4;
  const data = new Uint8ClampedArray(width * height * 4);
  let anyAlpha = false;
  for (let y = 0; y < height; y++) {
    // Rows are stored bottom-up unless the height is negative.
    const row = offset + (rawHeight > 0 ? height - 1 - y : y) * stride;
    for (let x = 0; x < width; x++) {
      const p = row + (x * bpp) / 8;
      const o = (y * width + x) * 4;
      data[o] = bytes[p + 2] ?? 0;
      data[o + 1] = bytes[p + 1] ?? 0;
      data[o + 2] = bytes[p] ?? 0;
      data[o + 3] = bpp === 32 ? (bytes[p + 3] ?? 0) : 255;
      anyAlpha ||= data[o + 3] !== 0;
    }
  }
  if (bpp === 32 && !anyAlpha) {
    // A 32-bit BI_RGB bitmap whose fourth byte is all zero is opaque (the byte is "reserved").
    for (let i = 3; i < data.length; i += 4) {
      data[i] = 255;
    }
  }
  return { data, width, height };
}

/**
 * A page-like RGBA image: a light gradient with rows of dark "text" blocks and a few coloured panels,
 * from a fixed seed so every run draws the same picture.
 */
export function busyBackground(width: number, height: number, seed = 1): RgbaImage {
  let state = seed >>> 0 || 1;
  const random = (): number => {
    // xorshift32: deterministic, good enough for a picture.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      data[o] = 235 + (x * 20) / width;
      data[o + 1] = 240 - (y * 25) / height;
      data[o + 2] = 245;
      data[o + 3] = 255;
    }
  }
  const fill = (x0: number, y0: number, w: number, h: number, rgb: [number, number, number]): void => {
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
      for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
        data.set([...rgb, 255], (y * width + x) * 4);
      }
    }
  };
  const unit = Math.max(1, Math.round(width / 1280));
  for (let i = 0; i < 6; i++) {
    fill(Math.floor(random() * width), Math.floor(random() * height), (100 + random() * 300) * unit, (40 + random() * 120) * unit, [Math.floor(random() * 200), Math.floor(random() * 200), Math.floor(random() * 255)]);
  }
  for (let line = 20 * unit; line < height; line += 22 * unit) {
    for (let x = 10 * unit; x < width - 40 * unit; ) {
      const word = (4 + Math.floor(random() * 12)) * 6 * unit;
      fill(x, line, word, 9 * unit, [40, 40, 50]);
      x += word + 7 * unit;
    }
  }
  return { data, width, height };
}

/**
 * Draws `top` onto `base` at (x, y), in place, each side scaled up by the integer `scale`, on a white
 * card `margin` pixels wider on each side (the quiet zone a page leaves around a QR image).
 */
export function drawInto(base: RgbaImage, top: RgbaImage, x: number, y: number, scale = 1, margin = 0): void {
  for (let by = Math.max(0, y - margin); by < Math.min(base.height, y + top.height * scale + margin); by++) {
    for (let bx = Math.max(0, x - margin); bx < Math.min(base.width, x + top.width * scale + margin); bx++) {
      base.data.set([255, 255, 255, 255], (by * base.width + bx) * 4);
    }
  }
  // A tab capture is opaque: composite the image as the page would.
  const opaque = flattenOnWhite(top);
  for (let ty = 0; ty < top.height * scale; ty++) {
    for (let tx = 0; tx < top.width * scale; tx++) {
      const bx = x + tx;
      const by = y + ty;
      if (bx < 0 || by < 0 || bx >= base.width || by >= base.height) continue;
      const from = ((Math.floor(ty / scale) * opaque.width) + Math.floor(tx / scale)) * 4;
      base.data.set(opaque.data.subarray(from, from + 4), (by * base.width + bx) * 4);
    }
  }
}
