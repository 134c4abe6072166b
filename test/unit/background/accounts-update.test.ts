/**
 * accounts.update through the real router (issue 12): typed sites must be registrable domains, named in
 * the error; kind, algorithm, digits and period may change; the secret and counter never can.
 */
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/background/handlers';
import { route, type RawSender } from '../../../src/background/router';
import { input, newFixture, testServices } from './vault-fixture';

const ID = 'lobokkdliegogheaenhmbeogjimongej';
const page: RawSender = { id: ID, url: `chrome-extension://${ID}/src/popup/index.html` };

async function setup() {
  const f = await newFixture();
  const handlers = createHandlers(testServices(f, () => 59_000));
  const send = (method: string, arg: unknown) => route({ twostep: 1, method, arg }, page, ID, handlers);
  const added = (await send('accounts.add', { input: input({ issuer: 'GitHub', secret: 'JBSWY3DPEHPK3PXP' }) })) as { value: { id: string } };
  return { f, send, id: added.value.id };
}

describe('accounts.update', () => {
  it.each([
    ['com', 'com'],
    ['github.io', 'github.io'],
    ['www.github.com', 'www.github.com'],
    ['github.com, not a domain', 'not a domain'],
  ])('refuses the sites %j, naming %j', async (typed, bad) => {
    const { f, send, id } = await setup();
    const sites = typed.split(',').map((s) => s.trim());
    expect(await send('accounts.update', { id, patch: { sites } })).toMatchObject({ ok: false, error: { code: 'site_invalid', detail: bad } });
    expect((await f.vault.read()).accounts[0]?.sites).toEqual([]);
  });

  it('accepts registrable domains, IP addresses and localhost', async () => {
    const { send, id } = await setup();
    const reply = await send('accounts.update', { id, patch: { sites: ['github.com', 'alice.github.io', 'example.co.uk', '127.0.0.1', 'localhost'] } });
    expect(reply).toMatchObject({ ok: true, value: { sites: ['github.com', 'alice.github.io', 'example.co.uk', '127.0.0.1', 'localhost'] } });
  });

  it('changes kind, algorithm, digits and period, keeping the secret', async () => {
    const { f, send, id } = await setup();
    const reply = await send('accounts.update', { id, patch: { kind: 'totp', algorithm: 'SHA256', digits: 8, period: 60 } });
    expect(reply).toMatchObject({ ok: true, value: { algorithm: 'SHA256', digits: 8, period: 60 } });
    expect((await f.vault.read()).accounts[0]).toMatchObject({ secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA256', digits: 8, period: 60 });
    expect(await send('accounts.update', { id, patch: { kind: 'hotp' } })).toMatchObject({ ok: true, value: { kind: 'hotp' } });
  });

  it('refuses a patch of the secret or counter, and out-of-range parameters', async () => {
    const { f, send, id } = await setup();
    expect(await send('accounts.update', { id, patch: { secret: 'GEZDGNBVGY3TQOJQ' } })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await send('accounts.update', { id, patch: { counter: 9 } })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await send('accounts.update', { id, patch: { algorithm: 'MD5' } })).toMatchObject({ ok: false, error: { code: 'algorithm_unsupported' } });
    expect(await send('accounts.update', { id, patch: { digits: 3 } })).toMatchObject({ ok: false, error: { code: 'digits_invalid' } });
    expect(await send('accounts.update', { id, patch: { period: 0 } })).toMatchObject({ ok: false, error: { code: 'period_invalid' } });
    expect((await f.vault.read()).accounts[0]).toMatchObject({ secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 });
  });
});
