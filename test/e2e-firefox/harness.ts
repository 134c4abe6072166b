/**
 * Launches Debian's firefox-esr through puppeteer-core over WebDriver BiDi, with the Firefox build
 * (dist-firefox/, `npm run build:firefox`) installed by `browser.installExtension`, on a real profile
 * directory, and drives its pages as a person would.
 *
 * Firefox gives every profile a random moz-extension:// UUID; the `extensions.webextensions.uuids` pref
 * fixes it for our add-on id, so tests can open the popup page in a tab. BiDi installs the add-on
 * temporarily (it is removed when the browser closes), so a restart installs it again; the profile keeps
 * its data and UUID across that (the two keep*OnUninstall prefs), as it does for an installed add-on.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { FIREFOX_ADDON_ID } from '../../scripts/firefox-manifest';

export const DIST_FIREFOX = resolve(import.meta.dirname, '../../dist-firefox');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** Any fixed UUID: the host of our pages in every test profile. */
export const FIREFOX_UUID = '6f0c2a3e-1b7d-4c59-9a8e-2d4f5b6c7d8e';
export const ORIGIN = `moz-extension://${FIREFOX_UUID}`;
export const POPUP_URL = `${ORIGIN}/src/popup/index.html`;
export const MANAGE_URL = `${ORIGIN}/src/manage/index.html`;

const PREFS: Record<string, unknown> = {
  'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_UUID }),
  'extensions.webextensions.keepStorageOnUninstall': true,
  'extensions.webextensions.keepUuidOnUninstall': true,
  // A permission request is granted without its doorhanger, which a headless test cannot click:
  // it stands for the user's "Allow" (what the user sees is Firefox's own prompt, not ours).
  'extensions.webextOptionalPermissionPrompts': false,
  // No first-run pages or network chatter while a test runs.
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'datareporting.policy.dataSubmissionEnabled': false,
  'app.update.disabledForTesting': true,
};

/** TWOSTEP_FIREFOX_DEBUG=1: the browser's output, the extension's console included, on this process's stderr. */
const DEBUG = process.env.TWOSTEP_FIREFOX_DEBUG === '1';
const DEBUG_PREFS = { 'devtools.console.stdout.content': true, 'devtools.console.stdout.chrome': true };

const downloadPrefs = (dir: string): Record<string, unknown> => ({
  'browser.download.dir': dir,
  'browser.download.folderList': 2,
  'browser.download.useDownloadDir': true,
  'browser.download.always_ask_before_handling_new_types': false,
  'browser.download.start_downloads_in_tmp_dir': false,
});

export interface FirefoxExtension {
  browser: Browser;
  profileDir: string;
  /** Opens one of our pages (path under the extension's root, e.g. `src/popup/index.html`) in a new tab. */
  openPage(path: string, opts?: { window?: boolean }): Promise<Page>;
  /** Opens the popup page in a tab (the toolbar popup cannot be driven over BiDi). */
  openPopup(opts?: { window?: boolean }): Promise<Page>;
  /** Calls the background from one of our pages, as the popup does; throws on an error reply. */
  call(method: string, arg: unknown): Promise<unknown>;
  /** Closes the browser; the profile stays for a restart unless `discard` is set. */
  close(opts?: { discard?: boolean }): Promise<void>;
}

export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'twostep-firefox-'));
}

/**
 * `dist`: install another directory (a copy of dist-firefox/ with a test-only manifest change).
 * `downloads`: a directory where downloads are saved without asking.
 */
export async function launchFirefox(opts: { profileDir?: string; dist?: string; downloads?: string } = {}): Promise<FirefoxExtension> {
  const dist = opts.dist ?? DIST_FIREFOX;
  if (!existsSync(join(dist, 'manifest.json'))) throw new Error(`${dist} is missing: run \`npm run build:firefox\` first`);
  const profileDir = opts.profileDir ?? newProfileDir();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profileDir,
    // BiDi refuses to navigate a tab to a moz-extension:// page unless system access is allowed.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { ...PREFS, ...(DEBUG ? DEBUG_PREFS : {}), ...(opts.downloads ? downloadPrefs(opts.downloads) : {}) },
    dumpio: DEBUG,
    defaultViewport: { width: 1280, height: 800 },
  });
  await browser.installExtension(dist);

  const openPage = async (path: string, { window = false } = {}): Promise<Page> => {
    const page = await browser.newPage(window ? { type: 'window' } : undefined);
    const url = `${ORIGIN}/${path}`;
    // The tab moves to the extension process: BiDi reports its first document as detached and never
    // sees the load finish, so the navigation is not awaited; the page's own readiness is.
    page.goto(url, { timeout: 15_000 }).catch(() => undefined);
    // Polled by hand: while the tab switches process, an evaluation can fail outright ("Waiting failed").
    const want = url.split('?')[0]!;
    const deadline = Date.now() + 15_000;
    for (;;) {
      const check = page.evaluate((u: string) => location.href.startsWith(u) && document.readyState === 'complete', want);
      const ready = await Promise.race([check, new Promise<false>((r) => setTimeout(() => r(false), 2_000))]).catch(() => false);
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`${url} did not load`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return page;
  };

  const call = async (method: string, arg: unknown): Promise<unknown> => {
    const page = await openPage('src/popup/index.html');
    try {
      const reply = (await send(page, method, arg)) as { ok: boolean; value?: unknown; error?: unknown };
      if (!reply.ok) throw new Error(`${method} failed: ${JSON.stringify(reply.error)}`);
      return reply.value;
    } finally {
      await page.close();
    }
  };

  return {
    browser,
    profileDir,
    openPage,
    openPopup: (o) => openPage('src/popup/index.html', o),
    call,
    async close({ discard = false } = {}) {
      await browser.close();
      if (discard) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/** One protocol call from one of our pages; the raw reply. */
export function send(page: Page, method: string, arg: unknown): Promise<unknown> {
  return page.evaluate(
    (m: string, a: unknown) => {
      const { browser } = globalThis as unknown as { browser: { runtime: { sendMessage(x: unknown): Promise<unknown> } } };
      return browser.runtime.sendMessage({ twostep: 1, method: m, arg: a });
    },
    method,
    arg,
  );
}
