import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { TEST_MANIFEST_KEY } from './test/e2e/extension-key.ts';

/**
 * Test builds (`npm run build:test`) get a fixed manifest `key`, so the extension id is stable and the
 * end-to-end tests can open chrome-extension://<id>/ pages. Release builds have no key.
 */
const testBuild = process.env.TWOSTEP_TEST_KEY === '1';
const finalManifest = (testBuild ? { ...manifest, key: TEST_MANIFEST_KEY } : manifest) as ManifestV3Export;

export default defineConfig({
  build: {
    target: 'chrome120',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    modulePreload: false,
  },
  plugins: [crx({ manifest: finalManifest })],
  server: { port: 5173, strictPort: true },
});
