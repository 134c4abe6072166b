/**
 * Counts read right in both languages (issue 12: "1 seconds left", "nog 1 seconden"): the message for a
 * count is chosen by Intl.PluralRules, and every count the code shows has each form in both locales.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pluralKey, pluralMessage } from '../../src/shared/plural';

const root = resolve(import.meta.dirname, '../..');
type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (lang: string) => JSON.parse(readFileSync(join(root, 'public/_locales', lang, 'messages.json'), 'utf8')) as Messages;
const locales = { en: load('en'), nl: load('nl') };

/** chrome.i18n.getMessage over a locale file: placeholders filled from the substitutions, '' when missing. */
function getMessage(messages: Messages) {
  return (key: string, subs?: string | string[]): string => {
    const entry = messages[key];
    if (!entry) return '';
    const list = typeof subs === 'string' ? [subs] : (subs ?? []);
    return entry.message.replace(/\$([A-Za-z_]+)\$/g, (_, name: string) => list[Number((entry.placeholders?.[name.toLowerCase()]?.content ?? '$0').slice(1)) - 1] ?? '');
  };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}
const counted = new Set<string>();
for (const file of sourceFiles(join(root, 'src'))) {
  for (const m of readFileSync(file, 'utf8').matchAll(/\bplural\(\s*'([A-Za-z0-9_]+)'/g)) counted.add(m[1]!);
}

describe('plural messages', () => {
  it('the code asks for counted messages', () => {
    expect(counted.size).toBeGreaterThan(10);
    expect(counted).toContain('seconds_left');
  });

  it.each(Object.entries(locales))('%s has a one and an other form of every count, with the same placeholders', (_lang, messages) => {
    for (const key of counted) {
      for (const form of ['one', 'other']) {
        expect(messages[`${key}_${form}`]?.message, `${key}_${form}`).toBeTruthy();
        expect(Object.keys(messages[`${key}_${form}`]?.placeholders ?? {}).sort(), `${key}_${form}`).toEqual(
          Object.keys(locales.en[`${key}_other`]?.placeholders ?? {}).sort(),
        );
      }
    }
  });

  it.each([
    ['en', 0, '0 seconds left'],
    ['en', 1, '1 second left'],
    ['en', 2, '2 seconds left'],
    ['en', 21, '21 seconds left'],
    ['nl', 0, 'Nog 0 seconden'],
    ['nl', 1, 'Nog 1 seconde'],
    ['nl', 5, 'Nog 5 seconden'],
  ] as const)('%s, %i: %s', (lang, count, text) => {
    expect(pluralMessage(getMessage(locales[lang]), lang, 'seconds_left', count)).toBe(text);
  });

  it('the count is the first placeholder, further substitutions follow it', () => {
    expect(pluralMessage(getMessage(locales.nl), 'nl', 'backup_done', 1, ['twostep.json'])).toBe('Back-up van 1 account opgeslagen als twostep.json.');
    expect(pluralMessage(getMessage(locales.en), 'en', 'scan_skipped', 3)).toBe('3 were already in Twostep and were skipped.');
  });

  it('falls back to the other form when a language has a category the file lacks', () => {
    // Arabic has "two", "few", "many": with only one/other in the file, the other form is used.
    expect(pluralKey('seconds_left', 2, 'ar', (k) => k in locales.en)).toBe('seconds_left_other');
    expect(pluralKey('seconds_left', 1, 'en', (k) => k in locales.en)).toBe('seconds_left_one');
  });
});
