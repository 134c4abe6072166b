/**
 * While unlocked, `storage.session` holds the raw vault key, the decrypted accounts, scanned accounts
 * waiting for confirmation and the pending fill. The attack: code in Twostep's own content-script
 * world (the real inline-button script, running on a page) and code in the page itself try to read
 * it. Neither may: session storage is kept to trusted contexts (the worker and extension pages).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWithSiteAccess, callFromTab, inContentWorld, registeredScripts, wait } from './autofill-helpers';
import { launchExtension, type Extension } from './harness';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SCANNED_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const PAGE = '<!doctype html><meta charset="utf-8"><title>Sign in</title><label>Code <input id="otp" autocomplete="one-time-code" inputmode="numeric"></label>';

/** What a context found when it tried to read session storage (and, as a control, local storage). */
interface Probe {
  storage: string;
  session: string;
  read: string | null;
  error: string | null;
  local: string[] | null;
}

// Runs in the context under attack; a string, so it runs as written in either world.
const PROBE = `(async () => {
  const storage = globalThis.chrome?.storage;
  const out = { storage: typeof storage, session: typeof storage?.session, read: null, error: null, local: null };
  try { out.read = JSON.stringify(await storage.session.get(null)); } catch (e) { out.error = String(e?.message ?? e); }
  try { out.local = Object.keys(await storage.local.get(null)); } catch { out.local = null; }
  return out;
})()`;

async function sessionContents(worker: Worker): Promise<Record<string, unknown>> {
  return worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { session: { get(k: null): Promise<Record<string, unknown>> } } } };
    return chrome.storage.session.get(null);
  });
}

/** Our content-script world in `page`, once the registered script has run there; throws if it never does. */
async function probeContentWorld(page: Page): Promise<Probe> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return (await inContentWorld(page, PROBE)) as Probe;
    } catch (err) {
      if (!String(err).includes('no content script world') || Date.now() > deadline) throw err;
      await wait(200);
    }
  }
}

describe('session storage while unlocked', () => {
  let ext: Extension;
  let server: ReturnType<typeof createServer>;
  let origin: string;

  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://localhost:${(server.address() as AddressInfo).port}`;
    // Site access for localhost, so the inline script (a real content script) runs on the page.
    ext = await launchExtension({ dist: buildWithSiteAccess() });
    const uri = `otpauth://totp/Example:alice?secret=${SECRET}&issuer=Example`;
    await callFromTab(ext, 'accounts.addUri', { uri, site: 'localhost' });
    await callFromTab(ext, 'accounts.list', null);
    await callFromTab(ext, 'settings.set', { inlineButton: true });
    const deadline = Date.now() + 10_000;
    while ((await registeredScripts(ext)).length === 0) {
      if (Date.now() > deadline) throw new Error('the inline script was never registered');
      await wait(100);
    }
  });

  afterAll(async () => {
    await ext?.close({ discard: true });
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  it('holds the key and the decrypted accounts, and a content script cannot read any of it', async () => {
    const worker = await ext.worker();
    // A scanned account waiting for confirmation, as the scan flow leaves it (written as the worker does).
    await worker.evaluate(async (secret) => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { session: { set(v: object): Promise<void> } } } };
      const accounts = [{ kind: 'totp', issuer: 'Scanned', name: 'bob', secret, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [] }];
      await chrome.storage.session.set({ 'scanPending:1': { origin: 'https://example.com', site: 'example.com', accounts, at: Date.now() } });
    }, SCANNED_SECRET);
    // The popup's codes view (codes of the coming minutes) is written in the background: wait for it.
    const viewDeadline = Date.now() + 10_000;
    while (!('codesView' in (await sessionContents(worker)))) {
      if (Date.now() > viewDeadline) throw new Error('the codes view was never written');
      await wait(100);
    }
    // The target exists: the worker sees the raw key, the decrypted secrets and the codes view.
    const contents = await sessionContents(worker);
    expect(Object.keys(contents)).toEqual(expect.arrayContaining(['vaultKey', 'snapshot', 'scanPending:1', 'codesView']));
    const viewCode = (contents.codesView as { accounts: { codes: string[] }[] }).accounts[0]!.codes[0]!;
    const everything = JSON.stringify(contents);
    expect(everything).toContain(SECRET);
    const rawKey = (contents.vaultKey as { key: string }).key;
    expect(rawKey.length).toBeGreaterThan(40);

    const page = await ext.context.newPage();
    await page.goto(`${origin}/login`);
    const probe = await probeContentWorld(page);
    // The control: this really is a content-script world with the storage API (local storage answers).
    expect(probe.storage).toBe('object');
    expect(Array.isArray(probe.local)).toBe(true);
    // The attack: session storage is absent or refuses; nothing of it comes back.
    expect(probe.read).toBeNull();
    expect(probe.session === 'undefined' || probe.error !== null).toBe(true);
    const seen = JSON.stringify(probe);
    for (const secret of [SECRET, SCANNED_SECRET, rawKey]) expect(seen).not.toContain(secret);
    expect(seen).not.toContain(`"${viewCode}"`);
    await page.close();
  });

  it('is not there at all for the page itself', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${origin}/login`);
    const probe = await page.evaluate<Probe>(PROBE);
    expect(probe.storage).toBe('undefined');
    expect(probe.read).toBeNull();
    await page.close();
  });
});
