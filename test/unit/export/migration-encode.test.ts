/**
 * "Move to a phone": the transfer-code encoder must give back exactly what the existing decoder (the
 * one that reads Google Authenticator's own codes) reads, split into codes a camera reads at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../src/core/account';
import { readImport } from '../../../src/core/import';
import { formatMigrationUri } from '../../../src/core/migration/encode';
import { parseMigrationUri } from '../../../src/core/migration/google-auth';
import { readFields } from '../../../src/core/migration/protobuf';
import { MIGRATION_LIMITS, migrationProblems, planMigration } from '../../../src/core/migration/plan';
import { anyAccount, migratable, withoutSites } from './arbitraries';

const base = (fields: Partial<AccountInput> = {}): AccountInput => ({
  kind: 'totp', issuer: 'Example', name: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [], ...fields,
});

/** The payload's batch fields (3 size, 4 index, 5 id). */
function batchFields(uri: string): { size: bigint; index: bigint; id: bigint } {
  const data = decodeURIComponent(new URL(uri).searchParams.get('data') ?? '');
  const fields = readFields(Uint8Array.from(Buffer.from(data, 'base64')));
  const get = (n: number): bigint => fields.find((f) => f.number === n)?.varint ?? -1n;
  return { size: get(3), index: get(4), id: get(5) };
}

describe('transfer-code encoder', () => {
  it('round-trips any TOTP/HOTP account (every algorithm, 6/8 digits, counters, UTF-8 names) through the decoder', () => {
    fc.assert(
      fc.property(fc.array(migratable, { minLength: 1, maxLength: 10 }), (accounts) => {
        const uri = formatMigrationUri(accounts, { size: 1, index: 0, id: 7 });
        expect(parseMigrationUri(uri)).toEqual(withoutSites(accounts));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps names with colons whole, with or without an issuer', () => {
    const tricky = [base({ issuer: '', name: 'a:b' }), base({ name: 'Example:alice' }), base({ issuer: 'x:y', name: 'x:y:z' }), base({ issuer: 'Ünï', name: '名前: 🙂' })];
    expect(parseMigrationUri(formatMigrationUri(tricky, { size: 1, index: 0, id: 1 }))).toEqual(tricky);
  });

  it('writes padded base64 with +, / and = percent-encoded, as Google does', () => {
    const uri = formatMigrationUri([base({ secret: 'H7777777777777777777777777777777' })], { size: 1, index: 0, id: 1 });
    expect(uri).toMatch(/^otpauth-migration:\/\/offline\?data=[A-Za-z0-9%]+$/);
  });
});

describe('planMigration: batching', () => {
  it('puts every account in exactly one code, in order, with one batch id and numbered codes', () => {
    fc.assert(
      fc.property(fc.array(migratable, { maxLength: 60 }), fc.integer({ min: 0, max: 0x7fffffff }), (accounts, id) => {
        const plan = planMigration(accounts, id);
        expect(plan.refused).toEqual([]);
        expect(plan.codes.flatMap((c) => c.accounts)).toEqual(accounts.map((_, i) => i));
        plan.codes.forEach((code, index) => {
          expect(batchFields(code.uri)).toEqual({ size: BigInt(plan.codes.length), index: BigInt(index), id: BigInt(id) });
          expect(code.accounts.length).toBeLessThanOrEqual(MIGRATION_LIMITS.maxAccounts);
          if (code.accounts.length > 1) expect(code.uri.length).toBeLessThanOrEqual(MIGRATION_LIMITS.maxUriLength);
          expect(parseMigrationUri(code.uri)).toEqual(withoutSites(code.accounts.map((i) => accounts[i]!)));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('fills codes up to ten short accounts each', () => {
    const accounts = Array.from({ length: 25 }, (_, i) => base({ issuer: 'Ex', name: `u${i}` }));
    expect(planMigration(accounts, 1).codes.map((c) => c.accounts.length)).toEqual([10, 10, 5]);
  });

  it('gives a very long account a code of its own, and refuses one no QR code can hold', () => {
    const long = base({ issuer: 'I'.repeat(256), name: 'N'.repeat(256) });
    const huge = base({ issuer: '名'.repeat(256), name: '前'.repeat(256), secret: 'A'.repeat(400) });
    const plan = planMigration([base(), long, base({ name: 'bob' }), huge], 5);
    expect(plan.codes.map((c) => c.accounts)).toEqual([[0], [1], [2]]);
    expect(plan.refused).toEqual([{ index: 3, problems: ['too_large'] }]);
  });

  it('a set of codes reads back through readImport as one export, nothing missing', async () => {
    const accounts = Array.from({ length: 23 }, (_, i) => base({ kind: i % 2 ? 'hotp' : 'totp', counter: i % 2 ? i : 0, name: `user ${i}` }));
    const text = planMigration(accounts, 99).codes.map((c) => c.uri).join('\n');
    const result = await readImport({ name: 'codes.txt', bytes: new TextEncoder().encode(text) });
    expect(result).toMatchObject({ kind: 'accounts', skipped: [] });
    expect(result.kind === 'accounts' && result.accounts).toEqual(accounts);
  });
});

describe('what a transfer code cannot carry', () => {
  it('leaves out Steam, periods other than 30 s and digit counts other than 6 and 8, saying why', () => {
    const accounts = [
      base({ name: 'fine' }),
      base({ kind: 'steam', digits: 5 }),
      base({ period: 60 }),
      base({ digits: 7, period: 15 }),
      base({ kind: 'hotp', digits: 10, period: 30 }),
      base({ name: 'bound', sites: ['github.com'] }),
      base({ name: 'strong', algorithm: 'SHA512' }),
      base({ name: 'long', digits: 8 }),
    ];
    const plan = planMigration(accounts, 3);
    expect(plan.refused).toEqual([
      { index: 1, problems: ['steam'] },
      { index: 2, problems: ['period'] },
      { index: 3, problems: ['period', 'digits'] },
      { index: 4, problems: ['digits'] },
    ]);
    expect(plan.losingSites).toEqual([5]);
    expect(plan.beyondGoogle).toEqual([6, 7]);
    expect(plan.codes.flatMap((c) => c.accounts)).toEqual([0, 5, 6, 7]);
  });

  it('refuses exactly what the decoder could not give back unchanged', () => {
    fc.assert(
      fc.property(anyAccount, (account) => {
        const problems = migrationProblems(account);
        if (problems.length > 0) return;
        expect(parseMigrationUri(formatMigrationUri([account], { size: 1, index: 0, id: 0 }))).toEqual(withoutSites([account]));
      }),
      { numRuns: 500 },
    );
  });
});
