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
