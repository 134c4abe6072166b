/** Pending scans in `storage.session`: a lock (clearAllPending) forgets every tab's, and nothing else. */
import { describe, expect, it, vi } from 'vitest';

/** `storage.session` as a map, with the polyfill's promise API. */
const session = vi.hoisted(() => {
  const data = new Map<string, unknown>();
  return {
    data,
    get: (key: string | null) => Promise.resolve(Object.fromEntries([...data].filter(([k]) => key === null || k === key))),
    set: (items: Record<string, unknown>) => Promise.resolve(void Object.entries(items).forEach(([k, v]) => data.set(k, structuredClone(v)))),
    remove: (keys: string | string[]) => Promise.resolve(void [keys].flat().forEach((k) => data.delete(k))),
  };
});
vi.mock('webextension-polyfill', () => ({ default: { storage: { session } } }));

const { clearAllPending, loadPending, savePending } = await import('../../../src/background/scan/pending');
import { input } from './vault-fixture';

describe('pending scans', () => {
  it('clearAllPending forgets the scanned secrets of every tab and leaves other session state', async () => {
    const { kind, issuer, name, secret, algorithm, digits, period, counter, sites } = input();
    const pending = { origin: 'https://github.com', site: 'github.com', accounts: [{ kind, issuer, name, secret, algorithm, digits, period, counter, sites }], mismatch: false, suggestions: [null], at: 1000 };
    await savePending(1, pending);
    await savePending(2, pending);
    await session.set({ lastUseAt: 5, browserSessionStarted: true });
    expect(await loadPending(1, 2000)).toEqual(pending);
    await clearAllPending();
    expect(await loadPending(1, 2000)).toBeNull();
    expect(await loadPending(2, 2000)).toBeNull();
    expect(JSON.stringify([...session.data])).not.toContain(secret);
    expect([...session.data.keys()].sort()).toEqual(['browserSessionStarted', 'lastUseAt']);
  });

  it('the worker wires clearAllPending into every lock', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('../../../src/background/index.ts', import.meta.url), 'utf8');
    expect(source).toMatch(/forget: clearAllPending/);
  });
});
