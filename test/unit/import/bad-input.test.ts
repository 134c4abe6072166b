/**
 * Hostile and broken files: empty, huge, of another kind, truncated, and files that ask for a KDF
 * cost beyond the ceiling, which must be refused before the KDF runs (the cheap stand-in KDF counts
 * its calls, so "before" is checked, not assumed).
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { TwostepError } from '../../../src/core/errors';
import { readImport, readImportUnguarded } from '../../../src/core/import';
import { guardKdf } from '../../../src/core/import/kdf';
import { IMPORT_LIMITS } from '../../../src/core/import/limits';
import { cheapKdf, codeOf, fileOf } from './helpers';
import { HAS_IMPORT_FIXTURES, readFixture } from './fixtures';

const file = (bytes: Uint8Array): { name: string; bytes: Uint8Array } => ({ name: 'x.json', bytes });

describe('readImport: bad input', () => {
  it.each([
    ['an empty file', 'import_empty', new Uint8Array(0)],
    ['a byte-order mark and nothing else', 'import_empty', Uint8Array.of(0xef, 0xbb, 0xbf, 0x0a)],
    ['a file of blank lines', 'import_empty', new TextEncoder().encode(' \r\n\t\n')],
    ['a 50 MB file', 'import_too_large', new Uint8Array(50 * 1024 * 1024).fill(0x41)],
    ['one byte over the limit', 'import_too_large', new Uint8Array(IMPORT_LIMITS.maxFileBytes + 1).fill(0x7b)],
    ['prose', 'import_unknown_format', new TextEncoder().encode('Lorem ipsum dolor sit amet')],
    ['JSON of another kind', 'import_unknown_format', new TextEncoder().encode('{"hello": [1, 2, 3]}')],
    ['a PNG image', 'import_image', Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(64))],
    ['a JPEG image', 'import_image', Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, ...new Uint8Array(64))],
    ['a PDF', 'import_unknown_format', new TextEncoder().encode('%PDF-1.7\n%\xe2\xe3\n1 0 obj')],
  ] as const)('%s: %s', async (_what, code, bytes) => {
    expect(await codeOf(readImport(file(bytes)))).toBe(code);
  });

  it('a 50 MB file is refused by its size before a single byte is read', async () => {
    // Any access but `length` throws, so decoding or detection would surface as a non-TwostepError.
    const untouchable = new Proxy(new Uint8Array(0), {
      get(_target, property) {
        if (property === 'length') return 50 * 1024 * 1024;
        throw new Error(`read ${String(property)}`);
      },
    });
    expect(await codeOf(readImportUnguarded(file(untouchable)))).toBe('import_too_large');
  });

  it('a file with more than 10,000 entries is refused as a whole', async () => {
    const line = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP\n';
    expect(await codeOf(readImport(fileOf(line.repeat(IMPORT_LIMITS.maxEntries + 1))))).toBe('import_too_large');
  });

  it('a JSON container of the wrong shape is malformed, not a crash', async () => {
    expect(await codeOf(readImport(fileOf({ version: 1, header: { slots: null }, db: { entries: 'nope' } })))).toBe('import_malformed');
    expect(await codeOf(readImport(fileOf({ schemaVersion: 9, services: [] })))).toBe('import_malformed');
  });
});

describe.skipIf(!HAS_IMPORT_FIXTURES)('readImport: KDF costs read from a file are checked before the KDF runs', () => {
  const aegis = JSON.parse(new TextDecoder().decode(readFixture('aegis_encrypted.json'))) as { header: { slots: Record<string, unknown>[] } };
  const withSlot = (fields: Record<string, unknown>): Uint8Array => {
    const copy = structuredClone(aegis);
    copy.header.slots = copy.header.slots.map((slot) => ({ ...slot, ...fields }));
    return new TextEncoder().encode(JSON.stringify(copy));
  };

  it.each([
    ['N = 2^30 (128 GiB)', { n: 2 ** 30 }],
    ['r = 1,000,000', { r: 1_000_000 }],
    ['p = 2^20', { p: 2 ** 20 }],
    ['N = 2^18, p = 16 (256 MiB, 128 times the work)', { n: 2 ** 18, p: 16 }],
    ['N not a power of two', { n: 30000 }],
    ['N = -1', { n: -1 }],
  ])('Aegis scrypt %s', async (_what, fields) => {
    const calls = { count: 0 };
    expect(await codeOf(readImport(file(withSlot(fields)), 'test', { kdf: cheapKdf(calls) }))).toBe('import_kdf_too_costly');
    expect(calls.count).toBe(0);
  });

  it('a FreeOTP 2 backup asking for 10^300 PBKDF2 iterations never runs them', async () => {
    // Same length as "100000", so the Java string's length prefix stays right.
    const latin1 = Uint8Array.from(new TextDecoder('latin1').decode(readFixture('freeotp_v2_api27.xml')).replace('"mIterations":100000', '"mIterations":1e+300'), (c) => c.charCodeAt(0));
    const calls = { count: 0 };
    expect(await codeOf(readImport(file(latin1), 'test', { kdf: cheapKdf(calls) }))).toBe('import_kdf_too_costly');
    expect(calls.count).toBe(0);
  });

  it('an andOTP header asking for 4 billion PBKDF2 iterations never runs them', async () => {
    const bytes = readFixture('andotp_encrypted.bin').slice();
    bytes.set([0xff, 0xff, 0xff, 0xff], 0);
    const calls = { count: 0 };
    // Read as the old layout instead (its key is a plain SHA-256), which this password does not open.
    expect(await codeOf(readImport(file(bytes), 'test', { kdf: cheapKdf(calls) }))).toBe('wrong_password');
    expect(calls.count).toBe(0);
  });

  it.each(['aegis_encrypted.json', '2fas_authenticator_encrypted_v4.2fas', 'stratum_encrypted.bin', 'andotp_encrypted.bin', 'aegis_plain.json', 'bitwarden.csv'])(
    '%s cut short anywhere gives a TwostepError, never a crash or a partial list',
    async (name) => {
      const bytes = readFixture(name);
      for (let end = 1; end < bytes.length; end += Math.max(1, Math.floor(bytes.length / 60))) {
        const outcome = await readImport(file(bytes.subarray(0, end)), 'test', { kdf: cheapKdf() }).then(
          (result) => result,
          (error: unknown) => error,
        );
        if (!(outcome instanceof Error)) {
          // A cut at a line end of a text list is a shorter list, which is what the file then says.
          expect(['otpauth-list', 'bitwarden-csv', 'andotp-encrypted']).toContain((outcome as { format: string }).format);
        } else {
          expect(outcome.name).toBe('TwostepError');
        }
      }
    },
  );
});

/** A one-file, unencrypted, deflated zip (APPNOTE.TXT §4.3); the CRC is left 0 where it is not checked. */
function zipOf(name: string, content: Uint8Array, crc = 0): Uint8Array {
  const data = deflateRawSync(content);
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(content.length, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(content.length, 24);
  central.writeUInt16LE(n.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(30 + n.length + data.length, 16);
  return Buffer.concat([local, n, data, central, n, end]);
}

describe('zip archives', () => {
  it('a zip bomb (a few KB inflating past the size limit) stops at the limit', async () => {
    const bomb = zipOf('Accounts.txt', new Uint8Array(IMPORT_LIMITS.maxFileBytes + 1024));
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await codeOf(readImport(file(bomb)))).toBe('import_too_large');
  });

  it('a zip without Accounts.txt is not an Authenticator Plus backup', async () => {
    expect(await codeOf(readImport(file(zipOf('notes.txt', new TextEncoder().encode('hello')))))).toBe('import_zip');
  });

  it('an unencrypted Authenticator Plus zip is read, and a wrong CRC makes it malformed', async () => {
    const text = new TextEncoder().encode('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP\n');
    expect(await readImport(file(zipOf('Accounts.txt', text, crc32(text))))).toMatchObject({ format: 'authenticator-plus', accounts: [{ issuer: 'A', name: 'b' }], skipped: [] });
    expect(await codeOf(readImport(file(zipOf('Accounts.txt', text, crc32(text) ^ 1))))).toBe('import_malformed');
  });
});

describe('guardKdf: the ceilings themselves', () => {
  const salt = new Uint8Array(16);
  const password = new Uint8Array(4);
  it.each([
    ['Argon2id 64 MiB, 3 passes, 4 lanes (Stratum, Bitwarden default)', { memoryKiB: 65536, iterations: 3, parallelism: 4 }, true],
    ['Argon2id 19 MiB, 2 passes (Proton, Authenticator-Extension)', { memoryKiB: 19456, iterations: 2, parallelism: 1 }, true],
    ['Argon2id 256 MiB, 16 passes (Ente Auth default)', { memoryKiB: 262144, iterations: 16, parallelism: 1 }, true],
    ['Argon2id 64 MiB, 64 passes (Ente Auth on a small phone)', { memoryKiB: 65536, iterations: 64, parallelism: 1 }, true],
    ['Argon2id 256 MiB, 17 passes', { memoryKiB: 262144, iterations: 17, parallelism: 1 }, false],
    ['Argon2id 512 MiB, 2 passes', { memoryKiB: 524288, iterations: 2, parallelism: 1 }, false],
    ['Argon2id 1 GiB (Bitwarden maximum)', { memoryKiB: 1048576, iterations: 2, parallelism: 1 }, false],
    ['Argon2id 0 passes', { memoryKiB: 65536, iterations: 0, parallelism: 1 }, false],
    ['Argon2id fractional memory', { memoryKiB: 65536.5, iterations: 3, parallelism: 1 }, false],
  ])('%s', async (_what, cost, allowed) => {
    const calls = { count: 0 };
    const outcome = await guardKdf(cheapKdf(calls)).argon2id(password, salt, cost, 32).then(
      () => 'ran',
      (error: unknown) => (error instanceof TwostepError ? error.code : 'crash'),
    );
    expect(outcome).toBe(allowed ? 'ran' : 'import_kdf_too_costly');
    expect(calls.count).toBe(allowed ? 1 : 0);
  });

  it.each([
    [600_000, true],
    [IMPORT_LIMITS.maxPbkdf2Iterations, true],
    [IMPORT_LIMITS.maxPbkdf2Iterations + 1, false],
    [1e9, false],
    [0, false],
    [Number.NaN, false],
  ])('PBKDF2 with %s iterations: allowed %s', async (iterations, allowed) => {
    const calls = { count: 0 };
    const ran = await guardKdf(cheapKdf(calls)).pbkdf2(password, salt, iterations, 'SHA-256', 32).then(() => true, () => false);
    expect([ran, calls.count]).toEqual([allowed, allowed ? 1 : 0]);
  });
});
