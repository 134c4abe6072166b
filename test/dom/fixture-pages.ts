/**
 * The OTP-field fixture pages, both sets: the shared ones (../shared/fixtures/otp-fields) and
 * Twostep's own (test/fixtures/otp-fields, the classes of pages detection used to get wrong). Each set
 * is a folder of pages with a truth.json in the shared format, so one runner and one tally score both.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FIXTURES, serveDirs } from './page-kit';

export interface Truth {
  source: string;
  otp: string[];
  negatives: string[];
  split?: boolean;
  soft?: boolean;
  note?: string;
}

export interface FixtureSet {
  /** 'shared' or 'own'; also the URL prefix the test servers use. */
  name: 'shared' | 'own';
  dir: string;
  truth: Record<string, Truth>;
}

export const OWN_FIXTURES = resolve(import.meta.dirname, '../fixtures/otp-fields');

/**
 * Both sets. A missing shared set is an error under CI (the brief: a test that needs the fixtures
 * fails rather than skips); elsewhere it is left out with a warning.
 */
export function fixtureSets(): FixtureSet[] {
  const sets: FixtureSet[] = [];
  for (const [name, dir] of [['shared', FIXTURES], ['own', OWN_FIXTURES]] as const) {
    const file = join(dir, 'truth.json');
    if (!existsSync(file)) {
      if (name === 'own' || process.env.CI) throw new Error(`otp-fields: no fixtures at ${dir}`);
      console.warn(`otp-fields: shared fixtures left out, none at ${dir}`);
      continue;
    }
    sets.push({ name, dir, truth: JSON.parse(readFileSync(file, 'utf8')) as Record<string, Truth> });
  }
  return sets;
}

/** Element-level tally: a true positive is an expected element holding the right character(s). */
export interface Tally {
  tp: number;
  fp: number;
  fn: number;
  pagesRight: number;
  pages: number;
}

export const newTally = (): Tally => ({ tp: 0, fp: 0, fn: 0, pagesRight: 0, pages: 0 });

/** One page's outcome: `right` of `expected` code elements filled, `wrong` other inputs changed. */
export function count(t: Tally, expected: number, right: number, wrong: number): void {
  t.tp += right;
  t.fn += expected - right;
  t.fp += wrong;
  t.pages++;
  if (right === expected && wrong === 0) t.pagesRight++;
}

export function report(name: string, t: Tally): string {
  const precision = t.tp / Math.max(1, t.tp + t.fp);
  const recall = t.tp / Math.max(1, t.tp + t.fn);
  return (
    `otp-fields ${name}: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} ` +
    `(elements tp=${t.tp} fp=${t.fp} fn=${t.fn}; pages fully right ${t.pagesRight}/${t.pages})`
  );
}

/** The sum of several tallies. */
export function sum(...ts: Tally[]): Tally {
  const all = newTally();
  for (const t of ts) for (const k of ['tp', 'fp', 'fn', 'pagesRight', 'pages'] as const) all[k] += t[k];
  return all;
}

/** Serves every set under its name: /shared/<page>.html, /own/<page>.html. */
export function serveSets(sets: FixtureSet[]): ReturnType<typeof serveDirs> {
  return serveDirs(Object.fromEntries(sets.map((s) => [s.name, s.dir])));
}
