/**
 * Format behaviour the shared fixtures do not show: Google transfer links through the entry point,
 * Steam and extra URI parameters, a Proton encrypted export built to Proton's published layout,
 * Bitwarden's bare keys, and entries that must be listed as skipped rather than dropped or changed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createCipheriv, createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../src/core/account';
import { readImport } from '../../../src/core/import';
import { parseMigrationUri } from '../../../src/core/migration/google-auth';
import { argon2, b64, bytesOf, cheapKdf, codeOf, fileOf, gcmSeal } from './helpers';
import { IMPORT_DIR } from './fixtures';

const account = (fields: Partial<AccountInput>): AccountInput => ({
  kind: 'totp', issuer: 'Example', name: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [], ...fields,
});
const GOOGLE = path.join(IMPORT_DIR, 'google-migration');

describe.skipIf(!existsSync(GOOGLE))('Google Authenticator transfer links (scito/extract_otp_secrets files)', () => {
  const read = (file: string): Uint8Array => new Uint8Array(readFileSync(path.join(GOOGLE, file)));
  const lines = (file: string): string[] => new TextDecoder().decode(read(file)).split('\n').filter((l) => l.includes('otpauth-migration://'));

  it.each(['example_export.txt', 'tests/data/example_export_only_totp.txt', 'tests/data/test_plus_problem_export.txt', 'tests/data/test_export_wrong_prefix.txt'])(
    '%s: every batch, in order, as parseMigrationUri reads it',
    async (file) => {
      const result = await readImport({ name: file, bytes: read(file) });
      expect(result).toEqual({ kind: 'accounts', format: 'otpauth-list', accounts: lines(file).flatMap(parseMigrationUri), skipped: [] });
    },
  );

  it('example_export.txt: 6 accounts from 5 batches, a HOTP counter and a UTF-8 name', async () => {
    const result = await readImport({ name: 'x', bytes: read('example_export.txt') });
    if (result.kind !== 'accounts') throw new Error(result.kind);
    expect(result.accounts).toHaveLength(6);
    expect(result.accounts.find((a) => a.kind === 'hotp')).toMatchObject({ name: 'hotp demo', counter: 4 });
    expect(result.accounts.some((a) => `${a.issuer}: ${a.name}` === 'encoding: ¿äÄéÉ? (demo)')).toBe(true);
  });

  it('a damaged link is a skipped line, and a file that is no link list is unknown', async () => {
    expect(await readImport({ name: 'x', bytes: read('tests/data/test_export_wrong_data.txt') })).toMatchObject({ accounts: [], skipped: [{ label: 'line 1', reason: 'migration_malformed' }] });
    expect(await codeOf(readImport({ name: 'x', bytes: read('tests/data/test_export_wrong_content.txt') }))).toBe('import_unknown_format');
  });

  it('a batch with one MD5 account keeps the others and lists that one by name', async () => {
    // Two OtpParameters: alice (SHA1) and bob (algorithm 4 = MD5), secret "Hello!\xde\xad\xbe\xef".
    const secret = [0x0a, 10, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef];
    const otp = (name: string, algorithm: number): number[] => {
      const body = [...secret, 0x12, name.length, ...bytesOf(name), 0x20, algorithm, 0x30, 2];
      return [0x0a, body.length, ...body];
    };
    const payload = Buffer.from([...otp('alice', 1), ...otp('bob', 4), 0x10, 1]);
    const link = `otpauth-migration://offline?data=${encodeURIComponent(payload.toString('base64'))}`;
    expect(await readImport(fileOf(link))).toEqual({
      kind: 'accounts', format: 'otpauth-list', accounts: [account({ issuer: '' })], skipped: [{ label: 'bob', reason: 'algorithm_unsupported', algorithm: 'MD5' }],
    });
  });
});

describe('Google Authenticator exports of several QR codes', () => {
  // One account per link; MigrationPayload: 1 otp, 2 version, 3 batch_size, 4 batch_index, 5 batch_id.
  const link = (name: string, index: number, size: number, id: number): string => {
    const body = [0x0a, 10, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef, 0x12, name.length, ...bytesOf(name), 0x30, 2];
    const payload = Buffer.from([0x0a, body.length, ...body, 0x10, 1, 0x18, size, 0x20, index, 0x28, id]);
    return `otpauth-migration://offline?data=${encodeURIComponent(payload.toString('base64'))}`;
  };

  it('reads every code of the batch', async () => {
    const result = await readImport(fileOf([link('a', 0, 3, 7), link('b', 1, 3, 7), link('c', 2, 3, 7)].join('\n')));
    expect(result).toMatchObject({ skipped: [] });
    expect(result.kind === 'accounts' && result.accounts.map((a) => a.name)).toEqual(['a', 'b', 'c']);
  });

  it('lists a missing code of the batch, and still imports the others', async () => {
    const result = await readImport(fileOf([link('a', 0, 3, 7), link('c', 2, 3, 7)].join('\n')));
    expect(result).toMatchObject({ skipped: [{ label: 'Google Authenticator export, QR code 2 of 3', reason: 'migration_batch_missing' }] });
    expect(result.kind === 'accounts' && result.accounts.map((a) => a.name)).toEqual(['a', 'c']);
  });
});

describe('otpauth lists', () => {
  it('reads otpauth://steam/ and ignores Ente’s codeDisplay and other unknown parameters', async () => {
    const text = [
      'otpauth://steam/Steam:dave?secret=JBSWY3DPEHPK3PXP&issuer=Steam',
      'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&codeDisplay=%7B%22pinned%22%3Atrue%7D&image=x',
    ].join('\r\n');
    expect(await readImport(fileOf(text))).toEqual({
      kind: 'accounts', format: 'otpauth-list', accounts: [account({ kind: 'steam', issuer: 'Steam', name: 'dave', digits: 5 }), account({})], skipped: [],
    });
  });

  it('lists lines it cannot import with the reason, by position only when the line could be a secret', async () => {
    const text = ['otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', 'otpauth://hotp/Example:bob?secret=JBSWY3DPEHPK3PXP', 'JBSWY3DPEHPK3PXP', '# a comment', ''].join('\n');
    expect(await readImport(fileOf(text))).toEqual({
      kind: 'accounts', format: 'otpauth-list', accounts: [],
      skipped: [
        { label: 'Example:alice', reason: 'algorithm_unsupported', algorithm: 'MD5' },
        { label: 'Example:bob', reason: 'counter_invalid' },
        { label: 'line 3', reason: 'uri_not_otpauth' },
      ],
    });
  });
});

describe('Proton Authenticator encrypted export', async () => {
  // Built to password_exporter.rs: Argon2id(m=19 MiB, t=2, p=1) over a 16-byte salt, AES-256-GCM with
  // the format's additional data, content = nonce ‖ ciphertext ‖ tag.
  const plain = { version: 1, entries: [{ id: 'x', content: { uri: 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example', entry_type: 'Totp', name: 'renamed' }, note: null }] };
  const salt = randomBytes(16);
  const key = await argon2('pw', salt, 2, 19 * 1024, 1);
  const sealed = (aad: string): object => ({ version: 1, salt: b64(salt), content: b64(gcmSeal(key, JSON.stringify(plain), bytesOf(aad))) });

  it('asks for the password, then reads it, keeping the entry’s own name', async () => {
    const file = fileOf(sealed('proton.authenticator.export.v1'));
    expect(await readImport(file)).toEqual({ kind: 'password_needed', format: 'proton' });
    expect(await readImport(file, 'pw')).toEqual({ kind: 'accounts', format: 'proton', accounts: [account({ name: 'renamed' })], skipped: [] });
    expect(await codeOf(readImport(file, 'wrong'))).toBe('wrong_password');
  });

  it('reads a Steam entry (steam://) by its name', async () => {
    const file = { version: 1, entries: [{ id: 's', content: { uri: 'steam://JBSWY3DPEHPK3PXP', entry_type: 'Steam', name: 'dave' }, note: null }] };
    expect(await readImport(fileOf(file))).toEqual({ kind: 'accounts', format: 'proton', accounts: [account({ kind: 'steam', issuer: 'Steam', name: 'dave', digits: 5 })], skipped: [] });
  });

  it('does not open content sealed with other additional data', async () => {
    expect(await codeOf(readImport(fileOf(sealed('other')), 'pw'))).toBe('wrong_password');
  });
});

describe('Bitwarden password-protected export', async () => {
  // Built to bitwarden/clients' getPasswordProtectedExport: PIN-key derivation, HKDF-Expand to enc/mac
  // keys, type-2 EncStrings. No real sample is in the shared fixtures.
  const vault = { encrypted: false, folders: [], items: [{ name: 'Example', login: { username: 'alice', totp: 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP' } }] };
  const salt = randomBytes(16).toString('base64');
  const expand = (prk: Buffer, info: string): Buffer => createHmac('sha256', prk).update(info).update(Buffer.of(1)).digest();
  const encString = (keys: { enc: Buffer; mac: Buffer }, text: string): string => {
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-256-cbc', keys.enc, iv);
    const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    const mac = createHmac('sha256', keys.mac).update(iv).update(data).digest();
    return `2.${iv.toString('base64')}|${data.toString('base64')}|${mac.toString('base64')}`;
  };
  const build = (master: Buffer, kdf: object): object => {
    const keys = { enc: expand(master, 'enc'), mac: expand(master, 'mac') };
    return { encrypted: true, passwordProtected: true, salt, ...kdf, encKeyValidation_DO_NOT_EDIT: encString(keys, 'c6b3a7b2-guid'), data: encString(keys, JSON.stringify(vault)) };
  };
  const pbkdf2File = build(pbkdf2Sync('pw', salt, 1000, 32, 'sha256'), { kdfType: 0, kdfIterations: 1000 });
  const argonFile = build(Buffer.from(await argon2('pw', createHash('sha256').update(salt).digest(), 2, 16 * 1024, 1)), { kdfType: 1, kdfIterations: 2, kdfMemory: 16, kdfParallelism: 1 });

  it.each([
    ['PBKDF2', pbkdf2File],
    ['Argon2id', argonFile],
  ])('%s: asks for the password, reads the vault, refuses a wrong password', async (_kdf, file) => {
    expect(await readImport(fileOf(file))).toEqual({ kind: 'password_needed', format: 'bitwarden-encrypted' });
    expect(await readImport(fileOf(file), 'pw')).toEqual({ kind: 'accounts', format: 'bitwarden-encrypted', accounts: [account({})], skipped: [] });
    expect(await codeOf(readImport(fileOf(file), 'wrong'))).toBe('wrong_password');
  });

  it('checks the file’s KDF cost before running it', async () => {
    const calls = { count: 0 };
    const hostile = { ...argonFile, kdfMemory: 1024 * 1024, kdfIterations: 3 };
    expect(await codeOf(readImport(fileOf(hostile), 'pw', { kdf: cheapKdf(calls) }))).toBe('import_kdf_too_costly');
    expect(await codeOf(readImport(fileOf({ ...pbkdf2File, kdfIterations: 2e9 }), 'pw', { kdf: cheapKdf(calls) }))).toBe('import_kdf_too_costly');
    expect(calls.count).toBe(0);
  });
});

describe('entries that cannot be imported are listed, never dropped or changed', () => {
  const aegisEntry = (info: object, type = 'totp'): object => ({ type, name: 'alice', issuer: 'Example', info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30, ...info } });
  const aegisFile = (...entries: object[]): object => ({ version: 1, header: { slots: null, params: null }, db: { version: 3, entries } });

  it.each([
    ['MD5', aegisEntry({ algo: 'MD5' }), { reason: 'algorithm_unsupported', algorithm: 'MD5' }],
    ['no secret', aegisEntry({ secret: '' }), { reason: 'secret_missing' }],
    ['mOTP', aegisEntry({}, 'motp'), { reason: 'uri_kind_unknown' }],
    ['Yandex', aegisEntry({}, 'yandex'), { reason: 'uri_kind_unknown' }],
    ['4 digits', aegisEntry({ digits: 4 }), { reason: 'digits_invalid' }],
  ])('Aegis %s', async (_what, entry, why) => {
    expect(await readImport(fileOf(aegisFile(aegisEntry({}), entry)))).toEqual({ kind: 'accounts', format: 'aegis', accounts: [account({})], skipped: [{ label: 'Example: alice', ...why }] });
  });

  it('Stratum mOTP and Yandex entries are listed as skipped', async () => {
    const entry = (Type: number): object => ({ Type, Issuer: 'Example', Username: 'alice', Secret: 'JBSWY3DPEHPK3PXP', Algorithm: 0, Digits: 6, Period: 30, Counter: 0 });
    expect(await readImport(fileOf({ Authenticators: [entry(2), entry(3), entry(5)] }))).toEqual({
      kind: 'accounts', format: 'stratum', accounts: [account({})],
      skipped: [{ label: 'Example: alice', reason: 'uri_kind_unknown' }, { label: 'Example: alice', reason: 'uri_kind_unknown' }],
    });
  });

  it('FreeOTP+: a TOTP token whose issuer is "Steam" is a Steam Guard account, and HOTP counters get their +1', async () => {
    const secret = [72, 101, 108, 108, 111, 33, -34, -83, -66, -17];
    const token = (fields: object): object => ({ algo: 'SHA1', digits: 6, period: 30, counter: 0, label: 'alice', issuerExt: 'Example', secret, type: 'TOTP', ...fields });
    const file = { tokenOrder: [], tokens: [token({ issuerExt: 'Steam', digits: 5 }), token({ type: 'HOTP', counter: 41 })] };
    expect(await readImport(fileOf(file))).toEqual({
      kind: 'accounts', format: 'freeotp-plus', accounts: [account({ kind: 'steam', issuer: 'Steam', digits: 5 }), account({ kind: 'hotp', counter: 42 })], skipped: [],
    });
  });

  it('Bitwarden: a bare base32 key is TOTP named after the item; logins without a key are not entries', async () => {
    const file = { encrypted: false, folders: [], items: [{ name: 'Example', login: { username: 'alice', totp: 'jbsw y3dp ehpk 3pxp' } }, { name: 'No 2FA', login: { username: 'x', totp: null } }] };
    expect(await readImport(fileOf(file))).toEqual({ kind: 'accounts', format: 'bitwarden', accounts: [account({})], skipped: [] });
  });

  it('an account-restricted Bitwarden export (only its account can open it) says so', async () => {
    expect(await codeOf(readImport(fileOf({ encrypted: true, encKeyValidation_DO_NOT_EDIT: '2.a|b|c', items: [], folders: [] })))).toBe('import_encrypted_unsupported');
  });
});
