/**
 * QR enrolment figures in the real extension: how long the offscreen document takes to decode the
 * clicked element's crop and, as the fallback, the whole 1280×800 tab, at device scale factor 1 and 2.
 * Reads the User Timing measures the worker records from the document's reply
 * (`twostep:scan-decode-crop`: read-back and the readers on the crop, jsqr's quick read first; `twostep:scan-decode-tab`:
 * read-back plus zxing-wasm, then jsqr), so capture and messaging are not in them; the click-to-preview
 * time is printed beside them, and the first scan of a browser, which creates the offscreen document
 * and loads the decoders (`twostep:scan-host`, `twostep:scan-decoder-load`), on a line of its own.
 * `node --import tsx bench/scan.ts` after `npm run build:test`.
 */
import type { Page } from 'playwright-core';
import { startDemoServer } from '../scripts/demo-server';
import { launchExtension, type Extension } from '../test/e2e/harness';
import { PickerView, scanFromPopup } from '../test/e2e/scan-helpers';

const RUNS = 7;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function lastMeasure(ext: Extension, name: string, optional = false): Promise<number> {
  const worker = await ext.worker();
  const durations = await worker.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);
  const last = durations.at(-1);
  if (last === undefined && !optional) throw new Error(`no ${name} measure`);
  return last ?? Number.NaN;
}

async function clearMeasures(ext: Extension): Promise<void> {
  await (await ext.worker()).evaluate(() => performance.clearMeasures());
}

/** One scan: the only QR code offered at once (crop), or a click beside it with a decoy present (whole tab). */
async function scanOnce(ext: Extension, url: string, whole: boolean): Promise<{ decode: number; pixels: number; toPreview: number; host: number; load: number }> {
  await clearMeasures(ext);
  const page: Page = await ext.context.newPage();
  await page.goto(url);
  if (whole) {
    await page.evaluate(() => {
      const decoy = document.createElement('canvas');
      decoy.width = decoy.height = 64;
      decoy.style.cssText = 'position:fixed;right:24px;bottom:24px;background:#ccd';
      document.body.append(decoy);
    });
  }
  const picker = new PickerView(page);
  const started = Date.now();
  await scanFromPopup(ext, page);
  if (whole) {
    for (let i = 0; i < 100 && !(await picker.has('scan-hint')); i++) await new Promise((r) => setTimeout(r, 50));
    await page.mouse.click(1100, 120); // empty page: no element under the pointer, so the worker reads the whole tab
  }
  await picker.waitForState(['preview']);
  const toPreview = Date.now() - started;
  const decode = await lastMeasure(ext, whole ? 'twostep:scan-decode-tab' : 'twostep:scan-decode-crop');
  const pixels = whole ? NaN : await lastMeasure(ext, 'twostep:scan-pixels-crop');
  const host = await lastMeasure(ext, 'twostep:scan-host');
  const load = await lastMeasure(ext, 'twostep:scan-decoder-load', true);
  await page.keyboard.press('Escape');
  await page.close();
  return { decode, pixels, toPreview, host, load };
}

export async function benchScan(): Promise<string[]> {
  const lines: string[] = [];
  const site = await startDemoServer();
  try {
    for (const scale of [1, 2]) {
      const ext = await launchExtension({ deviceScaleFactor: scale });
      try {
        for (const whole of [false, true]) {
          const decode: number[] = [];
          const pixels: number[] = [];
          const toPreview: number[] = [];
          const host: number[] = [];
          for (let i = 0; i < RUNS; i++) {
            const r = await scanOnce(ext, `${site.url}/setup?run=${scale}-${String(whole)}-${i}`, whole);
            if (i === 0 && !whole) {
              // The browser's first scan: the offscreen document is created and imports the decoders.
              lines.push(
                `first scan of a browser, scale ${scale}: toolbar click to preview ${r.toPreview} ms; capture handed over to answer ` +
                  `${r.host.toFixed(0)} ms, of which loading the decoders ${Number.isNaN(r.load) ? 'none (zxing not needed)' : `${r.load.toFixed(0)} ms`}`,
              );
              continue;
            }
            if (!Number.isNaN(r.load)) {
              lines.push(`scale ${scale}: zxing-wasm first loaded at a ${whole ? 'whole-tab' : 'crop'} scan: ${r.load.toFixed(0)} ms (that run's click to preview ${r.toPreview} ms)`);
              continue;
            }
            decode.push(r.decode);
            pixels.push(r.pixels);
            toPreview.push(r.toPreview);
            host.push(r.host);
          }
          const what = whole ? `whole tab ${1280 * scale}x${800 * scale}` : 'element crop';
          const target = whole ? (scale === 1 ? ' (target <= 30 ms)' : '') : ' (target <= 10 ms)';
          lines.push(
            `scan decode, ${what}, scale ${scale}: median ${median(decode).toFixed(1)} ms, max ${Math.max(...decode).toFixed(1)} ms${target}` +
              (whole ? '; ' : ` (of which pixel read-back ${median(pixels).toFixed(1)} ms); `) +
              `capture handed over to answer median ${median(host).toFixed(0)} ms; toolbar click to preview median ${median(toPreview)} ms (${decode.length} runs)`,
          );
        }
      } finally {
        await ext.close({ discard: true });
      }
    }
  } finally {
    await site.close();
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchScan()) console.log(line);
}
