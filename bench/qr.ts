/**
 * QR decoding figures: `node --import tsx bench/qr.ts`. Prints median times for an element crop and a
 * whole-tab capture at device scale 1 and 2, and the fixture-set decode rate of ours and of zxing-wasm
 * in the same run. Needs ../shared/fixtures.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { cropRect, decodeQr } from '../src/core/qr/decode';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import type { RgbaImage } from '../src/core/qr/image';
import { busyBackground, drawInto, HAS_QR_FIXTURES, loadRgba, QR_FIXTURES, readQrManifest } from '../test/unit/qr-fixtures';

if (!HAS_QR_FIXTURES) {
  console.log(`bench/qr: ${QR_FIXTURES} is absent; nothing to measure.`);
  process.exit(0);
}

const require = createRequire(import.meta.url);
const wasmPath = require.resolve('zxing-wasm/reader/zxing_reader.wasm');
const ZXING_WASM = new Uint8Array(readFileSync(wasmPath));

function median(fn: () => unknown, runs: number): number {
  fn(); // warm-up: JIT and first-call allocations are not what a user waits for twice
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(runs / 2)] ?? Number.NaN;
}

function expectText(label: string, image: RgbaImage, expected: string | null): void {
  const text = decodeQr(image);
  if (text !== expected) {
    console.log(`WARNING ${label}: decoded ${JSON.stringify(text?.slice(0, 40))}`);
  }
}

const qrFile = 'otpauth/qr_code_vision/otp_qr_code.png';
const qr = await loadRgba(path.join(QR_FIXTURES, qrFile));
const expected = readQrManifest().find((f) => f.file === qrFile)?.expected ?? null;

console.log(`node ${process.version}; QR ${qr.width}×${qr.height} px (${qrFile}) on a page-like background`);
for (const scale of [1, 2]) {
  // The page shows the QR at 1 CSS px per image px, in a 200×200 CSS box with a white quiet zone.
  const tab = busyBackground(1280 * scale, 800 * scale);
  const box = { x: 880, y: 300, width: 200, height: 200 };
  const margin = ((box.width - qr.width) / 2) * scale;
  drawInto(tab, qr, Math.round(box.x * scale + margin), Math.round(box.y * scale + margin), scale, Math.floor(margin));
  const rect = { x: box.x * scale, y: box.y * scale, width: box.width * scale, height: box.height * scale };
  const crop = cropRect(tab, rect);
  expectText(`crop ${scale}×`, crop, expected);
  expectText(`tab ${scale}×`, tab, expected);
  const empty = busyBackground(1280 * scale, 800 * scale, 7);
  expectText(`empty tab ${scale}×`, empty, null);
  console.log(`element crop ${crop.width}×${crop.height} (scale ${scale}): median ${median(() => decodeQr(cropRect(tab, rect)), 21).toFixed(1)} ms (crop included)`);
  console.log(`whole tab ${tab.width}×${tab.height} (scale ${scale}), one QR: median ${median(() => decodeQr(tab), 7).toFixed(1)} ms`);
  console.log(`whole tab ${tab.width}×${tab.height} (scale ${scale}), no QR (every retry): median ${median(() => decodeQr(empty), 5).toFixed(1)} ms`);
}

// zxing-wasm (ZXing-C++ in WebAssembly) is measured beside us in the same run, as the yardstick the
// issue names. It is a dev dependency only: it would add ~400 KB of wasm for about one more image.
prepareZXingModule({ overrides: { wasmBinary: ZXING_WASM.buffer }, fireImmediately: false });
const zxingRead = async (image: RgbaImage): Promise<string | null> => {
  const results = await readBarcodes({ data: image.data, width: image.width, height: image.height } as unknown as ImageData, {
    formats: ['QRCode'],
    tryHarder: true,
    tryDenoise: true,
  });
  return results[0]?.text ?? null;
};

const fixtures = readQrManifest();
let zxingTotal = 0;
const ours = { all: 0, zxingSet: 0, ms: 0 };
const theirs = { all: 0, zxingSet: 0, ms: 0 };
for (const fixture of fixtures) {
  const image = await loadRgba(path.join(QR_FIXTURES, fixture.file));
  const isZxing = fixture.source === 'zxing';
  zxingTotal += isZxing ? 1 : 0;
  let start = performance.now();
  const a = decodeQr(image);
  ours.ms += performance.now() - start;
  start = performance.now();
  const b = await zxingRead(image);
  theirs.ms += performance.now() - start;
  if (a !== null && a === fixture.expected) {
    ours.all++;
    ours.zxingSet += isZxing ? 1 : 0;
  }
  if (b !== null && b === fixture.expected) {
    theirs.all++;
    theirs.zxingSet += isZxing ? 1 : 0;
  }
}
const pct = (n: number, of: number): string => `${n}/${of} = ${((100 * n) / of).toFixed(1)}%`;
console.log(`decode rate, Twostep (jsqr + retries): ${pct(ours.all, fixtures.length)} of all fixtures; zxing set ${pct(ours.zxingSet, zxingTotal)}; ${ours.ms.toFixed(0)} ms in all`);
console.log(`decode rate, zxing-wasm alone (same run): ${pct(theirs.all, fixtures.length)} of all fixtures; zxing set ${pct(theirs.zxingSet, zxingTotal)}; ${theirs.ms.toFixed(0)} ms in all`);

const gz = (file: string): number => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
console.log(`bytes: jsqr ${kb(gz(require.resolve('jsqr')))} gzip; zxing_reader.wasm would add ${kb(gz(wasmPath))} gzip`);
