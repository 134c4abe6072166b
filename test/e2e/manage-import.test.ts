/**
 * Import on the full-tab page, as a person does it: a file of each family through the real file
 * input, its preview, confirm, and the popup's codes (computed independently with otpauth); a wrong
 * password, the same file twice, a drop, a pasted transfer link, QR screenshots, and the popup's own
 * add form taking a transfer link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountInput } from '../../src/core/account';
import { expectedFiles } from '../unit/import/fixtures';
import { launchExtension, MANAGE_URL, type Extension } from './harness';
import {
  accountCount,
  emptyVault,
  en,
  expectedCells,
  expectPopupCodes,
  fixture,
  openImport,
  previewOf,
  textFile,
  type FilePayload,
} from './manage-import-helpers';
import { message } from './popup-helpers';

const totp = (fields: Partial<AccountInput>): AccountInput => ({
  kind: 'totp', issuer: '', name: '', secret: '', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [], ...fields,
});
const expected = new Map(expectedFiles().map((f) => [f.file, f]));
const fromExpected = (file: string): { accounts: AccountInput[]; password: string | undefined } => {
  const found = expected.get(file);
  if (!found) throw new Error(`EXPECTED.md has no table for ${file}`);
  return found;
};

/** The Authenticator browser extension's plain backup (no shared fixture): its layout, one entry it cannot take. */
const AUTHENTICATOR_EXTENSION = JSON.stringify({
  a1: { account: 'alice', encrypted: false, hash: 'a1', index: 0, issuer: 'Example', secret: 'JBSWY3DPEHPK3PXP', type: 'totp' },
  a2: { account: 'bob', encrypted: false, hash: 'a2', index: 1, issuer: 'Counter', secret: 'GEZDGNBVGY3TQOJQ', type: 'hotp', counter: 5 },
  a3: { account: 'dave', encrypted: false, hash: 'a3', index: 2, issuer: 'Steam', secret: 'MFRGGZDFMZTWQ2LK', type: 'steam' },
  a4: { account: 'erin', encrypted: false, hash: 'a4', index: 3, issuer: 'Gost', secret: 'KRUGKIDROVUWG2ZA', type: 'totp', algorithm: 'GOST3411_2012_256' },
});

interface Family {
  family: string;
  file: () => FilePayload;
  accounts: AccountInput[];
  password?: string | undefined;
  skipped?: string[];
}

const aegis = (family: string, file: string): Family => {
  const { accounts, password } = fromExpected(file);
  return { family, file: () => fixture(`aegis/${file}`), accounts, password };
};

const FAMILIES: Family[] = [
  aegis('an otpauth:// list', 'plain.txt'),
  aegis('Aegis, plain', 'aegis_plain.json'),
  aegis('Aegis, encrypted', 'aegis_encrypted.json'),
  aegis('2FAS', '2fas_authenticator_plain_v4.2fas'),
  aegis('2FAS, encrypted', '2fas_authenticator_encrypted_v4.2fas'),
  aegis('andOTP', 'andotp_plain.json'),
  aegis('andOTP, encrypted', 'andotp_encrypted.bin'),
  aegis('Bitwarden JSON', 'bitwarden.json'),
  aegis('Bitwarden CSV', 'bitwarden.csv'),
  aegis('Proton Authenticator', 'proton_authenticator.json'),
  aegis('Stratum', 'stratum_plain.json'),
  aegis('Stratum, encrypted (Argon2id on the page)', 'stratum_encrypted.bin'),
  {
    family: 'Google Authenticator transfer links',
    file: () => fixture('google-migration/tests/data/test_plus_problem_export.txt'),
    // EXPECTED.md, scito/extract_otp_secrets' test_extract_not_encoded_plus; the name's "SerenityLabs:"
    // repeats the issuer, and Twostep reads it as the Key URI Format's "issuer:account" label.
    accounts: [
      ['test1', 'A4RFDYMF4GSLUIBQV4ZP67OJEZ2XUQVM'],
      ['test2', 'SCDDZ7PW5MOZLE3PQCAZM7L4S35K3UDX'],
      ['test3', 'TR76272RVYO6EAEY2FX7W7R7KUDEGPJ4'],
      ['test4', 'N2ILWSXSJUQUB7S6NONPJSC62NPG7EXN'],
    ].map(([user, secret]) => totp({ issuer: 'SerenityLabs', name: `${user}@serenitylabs.co.uk`, secret })),
  },
  {
    family: 'the Authenticator extension',
    file: () => textFile('authenticator.json', AUTHENTICATOR_EXTENSION),
    accounts: [
      totp({ issuer: 'Example', name: 'alice', secret: 'JBSWY3DPEHPK3PXP' }),
      totp({ kind: 'hotp', issuer: 'Counter', name: 'bob', secret: 'GEZDGNBVGY3TQOJQ', counter: 5 }),
      totp({ kind: 'steam', issuer: 'Steam', name: 'dave', secret: 'MFRGGZDFMZTWQ2LK', digits: 5 }),
    ],
    skipped: [`Gost: erin — ${message(en, 'error_algorithm_unsupported')}`],
  },
];

describe('importing on the page', () => {
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
    await expect.poll(() => page.getByTestId('import-done').textContent()).toBe(message(en, 'manage_import_done', String(accounts.length), '0'));
    expect(await page.getByTestId('import-row').count()).toBe(0);
    await expectPopupCodes(ext, accounts);
    await page.close();
  });
});

export { MANAGE_URL };
