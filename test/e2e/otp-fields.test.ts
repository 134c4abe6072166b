/**
 * OTP-field detection and filling in real Chromium (layout decides visibility), against the fixture
 * pages (../shared/fixtures/otp-fields and test/fixtures/otp-fields, each with its truth.json), plus synthetic shadow-root and hiding cases.
 * The detection code is bundled as the content script would ship it and injected into each page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { bundleDetector, injectDetector, launchChromium } from '../dom/page-kit';
import { count, fixtureSets, newTally, report, serveSets, sum, type Tally } from '../dom/fixture-pages';
import { probe, type ProbeArgs, type ProbeResult } from '../dom/probe';
import { SYNTHETIC } from '../dom/synthetic-pages';

const CODE = '123456';
const sets = fixtureSets();
const tallies = { shared: newTally(), own: newTally(), synthetic: newTally() };

function check(tally: Tally, r: ProbeResult, args: ProbeArgs, split: boolean): void {
  const want = (i: number): string => (split ? args.code[i]! : args.code);
  const right = args.otp.filter((_, i) => r.otpValues[i] === want(i)).length;
  count(tally, args.otp.length, right, r.filled.filter((i) => i < 0).length);

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

describe('OTP fields in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveSets>>;
  let bundle: string;
  let page: Page;

  beforeAll(async () => {
    [{ code: bundle }, server, browser] = await Promise.all([bundleDetector(), serveSets(sets), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    const all = sum(tallies.shared, tallies.own);
    console.log([report('shared', tallies.shared), report('own', tallies.own), report('all pages', all), report('synthetic', tallies.synthetic)].join('\n'));
    await browser?.close();
    await server?.close();
  });

  for (const set of sets) {
    describe(`fixture pages (${set.name})`, () => {
      for (const [name, t] of Object.entries(set.truth)) {
        it(`${name}${t.soft ? ' (soft negative)' : ''}`, async () => {
          await page.goto(`${server.url}/${set.name}/${name}.html`);
          await injectDetector(page, bundle);
          // As the on-demand fill searches: shadow roots too, closed ones through the page's record of them.
          const args: ProbeArgs = { code: CODE, otp: t.otp, negatives: t.negatives, closed: true, deep: true };
          const r = await page.evaluate(probe, args);
          check(tallies[set.name], r, args, t.split === true);
          // The framework-controlled page only learns the value from input events.
          if (r.state !== null && t.otp.length > 0) expect(r.state).toBe(CODE);
        });
      }
    });
  }

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
