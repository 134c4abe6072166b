/**
 * The Authenticator browser extension's backups. The shared fixtures have no sample, so these files
 * are built here to the layout of its source (src/models/storage.ts, src/import.ts, src/argon.ts at
 * github.com/Authenticator-Extension/Authenticator): plain JSON keyed by hash, v1/v2/v3 encryption.
 */
import { createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../src/core/account';
import { readImport } from '../../../src/core/import';
import { argon2, b64NoPad, bytesOf, cheapKdf, codeOf, cryptoJsEncrypt, fileOf } from './helpers';

const account = (fields: Partial<AccountInput>): AccountInput => ({
  kind: 'totp', issuer: 'Example', name: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [], ...fields,
});

const uuid = (n: number): string => `0000000${n}-0000-4000-8000-000000000000`;
/** Entries as the extension stores them: defaults (period 30, digits 6, SHA1) left out. */
const plainEntries = {
  [uuid(1)]: { account: 'alice', encrypted: false, hash: uuid(1), index: 0, issuer: 'Example', secret: 'JBSWY3DPEHPK3PXP', type: 'totp', dataType: 'OTPStorage' },
  [uuid(2)]: { account: 'bob', encrypted: false, hash: uuid(2), index: 1, issuer: 'Counter', secret: 'JBSWY3DPEHPK3PXP', type: 'hotp', counter: 5 },
  [uuid(3)]: { account: 'carol', encrypted: false, hash: uuid(3), index: 2, issuer: 'Hex', secret: '48656c6c6f21deadbeef', type: 'hex', period: 60, digits: 8, algorithm: 'SHA256' },
  [uuid(4)]: { account: 'dave', encrypted: false, hash: uuid(4), index: 3, issuer: 'Steam', secret: 'JBSWY3DPEHPK3PXP', type: 'steam' },
  [uuid(5)]: { account: 'US-1234', encrypted: false, hash: uuid(5), index: 4, issuer: 'Blizzard', secret: 'JBSWY3DPEHPK3PXP', type: 'battle' },
  [uuid(6)]: { account: 'erin', encrypted: false, hash: uuid(6), index: 5, issuer: 'Gost', secret: 'JBSWY3DPEHPK3PXP', type: 'totp', algorithm: 'GOST3411_2012_256' },
};
const expected = [
  account({}),
  account({ kind: 'hotp', issuer: 'Counter', name: 'bob', counter: 5 }),
  account({ issuer: 'Hex', name: 'carol', algorithm: 'SHA256', digits: 8, period: 60 }),
  account({ kind: 'steam', issuer: 'Steam', name: 'dave', digits: 5 }),
  account({ issuer: 'Blizzard', name: 'US-1234', digits: 8 }),
];

describe('Authenticator-Extension backups', () => {
  it('reads the plain JSON export, every type, and lists the GOST entry as skipped', async () => {
    const result = await readImport(fileOf(plainEntries));
    expect(result).toEqual({ kind: 'accounts', format: 'authenticator-extension', accounts: expected, skipped: [{ label: 'Gost: erin', reason: 'algorithm_unsupported', algorithm: 'GOST3411_2012_256' }] });
  });

  it('reads the one-URI-per-line text export as an otpauth list', async () => {
    const text = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example\notpauth://hotp/Counter:bob?secret=JBSWY3DPEHPK3PXP&counter=5\n';
    const result = await readImport(fileOf(text));
    expect(result).toEqual({ kind: 'accounts', format: 'otpauth-list', accounts: expected.slice(0, 2), skipped: [] });
  });

  describe('v3 encryption (Argon2id key object)', async () => {
    const password = 'correct horse';
    const keyId = uuid(9);
    // genHash: the salt is the hex of eight random 16-bit numbers, used as a string.
    const salt = [...randomBytes(16)].map((b) => b.toString(16)).join('').slice(0, 24);
    const passphrase = b64NoPad(await argon2(password, bytesOf(salt), 2, 19 * 1024, 1));
    const phcSalt = randomBytes(16);
    const phcHash = await argon2(passphrase, phcSalt, 2, 19 * 1024, 1);
    const key = { dataType: 'Key', id: keyId, salt, hash: `$argon2id$v=19$m=19456,t=2,p=1$${b64NoPad(phcSalt)}$${b64NoPad(phcHash)}`, version: 3 };
    const file = {
      [uuid(1)]: { ...plainEntries[uuid(1)], encrypted: true, keyId, secret: cryptoJsEncrypt('JBSWY3DPEHPK3PXP', passphrase) },
      // An entry whose whole JSON is encrypted (EncOTPStorage).
      [uuid(2)]: { dataType: 'EncOTPStorage', keyId, index: 1, data: cryptoJsEncrypt(JSON.stringify(plainEntries[uuid(2)]), passphrase) },
      [keyId]: key,
    };

    it('asks for the password, then decrypts both entry forms', async () => {
      expect(await readImport(fileOf(file))).toEqual({ kind: 'password_needed', format: 'authenticator-extension' });
      const result = await readImport(fileOf(file), password);
      expect(result).toEqual({ kind: 'accounts', format: 'authenticator-extension', accounts: expected.slice(0, 2), skipped: [] });
    });

    it('reads the file as BackupPage.vue downloads it: pretty JSON with CRLF, keys by id, an entry left unencrypted', async () => {
      const mixed = { ...file, [uuid(3)]: { ...plainEntries[uuid(4)] } };
      const text = JSON.stringify(mixed, null, 2).replace(/\n/g, '\r\n');
      const result = await readImport(fileOf(text), password);
      expect(result).toEqual({ kind: 'accounts', format: 'authenticator-extension', accounts: [...expected.slice(0, 2), expected[3]], skipped: [] });
    });

    it('refuses a wrong password through the key hash', async () => {
      expect(await codeOf(readImport(fileOf(file), 'wrong'))).toBe('wrong_password');
    });

    it('checks the Argon2 cost in the key hash against the ceiling before running it', async () => {
      const calls = { count: 0 };
      const hostile = { ...file, [keyId]: { ...key, hash: key.hash.replace('m=19456,t=2', 'm=4194304,t=2') } };
      expect(await codeOf(readImport(fileOf(hostile), password, { kdf: cheapKdf(calls) }))).toBe('import_kdf_too_costly');
      // Only the fixed-cost derivation of the passphrase ran, never the file's.
      expect(calls.count).toBe(1);
    });
  });

  it('v1 encryption: secrets encrypted with the password itself', async () => {
    const file = { [uuid(1)]: { ...plainEntries[uuid(1)], encrypted: true, secret: cryptoJsEncrypt('JBSWY3DPEHPK3PXP', 'pw') } };
    expect(await readImport(fileOf(file), 'pw')).toMatchObject({ accounts: [expected[0]], skipped: [] });
    expect(await codeOf(readImport(fileOf(file), 'not pw'))).toBe('wrong_password');
  });

  it('v1: a wrong password that CryptoJS\'s padding check lets through (1 salt in 256) is still wrong_password', async () => {
    // Find a salt for which the wrong password's key decrypts the sealed secret with valid padding.
    const sealedWith = (salt: Buffer): string => cryptoJsEncrypt('JBSWY3DPEHPK3PXP', 'pw', salt);
    const opensWrongly = (sealed: string): boolean => {
      const bytes = Buffer.from(sealed, 'base64');
      const salt = bytes.subarray(8, 16);
      let derived = Buffer.alloc(0);
      let block = Buffer.alloc(0);
      while (derived.length < 48) {
        block = createHash('md5').update(block).update('not pw').update(salt).digest();
        derived = Buffer.concat([derived, block]);
      }
      const decipher = createDecipheriv('aes-256-cbc', derived.subarray(0, 32), derived.subarray(32, 48));
      try {
        decipher.update(bytes.subarray(16));
        decipher.final();
        return true;
      } catch {
        return false;
      }
    };
    let sealed = '';
    for (let i = 0; sealed === '' && i < 100_000; i++) {
      const candidate = sealedWith(Buffer.from(i.toString(16).padStart(16, '0'), 'hex'));
      if (opensWrongly(candidate)) sealed = candidate;
    }
    expect(sealed).not.toBe('');
    const file = { [uuid(1)]: { ...plainEntries[uuid(1)], encrypted: true, secret: sealed } };
    expect(await codeOf(readImport(fileOf(file), 'not pw'))).toBe('wrong_password');
  });

  it('a key id of "__proto__" does not find Object.prototype as its key', async () => {
    const file = JSON.parse(`{"a": {"encrypted": true, "keyId": "__proto__", "secret": ${JSON.stringify(cryptoJsEncrypt('JBSWY3DPEHPK3PXP', 'pw'))}, "type": "totp", "account": "a"}}`) as object;
    expect(await codeOf(readImport(fileOf(file), 'not pw'))).toBe('wrong_password');
    expect(await readImport(fileOf(file), 'pw')).toMatchObject({ accounts: [{ name: 'a', secret: 'JBSWY3DPEHPK3PXP' }] });
  });

  it('v2 encryption: the key hash (Argon2id of the hex passphrase) decides a wrong password', async () => {
    const inner = 'randomkeymaterial';
    const passphrase = Buffer.from(inner).toString('hex');
    const phc = async (value: string): Promise<string> => {
      const salt = randomBytes(16);
      return `$argon2id$v=19$m=19456,t=2,p=1$${b64NoPad(salt)}$${b64NoPad(await argon2(value, salt, 2, 19 * 1024, 1))}`;
    };
    const entry = { ...plainEntries[uuid(1)], encrypted: true, secret: cryptoJsEncrypt('JBSWY3DPEHPK3PXP', passphrase) };
    const good = { key: { enc: cryptoJsEncrypt(inner, 'pw'), hash: await phc(passphrase) }, [uuid(1)]: entry };
    expect(await readImport(fileOf(good), 'pw')).toMatchObject({ accounts: [expected[0]], skipped: [] });
    // The same enc (which opens with 'pw') with a hash of something else: the hash wins.
    const other = { ...good, key: { ...good.key, hash: await phc('another key') } };
    expect(await codeOf(readImport(fileOf(other), 'pw'))).toBe('wrong_password');
  });

  it('the one-URI-per-line text exactly as BackupPage.vue writes it (CRLF, encoded labels, no Steam or Battle.net)', async () => {
    // getOneLineOtpBackupFile: label parts lose ':' and are URI-encoded; issuer repeated raw-encoded;
    // counter for HOTP; period, digits and algorithm only when set; hex secrets written as they are.
    const unsafe = (text: string): string => encodeURIComponent(text.split('::')[0]?.replace(/:/g, '') ?? '');
    const lines = [
      `otpauth://totp/${unsafe('Example Corp')}:${unsafe('alice@example.com')}?secret=JBSWY3DPEHPK3PXP&issuer=${unsafe('Example Corp')}&period=60&digits=8&algorithm=SHA256`,
      `otpauth://hotp/${unsafe('Counter')}:${unsafe('bob')}?secret=JBSWY3DPEHPK3PXP&issuer=${unsafe('Counter')}&counter=5`,
      `otpauth://totp/${unsafe('nobody')}?secret=JBSWY3DPEHPK3PXP`,
      `otpauth://totp/${unsafe('Hex')}:${unsafe('carol')}?secret=48656c6c6f21deadbeef&issuer=${unsafe('Hex')}`,
    ];
    const result = await readImport(fileOf(lines.join('\r\n')));
    expect(result).toEqual({
      kind: 'accounts',
      format: 'otpauth-list',
      accounts: [
        account({ issuer: 'Example Corp', name: 'alice@example.com', algorithm: 'SHA256', digits: 8, period: 60 }),
        account({ kind: 'hotp', issuer: 'Counter', name: 'bob', counter: 5 }),
        account({ issuer: '', name: 'nobody' }),
      ],
      // A hex key in an otpauth URI is not base32: listed, never read as different bytes.
      skipped: [{ label: 'Hex:carol', reason: 'secret_not_base32' }],
    });
  });

  it('v2 encryption: a key object {enc, hash} whose decryption, in hex, is the passphrase', async () => {
    const inner = 'randomkeymaterial';
    const passphrase = Buffer.from(inner).toString('hex');
    const file = {
      key: { enc: cryptoJsEncrypt(inner, 'pw'), hash: 'unused' },
      [uuid(1)]: { ...plainEntries[uuid(1)], encrypted: true, secret: cryptoJsEncrypt('JBSWY3DPEHPK3PXP', passphrase) },
    };
    expect(await readImport(fileOf(file), 'pw')).toMatchObject({ accounts: [expected[0]], skipped: [] });
    expect(await codeOf(readImport(fileOf(file), 'not pw'))).toBe('wrong_password');
  });
});
