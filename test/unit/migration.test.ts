import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../src/core/account';
import { decodeBase32 } from '../../src/core/base32';
import type { ErrorCode } from '../../src/core/errors';
import { TwostepError } from '../../src/core/errors';
import { parseMigrationUri } from '../../src/core/migration/google-auth';
import { parseOtpauthUri } from '../../src/core/otpauth-uri';
import { decodeQr } from '../../src/core/qr/decode';
import { FIXTURES, loadRgba } from './qr-fixtures';
import { errorOf } from './error-of';

const DIR = path.join(FIXTURES, 'import/google-migration');
const HAS_FIXTURES = existsSync(DIR);
if (!HAS_FIXTURES) {
  console.warn(`migration.test: ${DIR} is absent; fixture tests are skipped (clone shared/ beside the repo).`);
}
const read = (file: string): string => readFileSync(path.join(DIR, file), 'utf8');
/** The otpauth-migration lines of an export text file (others are comments). */
const migrationLines = (text: string): string[] => text.split('\n').map((line) => line.trim()).filter((line) => line.includes('otpauth-migration://'));


// A minimal protobuf writer, to build payloads the fixtures do not have.
type Value = number | bigint | string | Uint8Array | Value[][];
type Message = [number, Value][];
function varint(value: bigint): number[] {
  let v = BigInt.asUintN(64, value);
  const out: number[] = [];
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v === 0n ? byte : byte | 0x80);
  } while (v !== 0n);
  return out;
}
function encode(message: Message): Uint8Array {
  const out: number[] = [];
  for (const [number, value] of message) {
    if (typeof value === 'number' || typeof value === 'bigint') {
      out.push(...varint(BigInt(number << 3)), ...varint(BigInt(value)));
    } else {
      const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value instanceof Uint8Array ? value : encode(value as Message);
      out.push(...varint(BigInt((number << 3) | 2)), ...varint(BigInt(bytes.length)), ...bytes);
    }
  }
  return Uint8Array.from(out);
}
const uriOf = (payload: Uint8Array): string => `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(payload).toString('base64'))}`;
const SECRET = decodeBase32('JBSWY3DPEHPK3PXP');
const otp = (fields: Message = []): [number, Value] => [1, [[1, SECRET], [2, 'alice'], [3, 'Example'], [4, 1], [5, 1], [6, 2], ...fields] as Message];
const batch = (...accounts: [number, Value][]): string => uriOf(encode([...accounts, [2, 1], [3, 1], [4, 0], [5, -12345]]));

function account(fields: Partial<AccountInput>): AccountInput {
  return { kind: 'totp', issuer: '', name: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [], ...fields };
}

describe.skipIf(!HAS_FIXTURES)('parseMigrationUri: scito/extract_otp_secrets fixtures', () => {
  it('example_export.txt gives every account of example_output.json', () => {
    interface Expected { name: string; secret: string; issuer: string; type: 'totp' | 'hotp'; counter: number | null }
    const expected = JSON.parse(read('example_output.json')) as Expected[];
    const parsed = migrationLines(read('example_export.txt')).flatMap(parseMigrationUri);
    expect(parsed).toEqual(
      expected.map((e) => {
        // extract_otp_secrets keeps the name whole; we split "Issuer: name" when the issuer field is
        // empty, as parseOtpauthUri splits a label, so both import paths give the same account.
        const [issuer, name] = e.issuer === '' && e.name.includes(':') ? e.name.split(/:\s*/, 2) : [e.issuer, e.name];
        return account({ kind: e.type, issuer, name, secret: e.secret, counter: e.counter ?? 0 });
      }),
    );
  });

  it('gives the accounts parseOtpauthUri reads from the upstream URL list (url_list_output.txt)', () => {
    const urls = read('tests/data/url_list_output.txt').trim().split('\n');
    const parsed = migrationLines(read('example_export.txt')).flatMap(parseMigrationUri);
    expect(parsed).toEqual(urls.map((url) => parseOtpauthUri(url)));
  });

  it('example_export_only_totp.txt gives 5 TOTP accounts', () => {
    const parsed = migrationLines(read('tests/data/example_export_only_totp.txt')).flatMap(parseMigrationUri);
    expect(parsed.map((a) => a.kind)).toEqual(['totp', 'totp', 'totp', 'totp', 'totp']);
  });

  it('keeps a raw + in the data as + (test_plus_problem_export.txt)', () => {
    const [uri] = migrationLines(read('tests/data/test_plus_problem_export.txt'));
    expect(uri).toContain('+');
    const secrets = ['A4RFDYMF4GSLUIBQV4ZP67OJEZ2XUQVM', 'SCDDZ7PW5MOZLE3PQCAZM7L4S35K3UDX', 'TR76272RVYO6EAEY2FX7W7R7KUDEGPJ4', 'N2ILWSXSJUQUB7S6NONPJSC62NPG7EXN'];
    // The name field is "SerenityLabs:test1@..." and the issuer field "SerenityLabs": split like a label.
    expect(parseMigrationUri(uri ?? '')).toEqual(secrets.map((secret, i) => account({ issuer: 'SerenityLabs', name: `test${i + 1}@serenitylabs.co.uk`, secret })));
    // The same URI after a form decoder turned '+' into ' ', and with every '+' and '/' percent-encoded.
    expect(parseMigrationUri((uri ?? '').replace(/\+/g, ' '))).toEqual(parseMigrationUri(uri ?? ''));
    expect(parseMigrationUri((uri ?? '').replace(/\+/g, '%2B').replace(/\//g, '%2F').replace('%2F%2Foffline', '//offline'))).toEqual(parseMigrationUri(uri ?? ''));
  });

  it('reads past a "QR-Code:" label before the scheme (test_export_wrong_prefix.txt)', () => {
    expect(parseMigrationUri(read('tests/data/test_export_wrong_prefix.txt'))).toEqual([account({ issuer: 'raspberrypi', name: 'pi@raspberrypi', secret: '7KSQL2JTUDIS5EF65KLMRQIIGY' })]);
  });

  it.each<[string, ErrorCode]>([
    ['tests/data/test_export_wrong_data.txt', 'migration_malformed'],
    ['tests/data/test_export_wrong_content.txt', 'uri_not_otpauth'],
  ])('%s fails with %s', (file, code) => {
    expect(errorOf(() => parseMigrationUri(read(file))).code).toBe(code);
  });

  it('decodes the QR screenshot test_googleauth_export.png and parses it', async () => {
    const text = decodeQr(await loadRgba(path.join(DIR, 'tests/data/test_googleauth_export.png')));
    expect(text).toMatch(/^otpauth-migration:\/\/offline\?data=/);
    expect(parseMigrationUri(text ?? '')).toEqual([1, 2, 3].map((n) => account({ issuer: `Test${n}`, name: `test${n}@example${n}.com`, secret: `JBSWY3DPEHPK3PX${'PQR'[n - 1]}` })));
  });

  it('a QR that is not an export is refused (qr_but_without_otp.png)', async () => {
    const text = decodeQr(await loadRgba(path.join(DIR, 'tests/data/qr_but_without_otp.png')));
    expect(text).toBe('NOT A otpauth-migration:// URL');
    expect(errorOf(() => parseMigrationUri(text ?? '')).code).toBe('uri_not_otpauth');
  });
});

describe('parseMigrationUri: hand-built payloads', () => {
  it.each<[string, Message, Partial<AccountInput>]>([
    ['defaults', [], { issuer: 'Example' }],
    ['SHA256, 8 digits', [[4, 2], [5, 2]], { issuer: 'Example', algorithm: 'SHA256', digits: 8 }],
    ['SHA512', [[4, 3]], { issuer: 'Example', algorithm: 'SHA512' }],
    ['unspecified enums', [[4, 0], [5, 0], [6, 0]], { issuer: 'Example' }],
    ['HOTP with a counter', [[6, 1], [7, 4]], { issuer: 'Example', kind: 'hotp', counter: 4 }],
    ['a large HOTP counter', [[6, 1], [7, 2n ** 40n]], { issuer: 'Example', kind: 'hotp', counter: 2 ** 40 }],
    ['a TOTP ignores a counter', [[7, 99]], { issuer: 'Example' }],
    ['an "Issuer:" name with the same issuer', [[2, 'Example: alice']], { issuer: 'Example' }],
    ['an "Issuer:" name and no issuer', [[2, 'Other:alice'], [3, '']], { issuer: 'Other' }],
    ['an "Issuer:" name with another issuer stays whole', [[2, 'Other:alice']], { issuer: 'Example', name: 'Other:alice' }],
    ['unknown fields, as newer exports add', [[9, 'x'], [10, 7]], { issuer: 'Example' }],
    ['UTF-8 names', [[2, 'Zoë ✓']], { issuer: 'Example', name: 'Zoë ✓' }],
  ])('%s', (_label, extra, expected) => {
    // Later fields win in protobuf, so extras override the defaults in otp().
    expect(parseMigrationUri(batch(otp(extra)))).toEqual([account(expected)]);
  });

  it('reads every account of a batch, with a version-2 field 8 and no batch_id', () => {
    const uri = uriOf(encode([otp([[2, 'a']]), otp([[2, 'b']]), [2, 2], [8, 'opaque']]));
    expect(parseMigrationUri(uri).map((a) => a.name)).toEqual(['a', 'b']);
  });

  it('accepts URL-safe base64 and missing padding', () => {
    const payload = encode([otp([[2, 'alice???>>>']])]);
    const urlSafe = Buffer.from(payload).toString('base64url');
    expect(parseMigrationUri(`otpauth-migration://offline?data=${urlSafe}`)).toEqual(parseMigrationUri(uriOf(payload)));
  });

  it.each<[string, string, ErrorCode, string | undefined]>([
    ['MD5', batch(otp([[4, 4]])), 'algorithm_unsupported', 'account 1: MD5'],
    ['an unknown algorithm', batch(otp([[4, 9]])), 'algorithm_unsupported', 'account 1: 9'],
    ['an unknown digit count', batch(otp([[5, 3]])), 'digits_invalid', 'account 1'],
    ['an unknown type', batch(otp([[6, 3]])), 'uri_kind_unknown', 'account 1'],
    ['a negative HOTP counter', batch(otp([[6, 1], [7, -1]])), 'counter_invalid', 'account 1'],
    ['a short secret in the second account', batch(otp(), otp([[1, new Uint8Array(5)]])), 'secret_too_short', 'account 2'],
    ['no secret', batch(otp([[1, new Uint8Array(0)]])), 'secret_missing', 'account 1'],
    ['no name', batch(otp([[2, ''], [3, '']])), 'name_missing', 'account 1'],
    ['a name that is not UTF-8', batch(otp([[2, Uint8Array.of(0xff, 0xfe)]])), 'migration_malformed', 'string not UTF-8'],
    ['a batch without accounts', uriOf(encode([[2, 1], [3, 1]])), 'migration_empty', undefined],
    ['an empty data', 'otpauth-migration://offline?data=', 'migration_malformed', 'no data'],
    ['no data', 'otpauth-migration://offline', 'migration_malformed', 'no data'],
    ['two data', 'otpauth-migration://offline?data=AA&data=AA', 'migration_malformed', 'data repeated'],
    ['bad percent-encoding', 'otpauth-migration://offline?data=%E0%A4%A', 'migration_malformed', 'percent-encoding'],
    ['bad base64', 'otpauth-migration://offline?data=ab*d', 'migration_malformed', 'base64'],
    ['a truncated message', uriOf(encode([otp()]).slice(0, 20)), 'migration_malformed', 'truncated field'],
    ['otp_parameters as a varint', uriOf(encode([[1, 5]])), 'migration_malformed', 'field 1 wire type'],
    ['a group wire type', uriOf(Uint8Array.of(0x0b)), 'migration_malformed', 'wire type 3'],
    ['an 11-byte varint', uriOf(Uint8Array.of(0x10, ...new Array<number>(10).fill(0xff), 0x01)), 'migration_malformed', 'varint too long'],
    ['an otpauth URI', 'otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP', 'uri_not_otpauth', undefined],
    ['text mentioning the scheme', 'see otpauth-migration://offline?data=AA', 'uri_not_otpauth', undefined],
    ['a huge text', `otpauth-migration://offline?data=${'A'.repeat(20_000)}`, 'migration_malformed', 'too long'],
  ])('%s fails clearly', (_label, uri, code, detail) => {
    const error = errorOf(() => parseMigrationUri(uri));
    expect(error.code).toBe(code);
    expect(error.detail).toBe(detail);
  });

  it('never puts the secret in an error', () => {
    const error = errorOf(() => parseMigrationUri(batch(otp([[4, 4]]))));
    expect(error.message).not.toContain('JBSWY3DPEHPK3PXP');
  });
});

describe('parseMigrationUri: properties', () => {
  const onlyTwostepErrors = (uri: string): void => {
    try {
      parseMigrationUri(uri);
    } catch (error) {
      expect(error).toBeInstanceOf(TwostepError);
    }
  };

  it('random bytes as data throw nothing but TwostepError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => onlyTwostepErrors(uriOf(bytes))), { numRuns: 2000 });
  });

  it('mutated valid payloads throw nothing but TwostepError', () => {
    const valid = encode([otp([[6, 1], [7, 3]]), otp([[2, 'Other:bob']]), [2, 1], [5, -1]]);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat(valid.length), (edits, cut) => {
        const bytes = valid.slice(0, Math.max(cut, 1));
        for (const [at, byte] of edits) {
          if (at < bytes.length) bytes[at] = byte;
        }
        onlyTwostepErrors(uriOf(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('random text throws nothing but TwostepError', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => onlyTwostepErrors(`otpauth-migration://offline?data=${text}`)), { numRuns: 1000 });
  });

  it('any valid account survives a round trip through a payload', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 10, maxLength: 64 }),
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '' && !s.includes(':')),
        fc.constantFrom(1, 2, 3),
        fc.constantFrom(1, 2),
        (secret, name, algorithm, digits) => {
          const [parsed] = parseMigrationUri(batch(otp([[1, secret], [2, name], [3, ''], [4, algorithm], [5, digits]])));
          expect(parsed?.name).toBe(name.trim());
          expect(decodeBase32(parsed?.secret ?? '')).toEqual(secret);
          expect(parsed?.digits).toBe(digits === 2 ? 8 : 6);
        },
      ),
    );
  });
});
