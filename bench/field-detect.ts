/**
 * OTP-field detection cost in Chromium: a synthetic page of 5,000 elements with one OTP field, the
 * same page without any input, and the gzipped size of the bundled detection code.
 * Run: node --import tsx bench/field-detect.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as Fields from '../src/content/otp-field/index';
import { bundleDetector, injectDetector, launchChromium } from '../test/dom/page-kit';

const RUNS = 50;

/** A page of about `n` elements: nested sections of paragraphs, links and lists, a few shadow hosts. */
function syntheticPage(n: number, withField: boolean): string {
  const parts: string[] = [];
  let count = 0;
  for (let s = 0; count < n; s++) {
    parts.push(`<section class="s${s}"><h2>Section ${s}</h2><div class="row">`);
    count += 3;
    for (let i = 0; i < 20 && count < n; i++, count += 4) {
      parts.push(`<p>Paragraph ${i} with <a href="#a${i}">a link</a> and <span>some <b>text</b></span></p>`);
    }
    parts.push(s % 10 === 0 ? `<x-card></x-card>` : '', '</div></section>');
    if (s % 10 === 0) count++;
  }
  const field = withField
    ? `<form><label for="otp">Verification code</label>
       <input id="otp" name="otp" autocomplete="one-time-code" inputmode="numeric" maxlength="6">
       <input type="search" name="q" placeholder="Search"><input type="email" name="newsletter"></form>`
    : '';
  return `<!doctype html><html><head><meta charset="utf-8"></head><body>
${parts.slice(0, parts.length / 2).join('\n')}${field}${parts.slice(parts.length / 2).join('\n')}
<script>customElements.define('x-card', class extends HTMLElement {
  constructor() { super(); this.attachShadow({ mode: 'open' }).innerHTML = '<div><button>Open</button></div>'; }
});</script></body></html>`;
}

const pages: Record<string, string> = {
  '/field.html': syntheticPage(5000, true),
  '/empty.html': syntheticPage(5000, false),
};

// Cross-origin isolation gives performance.now() 5 µs resolution instead of 100 µs.
const server = createServer((req, res) => {
  const body = pages[req.url ?? ''];
  if (!body) return void res.writeHead(404).end();
  res
    .writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    })
    .end(body);
});
await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const { code, gzipBytes } = await bundleDetector();
const browser = await launchChromium();
const page = await browser.newPage();

async function measure(path: string, opts: { openShadow?: boolean; deep?: boolean }) {
  await page.goto(base + path);
  await injectDetector(page, code);
  return page.evaluate(
    ({ runs, openShadow, deep }) => {
      const F = (window as unknown as { TwostepFields: typeof Fields }).TwostepFields;
      const o = { deep, ...(openShadow ? { openShadow: (e: Element) => e.shadowRoot } : {}) };
      const times: number[] = [];
      let found = '';
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const t = F.findOtpTarget(document, o);
        times.push(performance.now() - t0);
        found = t ? t.kind : 'none';
      }
      const cold = times[0]!;
      times.sort((a, b) => a - b);
      return {
        elements: document.getElementsByTagName('*').length,
        isolated: crossOriginIsolated,
        median: times[Math.floor(runs / 2)]!,
        cold,
        found,
      };
    },
    { runs: RUNS, openShadow: opts.openShadow ?? false, deep: opts.deep },
  );
}

const line = (label: string, r: Awaited<ReturnType<typeof measure>>): void =>
  console.log(
    `${label}: median ${r.median.toFixed(3)} ms over ${RUNS} runs (first ${r.cold.toFixed(3)} ms), ` +
      `${r.elements} elements, found ${r.found}${r.isolated ? '' : ' [timer not isolated: 0.1 ms resolution]'}`,
  );

line('5,000 elements + OTP field', await measure('/field.html', {}));
line('5,000 elements + OTP field, openShadow', await measure('/field.html', { openShadow: true }));
line('5,000 elements, no input', await measure('/empty.html', {}));
line('5,000 elements, no input, deep (shadow roots too)', await measure('/empty.html', { deep: true }));
console.log(`detection bundle: ${code.length} bytes minified, ${gzipBytes} bytes gzipped`);

await browser.close();
server.close();
