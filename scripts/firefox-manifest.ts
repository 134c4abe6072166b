/**
 * The Firefox manifest, made from the one manifest.json at build time (`npm run build:firefox`), so both
 * browsers ship the same permissions and pages. Only what Firefox lacks or names differently changes:
 * - an event page (`background.scripts`) instead of a service worker; crxjs writes the loader itself;
 * - `browser_specific_settings.gecko`: the add-on id, and Firefox 140 (the ESR line) as the floor: it has
 *   everything used here (optional_host_permissions and scripting's matchOriginAsFallback since 128,
 *   storage.session since 115, element.openOrClosedShadowRoot since 63) and `data_collection_permissions`
 *   (140), which addons.mozilla.org asks every new add-on to declare;
 * - no `offscreen` (Firefox has no offscreen documents: the event page has a DOM itself) and no `favicon`
 *   (Firefox has no favicon cache for extensions: the letter avatar shows);
 * - no `minimum_chrome_version`, which Firefox would warn about.
 */
type Json = Record<string, unknown>;

/** The add-on id; tests fix the extension's moz-extension:// UUID through it (test/e2e-firefox/harness.ts). */
export const FIREFOX_ADDON_ID = 'twostep@twostep.app';
export const FIREFOX_MIN_VERSION = '140.0';
const FIREFOX_ANDROID_MIN_VERSION = '142.0';

const CHROME_ONLY_PERMISSIONS = new Set(['offscreen', 'favicon']);

export function firefoxManifest(manifest: Json): Json {
  const { minimum_chrome_version: _chromeFloor, key: _key, ...rest } = manifest;
  const background = manifest.background as { service_worker: string; type?: string };
  const keep = (list: unknown): string[] => (Array.isArray(list) ? (list as string[]).filter((p) => !CHROME_ONLY_PERMISSIONS.has(p)) : []);
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: 'module' },
    permissions: keep(manifest.permissions),
    optional_permissions: keep(manifest.optional_permissions),
    browser_specific_settings: {
      gecko: {
        id: FIREFOX_ADDON_ID,
        strict_min_version: FIREFOX_MIN_VERSION,
        // Twostep sends nothing anywhere: no data leaves the browser.
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android learnt data_collection_permissions in 142; without this floor web-ext warns.
      gecko_android: { strict_min_version: FIREFOX_ANDROID_MIN_VERSION },
    },
  };
}
