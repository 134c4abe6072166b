// `npm run demo -- --firefox`: the same demo in Debian's firefox-esr. Builds dist-firefox/, serves the
// Example Corp site, and opens Firefox (puppeteer-core over WebDriver BiDi) with Twostep installed as a
// temporary add-on, on the setup page. Without a display (or with HEADLESS=1) it saves a screenshot.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { startDemoServer } from './demo-server.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const built = spawnSync('npm', ['run', '--silent', 'build:firefox'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
if (built.status !== 0) process.exit(built.status ?? 1);

const server = await startDemoServer({ port: Number(process.env.PORT ?? 8787) });
console.log(`Example Corp demo site: ${server.url}/`);
console.log(`  setup page: ${server.url}/setup   sign-in: ${server.url}/login (password "correct horse")`);

const headless = !!process.env.HEADLESS || !process.env.DISPLAY;
const profile = mkdtempSync(join(tmpdir(), 'twostep-demo-firefox-'));
try {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless,
    userDataDir: profile,
    defaultViewport: headless ? { width: 1000, height: 900 } : null,
  });
  await browser.installExtension(join(root, 'dist-firefox'));
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  await page.goto(`${server.url}/setup`);
  if (headless) {
    const shot = join(process.cwd(), 'demo-screenshot.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`No display: saved a screenshot of the setup page to ${shot}`);
    await browser.close();
  } else {
    console.log('Firefox is open with Twostep installed (until it closes). Close the browser window to stop the demo.');
    process.once('SIGINT', () => void browser.close());
    await new Promise<void>((done) => browser.once('disconnected', () => done()));
  }
} finally {
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
