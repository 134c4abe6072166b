// One-command demo for newcomers: `npm run build`, then `node --import tsx scripts/demo.ts`.
// Serves the Example Corp site and opens Chromium with the built extension on its setup page.
// Without a display (or with HEADLESS=1) it saves a screenshot of the setup page and exits.
// `npm run demo -- --firefox` opens Firefox instead (scripts/demo-firefox.ts).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { extensionArgs } from './chromium-args.ts';
import { startDemoServer } from './demo-server.ts';

if (process.argv.includes('--firefox')) {
  await import('./demo-firefox.ts');
  process.exit(0);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'manifest.json'))) {
  console.error(`No built extension in ${dist}: run \`npm run build\` first.`);
  process.exit(1);
}

const server = await startDemoServer({ port: Number(process.env.PORT ?? 8787) });
console.log(`Example Corp demo site: ${server.url}/`);
console.log(`  setup page: ${server.url}/setup   sign-in: ${server.url}/login (password "correct horse")`);

const headless = !!process.env.HEADLESS || !process.env.DISPLAY;
const profile = mkdtempSync(join(tmpdir(), 'twostep-demo-'));
const args = extensionArgs(dist);

try {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless,
    args,
    // Playwright passes --disable-extensions by default, which would stop the extension from loading.
    ignoreDefaultArgs: ['--disable-extensions'],
    viewport: headless ? { width: 1000, height: 900 } : null,
  });
  const closed = new Promise<void>((done) => context.once('close', () => done()));
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}/setup`);
  if (headless) {
    const shot = join(process.cwd(), 'demo-screenshot.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`No display: saved a screenshot of the setup page to ${shot}`);
    await context.close();
  } else {
    console.log('Chromium is open with Twostep loaded. Close the browser window to stop the demo.');
    process.once('SIGINT', () => void context.close());
    await closed;
  }
} finally {
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
