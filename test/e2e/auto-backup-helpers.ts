/**
 * Steps for the automatic-backup tests.
 *
 * - `downloads` is an optional permission, asked for with `permissions.request` when the user turns
 *   automatic backups on. A headless browser cannot answer that prompt, so these tests load a copy of
 *   dist/ whose manifest grants it outright (as autofill-helpers.ts does for host access).
 * - Playwright makes Chromium save every download under a random name in its own folder
 *   (`Browser.setDownloadBehavior: allowAndName`), which would hide the name and folder Twostep picks.
 *   So the profile's preferences name a download directory (and no "ask where to save"), and the
 *   browser's own download handling is put back through CDP after launch.
 * - Alarms cannot wait a minute in a test: `fireAlarm` moves the product's own alarm to now, so the
 *   worker's real listener runs as it would when the minute is over.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { AccountInput } from '../../src/core/account';
import { openBackup } from '../../src/core/backup';
import { callFromTab } from './autofill-helpers';
import { DIST, launchExtension, newProfileDir, type Extension } from './harness';

export const BACKUP_PASSWORD = 'a long backup password';
export const FOLDER = 'Twostep backups';

/** A copy of the build whose manifest grants `downloads` (see above). */
export function buildWithDownloads(): string {
  const dir = mkdtempSync(join(tmpdir(), 'twostep-dist-'));
  cpSync(DIST, dir, { recursive: true });
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { permissions: string[]; optional_permissions?: string[] };
  manifest.permissions.push('downloads');
  manifest.optional_permissions = (manifest.optional_permissions ?? []).filter((p) => p !== 'downloads');
  writeFileSync(file, JSON.stringify(manifest, null, 2));
  return dir;
}

export interface BackupBrowser {
  ext: Extension;
  /** The browser's download directory. */
  downloads: string;
}

export async function launchWithDownloads(dist: string): Promise<BackupBrowser> {
  const profileDir = newProfileDir();
  const downloads = mkdtempSync(join(tmpdir(), 'twostep-downloads-'));
  mkdirSync(join(profileDir, 'Default'), { recursive: true });
  writeFileSync(join(profileDir, 'Default', 'Preferences'), JSON.stringify({ download: { default_directory: downloads, prompt_for_download: false, directory_upgrade: true } }));
  const ext = await launchExtension({ dist, profileDir });
  const browser = ext.context.browser();
  if (!browser) throw new Error('no browser object for the persistent context');
  const cdp = await browser.newBrowserCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'default' });
  await cdp.detach();
  return { ext, downloads };
}

/** The backup files on disk, oldest name first. */
export function backupFiles(downloads: string): string[] {
  const dir = join(downloads, FOLDER);
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** Waits (bounded) until the folder holds `count` backup files; fails loudly with what it holds. */
export async function waitForFiles(downloads: string, count: number, timeout = 30_000): Promise<string[]> {
  await expect.poll(() => backupFiles(downloads).filter((n) => n.endsWith('.json') && !n.endsWith('.crdownload')).length, { timeout, interval: 200 }).toBe(count);
  return backupFiles(downloads);
}

export async function openFile(downloads: string, name: string, password = BACKUP_PASSWORD) {
  return openBackup(new Uint8Array(readFileSync(join(downloads, FOLDER, name))), password);
}

export const ACCOUNTS: AccountInput[] = [
  { kind: 'totp', issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: ['github.com'] },
  { kind: 'hotp', issuer: 'Bank', name: 'bob', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA256', digits: 8, period: 30, counter: 7, sites: [] },
  { kind: 'steam', issuer: 'Steam', name: 'gamer', secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ', algorithm: 'SHA1', digits: 5, period: 30, counter: 0, sites: [] },
];

export async function addAccount(ext: Extension, input: AccountInput): Promise<void> {
  await callFromTab(ext, 'accounts.add', { input });
}

/** Turns automatic backups on through the protocol, as the page's form does. */
export async function turnOn(ext: Extension, opts: { keep?: number; secret?: string | null } = {}): Promise<void> {
  await callFromTab(ext, 'autoBackup.set', { enabled: true, schedule: 'daily', keep: opts.keep ?? 5, password: BACKUP_PASSWORD, secret: opts.secret ?? null });
}

/** The parts of the worker's `chrome` these steps use. */
interface WorkerChrome {
  alarms: { get(name: string): Promise<{ scheduledTime: number } | undefined>; create(name: string, info: { when: number }): Promise<void> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
}

/** When the worker's alarm `name` is due (epoch ms), or null when none is set. */
export async function alarmTime(ext: Extension, name: string): Promise<number | null> {
  const worker = await ext.worker();
  return worker.evaluate(async (n) => {
    const { chrome } = globalThis as unknown as { chrome: WorkerChrome };
    return (await chrome.alarms.get(n))?.scheduledTime ?? null;
  }, name);
}

/** Makes the worker's alarm `name` fire now (see above). */
export async function fireAlarm(ext: Extension, name: string): Promise<void> {
  const worker = await ext.worker();
  await worker.evaluate(async (n) => {
    const { chrome } = globalThis as unknown as { chrome: WorkerChrome };
    await chrome.alarms.create(n, { when: Date.now() });
  }, name);
}

/** What the worker recorded about its runs (storage.local). */
export async function runRecord(ext: Extension): Promise<{ waiting?: boolean; lastAt?: number | null }> {
  const worker = await ext.worker();
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: WorkerChrome };
    return ((await chrome.storage.local.get('autoBackupRecord')).autoBackupRecord ?? {});
  });
}
