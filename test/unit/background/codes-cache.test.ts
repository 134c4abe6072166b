/**
 * The per-period codes cache: an HOTP code follows the counter, never a time window, and a lock
 * leaves no computed code behind in the worker.
 */
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/background/handlers';
import { route, type RawSender } from '../../../src/background/router';
import { cachedCodeCount, toViews } from '../../../src/background/views';
import { Vault } from '../../../src/background/vault/vault';
import { platformRandom } from '../../../src/core/vault/crypto';
import { codeForSite } from '../../../src/background/fill/code';
import type { AccountView } from '../../../src/shared/protocol';
import { input, MemoryKeyStore, newFixture, testServices } from './vault-fixture';

const ID = 'lobokkdliegogheaenhmbeogjimongej';
const popup: RawSender = { id: ID, url: `chrome-extension://${ID}/src/popup/index.html` };
// RFC 4226 appendix D: this secret gives 755224, 287082, 359152 for counters 0, 1, 2.
const RFC4226 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** A vault whose clock stands still: every write lands in the same millisecond. */
async function frozen() {
  const f = await newFixture();
  const vault = new Vault({ db: () => Promise.resolve(f.db), keys: new MemoryKeyStore(), random: platformRandom, now: () => 1_700_000_000_000 });
  const services = { ...testServices(f, () => 1_700_000_000_000), vault };
  const handlers = createHandlers(services);
  const send = async (method: string, arg: unknown) => {
    const reply = await route({ twostep: 1, method, arg }, popup, ID, handlers);
    if (!reply?.ok) throw new Error(`${method} failed: ${JSON.stringify(reply)}`);
    return reply.value;
  };
  const codes = async () => ((await send('accounts.list', null)) as AccountView[]).map((a) => a.codes.code);
  return { vault, send, codes };
}

describe('codes cache', () => {
  it('after an HOTP advance the next list shows the new code, even within the same millisecond', async () => {
    const { vault, send, codes } = await frozen();
    const { id } = await vault.add(input({ kind: 'hotp', secret: RFC4226 }));
    expect(await codes()).toEqual(['755224']);
    await send('accounts.hotpNext', { id });
    expect(await codes()).toEqual(['287082']);
  });

  it('after a fill advanced the counter the next list shows the new code', async () => {
    const { vault, codes } = await frozen();
    const { id } = await vault.add(input({ kind: 'hotp', secret: RFC4226, sites: ['example.com'] }));
    expect(await codes()).toEqual(['755224']);
    expect(await codeForSite(vault, id, 'example.com', 1_700_000_000_000, { check: () => undefined, takeHotp: () => Promise.resolve() })).toBe('755224');
    expect(await codes()).toEqual(['287082']);
  });

  it('a changed TOTP account (same id, same time) gets codes from its new settings', () => {
    const account = { ...input(), id: 'a'.repeat(32), createdAt: 1, updatedAt: 1 };
    const [six] = toViews([account], 59_000);
    const [eight] = toViews([{ ...account, digits: 8 }], 59_000);
    expect(six?.codes.code).toHaveLength(6);
    expect(eight?.codes.code).toHaveLength(8);
  });

  it('a lock empties the cache', async () => {
    const f = await newFixture();
    const services = testServices(f, () => 59_000);
    await f.vault.add(input());
    await f.vault.setPin('1234', 'pin', null);
    toViews((await f.vault.read()).accounts, 59_000);
    expect(cachedCodeCount()).toBeGreaterThan(0);
    await services.autoLock.lockNow();
    expect(cachedCodeCount()).toBe(0);
  });
});
