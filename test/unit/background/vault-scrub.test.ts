/**
 * The LevelDB scrub after a first PIN (src/background/vault/scrub.ts). What it does to LevelDB's files
 * is tested in Chromium (test/e2e/profile-copy.test.ts); here: it touches only its scratch databases,
 * leaves none behind, keeps its mark until it ran to its end, and runs only once a new PIN is on disk.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { platformRandom } from '../../../src/core/vault/crypto';
import { openVaultDb } from '../../../src/background/vault/db';
import { FILL_DB, FLUSH_DB, scrubIfOwed, scrubObsoleteValues, type ScrubDeps, type ScrubMark } from '../../../src/background/vault/scrub';
import { Vault } from '../../../src/background/vault/vault';
import { input, MemoryAnchorStore, MemoryKeyStore } from './vault-fixture';

class MemoryMark implements ScrubMark {
  value = false;
  isSet = () => Promise.resolve(this.value);
  set = () => Promise.resolve(void (this.value = true));
  clear = () => Promise.resolve(void (this.value = false));
}

/** An IDBFactory that records every database name opened or deleted through it. */
function recording(idb: IDBFactory, seen: string[]): IDBFactory {
  return new Proxy(idb, {
    get(target, prop) {
      if (prop === 'open' || prop === 'deleteDatabase') {
        return (name: string, ...rest: unknown[]) => {
          seen.push(`${prop === 'open' ? 'open' : 'delete'} ${name}`);
          return (target[prop] as (...a: unknown[]) => IDBRequest).call(target, name, ...rest);
        };
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function deps(idb: IDBFactory, mark = new MemoryMark(), usage = () => Promise.resolve(0)): ScrubDeps {
  return { idb, random: platformRandom, mark, usage, sleep: () => Promise.resolve() };
}

describe('the LevelDB scrub', () => {
  it('uses only its scratch databases, deletes them, and clears its mark', async () => {
    const idb = new IDBFactory();
    const vault = await new Promise<IDBDatabase>((resolve) => {
      const open = idb.open('twostep-vault', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('meta').put('kept', 'header');
      open.onsuccess = () => resolve(open.result);
    });
    const seen: string[] = [];
    const mark = new MemoryMark();
    mark.value = true;
    await scrubObsoleteValues(deps(recording(idb, seen), mark));
    expect(seen.every((s) => s.endsWith(FILL_DB) || s.endsWith(FLUSH_DB))).toBe(true);
    // The filler goes before the deletes that compact it away; the small database flushes three times.
    expect(seen.filter((s) => s === `delete ${FLUSH_DB}`)).toHaveLength(4);
    expect(seen.indexOf(`open ${FILL_DB}`)).toBeLessThan(seen.lastIndexOf(`delete ${FILL_DB}`));
    expect((await idb.databases()).map((d) => d.name)).toEqual(['twostep-vault']);
    expect(await new Promise((resolve) => (vault.transaction('meta').objectStore('meta').get('header').onsuccess = (e) => resolve((e.target as IDBRequest).result)))).toBe('kept');
    expect(mark.value).toBe(false);
  });

  it('deletes what an interrupted scrub left and runs again when owed', async () => {
    const idb = new IDBFactory();
    await new Promise<void>((resolve) => {
      const open = idb.open(FILL_DB, 1);
      open.onupgradeneeded = () => open.result.createObjectStore('s').put(new Uint8Array(8), 0);
      open.onsuccess = () => (open.result.close(), resolve());
    });
    const mark = new MemoryMark();
    await scrubIfOwed(deps(idb, mark));
    expect((await idb.databases()).map((d) => d.name)).toEqual([FILL_DB]); // not owed: nothing done
    mark.value = true;
    await scrubIfOwed(deps(idb, mark));
    expect(await idb.databases()).toEqual([]);
    expect(mark.value).toBe(false);
  });

  it('keeps its mark when LevelDB does not let go of the filler', async () => {
    const mark = new MemoryMark();
    mark.value = true;
    let calls = 0;
    const growing = () => Promise.resolve(calls++ === 0 ? 0 : 64 * 1024 * 1024);
    await expect(scrubObsoleteValues(deps(new IDBFactory(), mark, growing))).rejects.toThrow();
    expect(mark.value).toBe(true);
  });

  it('is owed before a PIN is set or changed and runs after the new header is on disk', async () => {
    const events: string[] = [];
    const db = await openVaultDb(`scrub-test-${Date.now()}`);
    const slotOnDisk = async () => {
      const slot = (await db.get('meta', 'header'))!.slots[0]!;
      return `${slot.type} ${slot.id}`;
    };
    const vault = new Vault({
      db: () => Promise.resolve(db),
      keys: new MemoryKeyStore(),
      anchor: new MemoryAnchorStore(),
      random: platformRandom,
      now: () => Date.now(),
      scrub: {
        owe: async () => void events.push(`owe ${await slotOnDisk()}`),
        run: async () => void events.push(`run ${await slotOnDisk()}`),
      },
    });
    await vault.add(input());
    const device = await slotOnDisk();
    await vault.setPin('482916', 'pin', null);
    const first = await slotOnDisk();
    await vault.setPin('739164', 'pin', '482916');
    const second = await slotOnDisk();
    expect(device).toMatch(/^device /);
    expect(new Set([device, first, second]).size).toBe(3);
    expect(events).toEqual([`owe ${device}`, `run ${first}`, `owe ${first}`, `run ${second}`]);
  });
});
