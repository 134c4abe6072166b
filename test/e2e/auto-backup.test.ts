/**
 * Automatic backups in Chromium: files really land in Downloads/Twostep backups, open with the backup
 * password and hold every account; the oldest goes after N; the key outlives a stopped worker and a
 * first PIN (which re-keys the vault); nothing is written while locked; the popup's reminder follows.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_ALARM } from '../../src/background/backup/auto-backup';
import { callFromTab } from './autofill-helpers';
import {
  ACCOUNTS,
  addAccount,
  alarmTime,
  BACKUP_PASSWORD,
  backupFiles,
  buildWithDownloads,
  fireAlarm,
  FOLDER,
  launchWithDownloads,
  openFile,
  runRecord,
  turnOn,
  waitForFiles,
  type BackupBrowser,
} from './auto-backup-helpers';
import { launchExtension, MANAGE_URL } from './harness';
import { en, PIN, typePin } from './pin-helpers';
import { message } from './popup-helpers';

const FOREIGN = 'twostep-backup-2020-01-01T00-00-00Z.json';
const secrets = (accounts: { secret: string }[]): string[] => accounts.map((a) => a.secret).sort();

describe('automatic backups', () => {
  let dist: string;
  let b: BackupBrowser | null = null;
  beforeAll(() => {
    dist = buildWithDownloads();
  });
  afterEach(async () => {
    await b?.ext.close({ discard: true });
    b = null;
  });

  it('turned on in the Backup section, writes a file into Downloads that opens with the password and holds every account', async () => {
    b = await launchWithDownloads(dist);
    for (const account of ACCOUNTS) await addAccount(b.ext, account);
    const page = await b.ext.context.newPage();
    await page.goto(`${MANAGE_URL}#backup`);
    await page.getByTestId('auto-backup-enable').click();
    // A long but guessable password is refused by the strength meter's bar, as for a manual backup.
    await page.getByTestId('auto-backup-password').fill('passwordpassword');
    await page.getByTestId('auto-backup-repeat').fill('passwordpassword');
    await page.getByTestId('auto-backup-submit').click();
    await expect.poll(() => page.getByTestId('error-auto-backup-password').textContent().catch(() => '')).toBe(message(en, 'error_backup_password_weak'));
    expect(await callFromTab(b.ext, 'autoBackup.get', null)).toMatchObject({ enabled: false });
    await page.getByTestId('auto-backup-password').fill(BACKUP_PASSWORD);
    await page.getByTestId('auto-backup-repeat').fill(BACKUP_PASSWORD);
    await page.getByTestId('auto-backup-submit').click();
    const [name] = await waitForFiles(b.downloads, 1);
    expect(name).toMatch(/^twostep-backup-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.json$/);
    const opened = await openFile(b.downloads, name!);
    expect(secrets(opened.accounts)).toEqual(secrets(ACCOUNTS));
    expect(opened.accounts.find((a) => a.kind === 'hotp')?.counter).toBe(7);
    await expect(openFile(b.downloads, name!, 'another password')).rejects.toThrow('wrong_password');
    await expect.poll(() => page.getByTestId('auto-backup-last').textContent(), { timeout: 10_000 }).toContain('Last automatic backup');
  });

  it('backs up a minute after a change (through its alarm), and after N+1 files the oldest is removed', async () => {
    b = await launchWithDownloads(dist);
    // A file of ours in name, but not one Twostep wrote: rotation must leave it alone.
    mkdirSync(join(b.downloads, FOLDER), { recursive: true });
    writeFileSync(join(b.downloads, FOLDER, FOREIGN), '{}');
    await addAccount(b.ext, ACCOUNTS[0]!);
    await turnOn(b.ext, { keep: 2 });
    const [first] = (await waitForFiles(b.downloads, 2)).filter((n) => n !== FOREIGN);
    const change = async (account: (typeof ACCOUNTS)[number]): Promise<void> => {
      const before = Date.now();
      await addAccount(b!.ext, account);
      // Armed for a minute after the change, not at once: an import or a run of edits makes one file.
      await expect.poll(() => alarmTime(b!.ext, CHANGE_ALARM), { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 55_000);
      // File names carry the second they were written in; keep them apart so they sort by time.
      await new Promise((r) => setTimeout(r, 1100));
      await fireAlarm(b!.ext, CHANGE_ALARM);
    };
    await change(ACCOUNTS[1]!);
    await waitForFiles(b.downloads, 3);
    await change(ACCOUNTS[2]!);
    await expect.poll(() => backupFiles(b!.downloads).includes(first!), { timeout: 30_000 }).toBe(false);
    const names = await waitForFiles(b.downloads, 3);
    expect(names).toContain(FOREIGN);
    const newest = await openFile(b.downloads, names.at(-1)!);
    expect(secrets(newest.accounts)).toEqual(secrets(ACCOUNTS));
  });

  it('keeps its key through a stopped worker and a first PIN (which re-keys the vault)', async () => {
    b = await launchWithDownloads(dist);
    await addAccount(b.ext, ACCOUNTS[0]!);
    await turnOn(b.ext);
    await waitForFiles(b.downloads, 1);
    await b.ext.stopWorker();
    await callFromTab(b.ext, 'vault.setPin', { next: PIN, kind: 'pin', current: null });
    await b.ext.stopWorker();
    await addAccount(b.ext, ACCOUNTS[1]!);
    await new Promise((r) => setTimeout(r, 1100));
    const status = (await callFromTab(b.ext, 'autoBackup.runNow', null)) as { lastError: string | null; hasKey: boolean };
    expect(status).toMatchObject({ lastError: null, hasKey: true });
    // A file written after the first PIN, under the key kept from before it, holds both accounts. (Not
    // "exactly two files": a worker start or unlock may catch up a backup of its own meanwhile.)
    const holdsBoth = async (): Promise<boolean> => {
      for (const name of backupFiles(b!.downloads).filter((n) => n.endsWith('.json'))) {
        const opened = await openFile(b!.downloads, name).catch(() => null);
        if (opened && JSON.stringify(secrets(opened.accounts)) === JSON.stringify(secrets(ACCOUNTS.slice(0, 2)))) return true;
      }
      return false;
    };
    await expect.poll(holdsBoth, { timeout: 30_000, interval: 500 }).toBe(true);
    // A first PIN runs Argon2id and the LevelDB scrub (12 MiB written and compacted), and the worker is
    // stopped twice: on a machine with every core busy this took 51 s once.
  }, 150_000);

  it('writes nothing while locked; the next unlock writes the backup that waited', async () => {
    b = await launchWithDownloads(dist);
    await addAccount(b.ext, ACCOUNTS[0]!);
    await callFromTab(b.ext, 'vault.setPin', { next: PIN, kind: 'pin', current: null });
    await turnOn(b.ext, { secret: PIN });
    await waitForFiles(b.downloads, 1);
    await addAccount(b.ext, ACCOUNTS[1]!);
    await callFromTab(b.ext, 'vault.lock', null);
    await fireAlarm(b.ext, CHANGE_ALARM);
    // The worker ran the alarm and found the vault locked: it says so, and wrote nothing.
    await expect.poll(async () => (await runRecord(b!.ext)).waiting, { timeout: 15_000 }).toBe(true);
    expect(backupFiles(b.downloads)).toHaveLength(1);
    const page = await b.ext.context.newPage();
    await page.goto(`${MANAGE_URL}#backup`);
    await typePin(page, PIN);
    const names = await waitForFiles(b.downloads, 2);
    expect(secrets((await openFile(b.downloads, names.at(-1)!)).accounts)).toEqual(secrets(ACCOUNTS.slice(0, 2)));
    expect((await runRecord(b.ext)).waiting).toBe(false);
  });

  it('the popup reminds after an add, "Later" hides it until the next change, and a backup ends it', async () => {
    b = await launchWithDownloads(dist);
    // One suggestion at a time: the "protect with a PIN" line goes first, so answer it.
    await callFromTab(b.ext, 'settings.set', { pinNudgeDismissed: true });
    await addAccount(b.ext, ACCOUNTS[0]!);
    let popup = await b.ext.openPopup();
    await popup.getByTestId('backup-reminder').waitFor();
    await popup.getByTestId('backup-reminder-later').click();
    await expect.poll(() => popup.getByTestId('backup-reminder').count()).toBe(0);
    await popup.close();
    popup = await b.ext.openPopup();
    await popup.getByTestId('account-row').first().waitFor();
    expect(await popup.getByTestId('backup-reminder').count()).toBe(0);
    await popup.close();
    await addAccount(b.ext, ACCOUNTS[1]!);
    popup = await b.ext.openPopup();
    await popup.getByTestId('backup-reminder').waitFor();
    await popup.close();
    // A backup (here an automatic one, then automatic backups off again): no reminder until the next change.
    await turnOn(b.ext);
    await waitForFiles(b.downloads, 1);
    await callFromTab(b.ext, 'autoBackup.set', { enabled: false, schedule: 'daily', keep: 5, password: null, secret: null });
    popup = await b.ext.openPopup();
    await popup.getByTestId('account-row').first().waitFor();
    expect(await popup.getByTestId('backup-reminder').count()).toBe(0);
    await popup.close();
  });

  it('as shipped (downloads not granted) says it needs the permission, offers to ask, and writes nothing', async () => {
    const ext = await launchExtension();
    try {
      await addAccount(ext, ACCOUNTS[0]!);
      await turnOn(ext);
      const page = await ext.context.newPage();
      await page.goto(`${MANAGE_URL}#backup`);
      await page.getByTestId('auto-backup-allow').waitFor();
      expect(await page.getByTestId('auto-backup-permission').textContent()).toContain('needs your permission to save files');
      expect(await page.getByTestId('auto-backup-last').textContent()).toBe('No automatic backup written yet.');
    } finally {
      await ext.close({ discard: true });
    }
  });
});
