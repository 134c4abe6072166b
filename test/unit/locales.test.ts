/**
 * Every string the UI asks for exists in English and Dutch, the two files have the same keys and
 * placeholders, and every error code has a message. A missing key would show the user an empty string.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/core/errors';

const root = resolve(import.meta.dirname, '../..');
type Messages = Record<string, { message: string; placeholders?: Record<string, unknown> }>;
const load = (lang: string) => JSON.parse(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8')) as Messages;
const en = load('en');
const nl = load('nl');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

const used = new Set<string>();
for (const file of sourceFiles(join(root, 'src'))) {
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/\b(?:t|getMessage)\(\s*'([A-Za-z0-9_]+)'/g)) used.add(m[1]!);
}
const manifest = readFileSync(join(root, 'manifest.json'), 'utf8');
for (const m of manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(m[1]!);

describe('locales', () => {
  it('finds the keys the code uses', () => {
    expect(used.size).toBeGreaterThan(50);
  });

  it.each([
    ['en', en],
    ['nl', nl],
  ])('%s has every key the code and manifest use', (_lang, messages) => {
    expect([...used].filter((key) => !(key in messages))).toEqual([]);
  });

  it('en and nl have the same keys and placeholders', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en)) {
      expect(Object.keys(nl[key]?.placeholders ?? {}).sort(), key).toEqual(Object.keys(en[key]?.placeholders ?? {}).sort());
    }
  });

  it('every error code has a message in both', () => {
    for (const code of ERROR_CODES) {
      expect(en[`error_${code}`]?.message, code).toBeTruthy();
      expect(nl[`error_${code}`]?.message, code).toBeTruthy();
    }
  });

  it('no Dutch message is left identical to a long English one', () => {
    const same = Object.keys(en).filter((k) => en[k]!.message.length > 12 && en[k]!.message === nl[k]?.message && k !== 'extName');
    expect(same).toEqual([]);
  });
});
