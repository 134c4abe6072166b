/**
 * Popup figures: time from opening the popup to every visible code rendered, with 10, 100 and 1,000
 * accounts, with the worker already running (warm) and with a worker that was stopped (cold), next to
 * the floor: an empty extension page (one tiny module script, added to a copy of dist/ for this run
 * only) opened in the same browser. Then the locked popup's PIN pad, cold and warm, the worker's
 * bundle and the time from a stopped worker's start to its first reply. Reads the popup's own User
 * Timing marks `twostep:codes-shown` and `twostep:unlock-shown`.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { TEST_EXTENSION_ID } from '../scripts/extension-key';
import { launchExtension, DIST, POPUP_URL, type Extension } from '../test/e2e/harness';
import { gzippedBytes, pageScripts, reachableScripts } from './sizes';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const secretFor = (i: number) => {
  let x = i + 7;
  let s = '';
  for (let k = 0; k < 12; k++) s += BASE32[(x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 27];
  for (let k = 3; k >= 0; k--) s += BASE32[(i >>> (5 * k)) & 31];
  return s;
};

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
export const FLOOR_URL = `chrome-extension://${TEST_EXTENSION_ID}/bench-floor.html`;

/** dist/ plus the empty page: same extension id (the key is in the manifest), nothing else changed. */
export function distWithFloor(from: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'twostep-bench-dist-'));
  cpSync(from, dir, { recursive: true });
  writeFileSync(join(dir, 'bench-floor.html'), '<!doctype html><meta charset="utf-8"><body><script type="module" src="bench-floor.js"></script>');
  writeFileSync(join(dir, 'bench-floor.js'), "document.body.textContent = 'floor'; performance.mark('twostep:codes-shown');");
  return dir;
}

type Send = (method: string, arg: unknown) => Promise<unknown>;
const send = (page: Page): Send => (method, arg) =>
  page.evaluate(
    ([m, a]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(x: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ twostep: 1, method: m, arg: a }),
    [method, arg] as const,
  );

const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 500);

/** When a page had its screen in the DOM (`mark`) and when the frame showing it was painted, ms from navigation start. */
interface Opened {
  mark: number;
  paint: number;
}

/**
 * Opens `url` in a fresh 360×600 tab and returns when `mark` was set and when the first contentful
 * paint came (the frame that shows it: the popup renders nothing before its codes or PIN pad).
 */
async function openUntil(ext: Extension, url: string, mark: string): Promise<Opened> {
  const page = await ext.context.newPage();
  await page.setViewportSize({ width: 360, height: 600 });
  await page.goto(url);
  // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
  // NaN after 10 s: a build from before a mark existed (BENCH_DIST) simply has no figure.
  const t = await page.evaluate<Opened>(`new Promise((resolve) => {
    const end = Date.now() + 10000;
    (function poll() {
      const e = performance.getEntriesByName(${JSON.stringify(mark)})[0];
      const p = performance.getEntriesByName('first-contentful-paint')[0];
      if (e && p) resolve({ mark: e.startTime, paint: p.startTime });
      else if (Date.now() > end) resolve({ mark: e ? e.startTime : NaN, paint: NaN });
      else setTimeout(poll, 5);
    })();
  })`);
  await page.close();
  // The page's own later work (its requests to the worker, the worker's answers) finishes before the
  // next open, as it would between two opens by a person; otherwise it lands on the next page's start.
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  // A paint before the mark would be a frame without the screen (the popup once drew an empty one).
  if (t.paint < t.mark) throw new Error(`${url}: first paint at ${t.paint} ms came before ${mark} at ${t.mark} ms`);
  return t;
}

export async function seed(ext: Extension, count: number): Promise<void> {
  const page = await ext.openPopup();
  const inputs = Array.from({ length: count }, (_, i) => ({
    kind: 'totp', issuer: `Service ${i}`, name: `user${i}@example.com`, secret: secretFor(i),
    algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [] as string[],
  }));
  await page.evaluate(async (all) => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
    for (const input of all) await runtime.sendMessage({ twostep: 1, method: 'accounts.add', arg: { input } });
  }, inputs);
  await page.close();
}

type Kind = 'floor' | 'coldFloor' | 'warm' | 'cold';
type Series = Record<Kind, Opened>;

/**
 * `runs` opens of each kind, interleaved so load on the machine hits all of them alike; medians.
 * The floor is measured twice: with the worker running, and with it stopped. A stopped worker leaves
 * no extension process, so any extension page opened then (the empty one too) waits for a new one:
 * `coldFloor` is what a cold popup is compared with.
 */
export async function series(ext: Extension, runs: number, mark: string): Promise<Series> {
  const all: Record<Kind, Opened[]> = { floor: [], coldFloor: [], warm: [], cold: [] };
  await openUntil(ext, POPUP_URL, mark); // first open creates caches (and the codes view)
  for (let i = 0; i < runs; i++) {
    all.floor.push(await openUntil(ext, FLOOR_URL, 'twostep:codes-shown'));
    all.warm.push(await openUntil(ext, POPUP_URL, mark));
    await ext.stopWorker();
    all.coldFloor.push(await openUntil(ext, FLOOR_URL, 'twostep:codes-shown'));
    all.cold.push(await openUntil(ext, POPUP_URL, mark));
  }
  const med = (xs: Opened[]): Opened => ({ mark: median(xs.map((x) => x.mark)), paint: median(xs.map((x) => x.paint)) });
  return { floor: med(all.floor), coldFloor: med(all.coldFloor), warm: med(all.warm), cold: med(all.cold) };
}

/**
 * One line of figures: to the painted frame (what a user sees, the measure), then to the mark
 * (the screen in the DOM, about to be painted) for comparison with earlier reports.
 */
function describe(what: string, r: Series, target: number): string {
  const at = (k: 'mark' | 'paint') =>
    `floor ${ms(r.floor[k])}, warm ${ms(r.warm[k])} (+${ms(r.warm[k] - r.floor[k])}), cold ${ms(r.cold[k])}; ` +
    `floor with the worker stopped ${ms(r.coldFloor[k])}, cold +${ms(r.cold[k] - r.coldFloor[k])} over it`;
  return `${what}: to the painted frame: ${at('paint')} (target <= +${target} ms) | to the DOM mark: ${at('mark')}`;
}

/** A stopped worker's start to its first reply, as a page sees it (a `vault.state` round trip). */
async function firstReply(ext: Extension, runs: number): Promise<{ cold: number; warm: number }> {
  const page = await ext.context.newPage();
  await page.goto(FLOOR_URL);
  const timed = async () => {
    const t = Date.now();
    await send(page)('vault.state', null);
    return Date.now() - t;
  };
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < runs; i++) {
    await ext.stopWorker();
    cold.push(await timed());
    warm.push(await timed());
  }
  await page.close();
  return { cold: median(cold), warm: median(warm) };
}

/** Opens of each kind per figure (BENCH_RUNS): the medians of a cold process vary by 10 ms and more between runs. */
const RUNS = Number(process.env.BENCH_RUNS ?? 9);

const ms = (x: number) => `${x.toFixed(0)} ms`;

/** BENCH_DIST: another build to measure (an older one, for before/after); BENCH_COUNTS: "10,1000". */
export async function benchPopup(): Promise<string[]> {
  const lines: string[] = [];
  const from = process.env.BENCH_DIST ?? DIST;
  const kb = gzippedBytes(pageScripts(from, 'src/popup/index.html')) / 1024;
  lines.push(`popup JavaScript, gzipped: ${kb.toFixed(1)} KB (target <= 30 KB)`);
  const worker = reachableScripts(from, 'service-worker-loader.js');
  lines.push(`worker start loads ${worker.length} files, ${(gzippedBytes(worker) / 1024).toFixed(0)} KB gzipped`);
  const counts = (process.env.BENCH_COUNTS ?? '10,100,1000').split(',').map(Number);
  const dist = distWithFloor(from);
  try {
    for (const count of counts) {
      const ext = await launchExtension({ dist });
      try {
        await seed(ext, count);
        const r = await series(ext, RUNS, 'twostep:codes-shown');
        lines.push(describe(`popup open → visible codes, ${count} accounts`, r, 40));
        if (count === 10) {
          const reply = await firstReply(ext, 5);
          lines.push(`worker: stopped → first reply ${ms(reply.cold)} median (running: ${ms(reply.warm)})`);
          const page = await ext.openPopup();
          await send(page)('vault.setPin', { next: '246810', kind: 'pin', current: null });
          await send(page)('vault.lock', null);
          await page.close();
          const p = await series(ext, RUNS, 'twostep:unlock-shown');
          lines.push(describe('locked popup → PIN pad, 10 accounts', p, 30));
        }
      } finally {
        await ext.close({ discard: true });
      }
    }
  } finally {
    rmSync(dist, { recursive: true, force: true });
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchPopup()) console.log(line);
}
