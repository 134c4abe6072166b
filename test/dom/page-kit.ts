/**
 * What the Chromium page tests and the field benchmark share: the detection code bundled for a page
 * (an IIFE that sets `window.TwostepFields`), a static file server, and Debian's Chromium.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';

export const FIXTURES = resolve(import.meta.dirname, '../../../shared/fixtures/otp-fields');
export const ENTRY = resolve(import.meta.dirname, '../../src/content/otp-field/index.ts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The bundled detection code (minified, as the content script would ship it) and its gzipped size. */
export async function bundleDetector(): Promise<{ code: string; gzipBytes: number }> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      lib: { entry: ENTRY, formats: ['iife'], name: 'TwostepFields', fileName: 'fields' },
      write: false,
      minify: true,
      target: 'chrome120',
    },
  });
  const result = (Array.isArray(out) ? out[0] : out) as Rolldown.RolldownOutput;
  const chunk = result.output.find((o) => o.type === 'chunk');
  if (!chunk) throw new Error('vite produced no chunk');
  return { code: chunk.code, gzipBytes: gzipSync(chunk.code).length };
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.json': 'application/json' };

/** Serves `dir` on 127.0.0.1 at a free port. */
export function serve(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  return serveDirs({ '': dir });
}

/** Serves each directory under its URL prefix (`{ own: dir }`: /own/page.html is dir/page.html). */
export async function serveDirs(dirs: Record<string, string>): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const [, first = '', ...rest] = path.split('/');
    const [dir, file] = first in dirs && first !== '' ? [dirs[first]!, rest.join('/')] : [dirs[''], path];
    if (dir === undefined) return void res.writeHead(404).end();
    readFile(join(dir, file)).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}

/** Headless Chromium without an extension (the detection code is injected into each page). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

/**
 * Injects the bundle into a loaded page. The shim defines `__name`, which tsx (esbuild keepNames)
 * inserts into functions that are later serialised into the page by `page.evaluate`.
 */
export async function injectDetector(page: Page, bundle: string): Promise<void> {
  await page.addScriptTag({ content: `globalThis.__name ??= (f) => f;\n${bundle}` });
}
