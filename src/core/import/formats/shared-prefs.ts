/**
 * Android shared-preferences XML (`<map><string name="…">value</string>…</map>`), the storage file
 * some apps keep their tokens in: the `<string>` values by name, XML entities decoded.
 */

/** True for a shared-preferences file. */
export const isSharedPrefs = (text: string | undefined): boolean => text !== undefined && /^\s*(<\?xml[^>]*>\s*)?<map>/.test(text);

/** The `<string>` entries, in file order. */
export function sharedPrefStrings(text: string): [string, string][] {
  return [...text.matchAll(/<string name="([^"]*)">([^<]*)<\/string>/g)].map((m) => [unescapeXml(m[1] ?? ''), unescapeXml(m[2] ?? '')]);
}

/** XML 1.0 §4.6 predefined entities and character references. */
export function unescapeXml(text: string): string {
  return text.replace(/&(quot|apos|lt|gt|amp|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/g, (_m, name: string) => {
    const named: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' };
    if (name in named) return named[name] ?? '';
    const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  });
}
