/**
 * The full-tab page in Firefox (issue 13): a backup saved from the Backup section (Argon2id and
 * libsodium run as WebAssembly under the pages' CSP) is restored in a fresh profile through the Import
 * section, and every account shows its RFC 6238 code again.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterEach, describe, expect, it } from 'vitest';
import { openBackup } from '../../src/core/backup';
import { DIST_FIREFOX, launchFirefox, type FirefoxExtension } from './harness';
import { click, fill, rows, sel, totpAround, until } from './helpers';

const PASSWORD = 'violet tractor moon pickle harbour';
const ACCOUNTS = [
  { kind: 'totp', issuer: 'Example Bank', name: 'ann@example.com', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: ['example.com'] },
  { kind: 'totp', issuer: 'Code Forge', name: 'ann', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [] },
];

const opened: FirefoxExtension[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const e of opened.splice(0)) await e.close({ discard: true });
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const count = (page: Page, testId: string): Promise<number> => page.evaluate((s: string) => document.querySelectorAll(s).length, sel(testId));
const attr = (page: Page, testId: string, name: string): Promise<string | null> =>
  page.evaluate((s: string, n: string) => document.querySelector(s)?.getAttribute(n) ?? null, sel(testId), name);

describe('Firefox: the manage page', () => {
  it('saves an encrypted backup, and a fresh profile restores every account from it', async () => {
    const downloads = mkdtempSync(join(tmpdir(), 'twostep-firefox-downloads-'));
    dirs.push(downloads);
    const source = await launchFirefox({ downloads });
    opened.push(source);
    for (const input of ACCOUNTS) await source.call('accounts.add', { input });

    const page = await source.openPage('src/manage/index.html#backup');
    await fill(page, 'backup-password', PASSWORD);
    await fill(page, 'backup-confirm', PASSWORD);
    await until('the strength meter', () => attr(page, 'backup-strength', 'data-score'), (s) => s === '4', 20_000);
    await click(page, 'backup-submit');
    const [name] = await until('the backup file', () => readdirSync(downloads).filter((f) => /^twostep-backup-\d{4}-\d{2}-\d{2}\.json$/.test(f)), (f) => f.length === 1, 60_000);
    await until('the backup to be done', () => count(page, 'backup-done'), (n) => n === 1, 30_000);
    const file = join(downloads, name!);
    const text = await until('the whole file', () => readFileSync(file, 'utf8'), (t) => t.trim().endsWith('}'));
    expect(JSON.parse(text)).toMatchObject({ format: 'twostep-backup', version: 1 });
    for (const a of ACCOUNTS) {
      expect(text).not.toContain(a.issuer);
      expect(text).not.toContain(a.secret);
    }

    const fresh = await launchFirefox();
    opened.push(fresh);
    const restore = await fresh.openPage('src/manage/index.html#import');
    const input = (await restore.waitForSelector(sel('import-file'))) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    await fill(restore, 'import-password', PASSWORD);
    await click(restore, 'import-password-submit');
    await until('the preview', () => count(restore, 'import-row'), (n) => n === ACCOUNTS.length, 60_000);
    await click(restore, 'import-confirm');
    await until('the import to be done', () => count(restore, 'import-done'), (n) => n === 1, 30_000);

    const popup = await fresh.openPopup();
    const shown = await until('the restored accounts', () => rows(popup), (r) => r.length === ACCOUNTS.length);
    for (const a of ACCOUNTS) expect(totpAround(a.secret)).toContain(shown.find((r) => r.issuer === a.issuer)?.code);
  });

  it('automatic backups: turned on in the Backup section, a file lands in Downloads and opens with its password', async () => {
    const downloads = mkdtempSync(join(tmpdir(), 'twostep-firefox-downloads-'));
    // `downloads` is optional (asked for when turned on); a copy of the build has it at install, as after "Allow".
    const dist = mkdtempSync(join(tmpdir(), 'twostep-firefox-dist-'));
    dirs.push(downloads, dist);
    cpSync(DIST_FIREFOX, dist, { recursive: true });
    const manifestFile = join(dist, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { permissions: string[]; optional_permissions: string[] };
    writeFileSync(manifestFile, JSON.stringify({ ...manifest, permissions: [...manifest.permissions, 'downloads'], optional_permissions: manifest.optional_permissions.filter((p) => p !== 'downloads') }));
    const ext = await launchFirefox({ dist, downloads });
    opened.push(ext);
    for (const input of ACCOUNTS) await ext.call('accounts.add', { input });

    const page = await ext.openPage('src/manage/index.html#backup');
    await click(page, 'auto-backup-enable');
    await fill(page, 'auto-backup-password', PASSWORD);
    await fill(page, 'auto-backup-repeat', PASSWORD);
    await click(page, 'auto-backup-submit');
    // The event page downloads it from a blob: URL (background/backup/download-url.ts) into its own folder.
    const folder = join(downloads, 'Twostep backups');
    const [name] = await until('the automatic backup', () => (existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.json')) : []), (f) => f.length === 1, 60_000);
    expect(name).toMatch(/^twostep-backup-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.json$/);
    const text = await until('the whole file', () => readFileSync(join(folder, name!), 'utf8'), (t) => t.trim().endsWith('}'));
    const backup = await openBackup(new TextEncoder().encode(text), PASSWORD);
    expect(backup.accounts.map((a) => a.secret).sort()).toEqual(ACCOUNTS.map((a) => a.secret).sort());
  });
});
