import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { TEST_MANIFEST_KEY } from './scripts/extension-key.ts';
import { firefoxManifest } from './scripts/firefox-manifest.ts';

/**
 * Test builds (`npm run build:test`) get a fixed manifest `key`, so the extension id is stable and the
 * end-to-end tests can open chrome-extension://<id>/ pages. Release builds have no key.
 */
const testBuild = process.env.TWOSTEP_TEST_KEY === '1';
/**
 * `TWOSTEP_BROWSER=firefox` (`npm run build:firefox`) builds the same source for Firefox into dist-firefox/:
 * the manifest is transformed (scripts/firefox-manifest.ts) and `__TWOSTEP_FIREFOX__` picks the few
 * adapters that differ (src/shared/target.ts); the other branch is dropped from the bundle.
 */
const firefox = process.env.TWOSTEP_BROWSER === 'firefox';
const chromeManifest = testBuild ? { ...manifest, key: TEST_MANIFEST_KEY } : manifest;
const finalManifest = (firefox ? firefoxManifest(manifest) : chromeManifest) as ManifestV3Export;
const outDir = firefox ? 'dist-firefox' : 'dist';

/**
 * crxjs lists the injected scripts as web-accessible on every site. They are injected with
 * `scripting` (which needs no such entry), and a web-accessible file lets any page detect that
 * Twostep is installed, so the entry is removed from the built manifest.
 */
function noWebAccessibleScripts(): Plugin {
  return {
    name: 'twostep:no-web-accessible-scripts',
    enforce: 'post',
    // crxjs emits the manifest in its own late hook, so rewrite the written file.
    writeBundle(options) {
      const file = join(options.dir ?? outDir, 'manifest.json');
      const built = JSON.parse(readFileSync(file, 'utf8')) as { web_accessible_resources?: { resources: string[] }[] };
      built.web_accessible_resources = (built.web_accessible_resources ?? [])
        .map((entry) => ({ ...entry, resources: entry.resources.filter((path) => !path.startsWith('src/content/')) }))
        .filter((entry) => entry.resources.length > 0);
      if (built.web_accessible_resources.length === 0) delete built.web_accessible_resources;
      writeFileSync(file, JSON.stringify(built, null, 2));
    },
  };
}

export default defineConfig({
  define: { __TWOSTEP_FIREFOX__: JSON.stringify(firefox) },
  build: {
    target: firefox ? 'firefox140' : 'chrome120',
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    // The popup's HTML names every chunk its entry imports, so a fresh extension process fetches them all
    // at once instead of in three rounds (chunk, its imports, theirs). Dynamic imports get no preload
    // list: the worker, which has no document, runs them too.
    modulePreload: { polyfill: false, resolveDependencies: (_file, deps, { hostType }) => (hostType === 'html' ? deps : []) },
    // Pages the manifest does not name: the worker's offscreen document for the clipboard and QR decoding (Chrome only).
    rollupOptions: firefox ? {} : { input: { offscreen: 'src/offscreen/index.html' } },
  },
  plugins: [crx({ manifest: finalManifest, browser: firefox ? 'firefox' : 'chrome' }), noWebAccessibleScripts()],
  server: { port: 5173, strictPort: true },
});
