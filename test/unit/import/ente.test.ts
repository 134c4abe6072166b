/**
 * Ente Auth encrypted exports, built here with libsodium itself the way Ente writes them
 * (crypto_pwhash Argon2id13 + one secretstream message tagged FINAL): the shared fixtures have only
 * the plain export, so its text is sealed here and must read back to the same accounts.
 */
import sodium from 'libsodium-wrappers-sumo';
import { describe, expect, it } from 'vitest';
import { readImport } from '../../../src/core/import';
import { b64, bytesOf, cheapKdf, codeOf, fileOf } from './helpers';
import { expectedFiles, HAS_IMPORT_FIXTURES, readFixture } from './fixtures';

await sodium.ready;

interface EnteOptions {
  memLimit?: number;
  opsLimit?: number;
  /** Replaces the sealed bytes after encryption (truncate, flip a byte...). */
  edit?: (sealed: Uint8Array) => Uint8Array;
  tag?: number;
  version?: number;
}

/** An Ente Auth encrypted export of `text`, keyed with libsodium's crypto_pwhash (Argon2id13). */
function enteExport(password: string, text: string, options: EnteOptions = {}): object {
  const { memLimit = 8 * 1024 * 1024, opsLimit = 2, tag = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL } = options;
  const salt = sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES);
  const key = sodium.crypto_pwhash(32, password, salt, opsLimit, memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const sealed = sodium.crypto_secretstream_xchacha20poly1305_push(state, bytesOf(text), null, tag);
  return {
    version: options.version ?? 1,
    kdfParams: { memLimit, opsLimit, salt: b64(salt) },
    encryptedData: b64(options.edit === undefined ? sealed : options.edit(sealed)),
    encryptionNonce: b64(header),
  };
}

const LINE = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example&codeDisplay=%7B%22pinned%22%3Afalse%7D\n';

describe('Ente Auth encrypted export', () => {
  it('asks for the password, then reads the accounts', async () => {
    const file = fileOf(enteExport('hunter2', LINE));
    expect(await readImport(file)).toEqual({ kind: 'password_needed', format: 'ente-encrypted' });
    expect(await readImport(file, 'hunter2')).toMatchObject({ kind: 'accounts', format: 'ente-encrypted', accounts: [{ issuer: 'Example', name: 'alice', secret: 'JBSWY3DPEHPK3PXP' }], skipped: [] });
  });

  it.skipIf(!HAS_IMPORT_FIXTURES)('ente_auth.txt sealed as Ente seals it reads to what EXPECTED.md says for the plain file', async () => {
    const plain = new TextDecoder().decode(readFixture('ente_auth.txt'));
    const result = await readImport(fileOf(enteExport('test', plain)), 'test');
    expect(result).toEqual({ kind: 'accounts', format: 'ente-encrypted', accounts: expectedFiles().find((f) => f.file === 'ente_auth.txt')?.accounts, skipped: [] });
  });

  it('a wrong password is wrong_password', async () => {
    expect(await codeOf(readImport(fileOf(enteExport('hunter2', LINE)), 'hunter3'))).toBe('wrong_password');
  });

  it.each([
    ['cut short by one byte', (s: Uint8Array) => s.subarray(0, s.length - 1)],
    ['its tag changed', (s: Uint8Array) => Uint8Array.from(s, (b, i) => (i === s.length - 1 ? b ^ 1 : b))],
    ['its first (tag) byte changed', (s: Uint8Array) => Uint8Array.from(s, (b, i) => (i === 0 ? b ^ 0x80 : b))],
    ['a second message appended', (s: Uint8Array) => Uint8Array.from([...s, ...s])],
  ])('a stream %s opens nothing (wrong_password: the MAC cannot tell a damaged file from a wrong password)', async (_what, edit) => {
    expect(await codeOf(readImport(fileOf(enteExport('pw', LINE, { edit })), 'pw'))).toBe('wrong_password');
  });

  it('a stream without its FINAL tag (cut at a chunk boundary) is damaged, not a shorter list', async () => {
    const file = enteExport('pw', LINE, { tag: sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE });
    expect(await codeOf(readImport(fileOf(file), 'pw'))).toBe('import_malformed');
  });

  it.each([
    ['a stream shorter than its MAC', { encryptedData: b64(new Uint8Array(16)) }],
    ['a 23-byte header', { encryptionNonce: b64(new Uint8Array(23)) }],
    ['a 15-byte salt', { kdfParams: { memLimit: 8388608, opsLimit: 2, salt: b64(new Uint8Array(15)) } }],
    ['memLimit not whole KiB', { kdfParams: { memLimit: 8388609, opsLimit: 2, salt: b64(new Uint8Array(16)) } }],
    ['opsLimit 0', { kdfParams: { memLimit: 8388608, opsLimit: 0, salt: b64(new Uint8Array(16)) } }],
    ['opsLimit as text', { kdfParams: { memLimit: 8388608, opsLimit: '2', salt: b64(new Uint8Array(16)) } }],
    ['version 2', { version: 2 }],
  ])('%s is import_malformed, before any password is asked', async (_what, fields) => {
    const file = fileOf({ ...enteExport('pw', LINE), ...fields });
    expect(await codeOf(readImport(file))).toBe('import_malformed');
    expect(await codeOf(readImport(file, 'pw'))).toBe('import_malformed');
  });

  it.each([
    ['1 GiB of memory', 1024 ** 3, 4],
    ['256 MiB × 17 passes', 256 * 1024 ** 2, 17],
    ['64 MiB × 65 passes', 64 * 1024 ** 2, 65],
  ])('a file asking for %s is refused before the KDF runs', async (_what, memLimit, opsLimit) => {
    const file = { ...enteExport('pw', LINE), kdfParams: { memLimit, opsLimit, salt: b64(new Uint8Array(16)) } };
    const calls = { count: 0 };
    expect(await codeOf(readImport(fileOf(file), 'pw', { kdf: cheapKdf(calls) }))).toBe('import_kdf_too_costly');
    expect(calls.count).toBe(0);
  });

  it('an export that holds no codes is empty; one that holds something else is damaged', async () => {
    expect(await codeOf(readImport(fileOf(enteExport('pw', '\n')), 'pw'))).toBe('import_empty');
    expect(await codeOf(readImport(fileOf(enteExport('pw', '{"not": "uris"}')), 'pw'))).toBe('import_malformed');
  });

  it('Ente’s own default cost (256 MiB, 16 passes) is within the ceiling: the KDF runs', async () => {
    // The derivation itself is libsodium's (above, at 8 MiB); here only the guard is under test.
    const file = { ...enteExport('pw', LINE), kdfParams: { memLimit: 256 * 1024 ** 2, opsLimit: 16, salt: b64(new Uint8Array(16)) } };
    const calls = { count: 0 };
    expect(await codeOf(readImport(fileOf(file), 'pw', { kdf: cheapKdf(calls) }))).toBe('wrong_password');
    expect(calls.count).toBe(1);
  });
});
