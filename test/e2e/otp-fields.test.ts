/**
 * OTP-field detection and filling in real Chromium (layout decides visibility), against the fixture
 * pages in ../shared/fixtures/otp-fields and truth.json, plus synthetic shadow-root and hiding cases.
 * The detection code is bundled as the content script would ship it and injected into each page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { bundleDetector, FIXTURES, injectDetector, launchChromium, serve } from '../dom/page-kit';
import { probe, type ProbeArgs, type ProbeResult } from '../dom/probe';
import { SYNTHETIC } from '../dom/synthetic-pages';

interface Truth {
  source: string;
  otp: string[];
  negatives: string[];
  split?: boolean;
  soft?: boolean;
  note?: string;
}

const CODE = '123456';
const haveFixtures = existsSync(join(FIXTURES, 'truth.json'));
if (!haveFixtures) console.warn(`otp-fields: skipped, no fixtures at ${FIXTURES}`);
const truth: Record<string, Truth> = haveFixtures
  ? (JSON.parse(readFileSync(join(FIXTURES, 'truth.json'), 'utf8')) as Record<string, Truth>)
  : {};

/** Element-level tally: a true positive is an expected element holding the right character(s). */
type Tally = { tp: number; fp: number; fn: number; pagesRight: number; pages: number };
const newTally = (): Tally => ({ tp: 0, fp: 0, fn: 0, pagesRight: 0, pages: 0 });
const tallies = { fixtures: newTally(), synthetic: newTally() };

function report(name: string, t: Tally): string {
  const precision = t.tp / Math.max(1, t.tp + t.fp);
  const recall = t.tp / Math.max(1, t.tp + t.fn);
  return (
    `otp-fields ${name}: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} ` +
    `(elements tp=${t.tp} fp=${t.fp} fn=${t.fn}; pages fully right ${t.pagesRight}/${t.pages})`
  );
}

function check(tally: Tally, r: ProbeResult, args: ProbeArgs, split: boolean): void {
  const want = (i: number): string => (split ? args.code[i]! : args.code);
  const right = args.otp.filter((_, i) => r.otpValues[i] === want(i)).length;
  tally.tp += right;
  tally.fn += args.otp.length - right;
  tally.fp += r.filled.filter((i) => i < 0).length;
  tally.pages++;
  const ok = right === args.otp.length && r.negativesTouched.length === 0 && r.strayChanges === 0;
  if (ok) tally.pagesRight++;

  expect(r.otpValues).toEqual(args.otp.map((_, i) => want(i)));
  expect(r.negativesTouched).toEqual([]);
  expect(r.strayChanges).toBe(0);
  if (args.otp.length > 0) {
    expect(r.kind).toBe(split ? 'split' : 'single');
    expect(r.kept).toBe(true);
  } else {
    expect(r.kind).toBeNull();
  }
}

describe.skipIf(!haveFixtures)('OTP fields in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serve>>;
  let bundle: string;
  let page: Page;

  beforeAll(async () => {
    [{ code: bundle }, server, browser] = await Promise.all([bundleDetector(), serve(FIXTURES), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    console.log(`${report('fixtures', tallies.fixtures)}\n${report('synthetic', tallies.synthetic)}`);
    await browser?.close();
    await server?.close();
  });

  describe('fixture pages', () => {
    for (const [name, t] of Object.entries(truth)) {
      it(`${name}${t.soft ? ' (soft negative)' : ''}`, async () => {
        await page.goto(`${server.url}/${name}.html`);
        await injectDetector(page, bundle);
        const args: ProbeArgs = { code: CODE, otp: t.otp, negatives: t.negatives, closed: false, deep: false };
        const r = await page.evaluate(probe, args);
        check(tallies.fixtures, r, args, t.split === true);
        // The framework-controlled page only learns the value from input events.
        if (r.state !== null && t.otp.length > 0) expect(r.state).toBe(CODE);
      });
    }
  });

  describe('synthetic pages', () => {
    for (const s of SYNTHETIC) {
      it(s.name, async () => {
        // A fresh page each time: setContent keeps the window, and with it the custom-element registry.
        await page.close();
        page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.setContent(s.html);
        await injectDetector(page, bundle);
        const args: ProbeArgs = {
          code: s.code ?? CODE,
          otp: s.otp,
          negatives: s.negatives,
          closed: s.closed === true,
          deep: s.deep === true,
        };
        check(tallies.synthetic, await page.evaluate(probe, args), args, s.otp.length > 1);
      });
    }
  });
});
