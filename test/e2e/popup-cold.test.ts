/**
 * The popup opened with the worker stopped, as users mostly open it: it paints from the codes view the
 * worker keeps in `storage.session`, before the worker answers. The codes it paints first must be the
 * right ones for the moment they are shown, across a period boundary and after the view ran out; and
 * after a lock no view is left and the PIN pad shows at once.
 */
import type { Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchExtension, POPUP_URL, type Extension } from './harness';
import { codeIn, hotpAt, rowOf, send, totpAround } from './popup-helpers';
import { TOTP, Secret } from 'otpauth';
import { DB_NAME } from '../../src/background/vault/db';

const SEEDS = [
  { kind: 'totp', issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 },
  { kind: 'totp', issuer: 'Proton', name: 'alice@proton.me', secret: 'MFRGGZDFMZTWQ2LKNNWG23TP', algorithm: 'SHA256', digits: 8, period: 30 },
  { kind: 'totp', issuer: 'Slow', name: 'minute', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA1', digits: 6, period: 60 },
  { kind: 'hotp', issuer: 'Bank', name: 'card', secret: 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF', algorithm: 'SHA1', digits: 6, period: 30 },
] as const;

/** Each row's issuer and code as first painted, and when (page clock), recorded from before the page's own scripts run. */
interface FirstPaint {
  at: number;
  rows: { issuer: string; code: string }[];
}
const RECORD_FIRST_CODES = `(() => {
  const record = () => {
    if (window.__firstCodes) return;
    const rows = [...document.querySelectorAll('[data-testid="account-row"]')];
    if (rows.length === 0 || rows.some((r) => !r.querySelector('[data-testid="code"]'))) return;
    window.__firstCodes = { at: Date.now(), rows: rows.map((r) => ({
      issuer: r.querySelector('[data-testid="issuer"]')?.textContent ?? '',
      code: (r.querySelector('[data-testid="code"]')?.textContent ?? '').replace(/\\s/g, ''),
    })) };
  };
  // What the popup's root showed first: 'list' when its first render already holds the codes.
  const firstView = () => {
    const app = document.querySelector('.app[data-view]');
    if (app && window.__firstView === undefined) window.__firstView = app.getAttribute('data-view');
  };
  new MutationObserver(() => { firstView(); record(); }).observe(document, { childList: true, subtree: true, characterData: true });
})()`;

/** Every issuer and code any row ever showed in the page, from before its own scripts run. */
const RECORD_EVERY_ROW = `(() => {
  const seen = (window.__rowsSeen = []);
  new MutationObserver(() => {
    for (const r of document.querySelectorAll('[data-testid="account-row"]')) {
      const issuer = r.querySelector('[data-testid="issuer"]')?.textContent ?? '';
      const code = (r.querySelector('[data-testid="code"]')?.textContent ?? '').replace(/\\s/g, '');
      if (!seen.some((x) => x.issuer === issuer && x.code === code)) seen.push({ issuer, code });
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
})()`;

const expectedAt = (seed: (typeof SEEDS)[number], at: number): string =>
  seed.kind === 'hotp'
    ? hotpAt(seed, 0)
    : new TOTP({ secret: Secret.fromBase32(seed.secret), algorithm: seed.algorithm, digits: seed.digits, period: seed.period }).generate({ timestamp: at });

async function sessionItems(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() => (globalThis as unknown as { chrome: { storage: { session: { get(k: null): Promise<Record<string, unknown>> } } } }).chrome.storage.session.get(null));
}

const marks = (page: Page) =>
  page.evaluate<Record<string, number>>(
    `Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('twostep:')).map((m) => [m.name, m.startTime]))`,
  );

/**
 * Holds the vault's IndexedDB from `page` (an extension page, same origin as the worker) in a
 * read-write transaction over every store, kept open by a chain of requests, until `release`: the
 * worker's read of the vault waits behind it, so a test can know the worker has not answered yet.
 */
const HOLD_VAULT = `new Promise((resolve, reject) => {
  const open = indexedDB.open(${JSON.stringify(DB_NAME)});
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    const names = Array.from(db.objectStoreNames);
    if (names.length === 0) return reject(new Error('no vault stores: the name or the schema changed'));
    const store = db.transaction(names, 'readwrite').objectStore(names[0]);
    globalThis.__vaultHeld = true;
    const spin = () => {
      if (globalThis.__vaultHeld) store.count().onsuccess = spin;
      else db.close();
    };
    spin();
    resolve(names.length);
  };
})`;
const holdVault = async (page: Page): Promise<{ release: () => Promise<void> }> => {
  expect(await page.evaluate<number>(HOLD_VAULT)).toBeGreaterThan(0);
  return { release: () => page.evaluate('void (globalThis.__vaultHeld = false)') };
};

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the popup with the worker stopped', () => {
  let ext: Extension;
  let setup: Page;

  beforeEach(async () => {
    ext = await launchExtension();
    await ext.context.addInitScript(RECORD_FIRST_CODES);
    setup = await ext.openPopup();
    for (const seed of SEEDS) {
      const reply = (await send(setup, 'accounts.add', { input: { counter: 0, sites: [], ...seed } })) as { ok: boolean };
      if (!reply.ok) throw new Error(`seeding ${seed.issuer} failed`);
    }
    await waitFor('the codes view', async () => {
      const view = (await sessionItems(setup)).codesView as { accounts?: unknown[] } | undefined;
      return view?.accounts?.length === SEEDS.length;
    });
  });
  afterEach(async () => {
    await ext?.close({ discard: true });
  });

  /** Stops the worker, opens the popup at once and returns the codes it painted first, checked against the time they were painted. */
  async function openCold(): Promise<{ page: Page; first: FirstPaint }> {
    await ext.stopWorker();
    const page = await ext.context.newPage();
    await page.goto(POPUP_URL);
    const first = await waitFor('the first codes', () => page.evaluate<FirstPaint | undefined>('window.__firstCodes'));
    expect(first.rows.map((r) => r.issuer).sort()).toEqual(SEEDS.map((s) => s.issuer).sort());
    for (const row of first.rows) {
      const seed = SEEDS.find((s) => s.issuer === row.issuer)!;
      expect(row.code, `${seed.issuer} as first painted`).toBe(expectedAt(seed, first.at));
    }
    return { page, first };
  }

  it('paints the right codes from the stored view before the worker has answered', async () => {
    const { page } = await openCold();
    const m = await marks(page);
    expect(m['twostep:view-read']).toBeDefined();
    // Painted from the view: the codes were on screen before the worker's list arrived.
    await waitFor('the worker list', async () => (await marks(page))['twostep:list-received']);
    const after = await marks(page);
    expect(after['twostep:codes-shown']).toBeLessThan(after['twostep:list-received']!);
  });

  it('shows the codes in its first render and wakes the worker only after painting them', async () => {
    const { page } = await openCold();
    expect(await page.evaluate('window.__firstView')).toBe('list');
    // The worker's start competes with the popup for the machine's cores: it must come after the paint.
    const worker = await ext.worker();
    const [workerStart, pageStart] = await Promise.all([worker.evaluate<number>('performance.timeOrigin'), page.evaluate<number>('performance.timeOrigin')]);
    const m = await marks(page);
    expect(workerStart - pageStart).toBeGreaterThan(m['twostep:codes-shown']!);
  });

  it('picks the next period\'s codes from the view after a boundary passed since it was written', async () => {
    const written = ((await sessionItems(setup)).codesView as { at: number }).at;
    const boundary = Math.ceil((written + 1) / 60_000) * 60_000; // past every seed's next boundary (30 and 60 s)
    // Bounded: at most one minute, the longest period here.
    await waitFor('the period boundary', () => Promise.resolve(Date.now() > boundary + 200), 65_000);
    const { first } = await openCold();
    expect(first.at).toBeGreaterThan(boundary);
    // Control: what was current when the view was written is not what is shown now.
    const github = SEEDS[0];
    expect(totpAround(github, written)[1]).not.toBe(first.rows.find((r) => r.issuer === 'GitHub')!.code);
  }, 90_000);

  it('shows nothing of a view whose periods ran out, and the worker\'s right codes instead', async () => {
    // The view as it would be long after it was written: shifted 20 minutes into the past.
    await setup.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } } };
      const view = (await chrome.storage.session.get('codesView')).codesView as { at: number; until: number; accounts: { start: number; kind: string }[] };
      const shift = 20 * 60_000;
      const old = { ...view, at: view.at - shift, until: view.until - shift, accounts: view.accounts.map((a) => ({ ...a, start: a.start - shift })) };
      await chrome.storage.session.set({ codesView: old });
    });
    const { page } = await openCold();
    expect((await marks(page))['twostep:view-read']).toBeUndefined();
  });

  it('leaves no view after a lock, and shows the PIN pad at once with the worker stopped', async () => {
    expect((await send(setup, 'vault.setPin', { next: '246810', kind: 'pin', current: null })) as { ok: boolean }).toMatchObject({ ok: true });
    expect((await send(setup, 'vault.lock', null)) as { ok: boolean }).toMatchObject({ ok: true });
    const items = await sessionItems(setup);
    expect(items.codesView).toBeUndefined();
    expect(JSON.stringify(items)).not.toMatch(/"codes"/);
    await ext.stopWorker();
    const page = await ext.context.newPage();
    await page.goto(POPUP_URL);
    await page.getByTestId('unlock-input').waitFor();
    const m = await waitFor('the unlock mark', async () => {
      const all = await marks(page);
      return all['twostep:unlock-shown'] !== undefined && all;
    });
    // Shown before the worker's state arrived (it comes, but later).
    const state = await waitFor('the worker state', async () => (await marks(page))['twostep:state-received']);
    expect(m['twostep:unlock-shown']).toBeLessThan(state);
    expect(await page.getByTestId('account-row').count()).toBe(0);
    expect(await page.evaluate('window.__firstCodes')).toBeUndefined();
  });

  // A write changes the list the stored view holds: a popup opened right after it, before the view is
  // written again (or with the worker stopped before it could be), must never paint the old list.
  for (const worker of ['running', 'stopped'] as const) {
    it(`never paints a list a write just changed (deleted, renamed, an HOTP code used), worker ${worker}`, async () => {
      const list = (await send(setup, 'accounts.list', null)) as { ok: boolean; value: { id: string; issuer: string }[] };
      const id = (issuer: string) => list.value.find((a) => a.issuer === issuer)!.id;
      for (const [method, arg] of [
        ['accounts.remove', { id: id('Slow') }],
        ['accounts.update', { id: id('Proton'), patch: { issuer: 'Proton Mail' } }],
        ['accounts.hotpNext', { id: id('Bank') }],
      ] as const) {
        expect((await send(setup, method, arg)) as { ok: boolean }, method).toMatchObject({ ok: true });
      }
      if (worker === 'stopped') await ext.stopWorker();
      await ext.context.addInitScript(RECORD_EVERY_ROW);
      const page = await ext.context.newPage();
      await page.goto(POPUP_URL);
      await waitFor('the worker list', async () => (await marks(page))['twostep:list-received']);
      await page.getByTestId('account-row').first().waitFor();
      const seen = await page.evaluate<{ issuer: string; code: string }[]>('window.__rowsSeen');
      const issuers = [...new Set(seen.map((r) => r.issuer))].sort();
      expect(issuers).toEqual(['Bank', 'GitHub', 'Proton Mail']);
      const bank = SEEDS[3];
      expect(seen.filter((r) => r.issuer === 'Bank').map((r) => r.code)).toEqual([hotpAt(bank, 1)]);
    });
  }
});

// The stored view holds the first screen's accounts; the rest is a second item the popup reads once
// that screen is drawn (core/codes-view/view.ts). Both must show the right codes, and nothing may be missing.
describe('the popup with the worker stopped and more accounts than the first screen', () => {
  const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const MANY = Array.from({ length: 40 }, (_, i) => ({
    kind: 'totp', issuer: `Acct ${String(i).padStart(2, '0')}`, name: `user${i}`, algorithm: 'SHA1' as const, digits: i % 2 ? 6 : 8, period: i % 3 ? 30 : 60,
    secret: Array.from({ length: 16 }, (_, k) => BASE32[(i * 7 + k * 13 + ((i * k) % 5)) % 32]).join(''),
  }));
  let ext: Extension;
  let setup: Page;

  beforeEach(async () => {
    ext = await launchExtension();
    setup = await ext.openPopup();
    for (const input of MANY) expect((await send(setup, 'accounts.add', { input: { counter: 0, sites: [], ...input } })) as { ok: boolean }).toMatchObject({ ok: true });
    await waitFor('both parts of the codes view', async () => {
      const items = await sessionItems(setup);
      const head = items.codesView as { accounts?: unknown[]; more?: number } | undefined;
      const rest = items.codesViewRest as { accounts?: unknown[] } | undefined;
      return head?.accounts?.length === 24 && head.more === 16 && rest?.accounts?.length === 16;
    });
  });
  afterEach(async () => {
    await ext?.close({ discard: true });
  });

  it('holds no secret in either part, and paints every account with its right code from them', async () => {
    const { codesView, codesViewRest } = await sessionItems(setup);
    const stored = JSON.stringify([codesView, codesViewRest]);
    expect(stored).not.toMatch(/"secret"/);
    for (const m of MANY) expect(stored).not.toContain(m.secret);
    await ext.context.addInitScript(RECORD_EVERY_ROW);
    let fromStorage = 0;
    for (let open = 0; open < 3; open++) {
      await ext.stopWorker();
      // The first two opens hold the worker's vault read back, so the rest must come from storage;
      // the last races the worker as a user's popup does.
      const held = open < 2 ? await holdVault(setup) : null;
      const page = await ext.context.newPage();
      await page.setViewportSize({ width: 360, height: 600 });
      await page.goto(POPUP_URL);
      if (held) {
        await waitFor('the rest from storage', async () => (await marks(page))['twostep:rest-read'] !== undefined);
        expect((await marks(page))['twostep:list-received']).toBeUndefined();
        await held.release();
      }
      const m = await waitFor('the worker list', async () => {
        const all = await marks(page);
        return all['twostep:list-received'] !== undefined && all;
      });
      expect(m['twostep:codes-shown']).toBeLessThan(m['twostep:list-received']!);
      if (m['twostep:rest-read'] !== undefined && m['twostep:rest-read'] < m['twostep:list-received']!) fromStorage++;
      // Every row ever shown, from either part of the view or from the worker, showed its right code.
      const seen = await page.evaluate<{ issuer: string; code: string }[]>('window.__rowsSeen');
      for (const row of seen) {
        const seed = MANY.find((s) => s.issuer === row.issuer);
        expect(seed, row.issuer).toBeDefined();
        expect(totpAround(seed!), `${row.issuer} as shown`).toContain(row.code);
      }
      // The last account, beyond the first screen, is there: found by a search as a person would.
      await page.getByRole('searchbox').fill('Acct 39');
      await expect.poll(async () => totpAround(MANY[39]!).includes(await codeIn(rowOf(page, 'Acct 39')))).toBe(true);
      await page.close();
    }
    expect(fromStorage).toBeGreaterThanOrEqual(2);
  });

  it('shows no rest of an earlier list: a delete withdraws both parts before it replies', async () => {
    const list = (await send(setup, 'accounts.list', null)) as { value: { id: string; issuer: string }[] };
    const last = list.value.find((a) => a.issuer === 'Acct 39')!;
    expect((await send(setup, 'accounts.remove', { id: last.id })) as { ok: boolean }).toMatchObject({ ok: true });
    const items = await sessionItems(setup);
    expect(items.codesView).toBeUndefined();
    expect(items.codesViewRest).toBeUndefined();
    await ext.stopWorker();
    await ext.context.addInitScript(RECORD_EVERY_ROW);
    const page = await ext.context.newPage();
    await page.goto(POPUP_URL);
    await waitFor('the worker list', async () => (await marks(page))['twostep:list-received']);
    await page.getByRole('searchbox').fill('Acct 39');
    await expect.poll(() => page.getByTestId('account-row').count()).toBe(0);
    const seen = await page.evaluate<{ issuer: string }[]>('window.__rowsSeen');
    expect(seen.map((r) => r.issuer)).not.toContain('Acct 39');
  });
});
