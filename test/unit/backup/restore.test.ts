/**
 * Restore is an import: a backup file read through `readImport` asks for its password, then gives
 * back every account unchanged. The property test: export then restore loses nothing, over random
 * vaults of every kind, algorithm, digit count, period, counter and site list.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../src/core/account';
import type { Argon2 } from '../../../src/core/backup';
import { sealBackup } from '../../../src/core/backup';
import { readImport } from '../../../src/core/import';
import { cheapKdf, codeOf } from '../import/helpers';
import { fixedRandom, SAMPLE } from './helpers';

const NOW = Date.UTC(2026, 11, 1);
const strip = ({ createdAt: _c, updatedAt: _u, ...input }: (typeof SAMPLE)[number]): AccountInput => input;
/** The same cheap KDF on both sides: readImport's `Kdf.argon2id` and the sealing side. */
const kdf = cheapKdf();
const argon2: Argon2 = (...args) => kdf.argon2id(...args);

describe('restore through readImport', () => {
  it('asks for the password first, then gives every account, as format twostep-backup', async () => {
    const file = { name: 'twostep-backup-2026-12-01.json', bytes: await sealBackup(SAMPLE, 'long backup pw', { now: NOW, random: fixedRandom(), argon2 }) };
    expect(await readImport(file, undefined, { kdf })).toEqual({ kind: 'password_needed', format: 'twostep-backup' });
    expect(await readImport(file, 'long backup pw', { kdf })).toEqual({ kind: 'accounts', format: 'twostep-backup', accounts: SAMPLE.map(strip), skipped: [] });
    expect(await codeOf(readImport(file, 'wrong', { kdf }))).toBe('wrong_password');
  });

  it('says a cut backup is damaged, not of an unknown format, even before a password is given', async () => {
    const bytes = await sealBackup(SAMPLE, 'pw', { now: NOW, random: fixedRandom(), argon2 });
    expect(await codeOf(readImport({ name: 'b', bytes: bytes.subarray(0, 200) }))).toBe('backup_damaged');
    expect(await codeOf(readImport({ name: 'b', bytes: bytes.subarray(0, 200) }, 'pw', { kdf }))).toBe('backup_damaged');
  });

  it('uses the real Argon2id by default: a file sealed with hash-wasm opens through readImport', async () => {
    const kdfParams = { name: 'argon2id' as const, salt: new Uint8Array(16).fill(3), memoryKiB: 1024, passes: 1, lanes: 1 };
    const bytes = await sealBackup(SAMPLE, 'pw', { now: NOW, random: fixedRandom(), kdf: kdfParams });
    const result = await readImport({ name: 'b', bytes }, 'pw');
    expect(result.kind === 'accounts' && result.accounts).toEqual(SAMPLE.map(strip));
  });
});

const text = fc.string({ minLength: 0, maxLength: 40 }).map((s) => s.trim()).filter((s) => !/[\uD800-\uDFFF]/.test(s));
const label = fc.domain().map((d) => d.toLowerCase());
const base32 = fc.uint8Array({ minLength: 10, maxLength: 64 }).map((bytes) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) out += alphabet[(buffer >>> (bits -= 5)) & 31];
  }
  return bits > 0 ? out + alphabet[(buffer << (5 - bits)) & 31] : out;
});
const common = { issuer: text, name: text.filter((s) => s !== ''), secret: base32, sites: fc.uniqueArray(label, { maxLength: 5 }) };
const account: fc.Arbitrary<AccountInput> = fc.oneof(
  fc.record({ ...common, kind: fc.constant('totp' as const), algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const), digits: fc.integer({ min: 6, max: 10 }), period: fc.integer({ min: 1, max: 86_400 }), counter: fc.constant(0) }),
  fc.record({ ...common, kind: fc.constant('hotp' as const), algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const), digits: fc.integer({ min: 6, max: 10 }), period: fc.constant(30), counter: fc.maxSafeNat() }),
  fc.record({ ...common, kind: fc.constant('steam' as const), algorithm: fc.constant('SHA1' as const), digits: fc.constant(5), period: fc.constant(30), counter: fc.constant(0) }),
);

describe('property: export then restore loses nothing', () => {
  it('any vault of every kind, algorithm, digit count, period, counter and site list comes back equal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(account, { maxLength: 12 }), fc.string({ minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 4_102_444_800_000 }), async (accounts, password, now) => {
        const bytes = await sealBackup(accounts, password, { now, random: fixedRandom(now), argon2 });
        const result = await readImport({ name: 'backup', bytes }, password, { kdf });
        expect(result).toEqual({ kind: 'accounts', format: 'twostep-backup', accounts, skipped: [] });
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
