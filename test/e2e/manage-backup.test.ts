/**
 * Back up through the page, restore into a fresh profile: a vault with accounts of every kind and
 * with sites is saved through the Backup section (password typed, download captured), the file is
 * restored in a new profile through the Import section's file input and preview, and the new
 * profile's popup shows every account equal (issuer, name, kind, codes) with its sites. A weak backup
 * password is refused, a wrong one on restore shows its error and adds nothing, and the reference
 * decoder reads the file the product wrote.
 */
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBase32 } from '../../src/core/base32';
import { formatOtpauthUri } from '../../src/core/otpauth-uri';
import type { AccountInput } from '../../src/core/account';
import type { AccountView } from '../../src/shared/protocol';
import { callFromTab } from './autofill-helpers';
import { launchExtension, MANAGE_URL, type Extension } from './harness';
import { codeIn, hotpAt, loadMessages, message, rowOf, totpAround } from './popup-helpers';

const en = loadMessages('en');
const PASSWORD = 'violet tractor moon pickle harbour';

const ACCOUNTS: AccountInput[] = [
  { kind: 'totp', issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: ['github.com'] },
  { kind: 'totp', issuer: 'Proton', name: 'alice@proton.me', secret: 'MFRGGZDFMZTWQ2LKNNWG23TP', algorithm: 'SHA256', digits: 8, period: 60, counter: 0, sites: ['proton.me', 'protonmail.com'] },
  { kind: 'hotp', issuer: 'Bank', name: 'Current account', secret: 'GEZDGNBVGY3TQOJQGEZDGNBV', algorithm: 'SHA1', digits: 6, period: 30, counter: 5, sites: [] },
  { kind: 'steam', issuer: 'Steam', name: 'alice_games', secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TFOQ', algorithm: 'SHA1', digits: 5, period: 30, counter: 0, sites: ['steampowered.com'] },
];

/** Steam Guard codes around now, computed here: HOTP-SHA1 of the 30 s step, 5 characters of Steam's alphabet. */
function steamAround(secret: string, at = Date.now()): string[] {
  const alphabet = '23456789BCDFGHJKMNPQRTVWXY';
  return [-1, 0, 1].map((d) => {
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000) + d));
    const mac = createHmac('sha1', decodeBase32(secret)).update(counter).digest();
    let n = mac.readUInt32BE(mac[19]! & 0xf) & 0x7fffffff;
    let code = '';
    for (let i = 0; i < 5; i++, n = Math.floor(n / alphabet.length)) code += alphabet[n % alphabet.length];
    return code;
  });
}

async function expectCode(popup: Page, a: AccountInput): Promise<void> {
  const row = rowOf(popup, a.issuer);
  await row.waitFor();
  expect(await row.getByTestId('account-name').textContent()).toBe(a.name);
  expect(await row.getAttribute('data-kind')).toBe(a.kind);
  const code = await codeIn(row);
  if (a.kind === 'hotp') expect(code).toBe(hotpAt(a, a.counter));
  else if (a.kind === 'steam') expect(steamAround(a.secret)).toContain(code);
  else expect(totpAround(a)).toContain(code);
}

/** What the background lists, down to the fields a backup must keep (the view carries no secret). */
const listed = async (ext: Extension): Promise<unknown[]> =>
  ((await callFromTab(ext, 'accounts.list', null)) as AccountView[]).map(({ kind, issuer, name, algorithm, digits, period, counter, sites }) => ({ kind, issuer, name, algorithm, digits, period, counter, sites }));

describe('backup through the page, restore into a fresh profile', () => {
  let source: Extension;
  let fresh: Extension | undefined;
  let file = '';
  beforeAll(async () => {
    source = await launchExtension();
    for (const input of ACCOUNTS) await callFromTab(source, 'accounts.add', { input });
  });
  afterAll(async () => {
    await source?.close({ discard: true });
    await fresh?.close({ discard: true });
  });

  it('refuses a weak password, then downloads an encrypted backup named by the date', async () => {
    const page = await source.context.newPage();
    await page.goto(`${MANAGE_URL}#backup`);
    await page.getByTestId('backup-password').fill('password123');
    await page.getByTestId('backup-confirm').fill('password123');
    await expect.poll(() => page.getByTestId('backup-strength').getAttribute('data-score'), { timeout: 15_000 }).toMatch(/^[0-3]$/);
    await page.getByTestId('backup-submit').click();
    await expect.poll(() => page.getByTestId('form-error').textContent()).toBe(message(en, 'error_backup_password_weak'));

    await page.getByTestId('backup-password').fill(PASSWORD);
    await page.getByTestId('backup-show').click();
    expect(await page.getByTestId('backup-password').getAttribute('type')).toBe('text');
    await page.getByTestId('backup-confirm').fill(PASSWORD);
    await expect.poll(() => page.getByTestId('backup-strength').getAttribute('data-score')).toBe('4');
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('backup-submit').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^twostep-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const path = join(mkdtempSync(join(tmpdir(), 'twostep-backup-')), saved.suggestedFilename());
    await saved.saveAs(path);
    file = readFileSync(path, 'utf8');
    await page.getByTestId('backup-done').waitFor();
    expect(JSON.parse(file)).toMatchObject({ format: 'twostep-backup', version: 1 });
    for (const a of ACCOUNTS) {
      expect(file).not.toContain(a.issuer);
      expect(file).not.toContain(a.secret);
    }
    // The popup's reminder reads this: the time of the last backup, and nothing secret.
    const stored = await (await source.worker()).evaluate<{ lastBackupAt?: unknown }>(`chrome.storage.local.get('lastBackupAt')`);
    expect(typeof stored.lastBackupAt).toBe('number');
    await page.close();
  }, 120_000);

  it('the reference decoder reads the downloaded file to the same otpauth URIs', async () => {
    expect(file).not.toBe('');
    const path = join(mkdtempSync(join(tmpdir(), 'twostep-decode-')), 'backup.json');
    writeFileSync(path, file);
    const stdout = await new Promise<string>((done, fail) => {
      const child = execFile(process.execPath, [resolve(import.meta.dirname, '../../scripts/decode-backup.mjs'), path], { timeout: 120_000 }, (error, out) => (error ? fail(new Error(error.message)) : done(out)));
      child.stdin?.end(`${PASSWORD}\n`);
    });
    expect(stdout.trim().split('\n').sort()).toEqual(ACCOUNTS.map(formatOtpauthUri).sort());
  }, 150_000);

  it('in a fresh profile, a wrong password shows its error and adds nothing; the right one restores every account equal', async () => {
    expect(file).not.toBe('');
    fresh = await launchExtension();
    const page = await fresh.context.newPage();
    await page.goto(`${MANAGE_URL}#import`);
    await page.getByTestId('import-file').setInputFiles({ name: 'twostep-backup.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await page.getByTestId('import-password').fill('not the password at all');
    await page.getByTestId('import-password-submit').click();
    await expect.poll(() => page.getByTestId('import-password-error').textContent(), { timeout: 30_000 }).toBe(message(en, 'error_wrong_password'));
    expect(await listed(fresh)).toEqual([]);

    await page.getByTestId('import-password').fill(PASSWORD);
    await page.getByTestId('import-password-submit').click();
    await expect.poll(() => page.getByTestId('import-row').count(), { timeout: 30_000 }).toBe(ACCOUNTS.length);
    // A Twostep backup's sites are the user's own: they come ticked.
    for (const bind of await page.getByTestId('import-bind').all()) expect(await bind.isChecked()).toBe(true);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
    await page.close();

    const strip = ({ secret: _s, ...a }: AccountInput): unknown => a;
    expect(await listed(fresh)).toEqual(await listed(source));
    expect((await listed(fresh)).length).toBe(ACCOUNTS.length);
    expect(await listed(fresh)).toEqual(expect.arrayContaining(ACCOUNTS.map(strip)));
    const popup = await fresh.openPopup();
    for (const a of ACCOUNTS) await expectCode(popup, a);
    await popup.close();
  }, 150_000);
});

describe('backup with a PIN set', () => {
  let ext: Extension;
  beforeAll(async () => {
    ext = await launchExtension();
    await callFromTab(ext, 'accounts.add', { input: ACCOUNTS[0] });
    await callFromTab(ext, 'vault.setPin', { next: '246810', kind: 'pin', current: null });
  });
  afterAll(async () => {
    await ext?.close({ discard: true });
  });

  it('asks for the PIN again: a wrong one is refused and counted, the right one downloads', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${MANAGE_URL}#backup`);
    await page.getByTestId('backup-password').fill(PASSWORD);
    await page.getByTestId('backup-confirm').fill(PASSWORD);
    await page.getByTestId('backup-pin').fill('000000');
    await page.getByTestId('backup-submit').click();
    await expect.poll(() => page.getByTestId('error-backup-pin').textContent(), { timeout: 30_000 }).toBe(message(en, 'unlock_wrong_pin', '1', '5'));
    const state = (await callFromTab(ext, 'vault.state', null)) as { failures: number };
    expect(state.failures).toBe(1);
    await page.getByTestId('backup-pin').fill('246810');
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('backup-submit').click();
    expect((await download).suggestedFilename()).toMatch(/^twostep-backup-/);
    await page.close();
  }, 120_000);
});
