import path from 'node:path';
import fc from 'fast-check';
import jsQR from 'jsqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { cropRect, decodeQr } from '../../src/core/qr/decode';
import type { RgbaImage } from '../../src/core/qr/image';
import { readCrop, readTab } from '../../src/core/qr/read';
import { nodeZxing } from '../qr-screen/zxing-node';
import type { QrFixture } from './qr-fixtures';
import { busyBackground, drawInto, HAS_QR_FIXTURES, loadRgba, QR_FIXTURES, readQrManifest } from './qr-fixtures';

/**
 * Floors: what decodeQr reached on the fixture set when this test was written (jsqr alone was at
 * 158/187; zxing-wasm reads 166/179 of the zxing part). A change that reads fewer fails here.
 */
const FLOOR = { all: 173, zxing: 166 };
/**
 * The shipped readers read more: zxing-wasm adds a code with control characters, and on a crop jsqr's
 * quick read at reduced size reads the outer "double QR" where full size finds the inner one.
 */
const SHIPPED_FLOOR = { crop: 175, tab: 174 };

if (!HAS_QR_FIXTURES) {
  console.warn(`qr-decode.test: ${QR_FIXTURES} is absent; fixture tests are skipped (clone shared/ beside the repo).`);
}

const percent = (n: number, of: number): string => `${n}/${of} = ${((100 * n) / of).toFixed(1)}%`;

describe.skipIf(!HAS_QR_FIXTURES)('decodeQr on the fixture set', () => {
  let fixtures: { fixture: QrFixture; image: RgbaImage; text: string | null; crop: string | null; tab: string | null }[] = [];
  beforeAll(async () => {
    const zxing = nodeZxing();
    fixtures = await Promise.all(
      readQrManifest().map(async (fixture) => {
        const image = await loadRgba(path.join(QR_FIXTURES, fixture.file));
        return { fixture, image, text: decodeQr(image), crop: await readCrop(image, zxing), tab: await readTab(image, zxing) };
      }),
    );
  }, 240_000);
  const rate = (results: { fixture: QrFixture; text: string | null }[]): { all: number; zxing: number; zxingTotal: number } => {
    const read = results.filter(({ fixture, text }) => text !== null && text === fixture.expected);
    return {
      all: read.length,
      zxing: read.filter(({ fixture }) => fixture.source === 'zxing').length,
      zxingTotal: results.filter(({ fixture }) => fixture.source === 'zxing').length,
    };
  };

  it('reads at least as many images as before', () => {
    const { all, zxing, zxingTotal } = rate(fixtures);
    console.log(`QR decode rate: ${percent(all, fixtures.length)} (zxing set ${percent(zxing, zxingTotal)})`);
    expect(all).toBeGreaterThanOrEqual(FLOOR.all);
    expect(zxing).toBeGreaterThanOrEqual(FLOOR.zxing);
  });

  it('never returns wrong text, except the "double QR" whose inner code it reads', () => {
    const wrong = fixtures.filter(({ fixture, text }) => text !== null && fixture.expected !== null && text !== fixture.expected);
    expect(wrong.map(({ fixture }) => fixture.file)).toEqual(['zxing/qrcode-2/16.png']);
  });

  it('with zxing-wasm as the second reader, reads more and never a wrong text, as a crop or as a whole tab', () => {
    for (const region of ['crop', 'tab'] as const) {
      const read = fixtures.filter((f) => f[region] !== null && f[region] === f.fixture.expected);
      const wrong = fixtures.filter((f) => f[region] !== null && f[region] !== f.fixture.expected);
      console.log(`QR decode rate, jsqr + zxing-wasm as a ${region}: ${percent(read.length, fixtures.length)}`);
      expect(read.length, region).toBeGreaterThanOrEqual(SHIPPED_FLOOR[region]);
      // The "double QR" holds a second, smaller code inside the first: both readers may find the inner one.
      expect(wrong.map(({ fixture }) => fixture.file).filter((file) => file !== 'zxing/qrcode-2/16.png'), region).toEqual([]);
    }
  });

  it('reads every otpauth screenshot to exactly the expected text', () => {
    const otpauth = fixtures.filter(({ fixture }) => fixture.source === 'otpauth' && fixture.expected !== null);
    expect(otpauth.length).toBeGreaterThanOrEqual(7);
    for (const { fixture, text } of otpauth) {
      expect(text, fixture.file).toBe(fixture.expected);
    }
  });

  it('reads a QR on a transparent background as a canvas returns it, which raw jsqr reads as all black', () => {
    const { image, fixture } = fixtures.find(({ fixture }) => fixture.file.endsWith('otp_qr_code_with_transparency.png'))!;
    // A canvas stores premultiplied colour, so getImageData gives fully transparent pixels as (0,0,0,0).
    const data = new Uint8ClampedArray(image.data);
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) data.fill(0, i, i + 3);
    }
    const canvasLike = { data, width: image.width, height: image.height };
    expect(jsQR(data, image.width, image.height, { inversionAttempts: 'attemptBoth' })).toBeNull();
    expect(decodeQr(canvasLike)).toBe(fixture.expected);
    expect(fixture.expected).toMatch(/^otpauth:\/\/totp\//);
  });

  it('reads Shift_JIS byte segments that jsqr returns as ""', () => {
    const { text, fixture } = fixtures.find(({ fixture }) => fixture.file === 'zxing/qrcode-2/17.png')!;
    expect(text).toBe(fixture.expected);
    expect(text).toContain('ﾃﾞｻﾞｲﾝQR');
  });

  it('reads a light-on-dark QR (dark-mode pages)', () => {
    const { image, fixture } = fixtures.find(({ fixture }) => fixture.file.endsWith('qr_code_vision/otp_qr_code.png'))!;
    const flat = new Uint8ClampedArray(image.data);
    for (let i = 0; i < flat.length; i += 4) {
      const alpha = (flat[i + 3] ?? 255) / 255;
      for (let c = 0; c < 3; c++) flat[i + c] = 255 - ((flat[i + c] ?? 0) * alpha + 255 * (1 - alpha));
      flat[i + 3] = 255;
    }
    expect(decodeQr({ data: flat, width: image.width, height: image.height })).toBe(fixture.expected);
  });

  it('reads a QR cropped out of a whole-tab capture, at scale 1 and 2', () => {
    const { image, fixture } = fixtures.find(({ fixture }) => fixture.file.endsWith('qr_code_vision/otp_qr_code.png'))!;
    for (const scale of [1, 2]) {
      const tab = busyBackground(1280 * scale, 800 * scale);
      // The page shows the 147 px image at 2× in a box at fractional CSS pixels; the capture is in device pixels.
      const box = { x: 900.5, y: 333.25, width: image.width * 2, height: image.height * 2 };
      drawInto(tab, image, Math.round(box.x * scale), Math.round(box.y * scale), 2 * scale, 16 * scale);
      const crop = cropRect(tab, { x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale });
      expect(decodeQr(crop), `crop at ${scale}×`).toBe(fixture.expected);
      expect(decodeQr(tab), `whole tab at ${scale}×`).toBe(fixture.expected);
    }
  });
});

describe('decodeQr and cropRect on synthetic input', () => {
  const image = (width: number, height: number): RgbaImage => {
    const data = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) data.set([i % 256, (i >> 8) % 256, 7, 255], i * 4);
    return { data, width, height };
  };
  const pixel = (img: RgbaImage, x: number, y: number): number[] => [...img.data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 4)];

  it('crops a box, rounding fractional edges outwards', () => {
    const src = image(10, 8);
    const crop = cropRect(src, { x: 2.5, y: 1.2, width: 3, height: 2.5 });
    expect([crop.width, crop.height]).toEqual([4, 3]);
    expect(pixel(crop, 0, 0)).toEqual(pixel(src, 2, 1));
    expect(pixel(crop, 3, 2)).toEqual(pixel(src, 5, 3));
  });

  it.each([
    [{ x: -5, y: -5, width: 8, height: 7 }, 3, 2],
    [{ x: 8, y: 6, width: 100, height: 100 }, 2, 2],
    [{ x: 20, y: 0, width: 5, height: 5 }, 0, 5],
    [{ x: 0, y: 0, width: -3, height: 4 }, 0, 4],
    [{ x: Number.NaN, y: 0, width: Number.POSITIVE_INFINITY, height: 1 }, 0, 1],
  ])('clamps %j to the image', (rect, width, height) => {
    const crop = cropRect(image(10, 8), rect);
    expect([crop.width, crop.height]).toEqual([width, height]);
    expect(crop.data.length).toBe(width * height * 4);
  });

  it('returns null for empty, blank or short buffers instead of throwing', () => {
    expect(decodeQr({ data: new Uint8ClampedArray(0), width: 0, height: 0 })).toBeNull();
    expect(decodeQr({ data: new Uint8ClampedArray(4 * 50 * 50).fill(255), width: 50, height: 50 })).toBeNull();
    expect(decodeQr({ data: new Uint8ClampedArray(16), width: 50, height: 50 })).toBeNull();
    expect(decodeQr(image(3, 700))).toBeNull();
  });

  it('never throws on random pixels and sizes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.uint8Array({ maxLength: 40 * 40 * 4 }), (width, height, bytes) => {
        const data = new Uint8ClampedArray(bytes);
        expect(() => decodeQr({ data, width, height })).not.toThrow();
        expect(() => cropRect({ data, width, height }, { x: 3, y: 3, width: 10, height: 10 })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
