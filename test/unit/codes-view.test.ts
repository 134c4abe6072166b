import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/core/account';
import { buildCodesView } from '../../src/core/codes-view/build';
import { parseCodesView, restAt, splitCodesView, startupPaint, viewAt, type CodesView, type RestStamp } from '../../src/core/codes-view/view';
import { generateCodes } from '../../src/core/otp';
import { sortAccounts as sortVault } from '../../src/background/vault/records';
import { sortAccounts } from '../../src/popup/format';

const SECRET = 'JBSWY3DPEHPK3PXP';
const account = (over: Partial<Account>): Account => ({
  id: 'a1', kind: 'totp', issuer: 'GitHub', name: 'alice', secret: SECRET, algorithm: 'SHA1', digits: 6,
  period: 30, counter: 0, sites: ['github.com'], createdAt: 1, updatedAt: 2, ...over,
});
const ACCOUNTS: Account[] = [
  account({}),
  account({ id: 'a2', kind: 'steam', issuer: 'Steam', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', digits: 5 }),
  account({ id: 'a3', kind: 'totp', issuer: 'Proton', algorithm: 'SHA256', digits: 8, period: 60, secret: 'MFRGGZDFMZTWQ2LKNNWG23TP' }),
  account({ id: 'a4', kind: 'hotp', issuer: 'Bank', counter: 7 }),
];
const T0 = 1_700_000_012_345; // 12.345 s into a 30 s period
const HORIZON = 10 * 60_000;

/** What the worker itself would answer at `t` (background/views.ts computes exactly this). */
const expected = (a: Account, t: number) => generateCodes(a, t);

describe('codes view: the code to show at a moment', () => {
  const view = buildCodesView(ACCOUNTS, T0, HORIZON);

  it('gives every account the code the worker would compute, at many moments up to the horizon', () => {
    for (let t = T0; t < T0 + HORIZON; t += 7_919) {
      const shown = viewAt(view, t);
      expect(shown, `at ${t}`).not.toBeNull();
      for (const a of ACCOUNTS) {
        const row = shown!.find((s) => s.id === a.id)!;
        const want = expected(a, a.kind === 'hotp' ? T0 : t);
        expect(row.codes.code, `${a.id} at ${t}`).toBe(want.code);
        expect(row.codes.next).toBe(want.next);
        if (a.kind !== 'hotp') expect([row.codes.validFrom, row.codes.validUntil]).toEqual([want.validFrom, want.validUntil]);
      }
    }
  });

  it('switches code exactly at a period boundary', () => {
    const boundary = Math.ceil(T0 / 30_000) * 30_000;
    const before = viewAt(view, boundary - 1)!.find((s) => s.id === 'a1')!;
    const after = viewAt(view, boundary)!.find((s) => s.id === 'a1')!;
    expect(before.codes.code).toBe(expected(ACCOUNTS[0]!, boundary - 1).code);
    expect(after.codes.code).toBe(expected(ACCOUNTS[0]!, boundary).code);
    expect(after.codes.code).toBe(before.codes.next);
    expect(after.codes.validFrom).toBe(boundary);
  });

  it('shows nothing once the cached periods run out, nor before the first one (a clock set back)', () => {
    expect(viewAt(view, view.until - 1)).not.toBeNull();
    expect(viewAt(view, view.until)).toBeNull();
    expect(viewAt(view, view.until + 3_600_000)).toBeNull();
    expect(viewAt(view, T0 - 60_000)).toBeNull();
    expect(view.until).toBeGreaterThanOrEqual(T0 + HORIZON);
  });

  it('never computes an HOTP code ahead of the counter: one code, the stored counter\'s, and no next', () => {
    const hotp = view.accounts.find((a) => a.kind === 'hotp')!;
    expect(hotp.codes).toBe(expected(ACCOUNTS[3]!, T0).code);
    expect(hotp.codes).not.toContain(generateCodes({ ...ACCOUNTS[3]!, counter: 8 }, T0).code);
    const row = viewAt(view, T0 + 60_000)!.find((s) => s.id === 'a4')!;
    expect(row.codes).toMatchObject({ next: null, validUntil: null });
  });

  it('holds no secret, in any field, even when the account object carries extra fields', () => {
    const leaky = { ...account({}), secret: SECRET, key: 'SECRET-KEY-MATERIAL' } as Account;
    const text = JSON.stringify(buildCodesView([...ACCOUNTS, leaky], T0, HORIZON));
    for (const a of ACCOUNTS) expect(text).not.toContain(a.secret);
    expect(text).not.toContain('SECRET-KEY-MATERIAL');
    expect(text).not.toMatch(/"secret"/);
  });

  it('survives storage as JSON, and anything of another shape is no view', () => {
    const stored: unknown = JSON.parse(JSON.stringify(view));
    expect(parseCodesView(stored)).toEqual(view);
    expect(parseCodesView(null)).toBeNull();
    // The first version's shape (a list of codes) is no view: an update never reads it as this one.
    expect(parseCodesView({ ...view, v: 1 })).toBeNull();
    expect(parseCodesView({ ...view, accounts: [{ ...view.accounts[0], codes: ['123456'] }] })).toBeNull();
    // Codes that do not divide into whole codes of the account's width.
    expect(parseCodesView({ ...view, accounts: [{ ...view.accounts[0], codes: '1234567' }] })).toBeNull();
  });

  it('cuts the one string into codes of the account\'s width: 6 and 8 digits, Steam\'s 5 letters', () => {
    for (const a of ACCOUNTS) {
      const entry = view.accounts.find((e) => e.id === a.id)!;
      const width = a.kind === 'steam' ? 5 : a.digits;
      expect(entry.codes.length % width, a.id).toBe(0);
      const row = viewAt(view, T0)!.find((r) => r.id === a.id)!;
      expect(row.codes.code).toHaveLength(width);
      expect(row.codes.code).toBe(expected(a, T0).code);
    }
  });

  it('gives an account whose codes would not cut evenly no codes, so nothing of the view is painted', () => {
    const odd = account({ id: 'odd', digits: 7 });
    const built = buildCodesView([odd], T0, HORIZON);
    // A 7-digit code is 7 characters: this one cuts evenly and is right.
    expect(viewAt(built, T0)![0]!.codes.code).toBe(expected(odd, T0).code);
    // A view whose string is one character short at the end runs out one period early, never shifts.
    const short = { ...built, accounts: [{ ...built.accounts[0]!, codes: built.accounts[0]!.codes.slice(0, -1) }] };
    expect(parseCodesView(JSON.parse(JSON.stringify(short)))).toBeNull();
  });
});

describe('codes view: what the popup paints before the worker answers', () => {
  const view: CodesView = buildCodesView(ACCOUNTS, T0, HORIZON);
  const items = { view, lastUse: T0, protection: 'pin' as const, autoLockMinutes: 15 };

  it('paints codes from a view that reaches now', () => {
    const paint = startupPaint(items, T0 + 60_000);
    expect(paint.kind).toBe('codes');
  });
  it('shows the unlock screen when a PIN is set and there is no view (a lock removed it)', () => {
    expect(startupPaint({ ...items, view: undefined }, T0)).toEqual({ kind: 'locked' });
  });
  it('shows no codes of a PIN vault past its idle deadline, even with the view still there', () => {
    expect(startupPaint(items, T0 + 15 * 60_000)).toEqual({ kind: 'locked' });
    expect(startupPaint({ ...items, autoLockMinutes: 0 }, T0 + 9 * 60_000).kind).toBe('codes');
  });
  it('waits for the worker when the view ran out, or without PIN and view', () => {
    expect(startupPaint({ ...items, autoLockMinutes: 0 }, view.until)).toEqual({ kind: 'wait' });
    expect(startupPaint({ ...items, view: undefined, protection: null }, T0)).toEqual({ kind: 'wait' });
  });
});

describe('codes view: stored in list order, so a cold popup paints it without sorting', () => {
  it('orders by service name (the account name when there is none), then name, then age, in the user\'s collation', () => {
    const mixed: Account[] = [
      account({ id: 'b1', issuer: 'site 10', name: 'x' }),
      account({ id: 'b2', issuer: '', name: 'bob' }),
      account({ id: 'b3', issuer: 'Äpfel', name: 'z' }),
      account({ id: 'b4', issuer: 'Site 2', name: 'x' }),
      account({ id: 'b5', issuer: 'apfel', name: 'a' }),
      account({ id: 'b6', issuer: 'GitHub', name: 'alice', createdAt: 9 }),
      account({ id: 'b7', issuer: 'GitHub', name: 'alice', createdAt: 3 }),
    ];
    const order = buildCodesView(mixed, T0, HORIZON).accounts.map((a) => a.id);
    expect(order).toEqual(['b5', 'b3', 'b2', 'b7', 'b6', 'b4', 'b1']);
    // The popup's own sort (used for every later list) agrees with the stored order.
    expect(sortAccounts(mixed).map((a) => a.id)).toEqual(order);
    // And so does the worker's vault order, in place.
    expect(sortVault([...mixed]).map((a) => a.id)).toEqual(order);
  });
});

describe('codes view: stored as the first screen and the rest, read in two steps', () => {
  // 50 accounts of every kind, in the order the worker stores them.
  const many: Account[] = Array.from({ length: 50 }, (_, i) =>
    i % 10 === 3 ? account({ id: `m${i}`, issuer: `S${String(i).padStart(2, '0')}`, kind: 'hotp', counter: i })
      : i % 10 === 7 ? account({ id: `m${i}`, issuer: `S${String(i).padStart(2, '0')}`, kind: 'steam', digits: 5 })
        : account({ id: `m${i}`, issuer: `S${String(i).padStart(2, '0')}`, period: i % 2 ? 30 : 60, digits: i % 3 ? 6 : 8 }));
  const full = buildCodesView(many, T0, HORIZON);
  const { head, rest } = splitCodesView(full, 12);
  const stored = (x: unknown): unknown => JSON.parse(JSON.stringify(x));
  const items = { view: stored(head), lastUse: T0, protection: null, autoLockMinutes: 15 };

  it('paints the first accounts, then the rest, together the whole list with every code the worker would compute', () => {
    for (let t = T0; t < T0 + HORIZON; t += 31_337) {
      const paint = startupPaint(items, t);
      if (paint.kind !== 'codes') throw new Error(`no codes at ${t}`);
      expect(paint.accounts.map((a) => a.id)).toEqual(full.accounts.slice(0, 12).map((a) => a.id));
      expect(paint.rest).toEqual({ at: full.at, until: full.until, count: 38 });
      const later = restAt(paint.rest!, stored(rest), t + 40);
      expect(later).not.toBeNull();
      const all = [...paint.accounts, ...later!];
      expect(all.map((a) => a.id)).toEqual(full.accounts.map((a) => a.id));
      for (const row of all) {
        const a = many.find((m) => m.id === row.id)!;
        const at = paint.accounts.includes(row) ? t : t + 40;
        expect(row.codes.code, `${row.id} at ${at}`).toBe(expected(a, a.kind === 'hotp' ? T0 : at).code);
      }
    }
  });

  it('needs no second read when every account fits the first screen', () => {
    const small = splitCodesView(buildCodesView(ACCOUNTS, T0, HORIZON), 24);
    expect(small.head.more).toBe(0);
    const paint = startupPaint({ ...items, view: stored(small.head) }, T0);
    expect(paint).toMatchObject({ kind: 'codes', rest: null });
  });

  it('joins no rest of another write, another length, another shape, or past the view\'s end', () => {
    const stamp: RestStamp = { at: full.at, until: full.until, count: rest.accounts.length };
    expect(restAt(stamp, stored(rest), T0)).not.toBeNull();
    // Written later, after a change: another list, though it may look alike.
    const newer = splitCodesView(buildCodesView(many.slice(1), T0 + 5_000, HORIZON), 12).rest;
    expect(restAt(stamp, stored(newer), T0 + 6_000)).toBeNull();
    expect(restAt(stamp, { ...stored(rest) as object, at: full.at + 1 }, T0)).toBeNull();
    expect(restAt(stamp, { ...rest, accounts: rest.accounts.slice(1) }, T0)).toBeNull();
    expect(restAt(stamp, { ...rest, accounts: [...rest.accounts.slice(1), { ...rest.accounts[0], codes: '12345' }] }, T0)).toBeNull();
    expect(restAt(stamp, { ...rest, v: 2 }, T0)).toBeNull();
    // Gone (a lock or a write withdrew it) or damaged.
    expect(restAt(stamp, undefined, T0)).toBeNull();
    expect(restAt(stamp, 'x', T0)).toBeNull();
    expect(restAt(stamp, stored(rest), full.until)).toBeNull();
  });

  it('stores in the first item only what the first screen needs: a thousand accounts\' view stays small', () => {
    const thousand = Array.from({ length: 1000 }, (_, i) => account({ id: `k${i}`, issuer: `Service ${i}` }));
    const split = splitCodesView(buildCodesView(thousand, T0, HORIZON), 24);
    expect(split.head.accounts).toHaveLength(24);
    expect(split.head.more).toBe(976);
    expect(JSON.stringify(split.head).length).toBeLessThan(JSON.stringify(split.rest).length / 30);
    expect(parseCodesView(stored(split.head))).toEqual(split.head);
  });
});
