/**
 * Precision and recall of OTP-field detection over every fixture page: the shared ones
 * (../shared/fixtures/otp-fields) and Twostep's own (test/fixtures/otp-fields), each scored against
 * its truth.json in Chromium, searching as the fill does (shadow roots included). Element level: a
 * true positive is an expected field holding the code, a false positive any other input that changed.
 * test/e2e/otp-fields-paths.test.ts checks that the popup and the inline button agree on these pages.
 * Run: node --import tsx bench/field-pages.ts
 */
import { count, fixtureSets, newTally, report, serveSets, sum, type Tally } from '../test/dom/fixture-pages';
import { bundleDetector, injectDetector, launchChromium } from '../test/dom/page-kit';
import { probe } from '../test/dom/probe';

const CODE = '123456';
const sets = fixtureSets();
const [{ code }, server, browser] = await Promise.all([bundleDetector(), serveSets(sets), launchChromium()]);
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const tallies: Tally[] = [];
const wrong: string[] = [];

for (const set of sets) {
  const tally = newTally();
  for (const [name, t] of Object.entries(set.truth)) {
    await page.goto(`${server.url}/${set.name}/${name}.html`);
    await injectDetector(page, code);
    const r = await page.evaluate(probe, { code: CODE, otp: t.otp, negatives: t.negatives, closed: true, deep: true });
    const right = t.otp.filter((_, i) => r.otpValues[i] === (t.split ? CODE[i] : CODE)).length;
    const stray = r.filled.filter((i) => i < 0).length;
    count(tally, t.otp.length, right, stray);
    if (right !== t.otp.length || stray > 0) wrong.push(`${set.name}/${name}`);
  }
  console.log(report(`${set.name} pages`, tally));
  tallies.push(tally);
}
console.log(report('all pages', sum(...tallies)));
if (wrong.length > 0) console.log(`pages not fully right: ${wrong.join(', ')}`);

await browser.close();
await server.close();
