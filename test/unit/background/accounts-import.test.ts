/**
 * The import page's methods and the popup's transfer-link paste, through the real router: only our
 * pages may call them, every field of every account is validated, duplicates are answered with flags
 * (never stored secrets), and a batch is written whole or not at all.
 */
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/background/handlers';
import { MAX_IMPORT_BATCH } from '../../../src/background/handlers/accounts-import';
import { route, type RawSender } from '../../../src/background/router';
import { input, newFixture, testServices } from './vault-fixture';

const ID = 'lobokkdliegogheaenhmbeogjimongej';
const page: RawSender = { id: ID, url: `chrome-extension://${ID}/src/manage/index.html` };
const content: RawSender = { id: ID, url: 'https://evil.example/', origin: 'https://evil.example', tab: { id: 4 }, frameId: 0 };

async function setup() {
  const f = await newFixture();
  const handlers = createHandlers(testServices(f, () => 59_000));
  const send = (method: string, arg: unknown, sender: RawSender = page) => route({ twostep: 1, method, arg }, sender, ID, handlers);
  return { f, send };
}

const a = input({ issuer: 'A', secret: 'JBSWY3DPEHPK3PXP' });
const b = input({ issuer: 'B', secret: 'GEZDGNBVGY3TQOJQ' });
// Google Authenticator transfer link with one TOTP account "pi@raspberrypi" (scito/extract_otp_secrets).
const MIGRATION =
  'otpauth-migration://offline?data=CigKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3BiZXJyeXBpIAEoATACEAEYASAAKLzjp5n4%2F%2F%2F%2F%2FwE%3D';

describe('accounts.importCheck and accounts.import', () => {
  it('flags what is already stored, without sending any secret back, and adds the rest in one write', async () => {
    const { send } = await setup();
    await send('accounts.add', { input: a });
    const check = await send('accounts.importCheck', { inputs: [a, b, { ...a, kind: 'hotp' }] });
    expect(check).toEqual({ ok: true, value: { duplicate: [true, false, false] } });
    expect(await send('accounts.import', { inputs: [a, b] })).toEqual({ ok: true, value: { added: 1, duplicates: 1 } });
    const list = (await send('accounts.list', null)) as { value: unknown[] };
    expect(list.value).toHaveLength(2);
  });

  it('refuses content scripts, an empty or oversized batch, and a bad field in any entry, writing nothing', async () => {
    const { send } = await setup();
    for (const method of ['accounts.importCheck', 'accounts.import', 'accounts.addMigration']) {
      await expect(send(method, { inputs: [a] }, content)).resolves.toEqual({ ok: false, error: { code: 'forbidden' } });
    }
    await expect(send('accounts.import', { inputs: [] })).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await expect(send('accounts.import', { inputs: a })).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const tooMany = Array.from({ length: MAX_IMPORT_BATCH + 1 }, () => a);
    await expect(send('accounts.import', { inputs: tooMany })).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await expect(send('accounts.import', { inputs: [b, { ...a, algorithm: 'MD5' }] })).resolves.toMatchObject({
      ok: false,
      error: { code: 'algorithm_unsupported', detail: 'entry 2' },
    });
    await expect(send('accounts.import', { inputs: [b, { ...a, sites: ['not a host!'] }] })).resolves.toMatchObject({ ok: false, error: { code: 'site_invalid' } });
    await expect(send('accounts.import', { inputs: [b], extra: 1 })).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(((await send('accounts.list', null)) as { value: unknown[] }).value).toHaveLength(0);
  });

  it('keeps the sites a page asks for only after validating them', async () => {
    const { send } = await setup();
    await send('accounts.import', { inputs: [{ ...a, sites: ['GitHub.com'] }] });
    const list = (await send('accounts.list', null)) as { value: { sites: string[] }[] };
    expect(list.value[0]?.sites).toEqual(['github.com']);
  });
});

describe('accounts.addMigration', () => {
  it('adds every account of a transfer link, bound to no site, and refuses it when all are stored', async () => {
    const { send } = await setup();
    const added = (await send('accounts.addMigration', { uri: MIGRATION })) as { ok: true; value: { added: { name: string; sites: string[] }[]; duplicates: number } };
    expect(added.ok).toBe(true);
    expect(added.value.added.map((v) => [v.name, v.sites])).toEqual([['pi@raspberrypi', []]]);
    expect(JSON.stringify(added)).not.toContain('7KSQL2JT');
    await expect(send('accounts.addMigration', { uri: MIGRATION })).resolves.toMatchObject({ ok: false, error: { code: 'account_duplicate' } });
    await expect(send('accounts.addMigration', { uri: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP' })).resolves.toMatchObject({ ok: false });
  });
});
