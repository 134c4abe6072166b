/**
 * The attack on a PIN: copy the profile of a closed browser and read Twostep's IndexedDB straight
 * from the LevelDB files (profile-attack.ts), deleted values included. Chromium keeps overwritten
 * values in those files until a compaction merges them away; after a first PIN or passphrase Twostep
 * forces that (src/background/vault/scrub.ts), so no account may decrypt with anything found there,
 * and the device key written before the PIN must be gone from every file.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_EXTENSION_ID } from '../../scripts/extension-key';
import { launchExtension, type Extension } from './harness';
import { attack, extensionIdbDir, foundAnywhere } from './profile-attack';
import { readLevelDb } from './leveldb-reader';
import { send } from './popup-helpers';

const BEFORE = { issuer: 'BeforePin', secret: 'JBSWY3DPEHPK3PXP' };
const AFTER = [
  { issuer: 'AfterPinOne', secret: 'GEZDGNBVGY3TQOJQ' },
  { issuer: 'AfterPinTwo', secret: 'MFRGGZDFMZTWQ2LK' },
];

function inputOf(a: { issuer: string; secret: string }) {
  return { kind: 'totp', issuer: a.issuer, name: 'alice', secret: a.secret, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: [] };
}

/** Runs in the worker: create a scratch database and delete it, after which Chromium flushes the log. */
function flushByDeletingScratchDb(): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('scratch-flush', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('s');
    open.onerror = () => reject(new Error('open failed'));
    open.onsuccess = () => {
      open.result.close();
      const del = indexedDB.deleteDatabase('scratch-flush');
      del.onsuccess = () => resolve();
      del.onerror = () => reject(new Error('delete failed'));
    };
  });
}

async function untilTableExists(dir: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!readdirSync(dir).some((f) => f.endsWith('.ldb'))) {
    if (Date.now() > deadline) throw new Error(`LevelDB wrote no table in ${dir}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Whether the worker still owes a scrub (src/background/vault/scrub-mark.ts). */
async function scrubOwed(ext: Extension): Promise<boolean> {
  return (await ext.worker()).evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>> } } } };
    return (await chrome.storage.local.get('levelDbScrubOwed')).levelDbScrubOwed === true;
  });
}

async function must(reply: Promise<unknown>): Promise<void> {
  const r = (await reply) as { ok: boolean };
  if (!r.ok) throw new Error(`call failed: ${JSON.stringify(r)}`);
}

/** Closes the browser, copies its profile and attacks the copy: it must open nothing at all. */
async function expectCopyOpensNothing(ext: Extension, cleanup: string[]): Promise<void> {
  const copy = await copyOfProfile(ext);
  cleanup.push(copy);
  const loot = await attack(extensionIdbDir(copy, TEST_EXTENSION_ID));
  // The reader did read values (a reader that finds nothing would pass for the wrong reason).
  expect(loot.values).toBeGreaterThan(0);
  expect(loot.vaultKeys).toBe(0);
  expect(loot.accounts).toEqual([]);
}

/** Closes the browser and copies its profile, as someone with the disk (or a backup) would. */
async function copyOfProfile(ext: Extension): Promise<string> {
  await ext.close();
  const copy = mkdtempSync(join(tmpdir(), 'twostep-stolen-'));
  cpSync(ext.profileDir, copy, { recursive: true });
  return copy;
}

describe('a copied profile', () => {
  const cleanup: string[] = [];
  afterEach(() => {
    for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('use Twostep, then set a PIN: no account decrypts from a copy, not even one from before the PIN', async () => {
    let ext = await launchExtension();
    cleanup.push(ext.profileDir);
    let page = await ext.openPopup();
    await must(send(page, 'accounts.add', { input: inputOf(BEFORE) }));
    // A copy taken before the PIN opens: this is where the reader learns the device key and the old
    // vault key, so it can look for them again later.
    const early = await copyOfProfile(ext);
    cleanup.push(early);
    const before = await attack(extensionIdbDir(early, TEST_EXTENSION_ID));
    expect(before.accounts.map((a) => a.issuer)).toEqual([BEFORE.issuer]);
    expect(before.openers.length).toBeGreaterThanOrEqual(2);

    ext = await launchExtension({ profileDir: ext.profileDir });
    page = await ext.openPopup();
    await must(send(page, 'vault.setPin', { next: '482916', kind: 'pin', current: null }));
    for (const a of AFTER) await must(send(page, 'accounts.add', { input: inputOf(a) }));
    const copy = await copyOfProfile(ext);
    cleanup.push(copy);
    const fromLog = await attack(extensionIdbDir(copy, TEST_EXTENSION_ID));

    // Later LevelDB flushes its log into a Snappy-compressed table: read such a copy too. (Deleting a
    // database makes Chromium flush; measured with Chromium 156. Only the log to table step matters here.)
    const again = await launchExtension({ profileDir: ext.profileDir });
    await (await again.worker()).evaluate(flushByDeletingScratchDb);
    await untilTableExists(extensionIdbDir(ext.profileDir, TEST_EXTENSION_ID));
    await again.close();
    const later = await copyOfProfile({ ...ext, close: () => Promise.resolve() });
    cleanup.push(later);
    const fromTable = await attack(extensionIdbDir(later, TEST_EXTENSION_ID));
    expect(fromTable.fromTables).toBeGreaterThan(0);

    for (const [loot, dir] of [[fromLog, copy], [fromTable, later]] as const) {
      // The reader still reads the vault (so it would find the keys if they were there) ...
      expect(loot.values).toBeGreaterThan(0);
      // ... but the device key and the old vault key are gone from every file (vault/scrub.ts), so
      // nothing decrypts: not the accounts added after the PIN, and not the one from before it.
      expect(loot.vaultKeys).toBe(0);
      expect(loot.keysThatOpenedSomething).toBe(0);
      expect(loot.accounts).toEqual([]);
      const idb = extensionIdbDir(dir, TEST_EXTENSION_ID);
      for (const key of before.openers) expect(foundAnywhere(idb, key)).toBe(false);
    }
  }, 180_000);

  it('a passphrase set before the first account: no account decrypts', async () => {
    const ext = await launchExtension();
    cleanup.push(ext.profileDir);
    const page = await ext.openPopup();
    await must(send(page, 'vault.setPin', { next: 'correct horse battery', kind: 'passphrase', current: null }));
    for (const a of [BEFORE, ...AFTER]) await must(send(page, 'accounts.add', { input: inputOf(a) }));
    // The vault was created with a device slot on first open; the scrub after the passphrase removed it.
    await expectCopyOpensNothing(ext, cleanup);
  }, 120_000);

  it('a scrub that could not finish runs again at the next worker start', async () => {
    const ext = await launchExtension();
    cleanup.push(ext.profileDir);
    const page = await ext.openPopup();
    await must(send(page, 'accounts.add', { input: inputOf(BEFORE) }));
    // Another page of ours holds the scrub's scratch database open, so the scrub's delete is blocked
    // and it gives up after the re-key, as a worker stopped half-way would leave things.
    const holder = await ext.openPopup();
    await holder.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('twostep-scrub-flush', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('s');
          open.onsuccess = () => ((globalThis as unknown as { held: IDBDatabase }).held = open.result, resolve());
          open.onerror = () => reject(new Error('open failed'));
        }),
    );
    await must(send(page, 'vault.setPin', { next: '482916', kind: 'pin', current: null }));
    expect(await scrubOwed(ext)).toBe(true);

    await holder.close();
    await ext.stopWorker();
    await page.reload(); // wakes the worker, which finds the scrub owed
    const deadline = Date.now() + 20_000;
    while (await scrubOwed(ext)) {
      if (Date.now() > deadline) throw new Error('the scrub owed did not run at worker start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const names = await (await ext.worker()).evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    expect(names).toEqual(['twostep-vault']);

    await expectCopyOpensNothing(ext, cleanup);
  }, 120_000);

  it('a PIN change: the old PIN slot, which the old PIN opens, is in no file of a copy', async () => {
    const ext = await launchExtension();
    cleanup.push(ext.profileDir);
    const page = await ext.openPopup();
    await must(send(page, 'accounts.add', { input: inputOf(BEFORE) }));
    await must(send(page, 'vault.setPin', { next: '482916', kind: 'pin', current: null }));
    // The slot as stored now (read only, as the attacker's copy would show it).
    const oldSlot = await (await ext.worker()).evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const open = indexedDB.open('twostep-vault');
          open.onerror = () => reject(new Error('open failed'));
          open.onsuccess = () => {
            const get = open.result.transaction('meta').objectStore('meta').get('header');
            get.onsuccess = () => {
              const header = get.result as { slots: { wrapped: { ct: Uint8Array } }[] };
              open.result.close();
              resolve(Array.from(header.slots[0]!.wrapped.ct, (b) => b.toString(16).padStart(2, '0')).join(''));
            };
          };
        }),
    );
    await must(send(page, 'vault.setPin', { next: '739164', kind: 'pin', current: '482916' }));
    const copy = await copyOfProfile(ext);
    cleanup.push(copy);
    const idb = extensionIdbDir(copy, TEST_EXTENSION_ID);
    expect(readLevelDb(idb).length).toBeGreaterThan(0);
    expect(foundAnywhere(idb, oldSlot)).toBe(false);
  }, 120_000);
});
