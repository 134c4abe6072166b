/**
 * Where a cold popup's time goes: for each open, the page's navigation and resource timing, its
 * `twostep:*` User Timing marks and its first paint, as medians over several opens with the worker
 * stopped (and running, and the floor page), ms from navigation start. A diagnosis, not a figure the
 * issues ask for: `node --import tsx bench/popup-phases.ts` (BENCH_DIST, BENCH_COUNTS as bench/popup.ts).
 */
import type { Page } from 'playwright-core';
import { launchExtension, DIST, POPUP_URL, type Extension } from '../test/e2e/harness';
import { distWithFloor, FLOOR_URL, median, seed } from './popup';
import { rmSync } from 'node:fs';

// A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
const COLLECT = `new Promise((resolve) => {
  const end = Date.now() + 10000;
  (function poll() {
    const done = performance.getEntriesByName('twostep:codes-shown')[0] || performance.getEntriesByName('twostep:unlock-shown')[0];
    if (!done && Date.now() < end) return void setTimeout(poll, 5);
    // Two frames after the mark: the frame that painted it has been drawn by then.
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => {
      const out = {};
      const nav = performance.getEntriesByType('navigation')[0];
      if (nav) { out['nav:responseEnd'] = nav.responseEnd; out['nav:domInteractive'] = nav.domInteractive; out['nav:domContentLoaded'] = nav.domContentLoadedEventEnd; }
      for (const r of performance.getEntriesByType('resource')) {
        const name = r.name.split('/').pop().replace(/-[\\w-]{8}\\./, '.');
        out['res:' + name] = r.responseEnd;
      }
      for (const p of performance.getEntriesByType('paint')) out['paint:' + p.name] = p.startTime;
      for (const m of performance.getEntriesByType('mark')) if (!(m.name in out)) out[m.name] = m.startTime;
      resolve(out);
    }, 0)));
  })();
})`;

async function open(ext: Extension, url: string): Promise<Record<string, number>> {
  const page: Page = await ext.context.newPage();
  await page.setViewportSize({ width: 360, height: 600 });
  await page.goto(url);
  const marks = await page.evaluate<Record<string, number>>(COLLECT);
  // When this page's worker was started, if it was (the worker's time origin on the page's clock).
  // A stopped worker's handle never answers: bounded.
  const worker = url === FLOOR_URL ? undefined : ext.context.serviceWorkers()[0];
  if (worker) {
    const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(NaN), 1000));
    const [w, p] = await Promise.all([Promise.race([worker.evaluate<number>('performance.timeOrigin'), timeout]), page.evaluate<number>('performance.timeOrigin')]);
    if (w > p) marks['worker:start'] = w - p;
  }
  await page.close();
  return marks;
}

function table(title: string, runs: Record<string, number>[]): string[] {
  const names = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  const rows = names.map((n) => [n, median(runs.map((r) => r[n]).filter((x): x is number => x !== undefined))] as const);
  rows.sort((a, b) => a[1] - b[1]);
  return [`${title}:`, ...rows.map(([n, t]) => `  ${t.toFixed(0).padStart(5)} ms  ${n}`)];
}

const dist = distWithFloor(process.env.BENCH_DIST ?? DIST);
try {
  for (const count of (process.env.BENCH_COUNTS ?? '100').split(',').map(Number)) {
    const ext = await launchExtension({ dist });
    try {
      await seed(ext, count);
      await ext.context.newPage(); // kept open: closing the last tab would end the browser
      await open(ext, POPUP_URL);
      const floor: Record<string, number>[] = [];
      const warm: Record<string, number>[] = [];
      const cold: Record<string, number>[] = [];
      const floorCold: Record<string, number>[] = [];
      for (let i = 0; i < Number(process.env.BENCH_RUNS ?? 7); i++) {
        floor.push(await open(ext, FLOOR_URL));
        warm.push(await open(ext, POPUP_URL));
        await ext.stopWorker();
        floorCold.push(await open(ext, FLOOR_URL));
        cold.push(await open(ext, POPUP_URL));
      }
      console.log(`\n${count} accounts`);
      for (const line of [...table('floor', floor), ...table('warm', warm), ...table('cold', cold), ...table('floor, worker stopped', floorCold)]) console.log(line);
    } finally {
      await ext.close({ discard: true });
    }
  }
} finally {
  rmSync(dist, { recursive: true, force: true });
}
