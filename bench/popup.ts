/**
 * Popup figures: time from opening the popup to every visible code rendered, with 10, 100 and 1,000
 * accounts, with the worker already running and with a worker that was stopped (cold), plus the
 * gzipped size of the popup's JavaScript. Reads the popup's own User Timing mark `twostep:codes-shown`.
 */
import { launchExtension, DIST, POPUP_URL } from '../test/e2e/harness';
import { gzippedBytes, pageScripts } from './sizes';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const secretFor = (i: number) => {
  let x = i + 7;
  let s = '';
  for (let k = 0; k < 12; k++) s += BASE32[(x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 27];
  for (let k = 3; k >= 0; k--) s += BASE32[(i >>> (5 * k)) & 31];
  return s;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function benchPopup(): Promise<string[]> {
  const lines: string[] = [];
  const kb = gzippedBytes(pageScripts(DIST, 'src/popup/index.html')) / 1024;
  lines.push(`popup JavaScript, gzipped: ${kb.toFixed(1)} KB (target <= 30 KB)`);
  for (const count of [10, 100, 1000]) {
    const ext = await launchExtension();
    try {
      const seed = await ext.openPopup();
      const inputs = Array.from({ length: count }, (_, i) => ({
        kind: 'totp', issuer: `Service ${i}`, name: `user${i}@example.com`, secret: secretFor(i),
        algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [] as string[],
      }));
      await seed.evaluate(async (all) => {
        const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
        for (const input of all) await runtime.sendMessage({ twostep: 1, method: 'accounts.add', arg: { input } });
      }, inputs);
      await seed.close();
      const measure = async (): Promise<number> => {
        const page = await ext.context.newPage();
        await page.setViewportSize({ width: 360, height: 600 });
        await page.goto(POPUP_URL);
        // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
        const t = await page.evaluate<number>(`new Promise((resolve) => {
          (function poll() {
            const e = performance.getEntriesByName('twostep:codes-shown')[0];
            if (e) resolve(e.startTime); else setTimeout(poll, 5);
          })();
        })`);
        await page.close();
        return t;
      };
      const warm: number[] = [];
      const cold: number[] = [];
      await measure(); // first open creates caches
      for (let i = 0; i < 7; i++) warm.push(await measure());
      for (let i = 0; i < 5; i++) {
        await ext.stopWorker();
        cold.push(await measure());
      }
      lines.push(`popup open → visible codes, ${count} accounts: ${median(warm).toFixed(0)} ms median with the worker running, ${median(cold).toFixed(0)} ms with a stopped worker (target <= 150 ms at 1,000)`);
    } finally {
      await ext.close({ discard: true });
    }
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchPopup()) console.log(line);
}
