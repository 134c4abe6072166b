/**
 * Counts in both languages: Chrome's messages.json has no plural forms, so a count's message is a set
 * of keys, `<key>_one`, `<key>_other` (the CLDR categories `Intl.PluralRules` returns), and the
 * language's own rules pick one: "1 second left", "2 seconds left", "nog 1 seconde". Pure, so content
 * scripts (no polyfill) and unit tests use the same choice.
 */

type GetMessage = (key: string, substitutions?: string | string[]) => string;

// One per language: every row of the popup asks twice a second, and making one is not cheap.
const rules = new Map<string, Intl.PluralRules>();

/** The message key for `count` in `lang`: `<key>_<category>`, falling back to `<key>_other`. */
export function pluralKey(key: string, count: number, lang: string, has: (key: string) => boolean): string {
  let rule = rules.get(lang);
  if (rule === undefined) rules.set(lang, (rule = new Intl.PluralRules(lang)));
  const chosen = `${key}_${rule.select(count)}`;
  return has(chosen) ? chosen : `${key}_other`;
}

/** The message for `count` (its first placeholder), with any further `substitutions` after it. */
export function pluralMessage(getMessage: GetMessage, lang: string, key: string, count: number, substitutions: string[] = []): string {
  const subs = [String(count), ...substitutions];
  const chosen = pluralKey(key, count, lang, (k) => getMessage(k, subs) !== '');
  return getMessage(chosen, subs) || chosen;
}
