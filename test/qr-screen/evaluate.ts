/**
 * Runs readers over the screen set, shared by the unit test and the bench: each case is painted once,
 * read as an element crop and as a whole tab by every reader, then dropped (a 2.5× tab is 25 MB).
 */
import type { RgbaImage } from '../../src/core/qr/image';
import { CLASS_COUNTS, type ScreenCase, type ScreenClass, screenCases } from './cases';
import { renderCase } from './render';

export type Reader = (image: RgbaImage) => Promise<string | null> | string | null;
export type Verdict = 'read' | 'miss' | 'wrong';
export type Region = 'crop' | 'tab';

export interface Outcome {
  id: string;
  cls: ScreenClass;
  dpr: number;
  verdicts: Record<string, Verdict>;
  ms: Record<string, number>;
}

/** Readers by name, each for crops, tabs or both (`crop:name` and `tab:name` keys in the outcome). */
export type Readers = Record<string, Partial<Record<Region, Reader>>>;

async function judge(reader: Reader, image: RgbaImage, expected: string): Promise<[Verdict, number]> {
  const start = performance.now();
  const text = await reader(image);
  const ms = performance.now() - start;
  return [text === null ? 'miss' : text === expected ? 'read' : 'wrong', ms];
}

/** Every case (or those `only` keeps) through every reader. */
export async function evaluate(readers: Readers, only: (c: ScreenCase) => boolean = () => true): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const c of screenCases().filter(only)) {
    const { crop, tab } = await renderCase(c);
    const outcome: Outcome = { id: c.id, cls: c.cls, dpr: c.dpr, verdicts: {}, ms: {} };
    for (const [name, byRegion] of Object.entries(readers)) {
      for (const [region, image] of [['crop', crop], ['tab', tab]] as const) {
        const reader = byRegion[region];
        if (!reader) continue;
        const [verdict, ms] = await judge(reader, image, c.text);
        outcome.verdicts[`${region}:${name}`] = verdict;
        outcome.ms[`${region}:${name}`] = ms;
      }
    }
    outcomes.push(outcome);
  }
  return outcomes;
}

export const countRead = (outcomes: Outcome[], key: string): number => outcomes.filter((o) => o.verdicts[key] === 'read').length;
export const wrongOnes = (outcomes: Outcome[], key: string): string[] => outcomes.filter((o) => o.verdicts[key] === 'wrong').map((o) => o.id);

/** One line per class and one overall: `read/total` for each key. */
export function rateTable(outcomes: Outcome[], keys: string[]): string[] {
  const pct = (n: number, of: number): string => `${n}/${of} ${((100 * n) / Math.max(1, of)).toFixed(1)}%`;
  const lines = [`class (count)        ${keys.map((k) => k.padEnd(20)).join(' ')}`];
  for (const cls of Object.keys(CLASS_COUNTS) as ScreenClass[]) {
    const of = outcomes.filter((o) => o.cls === cls);
    if (of.length === 0) continue;
    lines.push(`${`${cls} (${of.length})`.padEnd(20)} ${keys.map((k) => pct(countRead(of, k), of.length).padEnd(20)).join(' ')}`);
  }
  lines.push(`${`all (${outcomes.length})`.padEnd(20)} ${keys.map((k) => pct(countRead(outcomes, k), outcomes.length).padEnd(20)).join(' ')}`);
  return lines;
}
