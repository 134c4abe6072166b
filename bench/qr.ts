/**
 * QR decoding figures: `node --import tsx bench/qr.ts` (after a build, for the sizes). On the
 * screen-rendered set (test/qr-screen: 300 enrolment codes, element crops and whole 1280×800 tabs at
 * DPR 1–2.5) it prints the rate per class of jsqr alone, zxing-wasm alone and both as shipped
 * (crops: jsqr then zxing; tabs: zxing then jsqr), the whole-tab decode times, the same rates on
 * ../shared/fixtures/qr when present, and what the worker, the offscreen page and a scan load.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { decodeQr } from '../src/core/qr/decode';
import type { RgbaImage } from '../src/core/qr/image';
import { type QrReader, readCrop, readTab } from '../src/core/qr/read';
import { evaluate, type Outcome, rateTable, wrongOnes } from '../test/qr-screen/evaluate';
import { nodeZxing, ZXING_WASM_PATH } from '../test/qr-screen/zxing-node';
import { HAS_QR_FIXTURES, loadRgba, QR_FIXTURES, readQrManifest } from '../test/unit/qr-fixtures';
import { gzippedBytes, pageScripts, reachableScripts } from './sizes';

const zxing = nodeZxing();
const shipped = { crop: (i: RgbaImage) => readCrop(i, zxing), tab: (i: RgbaImage) => readTab(i, zxing) };
const KEYS = ['crop:jsqr', 'crop:shipped', 'crop:zxing', 'tab:jsqr', 'tab:shipped', 'tab:zxing'];

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const pct = (n: number, of: number): string => `${n}/${of} = ${((100 * n) / of).toFixed(1)}%`;

// Warm-up: the first zxing call instantiates the module, which is not what a second scan waits for.
await zxing({ data: new Uint8ClampedArray(64 * 64 * 4).fill(255), width: 64, height: 64 });

const started = performance.now();
const outcomes: Outcome[] = await evaluate({ jsqr: { crop: decodeQr, tab: decodeQr }, zxing: { crop: zxing, tab: zxing }, shipped });
console.log(`screen set: 300 codes, each as an element crop and a whole tab (${((performance.now() - started) / 1000).toFixed(0)} s); rates per class:`);
for (const line of rateTable(outcomes, KEYS)) console.log(`  ${line}`);
console.log(`  wrong texts: ${KEYS.map((k) => `${k} ${wrongOnes(outcomes, k).length}`).join(', ')}`);

for (const dpr of [1, 2]) {
  const at = outcomes.filter((o) => o.dpr === dpr);
  const times = (key: string, verdict?: string): string => {
    const of = at.filter((o) => verdict === undefined || o.verdicts[key] === verdict).map((o) => o.ms[key] ?? Number.NaN);
    return of.length === 0 ? 'n/a' : `${median(of).toFixed(1)} ms`;
  };
  const size = `${1280 * dpr}×${800 * dpr}`;
  const target = dpr === 1 ? ' (target <= 30 ms)' : '';
  console.log(
    `whole tab ${size} (${at.length} codes), median decode: shipped ${times('tab:shipped')}${target}, zxing alone ${times('tab:zxing')}, jsqr alone ${times('tab:jsqr')}; ` +
      `when nothing is read: shipped ${times('tab:shipped', 'miss')}`,
  );
  console.log(`element crop at DPR ${dpr}, median decode: shipped ${times('crop:shipped')}, zxing alone ${times('crop:zxing')}, jsqr alone ${times('crop:jsqr')}`);
}

if (HAS_QR_FIXTURES) {
  const fixtures = readQrManifest();
  const readers: Record<string, QrReader | ((i: RgbaImage) => string | null)> = { jsqr: decodeQr, zxing, 'shipped (crop)': shipped.crop, 'shipped (tab)': shipped.tab };
  const read: Record<string, number> = {};
  for (const fixture of fixtures) {
    const image = await loadRgba(path.join(QR_FIXTURES, fixture.file));
    for (const [name, reader] of Object.entries(readers)) {
      const text = await reader(image);
      if (text !== null && text === fixture.expected) read[name] = (read[name] ?? 0) + 1;
    }
  }
  console.log(`shared fixtures (${fixtures.length} images): ${Object.keys(readers).map((k) => `${k} ${pct(read[k] ?? 0, fixtures.length)}`).join('; ')}`);
} else {
  console.log(`shared fixtures: ${QR_FIXTURES} is absent`);
}

const DIST = 'dist';
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
if (existsSync(path.join(DIST, 'manifest.json'))) {
  const worker = reachableScripts(DIST, 'service-worker-loader.js');
  const page = pageScripts(DIST, 'src/offscreen/index.html');
  const assets = readdirSync(path.join(DIST, 'assets'));
  // import() chunks are written with backticks, which reachableScripts does not follow: list them by name.
  const pageSet = new Set(page.map((f) => path.resolve(f)));
  const lazyEntries = assets.filter((f) => /^(qr-capture|reader)-.*\.js$/.test(f)).map((f) => path.join('assets', f));
  const lazy = [...new Set(lazyEntries.flatMap((f) => reachableScripts(DIST, f)).map((f) => path.resolve(f)))].filter((f) => !pageSet.has(f));
  const wasm = assets.find((f) => f.endsWith('.wasm'));
  const hasDecoder = (files: string[]): boolean => files.some((f) => /jsQR|readBarcodes|zxing/.test(readFileSync(f, 'utf8')));
  console.log(`worker start: ${worker.length} files, ${kb(gzippedBytes(worker))} gzip (holds a QR decoder: ${hasDecoder(worker) ? 'yes' : 'no'}); offscreen page at creation: ${kb(gzippedBytes(page))} gzip`);
  if (wasm) {
    const file = path.join(DIST, 'assets', wasm);
    console.log(`loaded at the first scan only: ${kb(gzippedBytes(lazy))} gzip of JS (jsqr, zxing glue) + ${wasm} ${kb(statSync(file).size)} (${kb(gzipSync(readFileSync(file), { level: 9 }).length)} gzip)`);
  }
} else {
  console.log(`sizes: ${DIST} is absent (run npm run build:test); zxing_reader.wasm is ${kb(statSync(ZXING_WASM_PATH).size)}`);
}
