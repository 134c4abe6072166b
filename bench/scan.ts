/**
 * QR enrolment figures (issue 4) in the real extension: how long the worker takes to decode the
 * clicked element's crop and, as the fallback, the whole 1280×800 tab, at device scale factor 1 and 2.
 * Reads the worker's own User Timing measures (`twostep:scan-decode-crop`: the first, reduced read of
 * the crop; `twostep:scan-decode-tab`; each is pixel read-back plus jsqr), so capture and messaging are not;
 * the click-to-preview time is printed beside them. `node --import tsx bench/scan.ts` after `npm run build:test`.
 */
import type { Page } from 'playwright-core';
import { startDemoServer } from '../scripts/demo-server';
import { launchExtension, type Extension } from '../test/e2e/harness';
import { PickerView, scanFromPopup } from '../test/e2e/scan-helpers';

const RUNS = 7;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function lastMeasure(ext: Extension, name: string): Promise<number> {
  const worker = await ext.worker();
  const durations = await worker.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);
  const last = durations.at(-1);
  if (last === undefined) throw new Error(`no ${name} measure`);
  return last;
}

/** One scan: the only QR code offered at once (crop), or a click beside it with a decoy present (whole tab). */
async function scanOnce(ext: Extension, url: string, whole: boolean): Promise<{ decode: number; pixels: number; toPreview: number }> {
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
  await page.keyboard.press('Escape');
  await page.close();
  return { decode, pixels, toPreview };
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
          for (let i = 0; i < RUNS; i++) {
            const r = await scanOnce(ext, `${site.url}/setup?run=${scale}-${String(whole)}-${i}`, whole);
            decode.push(r.decode);
            pixels.push(r.pixels);
            toPreview.push(r.toPreview);
          }
          const what = whole ? `whole tab ${1280 * scale}x${800 * scale}` : 'element crop';
          const target = whole ? (scale === 1 ? ' (target <= 80 ms)' : '') : ' (target <= 10 ms)';
          lines.push(
            `scan decode, ${what}, scale ${scale}: median ${median(decode).toFixed(1)} ms, max ${Math.max(...decode).toFixed(1)} ms${target}` +
              (whole ? '; ' : ` (of which pixel read-back ${median(pixels).toFixed(1)} ms); `) +
              `toolbar click to preview median ${median(toPreview)} ms (${RUNS} runs)`,
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
