/**
 * The plain exports (otpauth:// list, Aegis JSON) must be read back by Twostep's own importer (and so
 * by the apps whose format it reads) to exactly the accounts written, sites aside.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../src/core/account';
import { formatAegisJson } from '../../../src/core/export/aegis';
import { formatOtpauthList } from '../../../src/core/export/otpauth-list';
import { readImport } from '../../../src/core/import';
import { FIXTURES } from '../qr-fixtures';
import { anyAccount, withoutSites } from './arbitraries';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
let n = 0;
const uuid = (): string => `00000000-0000-4000-8000-${String(n++).padStart(12, '0')}`;

async function readBack(name: string, text: string): Promise<{ format: string; accounts: AccountInput[] }> {
  const result = await readImport({ name, bytes: bytes(text) });
  if (result.kind !== 'accounts') throw new Error(`${name}: ${result.kind}`);
  expect(result.skipped).toEqual([]);
  return result;
}

describe('plain exports read back by readImport', () => {
  it('an otpauth:// list gives back every account of every kind', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyAccount, { minLength: 1, maxLength: 20 }), async (accounts) => {
        const back = await readBack('twostep.txt', formatOtpauthList(accounts));
        expect(back.format).toBe('otpauth-list');
        expect(back.accounts).toEqual(withoutSites(accounts));
      }),
      { numRuns: 300 },
    );
  });

  it('an Aegis JSON gives back every account of every kind, read as Aegis', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(anyAccount, { minLength: 1, maxLength: 20 }), async (accounts) => {
        const back = await readBack('aegis.json', formatAegisJson(accounts, uuid));
        expect(back.format).toBe('aegis');
        expect(back.accounts).toEqual(withoutSites(accounts));
      }),
      { numRuns: 300 },
    );
  });

  it('the Aegis JSON has the shape of a real Aegis plain export (header without slots, entries with uuid and info)', () => {
    const fixture = JSON.parse(readFileSync(path.join(FIXTURES, 'import/aegis/aegis_plain.json'), 'utf8')) as {
      header: unknown;
      db: { entries: Record<string, unknown>[] };
    };
    const account: AccountInput = { kind: 'hotp', issuer: 'Ex', name: 'a', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 3, sites: [] };
    const ours = JSON.parse(formatAegisJson([account], uuid)) as { version: number; header: unknown; db: { version: number; entries: Record<string, unknown>[] } };
    expect(ours.version).toBe(1);
    expect(ours.header).toEqual(fixture.header);
    const fixtureHotp = fixture.db.entries.find((e) => e.type === 'hotp') ?? {};
    for (const key of ['type', 'uuid', 'name', 'issuer', 'icon', 'info']) expect(Object.keys(ours.db.entries[0] ?? {})).toContain(key);
    expect(Object.keys((ours.db.entries[0]?.info ?? {})).sort()).toEqual(Object.keys((fixtureHotp.info ?? {})).sort());
  });
});
