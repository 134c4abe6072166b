/**
 * The screen-rendered enrolment QR set (test/qr-screen: 300 codes of the kinds sites show, as element
 * crops and as whole 1280×800 tabs at device pixel ratios 1 to 2.5). The shipped order of readers
 * (`readCrop`: jsqr then zxing-wasm; `readTab`: zxing-wasm then jsqr) must read at least what
 * zxing-wasm alone reads, stay above floors a regression would trip, and never return a wrong text.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeQr } from '../../src/core/qr/decode';
import type { RgbaImage } from '../../src/core/qr/image';
import { type QrReader, readCrop, readTab } from '../../src/core/qr/read';
import { CLASS_COUNTS, screenCases } from '../qr-screen/cases';
import { countRead, evaluate, type Outcome, rateTable, wrongOnes } from '../qr-screen/evaluate';
import { nodeZxing } from '../qr-screen/zxing-node';

/** What the shipped readers reached when this test was written (zxing-wasm alone: 287 and 288). */
const FLOOR = { crop: 292, tab: 289 };

/** zxing's answer per image, so the shipped whole-tab order does not run zxing a second time. */
function memo(reader: QrReader): QrReader {
  const seen = new WeakMap<RgbaImage, Promise<string | null>>();
  return (image) => {
    let answer = seen.get(image);
    if (!answer) seen.set(image, (answer = reader(image)));
    return answer;
  };
}

describe('the screen-rendered QR set', () => {
  let outcomes: Outcome[] = [];
  beforeAll(async () => {
    const zxing = memo(nodeZxing());
    outcomes = await evaluate({
      shipped: { crop: (image) => readCrop(image, zxing), tab: (image) => readTab(image, zxing) },
      zxing: { crop: zxing, tab: zxing },
    });
    for (const line of rateTable(outcomes, ['crop:shipped', 'crop:zxing', 'tab:shipped', 'tab:zxing'])) console.log(line);
  }, 900_000);

  it('has 300 codes in the classes it names', () => {
    expect(outcomes.length).toBe(300);
    expect(Object.values(CLASS_COUNTS).reduce((a, b) => a + b, 0)).toBe(300);
    expect(new Set(screenCases().map((c) => c.text)).size).toBeGreaterThan(290);
  });

  it('reads at least as many element crops as zxing-wasm alone, and no fewer than before', () => {
    expect(countRead(outcomes, 'crop:shipped')).toBeGreaterThanOrEqual(countRead(outcomes, 'crop:zxing'));
    expect(countRead(outcomes, 'crop:shipped')).toBeGreaterThanOrEqual(FLOOR.crop);
  });

  it('reads at least as many whole-tab captures as zxing-wasm alone, and no fewer than before', () => {
    expect(countRead(outcomes, 'tab:shipped')).toBeGreaterThanOrEqual(countRead(outcomes, 'tab:zxing'));
    expect(countRead(outcomes, 'tab:shipped')).toBeGreaterThanOrEqual(FLOOR.tab);
  });

  it('never reads a text other than the one encoded, in a crop or a whole tab', () => {
    expect(wrongOnes(outcomes, 'crop:shipped')).toEqual([]);
    expect(wrongOnes(outcomes, 'tab:shipped')).toEqual([]);
    expect(wrongOnes(outcomes, 'crop:zxing')).toEqual([]);
    expect(wrongOnes(outcomes, 'tab:zxing')).toEqual([]);
  });
});

describe('jsqr alone on dark-mode whole tabs', () => {
  // These three need a retry (half size, Otsu or twice the size) and light-on-dark reading at once:
  // the retries used to try the normal polarity only, and missed them.
  it.each(['dark-09', 'dark-30', 'dark-32'])('reads %s, which needs an inverted retry', async (id) => {
    const [outcome] = await evaluate({ jsqr: { tab: decodeQr } }, (c) => c.id === id);
    expect(outcome?.verdicts['tab:jsqr']).toBe('read');
  });
});
