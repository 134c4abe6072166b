/**
 * accounts.export hands every chosen secret to the export page: only to our own pages, and with a PIN
 * set only for that PIN, each wrong try counted like a wrong unlock.
 */
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/background/handlers';
import { route, type RawSender } from '../../../src/background/router';
import { input, newFixture, testServices } from './vault-fixture';

const ID = 'lobokkdliegogheaenhmbeogjimongej';
const page: RawSender = { id: ID, url: `chrome-extension://${ID}/src/manage/index.html` };
const content: RawSender = { id: ID, url: 'https://github.com/login', origin: 'https://github.com', tab: { id: 3 }, frameId: 0 };
const PIN = '482916';

async function setup(pin: string | null) {
  const f = await newFixture();
  const handlers = createHandlers(testServices(f, () => 59_000));
  const a = await f.vault.add(input({ issuer: 'GitHub', sites: ['github.com'] }));
  const b = await f.vault.add(input({ issuer: 'Bank', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', kind: 'hotp', counter: 4 }));
  if (pin !== null) await f.vault.setPin(pin, 'pin', null);
  const send = (arg: unknown, sender = page) => route({ twostep: 1, method: 'accounts.export', arg }, sender, ID, handlers);
  return { f, send, ids: { github: a.id, bank: b.id } };
}

describe('accounts.export', () => {
  it('gives all accounts, or the chosen ones, with secrets and without storage bookkeeping', async () => {
    const { send, ids } = await setup(null);
    const all = await send({ ids: null, secret: null });
    expect(all).toMatchObject({ ok: true, value: { accounts: [{ issuer: 'Bank', counter: 4 }, { issuer: 'GitHub', sites: ['github.com'] }] } });
    const chosen = await send({ ids: [ids.github], secret: null });
    expect(chosen).toEqual({
      ok: true,
      value: { accounts: [{ kind: 'totp', issuer: 'GitHub', name: 'alice', secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, sites: ['github.com'] }] },
    });
  });

  it('with a PIN: refuses without it (no try used), refuses a wrong one and counts it, gives the accounts for the right one', async () => {
    const { f, send } = await setup(PIN);
    for (const secret of [null, '']) {
      const reply = await send({ ids: null, secret });
      expect(reply).toMatchObject({ ok: false, error: { code: 'pin_needed' } });
    }
    await expect(f.vault.throttle()).resolves.toEqual({ failures: 0, retryAt: null });
    const wrong = await send({ ids: null, secret: '000000' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'pin_wrong', info: { failures: 1 } } });
    expect(JSON.stringify(wrong)).not.toContain('JBSWY3DP');
    await expect(send({ ids: null, secret: PIN })).resolves.toMatchObject({ ok: true, value: { accounts: [{}, {}] } });
    await expect(f.vault.throttle()).resolves.toEqual({ failures: 0, retryAt: null });
  });

  it('shares the unlock wait: after five wrong tries even the right PIN must wait', async () => {
    const { send } = await setup(PIN);
    for (let i = 1; i <= 5; i++) await send({ ids: null, secret: `00000${i}` });
    await expect(send({ ids: null, secret: PIN })).resolves.toMatchObject({ ok: false, error: { code: 'pin_throttled' } });
  });

  it('refuses content scripts, unknown ids and malformed arguments', async () => {
    const { send } = await setup(null);
    await expect(send({ ids: null, secret: null }, content)).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await expect(send({ ids: ['f'.repeat(32)], secret: null })).resolves.toMatchObject({ ok: false, error: { code: 'account_not_found' } });
    for (const arg of [null, { ids: 'all', secret: null }, { ids: [1], secret: null }, { ids: null, secret: 5 }, { ids: null, secret: null, extra: 1 }]) {
      await expect(send(arg)).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
  });
});
