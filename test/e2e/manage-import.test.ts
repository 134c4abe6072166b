/**
 * Import on the full-tab page, as a person does it: a file of each family through the real file
 * input, its preview, confirm, and the popup's codes (computed independently with otpauth); a wrong
 * password, the same file twice, a drop, a pasted transfer link, QR screenshots, and the popup's own
 * add form taking a transfer link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountInput } from '../../src/core/account';
import { HAS_IMPORT_FIXTURES } from '../unit/import/fixtures';
import { launchExtension, MANAGE_URL, type Extension } from './harness';
import { FAMILIES, fromExpected, totp } from './manage-import-families';
import { migrationUri } from './scan-migration';
import {
  accountCount,
  emptyVault,
  en,
  expectedCells,
  expectPopupCodes,
  blankPng,
  codesNow,
  fixture,
  openImport,
  qrPng,
  previewOf,
} from './manage-import-helpers';
import { addByUri, message, send } from './popup-helpers';

/** The import's closing line as the page writes it: the count added, then the duplicates skipped, each in its plural. */
const doneText = (added: number, duplicates: number): string => {
  const form = (n: number): string => (n === 1 ? 'one' : 'other');
  const skipped = duplicates > 0 ? ` ${message(en, `scan_skipped_${form(duplicates)}`, String(duplicates))}` : '';
  return `${message(en, `manage_import_done_${form(added)}`, String(added))}${skipped}`;
};

describe.skipIf(!HAS_IMPORT_FIXTURES)('importing on the page', () => {
  let ext: Extension;
  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close({ discard: true });
  });

  it.each(FAMILIES)('$family: the file input, a preview of every entry, confirm, and the popup’s codes', async ({ file, accounts, password, skipped }) => {
    const page = await openImport(ext);
    await emptyVault(page);
    await page.getByTestId('import-file').setInputFiles(file());
    if (password !== undefined) {
      await page.getByTestId('import-password').fill(password);
      await page.getByTestId('import-password-submit').click();
    }
    const rows = await previewOf(page, accounts.length);
    expect(rows).toEqual(accounts.map((a) => ({ ...expectedCells(a), ticked: true, duplicate: null })));
    const listed = await page.getByTestId('import-skipped-entry').allTextContents();
    expect(listed.map((s) => s.replace(/\s+/g, ' ').trim())).toEqual(skipped ?? []);
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('import-done').textContent()).toBe(doneText(accounts.length, 0));
    expect(await page.getByTestId('import-row').count()).toBe(0);
    await expectPopupCodes(ext, accounts);
    await page.close();
  });

  it('a wrong password shows its error and adds nothing; the right one then opens the file', async () => {
    const page = await openImport(ext);
    await emptyVault(page);
    await send(page, 'accounts.add', { input: totp({ issuer: 'Kept', name: 'me', secret: 'KRUGKIDROVUWG2ZA' }) });
    const { accounts, password } = fromExpected('aegis_encrypted.json');
    await page.getByTestId('import-file').setInputFiles(fixture('aegis/aegis_encrypted.json'));
    await page.getByTestId('import-password').fill('not the password');
    await page.getByTestId('import-password-submit').click();
    await expect.poll(() => page.getByTestId('import-password-error').textContent(), { timeout: 20_000 }).toBe(message(en, 'error_wrong_password'));
    expect(await page.getByTestId('import-row').count()).toBe(0);
    expect(await accountCount(page)).toBe(1);
    // The field was emptied, and the same prompt takes another try.
    expect(await page.getByTestId('import-password').inputValue()).toBe('');
    await page.getByTestId('import-password').fill(password ?? '');
    await page.getByTestId('import-password-submit').click();
    await previewOf(page, accounts.length);
    expect(await page.getByTestId('import-password').count()).toBe(0);
    expect(await accountCount(page)).toBe(1);
    await page.close();
  });

  it('the same file twice: every row flagged as already in Twostep, unticked, and nothing added', async () => {
    const page = await openImport(ext);
    await emptyVault(page);
    const { accounts } = fromExpected('plain.txt');
    await page.getByTestId('import-file').setInputFiles(fixture('aegis/plain.txt'));
    await previewOf(page, accounts.length);
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').waitFor();
    await page.getByTestId('import-file').setInputFiles(fixture('aegis/plain.txt'));
    const again = await previewOf(page, accounts.length);
    expect(again.map((r) => [r.duplicate, r.ticked])).toEqual(accounts.map(() => ['vault', false]));
    expect(await page.getByTestId('import-duplicate').allTextContents()).toEqual(accounts.map(() => message(en, 'manage_import_in_twostep')));
    // "Select all" leaves duplicates alone; nothing to confirm.
    await page.getByTestId('import-select-all').click();
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    // Ticked by hand anyway, the worker still adds none of them twice.
    await page.getByTestId('import-tick').first().check();
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('import-done').textContent()).toBe(doneText(0, 1));
    expect(await accountCount(page)).toBe(accounts.length);
    await page.close();
  });

  it('a file dropped on the drop zone is read like a chosen one', async () => {
    const page = await openImport(ext);
    await emptyVault(page);
    const { accounts } = fromExpected('proton_authenticator.json');
    const text = fixture('aegis/proton_authenticator.json').buffer.toString('utf8');
    const dataTransfer = await page.evaluateHandle((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], 'proton.json', { type: 'application/json' }));
      return transfer;
    }, text);
    await page.getByTestId('import-drop').dispatchEvent('dragover', { dataTransfer });
    await page.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer });
    const rows = await previewOf(page, accounts.length);
    expect(rows.map((r) => [r.issuer, r.name])).toEqual(accounts.map((a) => [a.issuer, a.name]));
    await page.close();
  });

  it('a pasted transfer link is previewed and imported', async () => {
    const page = await openImport(ext);
    await emptyVault(page);
    const accounts = [totp({ issuer: 'Pasted', name: 'one', secret: 'ORSXG5BAMFRWG33VNZ2A' }), totp({ issuer: 'Pasted', name: 'two', secret: 'MFRGGZDFMZTWQ2LKNNWG23TP' })];
    await page.getByTestId('import-paste').fill(migrationUri(accounts));
    await page.getByTestId('import-paste-submit').click();
    const rows = await previewOf(page, 2);
    expect(rows).toEqual(accounts.map((a) => ({ ...expectedCells(a), ticked: true, duplicate: null })));
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').waitFor();
    await expectPopupCodes(ext, accounts);
    await page.close();
  });

  it('several QR images at once: the codes in them are previewed, and each image without one says so', async () => {
    const page = await openImport(ext);
    await emptyVault(page);
    const batch = [totp({ issuer: 'Batch', name: 'a', secret: 'ONSWG4TFORZWK3DPOJ2A' }), totp({ issuer: 'Batch', name: 'b', secret: 'NZXXIYLTMVRXEZLU' })];
    const single = totp({ issuer: 'Single', name: 'c', secret: 'MZXW6YTBOJRGC6TKNJWG' });
    // The real screenshot from scito/extract_otp_secrets: 3 accounts in a Google Authenticator export.
    const screenshot = ['1', '2', '3'].map((n) =>
      totp({ issuer: `Test${n}`, name: `test${n}@example${n}.com`, secret: `JBSWY3DPEHPK3PX${'PQR'[Number(n) - 1]}` }),
    );
    await page.getByTestId('import-qr').setInputFiles([
      await qrPng('batch.png', migrationUri(batch)),
      await qrPng('single.png', `otpauth://totp/Single:c?secret=${single.secret}&issuer=Single`),
      await blankPng('holiday.png'),
      fixture('google-migration/tests/data/qr_but_without_otp.png'),
      fixture('google-migration/tests/data/test_googleauth_export.png'),
    ]);
    const rows = await previewOf(page, 6);
    expect(rows.map((r) => `${r.issuer}: ${r.name}`).sort()).toEqual([...batch, single, ...screenshot].map((a) => `${a.issuer}: ${a.name}`).sort());
    const failed = page.getByTestId('import-source').filter({ has: page.getByTestId('import-source-error') });
    await expect.poll(() => failed.count()).toBe(2);
    const problems = await failed.evaluateAll((items) => items.map((item) => item.textContent ?? ''));
    expect(problems.find((p) => p.includes('holiday.png'))).toContain(message(en, 'manage_import_qr_none'));
    expect(problems.find((p) => p.includes('qr_but_without_otp.png'))).toContain(message(en, 'error_qr_not_authenticator'));
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-done').waitFor();
    await expectPopupCodes(ext, [...batch, single, ...screenshot]);
    await page.close();
  });

  it('a QR screenshot given to the main file picker is recognised by its bytes and read as a code', async () => {
    const page = await openImport(ext);
    await emptyVault(page);
    const account = totp({ issuer: 'Picked', name: 'png', secret: 'OBUWG23FMQQGE6JAOBXGO' });
    await page.getByTestId('import-file').setInputFiles({ ...(await qrPng('x.bin', `otpauth://totp/Picked:png?secret=${account.secret}&issuer=Picked`)), mimeType: 'application/octet-stream' });
    expect((await previewOf(page, 1)).map((r) => [r.issuer, r.name])).toEqual([['Picked', 'png']]);
    await page.close();
  });

  it('the popup’s add form takes a transfer link and adds every account in it', async () => {
    const setup = await openImport(ext);
    await emptyVault(setup);
    await setup.close();
    const accounts = [totp({ issuer: 'Moved', name: 'first', secret: 'GEZDGNBVGY3TQOJQGEZA' }), totp({ issuer: 'Moved', name: 'second', secret: 'KRSXG5CTMVRXEZLUKN2A' })];
    const popup = await ext.openPopup();
    await popup.getByTestId('empty-state').waitFor();
    await addByUri(popup, migrationUri(accounts));
    await expect.poll(() => popup.getByTestId('account-row').count()).toBe(2);
    await popup.close();
    await expectPopupCodes(ext, accounts);
  });

  it('the popup’s first-run screen opens the page at Import', async () => {
    const setup = await openImport(ext);
    await emptyVault(setup);
    await setup.close();
    const popup = await ext.openPopup();
    const opened = ext.context.waitForEvent('page', (p) => p.url() === `${MANAGE_URL}#import`);
    await popup.getByTestId('empty-import-button').click();
    const page = await opened;
    await page.getByTestId('import-file').waitFor({ state: 'attached' });
    expect(await page.getByRole('heading', { level: 2 }).textContent()).toBe(message(en, 'manage_import_title'));
    await page.close();
    if (!popup.isClosed()) await popup.close();
  });

  it('the account list shows each account with its sites and a live code, and search narrows it', async () => {
    const page = await openImport(ext);
    await emptyVault(page);
    const accounts = [
      totp({ issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PXP', sites: ['github.com'] }),
      totp({ issuer: 'Proton', name: 'alice@proton.me', secret: 'MFRGGZDFMZTWQ2LKNNWG23TP', algorithm: 'SHA256', digits: 8 }),
    ];
    for (const input of accounts) await send(page, 'accounts.add', { input });
    await page.getByTestId('nav-accounts').click();
    await expect.poll(() => page.getByTestId('accounts-row').count()).toBe(2);
    const rows = await page.getByTestId('accounts-row').evaluateAll((trs) =>
      trs.map((tr) => ({
        issuer: tr.querySelector('[data-testid="accounts-issuer"]')?.textContent ?? '',
        sites: tr.querySelector('[data-testid="accounts-sites"]')?.textContent ?? '',
        code: (tr.querySelector('[data-testid="accounts-code"]')?.textContent ?? '').replace(/\s/g, ''),
      })),
    );
    expect(rows.map((r) => [r.issuer, r.sites])).toEqual([
      ['GitHub', 'github.com'],
      ['Proton', message(en, 'manage_accounts_any_site')],
    ]);
    rows.forEach((row, i) => expect(codesNow(accounts[i] as AccountInput)).toContain(row.code));
    await page.getByTestId('accounts-search').fill('proton');
    await expect.poll(() => page.getByTestId('accounts-row').count()).toBe(1);
    await page.getByTestId('accounts-search').fill('nothing like it');
    await page.getByTestId('accounts-no-match').waitFor();
    await page.close();
  });
});
