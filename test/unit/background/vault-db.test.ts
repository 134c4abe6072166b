/**
 * The worker's database provider: a connection that failed to open, or that the browser closed
 * (storage cleared, disk trouble, another context upgrading the schema), is opened again on next use
 * instead of failing every call until the worker happens to stop.
 */
import 'fake-indexeddb/auto';
import { forceCloseDatabase } from 'fake-indexeddb';
import { unwrap } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, openVaultDb, reopeningDb, type VaultDb } from '../../../src/background/vault/db';

describe('reopeningDb', () => {
  it('a failed open is not kept: the next call tries again', async () => {
    let attempts = 0;
    const db = reopeningDb(async (events) => {
      attempts++;
      if (attempts === 1) throw new DOMException('disk trouble', 'UnknownError');
      return openVaultDb(`reopen-failed-${Date.now()}`, DB_VERSION, events);
    });
    await expect(db()).rejects.toThrow('disk trouble');
    const opened = await db();
    expect(opened.objectStoreNames.contains('summary')).toBe(true);
    expect(await db()).toBe(opened);
    expect(attempts).toBe(2);
  });

  it('a connection the browser closed is replaced by a new one', async () => {
    const name = `reopen-closed-${Date.now()}`;
    const db = reopeningDb((events) => openVaultDb(name, DB_VERSION, events));
    const first = await db();
    await first.put('state', 1, 'revision');
    // (fake-indexeddb types its argument as the class, though it takes a connection.)
    forceCloseDatabase(unwrap(first) as unknown as Parameters<typeof forceCloseDatabase>[0]);
    await expect.poll(async () => (await db()) !== first).toBe(true);
    const second: VaultDb = await db();
    expect(await second.get('state', 'revision')).toBe(1);
  });

  it('a connection asked to make way for a newer schema closes and is opened again afterwards', async () => {
    const name = `reopen-version-${Date.now()}`;
    let version = DB_VERSION;
    const db = reopeningDb((events) => openVaultDb(name, version, events));
    const first = await db();
    // Another context (a newer worker) upgrades; ours must not block it.
    version = DB_VERSION + 1;
    const newer = await openVaultDb(name, version);
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
    const second = await db();
    expect(second).not.toBe(first);
    expect(second.version).toBe(DB_VERSION + 1);
  });
});
