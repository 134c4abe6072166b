/**
 * Import figures: a 1,000-account file, from choosing it on the page's file input to its preview rows
 * in the DOM, read from the page's own User Timing marks (`twostep:import-chosen` at the input's
 * change, `twostep:import-preview` once the rows are rendered), for an otpauth:// list and an Aegis
 * plain JSON; plus the gzipped JavaScript of the popup and the page.
 */
import { DIST, launchExtension, MANAGE_URL } from '../test/e2e/harness';
import { gzippedBytes, pageScripts } from './sizes';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** A distinct 80-bit secret per account (16 base32 characters), so no row is a duplicate. */
const secretFor = (i: number): string => {
  let x = i + 11;
  let s = '';
  for (let k = 0; k < 12; k++) s += BASE32[(x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 27];
  for (let k = 3; k >= 0; k--) s += BASE32[(i >>> (5 * k)) & 31];
  return s;
};
const COUNT = 1000;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function otpauthList(): string {
  return Array.from({ length: COUNT }, (_, i) => `otpauth://totp/Service%20${i}:user${i}%40example.com?secret=${secretFor(i)}&issuer=Service%20${i}`).join('\n');
}

function aegisJson(): string {
  const entries = Array.from({ length: COUNT }, (_, i) => ({
    type: 'totp', uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `user${i}@example.com`, issuer: `Service ${i}`,
    note: '', favorite: false, icon: null, info: { secret: secretFor(i), algo: 'SHA1', digits: 6, period: 30 },
  }));
  return JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 3, entries, groups: [] } });
}

export async function benchImport(): Promise<string[]> {
  const lines: string[] = [];
  const kb = (html: string): string => (gzippedBytes(pageScripts(DIST, html)) / 1024).toFixed(1);
  lines.push(`popup JavaScript, gzipped: ${kb('src/popup/index.html')} KB (target <= 30 KB); full-tab page: ${kb('src/manage/index.html')} KB`);
  const ext = await launchExtension();
  try {
    for (const [label, name, text] of [
      ['otpauth:// list', 'list.txt', otpauthList()],
      ['Aegis plain JSON', 'aegis.json', aegisJson()],
    ] as const) {
      const times: number[] = [];
      for (let run = 0; run < 6; run++) {
        const page = await ext.context.newPage();
        await page.goto(`${MANAGE_URL}#import`);
        await page.getByTestId('import-file').waitFor({ state: 'attached' });
        await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
        await page.getByTestId('import-row').nth(COUNT - 1).waitFor({ state: 'attached', timeout: 60_000 });
        // A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
        const ms = await page.evaluate<number>(`new Promise((resolve) => {
          (function poll() {
            const chosen = performance.getEntriesByName('twostep:import-chosen')[0];
            const shown = performance.getEntriesByName('twostep:import-preview')[0];
            if (chosen && shown) resolve(shown.startTime - chosen.startTime); else setTimeout(poll, 5);
          })();
        })`);
        await page.close();
        if (run > 0) times.push(ms); // the first run warms the worker and the caches
      }
      lines.push(`import of a ${COUNT.toLocaleString('en')}-account ${label}, file chosen → preview rows shown: ${median(times).toFixed(0)} ms median of ${times.length} (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
    }
  } finally {
    await ext.close({ discard: true });
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchImport()) console.log(line);
}
