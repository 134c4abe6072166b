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

  // The mechanical half of issue 12's "Dutch" section, for both languages.
  describe.each([
    ['en', en, /[‘]/],
    ['nl', nl, /[“”]/],
  ])('%s writing rules', (_lang, messages, otherQuotes) => {
    const all = Object.entries(messages);
    it('uses one kind of apostrophe (’) and its own quote marks, never straight ones', () => {
      expect(all.filter(([, m]) => /['"]/.test(m.message)).map(([k]) => k)).toEqual([]);
      expect(all.filter(([, m]) => otherQuotes.test(m.message)).map(([k]) => k)).toEqual([]);
    });
    it('writes … rather than three dots', () => {
      expect(all.filter(([, m]) => m.message.includes('...')).map(([k]) => k)).toEqual([]);
    });
    it('never puts the unit in a label as "(s)", so a value such as "30 s" does not repeat it', () => {
      expect(all.filter(([, m]) => /\((?:s|sec)\)/i.test(m.message)).map(([k]) => k)).toEqual([]);
    });
    it('declares every placeholder it uses, and uses every one it declares', () => {
      for (const [key, m] of all) {
        const used = [...m.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)].map((x) => x[1]!.toLowerCase()).sort();
        expect([...new Set(used)], key).toEqual(Object.keys(m.placeholders ?? {}).map((p) => p.toLowerCase()).sort());
      }
    });
    it('has plural keys in pairs, the count as their first substitution', () => {
      // fill_inline_one is "the one account" of the inline button, not a count.
      for (const [key, m] of all.filter(([k]) => /_(one|other)$/.test(k) && k !== 'fill_inline_one')) {
        const base = key.replace(/_(one|other)$/, '');
        expect(`${base}_one` in messages && `${base}_other` in messages, key).toBe(true);
        expect(Object.values(m.placeholders ?? {}).map((p) => (p as { content: string }).content), key).toContain('$1');
      }
    });
    it('counts with plural keys: a $COUNT$ outside a pair is always more than one or "n of m"', () => {
      const notPlural = all.filter(([k, m]) => /\$COUNT\$/.test(m.message) && !/_(one|other)$/.test(k)).map(([k]) => k);
      expect(notPlural.sort()).toEqual(['added_many', 'export_code_label', 'export_code_of', 'scan_confirm_many', 'unlock_wrong_passphrase', 'unlock_wrong_pin']);
    });
  });

  it('ends a message with a full stop in English exactly when it does in Dutch', () => {
    const differ = Object.keys(en).filter((k) => en[k]!.message.endsWith('.') !== nl[k]?.message.endsWith('.'));
    expect(differ).toEqual([]);
  });

  it('no Dutch message is left identical to a long English one', () => {
    const same = Object.keys(en).filter((k) => en[k]!.message.length > 12 && en[k]!.message === nl[k]?.message && k !== 'extName');
    expect(same).toEqual([]);
  });
});
