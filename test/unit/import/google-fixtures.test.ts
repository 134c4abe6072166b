/**
 * Every file of ../shared/fixtures/import/google-migration (scito/extract_otp_secrets), read
 * through the one entry point and compared with the rows EXPECTED.md states for it; the two QR
 * screenshots go through the project's QR reader first, as the import page does with images.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../src/core/account';
import { TwostepError } from '../../../src/core/errors';
import { readImport } from '../../../src/core/import';
import { accountsFromQrText } from '../../../src/core/qr/enrolment';
import { decodeQr } from '../../../src/core/qr/decode';
import { loadRgba } from '../qr-fixtures';
import { HAS_IMPORT_FIXTURES, IMPORT_DIR } from './fixtures';
import { codeOf } from './helpers';

const DIR = path.join(IMPORT_DIR, 'google-migration');
const SECRET = '7KSQL2JTUDIS5EF65KLMRQIIGY';
const row = (name: string, issuer: string, fields: Partial<AccountInput> = {}): AccountInput => ({
  kind: 'totp', issuer, name, secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [], ...fields,
});

/** EXPECTED.md, example_export.txt: "6 entries (example_output.json)", in order. */
const SIX = [
  row('pi@raspberrypi', 'raspberrypi'),
  row('pi@raspberrypi', ''),
  row('pi@raspberrypi', ''),
  row('pi@raspberrypi', 'raspberrypi'),
  row('hotp demo', '', { kind: 'hotp', counter: 4 }),
  row('encoding: ¿äÄéÉ? (demo)', ''),
];
const TOTP_ONLY = SIX.filter((a) => a.kind === 'totp');
/** EXPECTED.md, test_plus_problem_export.txt: the name field itself holds "SerenityLabs:". */
const SERENITY = ['A4RFDYMF4GSLUIBQV4ZP67OJEZ2XUQVM', 'SCDDZ7PW5MOZLE3PQCAZM7L4S35K3UDX', 'TR76272RVYO6EAEY2FX7W7R7KUDEGPJ4', 'N2ILWSXSJUQUB7S6NONPJSC62NPG7EXN'].map((secret, i) =>
  row(`SerenityLabs:test${i + 1}@serenitylabs.co.uk`, 'SerenityLabs', { secret }),
);
/** EXPECTED.md, test_googleauth_export.png: three TOTP accounts. */
const SCREENSHOT = [1, 2, 3].map((n) => row(`Test${n}:test${n}@example${n}.com`, `Test${n}`, { secret: `JBSWY3DPEHPK3PX${'PQR'[n - 1]}` }));

/**
 * EXPECTED.md gives the transfer payload's raw name field. Where that name is an otpauth label
 * ("Issuer:account"), Twostep reads it as the Key URI Format reads a label, as the popup does for a
 * scanned transfer code (src/core/migration/google-auth.ts): the prefix is the issuer when the issuer
 * is empty or the same. That is the one rule between EXPECTED.md's rows and what a user sees.
 */
function asLabel(account: AccountInput): AccountInput {
  const colon = account.name.indexOf(':');
  const prefix = account.name.slice(0, colon).trim();
  if (colon === -1 || (account.issuer !== '' && prefix !== account.issuer)) return account;
  return { ...account, issuer: prefix, name: account.name.slice(colon + 1).trim() };
}

/** Each file: the format it is read as and EXPECTED.md's rows (through `asLabel` when read from a label). */
const READ: Record<string, [format: string, rows: AccountInput[], label: boolean]> = {
  'example_export.txt': ['otpauth-list', SIX, true],
  'tests/data/example_export_only_totp.txt': ['otpauth-list', TOTP_ONLY, true],
  'tests/data/url_list_output.txt': ['otpauth-list', SIX, true],
  'tests/data/test_plus_problem_export.txt': ['otpauth-list', SERENITY, true],
  'tests/data/test_export_wrong_prefix.txt': ['otpauth-list', SIX.slice(0, 1), true],
  'example_output.json': ['extract-otp-secrets', SIX, true],
  'example_output.csv': ['extract-otp-secrets-csv', SIX, true],
  // KeePass's columns are Title and User Name, not a label: read as they are.
  'example_keepass_output.totp.csv': ['extract-otp-secrets-csv', TOTP_ONLY, false],
  'example_keepass_output.hotp.csv': ['extract-otp-secrets-csv', SIX.filter((a) => a.kind === 'hotp'), false],
};

const read = (file: string): Uint8Array => new Uint8Array(readFileSync(path.join(DIR, file)));
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? walk(path.join(dir, f)).map((g) => `${f}/${g}`) : [f]));

describe.skipIf(!HAS_IMPORT_FIXTURES)('readImport: google-migration fixtures', () => {
  const images = ['tests/data/test_googleauth_export.png', 'tests/data/qr_but_without_otp.png'];
  const others = ['tests/data/test_export_wrong_data.txt', 'tests/data/test_export_wrong_content.txt'];

  it('every file of the folder is one of the cases below', () => {
    expect(walk(DIR).filter((f) => !(f in READ) && !images.includes(f) && !others.includes(f))).toEqual([]);
  });

  it.each(Object.entries(READ))('%s decodes to EXPECTED.md', async (file, [format, rows, label]) => {
    expect(await readImport({ name: 'renamed', bytes: read(file) })).toEqual({ kind: 'accounts', format, accounts: label ? rows.map(asLabel) : rows, skipped: [] });
  });

  it('test_export_wrong_data.txt ("must fail"): nothing to import, and the link listed as damaged', async () => {
    expect(await readImport({ name: 'x', bytes: read(others[0] ?? '') })).toEqual({
      kind: 'accounts', format: 'otpauth-list', accounts: [], skipped: [{ label: 'line 1', reason: 'migration_malformed' }],
    });
  });

  it('test_export_wrong_content.txt (one line of prose) is no known format', async () => {
    expect(await codeOf(readImport({ name: 'x', bytes: read(others[1] ?? '') }))).toBe('import_unknown_format');
  });

  it('a QR screenshot given as a file says it is an image', async () => {
    for (const file of images) expect(await codeOf(readImport({ name: 'x', bytes: read(file) }))).toBe('import_image');
  });

  it('through the QR reader, the screenshot holds EXPECTED.md’s three accounts, and the other QR no account', async () => {
    const texts = await Promise.all(images.map(async (file) => decodeQr(await loadRgba(path.join(DIR, file)))));
    expect(accountsFromQrText(texts[0] ?? '')).toEqual(SCREENSHOT.map(asLabel));
    expect(() => accountsFromQrText(texts[1] ?? '')).toThrow(TwostepError);
  }, 30_000);
});
