/**
 * Launches Debian's Chromium with the built extension (dist/, built by `npm run build:test` so the
 * manifest carries the fixed test key) on a real profile directory, and drives it as a person would.
 */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { TEST_EXTENSION_ID } from '../../scripts/extension-key';
import { extensionArgs } from '../../scripts/chromium-args';

export const DIST = resolve(import.meta.dirname, '../../dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const POPUP_URL = `chrome-extension://${TEST_EXTENSION_ID}/src/popup/index.html`;
/** The full-tab page (also the options page). */
export const MANAGE_URL = `chrome-extension://${TEST_EXTENSION_ID}/src/manage/index.html`;

export interface Extension {
  context: BrowserContext;
  profileDir: string;
  /** Opens the popup page in a tab (the toolbar popup itself cannot be opened headless). */
  openPopup(): Promise<Page>;
  /** The background service worker, started if needed. */
  worker(): Promise<Worker>;
  /** Stops the service worker through the DevTools protocol, as Chrome does when it is idle. */
  stopWorker(): Promise<void>;
  /** Closes the browser; the profile directory stays for a restart unless `discard` is set. */
  close(opts?: { discard?: boolean }): Promise<void>;
}

export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'twostep-profile-'));
}

/** `dist`: load the extension from another directory (a copy of dist/ with a test-only manifest change). */
export async function launchExtension(
  opts: { profileDir?: string; lang?: string; deviceScaleFactor?: number; dist?: string } = {},
): Promise<Extension> {
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error('dist/ is missing: run `npm run build:test` first');
  const dist = opts.dist ?? DIST;
  const profileDir = opts.profileDir ?? newProfileDir();
  const args = [
    ...extensionArgs(dist),
    '--disable-gpu',
    '--disable-quic',
    // Lets a test click the toolbar action through CDP (Extensions.triggerAction, pipe transport only):
    // a real popup over a real tab, with the activeTab grant a user's click gives (see scan-helpers.ts).
    '--enable-unsafe-extension-debugging',
  ];
  if (opts.lang) args.push(`--lang=${opts.lang}`);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args,
    locale: opts.lang ?? 'en-US',
    env: { ...process.env, LANGUAGE: opts.lang ?? 'en' },
    viewport: { width: 1280, height: 800 },
    ...(opts.deviceScaleFactor ? { deviceScaleFactor: opts.deviceScaleFactor } : {}),
  });

  const worker = async (): Promise<Worker> => {
    const running = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${TEST_EXTENSION_ID}/`));
    if (running) return running;
    return context.waitForEvent('serviceworker', { timeout: 15_000 });
  };

  return {
    context,
    profileDir,
    async openPopup() {
      const page = await context.newPage();
      await page.goto(POPUP_URL);
      // The popup renders once its storage read is back, which can come after the load event.
      await page.locator('.app').waitFor({ state: 'attached', timeout: 30_000 });
      return page;
    },
    worker,
    async stopWorker() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
      // Wait until Playwright has seen the worker go away, so the next call really starts a new one.
      const deadline = Date.now() + 5_000;
      while (context.serviceWorkers().length > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close({ discard = false } = {}) {
      await context.close();
      if (discard) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
