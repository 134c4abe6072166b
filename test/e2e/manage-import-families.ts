/**
 * What the import tests feed the page: a file of each family from ../shared/fixtures/import, with the
 * accounts EXPECTED.md says it holds (parsed from its tables, so test and document cannot drift apart).
 */
import type { AccountInput } from '../../src/core/account';
import { expectedFiles, HAS_IMPORT_FIXTURES } from '../unit/import/fixtures';
import { en, fixture, textFile, type FilePayload } from './manage-import-helpers';
import { message } from './popup-helpers';

export const totp = (fields: Partial<AccountInput>): AccountInput => ({
  kind: 'totp', issuer: '', name: '', secret: '', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [], ...fields,
});
const expected = new Map(expectedFiles().map((f) => [f.file, f]));
export const fromExpected = (file: string): { accounts: AccountInput[]; password: string | undefined } => {
  // Without the fixtures (never under CI: fixtures.ts throws there) the suite is skipped; see the test file.
  if (!HAS_IMPORT_FIXTURES) return { accounts: [], password: undefined };
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

export interface Family {
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

export const FAMILIES: Family[] = [
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
    // Which algorithm, and nothing to choose: the import has no algorithm field (issue 12).
    skipped: [`Gost: erin — ${message(en, 'error_algorithm_named', 'GOST3411_2012_256')}`],
  },
];
