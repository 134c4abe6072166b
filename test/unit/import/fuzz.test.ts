/**
 * Property tests for every format's parser: real files with bytes flipped, cut, inserted or removed,
 * JSON files with any subtree replaced by arbitrary JSON, and random bytes. The only acceptable
 * outcomes are a well-formed result (every account valid, every skip with a known code) or a
 * TwostepError; anything else, or a run that does not finish, fails. The KDFs are a cheap stand-in
 * so a run costs microseconds; the real ones sit behind the same cost guard.
 * FUZZ_RUNS sets the runs per parser (default 1,000; `FUZZ_RUNS=100000` for a long session).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAccountInput } from '../../../src/core/account-input';
import { isErrorCode, TwostepError } from '../../../src/core/errors';
import { readImport, readImportUnguarded } from '../../../src/core/import';
import { realKdf } from '../../../src/core/import/kdf';
import { FORMATS } from '../../../src/core/import/detect';
import { sealBackup } from '../../../src/core/backup';
import { expectedFiles, HAS_IMPORT_FIXTURES, readFixture } from './fixtures';
import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { cheapKdf, cryptoJsEncrypt, replayKdf } from './helpers';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const kdfs = replayKdf(realKdf);
const kdf = kdfs.replay;
/** The fixtures' passwords, so mutated encrypted files still open and reach their inner parsers. */
const PASSWORDS = [...new Set(expectedFiles().flatMap((f) => (f.password === undefined ? [] : [f.password])))];

beforeAll(async () => {
  // Derive each encrypted fixture's keys once with the real KDFs; the runs replay them.
  for (const { file, password } of expectedFiles()) {
    if (password === undefined) continue;
    await readImport({ name: file, bytes: readFixture(file) }, password, { kdf: kdfs.record }).catch(() => undefined);
  }
}, 120_000);

/** One sample file per format id (the fuzz must reach every parser, not only the detector). */
const SAMPLES: Record<string, string[]> = {
  'otpauth-list': ['plain.txt', 'ente_auth.txt'],
  aegis: ['aegis_plain.json', 'aegis_encrypted.json'],
  '2fas': ['2fas_authenticator.json', '2fas_authenticator_plain_v4.2fas', '2fas_authenticator_encrypted_v4.2fas'],
  andotp: ['andotp_plain.json'],
  'andotp-encrypted': ['andotp_encrypted.bin', 'andotp_encrypted_old.bin'],
  stratum: ['stratum_plain.json'],
  'stratum-encrypted': ['stratum_encrypted.bin', 'stratum_encrypted_legacy.bin'],
  bitwarden: ['bitwarden.json'],
  'bitwarden-csv': ['bitwarden.csv'],
  'freeotp-plus': ['freeotp_plus.json'],
  'freeotp-xml': ['freeotp.xml'],
  steam: ['steam.json', 'steam_old.json'],
  duo: ['duo.json'],
  proton: ['proton_authenticator.json'],
  'freeotp-backup': ['freeotp_v2_api23.xml', 'freeotp_v2_api27.xml'],
  authy: ['authy_plain.xml', 'authy_encrypted.xml'],
  'totp-authenticator': ['totp_authenticator.bin'],
  'authenticator-plus': ['authenticator_plus.zip'],
};

/** A Bitwarden password-protected export (password "test") keyed with the cheap KDF the runs fall back to. */
async function bitwardenSample(): Promise<Uint8Array> {
  const salt = 'c2FsdHNhbHRzYWx0c2FsdA==';
  const master = Buffer.from(await cheapKdf().pbkdf2(new TextEncoder().encode('test'), new TextEncoder().encode(salt), 1000, 'SHA-256', 32));
  const key = (info: string): Buffer => createHmac('sha256', master).update(info).update(Buffer.of(1)).digest();
  const seal = (text: string): string => {
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-256-cbc', key('enc'), iv);
    const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return `2.${iv.toString('base64')}|${data.toString('base64')}|${createHmac('sha256', key('mac')).update(iv).update(data).digest('base64')}`;
  };
  const vault = { encrypted: false, folders: [], items: [{ name: 'E', login: { username: 'a', totp: 'JBSWY3DPEHPK3PXP' } }, { name: 'S', login: { totp: 'steam://JBSWY3DPEHPK3PXP' } }] };
  return new TextEncoder().encode(JSON.stringify({ encrypted: true, passwordProtected: true, salt, kdfType: 0, kdfIterations: 1000, encKeyValidation_DO_NOT_EDIT: seal('guid'), data: seal(JSON.stringify(vault)) }));
}
const BITWARDEN_SAMPLE = await bitwardenSample();
/** A Twostep backup (password "test") sealed with the cheap KDF, so mutated copies reach the entry parser. */
const TWOSTEP_SAMPLE = await sealBackup(
  [
    { kind: 'totp', issuer: 'Example', name: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA256', digits: 8, period: 60, counter: 0, sites: ['example.com'] },
    { kind: 'hotp', issuer: 'Counter', name: 'bob', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 7, sites: [] },
  ],
  'test',
  { now: 0, random: (n) => new Uint8Array(randomBytes(n)), argon2: (...args) => cheapKdf().argon2id(...args) },
);

/** Built samples for formats the fixtures lack. */
const BUILT: Record<string, () => Uint8Array> = {
  'bitwarden-encrypted': () => BITWARDEN_SAMPLE,
  'twostep-backup': () => TWOSTEP_SAMPLE,
  'authenticator-extension': () =>
    new TextEncoder().encode(
      JSON.stringify({
        a: { account: 'alice', encrypted: false, hash: 'a', index: 0, issuer: 'Example', secret: 'JBSWY3DPEHPK3PXP', type: 'totp' },
        b: { account: 'bob', encrypted: true, hash: 'b', index: 1, issuer: 'Counter', secret: cryptoJsEncrypt('JBSWY3DPEHPK3PXP', 'test'), type: 'hotp', counter: 3 },
      }),
    ),
};

/** Formats whose reader returned accounts from a mutated file: proof the runs got past decryption. */
const reached = new Set<string>();

/** Runs the entry point and checks the outcome is one of the two allowed kinds. */
async function check(bytes: Uint8Array, password: string | undefined): Promise<void> {
  let result;
  try {
    result = await readImportUnguarded({ name: 'fuzz', bytes }, password, { kdf });
  } catch (error) {
    if (error instanceof TwostepError && isErrorCode(error.code)) return;
    throw error;
  }
  if (result.kind === 'password_needed') {
    expect(FORMATS.map((f) => f.id)).toContain(result.format);
    return;
  }
  reached.add(result.format);
  for (const account of result.accounts) {
    // Every account is canonical: validating it again changes nothing.
    expect(parseAccountInput(account)).toEqual(account);
  }
  for (const skipped of result.skipped) {
    expect(isErrorCode(skipped.reason)).toBe(true);
    expect(typeof skipped.label).toBe('string');
  }
}

/** Byte-level edits: flip, overwrite, insert, delete, cut. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(original: Uint8Array, edits: Mutation[]): Uint8Array {
  let bytes = Array.from(original);
  for (const edit of edits) {
    const at = bytes.length === 0 ? 0 : edit.at % bytes.length;
    if (edit.op === 'set') bytes[at] = edit.value;
    else if (edit.op === 'insert') bytes.splice(at, 0, ...edit.bytes);
    else if (edit.op === 'delete') bytes.splice(at, edit.length);
    else bytes = bytes.slice(0, at);
  }
  return Uint8Array.from(bytes);
}

/** Replaces the subtree at a random path of a JSON value with `replacement`. */
function replaceAt(value: unknown, path: number[], replacement: unknown): unknown {
  if (path.length === 0 || typeof value !== 'object' || value === null) return replacement;
  const [head = 0, ...rest] = path;
  if (Array.isArray(value)) {
    if (value.length === 0) return replacement;
    const copy = [...(value as unknown[])];
    copy[head % copy.length] = replaceAt(copy[head % copy.length], rest, replacement);
    return copy;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return replacement;
  const key = keys[head % keys.length] ?? '';
  return { ...value, [key]: replaceAt((value as Record<string, unknown>)[key], rest, replacement) };
}

const password = fc.constantFrom(undefined, '', 'wrong', ...PASSWORDS);
const params = { numRuns: RUNS, timeout: 5_000 };
/** Per test: about 3 ms a run on a busy two-core machine, with room to spare; never under 30 s. */
const TEST_TIMEOUT = Math.max(30_000, RUNS * 10);

const samples = Object.entries(SAMPLES).map(([id, files]) => [id, () => files.map(readFixture)] as const);
const built = Object.entries(BUILT).map(([id, make]) => [id, () => [make()]] as const);

describe.skipIf(!HAS_IMPORT_FIXTURES)('fuzz: mutated real files, per parser', () => {
  it.each(samples)('%s: byte edits', async (_id, load) => {
    const files = load();
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: files.length - 1 }), fc.array(mutation, { maxLength: 6 }), password, (i, edits, pw) => check(mutate(files[i] ?? new Uint8Array(), edits), pw)),
      params,
    );
  }, TEST_TIMEOUT);

  const jsonSamples = samples.filter(([id]) => !['otpauth-list', 'andotp-encrypted', 'stratum-encrypted', 'bitwarden-csv', 'freeotp-xml', 'freeotp-backup', 'authy', 'totp-authenticator', 'authenticator-plus'].includes(id));
  it.each(jsonSamples)('%s: any JSON subtree replaced', async (_id, load) => {
    const values = load().map((b) => JSON.parse(new TextDecoder().decode(b)) as unknown);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: values.length - 1 }), fc.array(fc.nat(), { maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), password, (i, path, replacement, pw) =>
        check(new TextEncoder().encode(JSON.stringify(replaceAt(values[i], path, replacement))), pw),
      ),
      params,
    );
  }, TEST_TIMEOUT);
});

describe('fuzz: built files and random input', () => {
  it.each(built)('%s: byte edits', async (_id, load) => {
    const files = load();
    await fc.assert(fc.asyncProperty(fc.array(mutation, { maxLength: 6 }), password, (edits, pw) => check(mutate(files[0] ?? new Uint8Array(), edits), pw)), params);
  }, TEST_TIMEOUT);

  it('twostep-backup: any JSON subtree replaced', async () => {
    const value = JSON.parse(new TextDecoder().decode(TWOSTEP_SAMPLE)) as unknown;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 4 }), fc.jsonValue({ maxDepth: 3 }), password, (path, replacement, pw) =>
        check(new TextEncoder().encode(JSON.stringify(replaceAt(value, path, replacement))), pw),
      ),
      params,
    );
  }, TEST_TIMEOUT);

  it('random bytes', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 512 }), password, (bytes, pw) => check(bytes, pw)), params);
  }, TEST_TIMEOUT);

  it('random text lines around otpauth links', async () => {
    const line = fc.oneof(
      fc.string(),
      fc.constantFrom('otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP', 'otpauth://hotp/x?counter=1&secret=', 'otpauth-migration://offline?data=', 'otpauth://steam/'),
      fc.tuple(fc.constantFrom('otpauth://', 'otpauth-migration://offline?data='), fc.string()).map(([a, b]) => a + b),
    );
    await fc.assert(fc.asyncProperty(fc.array(line, { maxLength: 8 }), (lines) => check(new TextEncoder().encode(lines.join('\n')), undefined)), params);
  }, TEST_TIMEOUT);
});

describe.skipIf(!HAS_IMPORT_FIXTURES)('fuzz: coverage', () => {
  it('the runs reached the entry parser of every format, encrypted ones included (through the replayed keys)', () => {
    expect([...Object.keys(SAMPLES), ...Object.keys(BUILT)].filter((id) => !reached.has(id))).toEqual([]);
  });
});
