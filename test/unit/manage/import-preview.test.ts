import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../src/core/account';
import { keepChoices, previewRows, setAllTicked, setBind, setTicked, tickedCount, toWrite } from '../../../src/manage/import/preview';

const account = (fields: Partial<AccountInput>): AccountInput => ({
  kind: 'totp', issuer: 'Example', name: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [], ...fields,
});
const a = account({});
const b = account({ issuer: 'Other', secret: 'GEZDGNBVGY3TQOJQ' });
const sameSecretAsHotp = account({ kind: 'hotp', counter: 3 });
const bound = account({ issuer: 'GitHub', secret: 'MFRGGZDFMZTWQ2LK', sites: ['github.com'] });

describe('the import preview', () => {
  it('unticks accounts already in Twostep and repeats across files, and ticks the rest', () => {
    const rows = previewRows(
      [
        { id: 'f1', source: 'one.json', accounts: [a, b] },
        { id: 'f2', source: 'two.txt', accounts: [a, sameSecretAsHotp, b] },
      ],
      [false, true, false, false, false],
    );
    expect(rows.map((r) => [r.key, r.duplicate, r.ticked])).toEqual([
      ['f1:0', null, true],
      ['f1:1', 'vault', false],
      ['f2:0', 'batch', false],
      // The same secret as HOTP is another account (other codes), as in the vault.
      ['f2:1', null, true],
      ['f2:2', 'batch', false],
    ]);
    expect(toWrite(rows)).toEqual([a, sameSecretAsHotp]);
  });

  it('select all ticks every non-duplicate, none unticks all, and one row can be ticked by hand', () => {
    let rows = previewRows([{ id: 'f', source: 'f', accounts: [a, b] }], [false, true]);
    rows = setAllTicked(rows, false);
    expect(tickedCount(rows)).toBe(0);
    rows = setAllTicked(rows, true);
    expect(rows.map((r) => r.ticked)).toEqual([true, false]);
    rows = setTicked(rows, 'f:1', true);
    expect(tickedCount(rows)).toBe(2);
    expect(toWrite(setTicked(rows, 'f:0', false))).toEqual([b]);
  });

  it('binds to the site a file names only when the user ticks it', () => {
    let rows = previewRows([{ id: 'f', source: 'f', accounts: [bound, a] }], []);
    expect(rows[0]?.bind).toBe(false);
    expect(toWrite(rows)[0]?.sites).toEqual([]);
    rows = setBind(rows, 'f:0', true);
    expect(toWrite(rows)[0]?.sites).toEqual(['github.com']);
    // A row whose file names no site has nothing to bind to.
    rows = setBind(rows, 'f:1', true);
    expect(rows[1]?.bind).toBe(false);
    expect(toWrite(setBind(rows, 'f:0', false))[0]?.sites).toEqual([]);
  });
});

describe('rebuilding the preview', () => {
  it('keeps what the user ticked when another file comes in', () => {
    const first = setBind(setTicked(previewRows([{ id: 'f', source: 'f', accounts: [a, bound] }], []), 'f:0', false), 'f:1', true);
    const next = previewRows(
      [
        { id: 'f', source: 'f', accounts: [a, bound] },
        { id: 'g', source: 'g', accounts: [b] },
      ],
      [],
    );
    const kept = keepChoices(next, first);
    expect(kept.map((r) => [r.key, r.ticked, r.bind])).toEqual([
      ['f:0', false, false],
      ['f:1', true, true],
      ['g:0', true, false],
    ]);
  });

  it('a Twostep backup restores its sites ticked; another app’s file leaves them for the user to tick', () => {
    const restored = previewRows([{ id: 'b', source: 'twostep-backup.json', accounts: [bound, a], ownSites: true }], [false, false]);
    expect(restored.map((r) => r.bind)).toEqual([true, false]);
    expect(toWrite(restored)[0]?.sites).toEqual(['github.com']);
    expect(toWrite(setBind(restored, 'b:0', false))[0]?.sites).toEqual([]);
    const foreign = previewRows([{ id: 'f', source: 'aegis.json', accounts: [bound] }], [false]);
    expect(foreign[0]?.bind).toBe(false);
    expect(toWrite(foreign)[0]?.sites).toEqual([]);
  });
});
