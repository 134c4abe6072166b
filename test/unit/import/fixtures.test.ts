/**
 * Every file of ../shared/fixtures/import decodes exactly to what EXPECTED.md says, through the one
 * entry point, with the real KDFs; a wrong password is refused; files Twostep does not read say why.
 */
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../src/core/account';
import type { ErrorCode } from '../../../src/core/errors';
import { readImport } from '../../../src/core/import';
import { expectedFiles, HAS_IMPORT_FIXTURES, readFixture, vectors } from './fixtures';
import { codeOf } from './helpers';

/** The format each readable fixture must be detected as. */
const READ: Record<string, string> = {
  'plain.txt': 'otpauth-list',
  'ente_auth.txt': 'otpauth-list',
  'aegis_plain.json': 'aegis',
  'aegis_encrypted.json': 'aegis',
  'duo.json': 'duo',
  'andotp_plain.json': 'andotp',
  'andotp_encrypted.bin': 'andotp-encrypted',
  'andotp_encrypted_old.bin': 'andotp-encrypted',
  'stratum_plain.json': 'stratum',
  'stratum_encrypted.bin': 'stratum-encrypted',
  'stratum_encrypted_legacy.bin': 'stratum-encrypted',
  'bitwarden.json': 'bitwarden',
  'bitwarden.csv': 'bitwarden-csv',
  'freeotp.xml': 'freeotp-xml',
  'freeotp_plus.json': 'freeotp-plus',
  'freeotp_plus_internal.xml': 'freeotp-xml',
  'steam.json': 'steam',
  'steam_old.json': 'steam',
  '2fas_authenticator.json': '2fas',
  '2fas_authenticator_plain.2fas': '2fas',
  '2fas_authenticator_encrypted.2fas': '2fas',
  '2fas_authenticator_plain_v3.2fas': '2fas',
  '2fas_authenticator_encrypted_v3.2fas': '2fas',
  '2fas_authenticator_plain_v4.2fas': '2fas',
  '2fas_authenticator_encrypted_v4.2fas': '2fas',
  'proton_authenticator.json': 'proton',
  'authy_plain.xml': 'authy',
  'authy_encrypted.xml': 'authy',
  'totp_authenticator.bin': 'totp-authenticator',
  'authenticator_plus.zip': 'authenticator-plus',
  'freeotp_v2_api23.xml': 'freeotp-backup',
  'freeotp_v2_api25.xml': 'freeotp-backup',
  'freeotp_v2_api27.xml': 'freeotp-backup',
  'freeotp_v2_api34.xml': 'freeotp-backup',
  'freeotp_v2_null_algo.xml': 'freeotp-backup',
  'battle_net_authenticator.xml': 'battle-net',
  'totp_authenticator_internal.xml': 'totp-authenticator-internal',
};

/** Files Twostep does not read, and the error that says why (listed in the README). */
const REFUSED: Record<string, ErrorCode> = {
  'google_authenticator.sqlite': 'import_phone_database',
  'microsoft_authenticator.sqlite': 'import_phone_database',
  'stratum_internal.db': 'import_phone_database',
};

/**
 * EXPECTED.md's tables are Aegis's reading, and for these files its own notes say Aegis's test moves
 * a field away from the account the file was made from (the "8 Aegis test vectors" table). Twostep
 * keeps the account's real value, so for these fields the expectation is EXPECTED.md's vector:
 * - FreeOTP / FreeOTP+: "expected HOTP counter = vector counter - 1 ('FreeOTP adds -1')". FreeOTP
 *   stores the counter one lower and writes `counter + 1` in its own URIs; Twostep's counter is the
 *   next code's, so it reads the vector's counter and shows the code FreeOTP would show next.
 * - TOTP Authenticator: "expected digits 6, period 30". The file stores the vector's digits and
 *   period ("digits":"7","period":"20" for SPDX, plainly visible in totp_authenticator_internal.xml),
 *   which Aegis ignores; 6 digits every 30 s would be wrong codes for those accounts.
 */
const FROM_VECTOR: Record<string, readonly ('counter' | 'digits' | 'period')[]> = {
  'freeotp.xml': ['counter'],
  'freeotp_plus.json': ['counter'],
  'freeotp_plus_internal.xml': ['counter'],
  'totp_authenticator.bin': ['digits', 'period'],
  'totp_authenticator_internal.xml': ['digits', 'period'],
};

const VECTORS = vectors();

/** EXPECTED.md's row, with the fields above taken from the vector of the same secret. */
function expectedAccount(file: string, row: AccountInput): AccountInput {
  const fields = FROM_VECTOR[file] ?? [];
  if (fields.length === 0) return row;
  const vector = VECTORS.find((v) => v.secret === row.secret);
  if (vector === undefined) throw new Error(`no vector has the secret of ${row.issuer}: ${row.name}`);
  return { ...row, ...Object.fromEntries(fields.map((field) => [field, vector[field]])) };
}

const files = expectedFiles();
const readable = files.filter((f) => f.file in READ);

describe.skipIf(!HAS_IMPORT_FIXTURES)('readImport: shared fixtures', () => {
  it('the vectors table has its 8 accounts, and the files that keep a vector field really differ there', () => {
    expect(VECTORS).toHaveLength(8);
    for (const [file, fields] of Object.entries(FROM_VECTOR)) {
      const rows = files.find((f) => f.file === file)?.accounts ?? [];
      expect(rows.some((row) => fields.some((field) => expectedAccount(file, row)[field] !== row[field])), file).toBe(true);
    }
  });

  it('EXPECTED.md lists every file this test knows, and no file is left unclassified', () => {
    const known = new Set([...Object.keys(READ), ...Object.keys(REFUSED), 'aegis/aegis_plain_grouped_v2.json']);
    expect(files.map((f) => f.file).filter((f) => !known.has(f))).toEqual([]);
    expect(Object.keys(READ).filter((f) => !files.some((e) => e.file === f))).toEqual([]);
  });

  it.each(readable.map((f) => [f.file, f] as const))('%s decodes to EXPECTED.md', async (file, expected) => {
    const result = await readImport({ name: 'renamed.bin', bytes: readFixture(file) }, expected.password);
    expect(result.kind).toBe('accounts');
    if (result.kind !== 'accounts') return;
    expect(result.format).toBe(READ[file]);
    expect(result.skipped).toEqual([]);
    expect(result.accounts).toEqual(expected.accounts.map((a) => expectedAccount(file, a)));
  });

  it('aegis_plain_grouped_v2.json (db version 2, old per-entry groups) reads every entry', async () => {
    const result = await readImport({ name: 'x', bytes: readFixture('aegis_plain_grouped_v2.json') });
    expect(result).toMatchObject({ kind: 'accounts', format: 'aegis', skipped: [] });
    expect(result.kind === 'accounts' && result.accounts.length).toBeGreaterThan(0);
  });

  const encrypted = readable.filter((f) => f.password !== undefined);

  it.each(encrypted.map((f) => [f.file] as const))('%s without a password asks for one', async (file) => {
    expect(await readImport({ name: 'x', bytes: readFixture(file) })).toEqual({ kind: 'password_needed', format: READ[file] });
  });

  it.each(encrypted.map((f) => [f.file] as const))('%s with a wrong password is refused as wrong_password', async (file) => {
    expect(await codeOf(readImport({ name: 'x', bytes: readFixture(file) }, 'not the password'))).toBe('wrong_password');
  });

  it.each(Object.entries(REFUSED))('%s is not read: %s', async (file, code) => {
    expect(await codeOf(readImport({ name: 'x', bytes: readFixture(file) }, 'test'))).toBe(code);
  });
});
