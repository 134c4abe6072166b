import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { TEST_MANIFEST_KEY } from './scripts/extension-key.ts';

/**
 * Test builds (`npm run build:test`) get a fixed manifest `key`, so the extension id is stable and the
 * end-to-end tests can open chrome-extension://<id>/ pages. Release builds have no key.
 */
const testBuild = process.env.TWOSTEP_TEST_KEY === '1';
const finalManifest = (testBuild ? { ...manifest, key: TEST_MANIFEST_KEY } : manifest) as ManifestV3Export;

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
      const file = join(options.dir ?? 'dist', 'manifest.json');
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
  build: {
    target: 'chrome120',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    modulePreload: false,
    // Pages the manifest does not name: the worker's offscreen clipboard document.
    rollupOptions: { input: { offscreen: 'src/offscreen/index.html' } },
  },
  plugins: [crx({ manifest: finalManifest }), noWebAccessibleScripts()],
  server: { port: 5173, strictPort: true },
});
