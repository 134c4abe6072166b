/**
 * The QR enrolment handlers through the router (issue 4): only a tab's top-frame picker takes part,
 * the preview holds no secret, the site comes from the sender's origin, the pending accounts survive
 * in the port's storage (as in storage.session across a worker stop), and confirm adds them once.
 */
import { describe, expect, it } from 'vitest';
import { scanCancel, scanConfirm, scanPick, scanStart } from '../../../src/background/handlers/scan';
import { route, type Handlers, type RawSender } from '../../../src/background/router';
import type { PendingScan } from '../../../src/background/scan/pending';
import type { ScanPort } from '../../../src/background/scan/port';
import { newFixture, testServices } from './vault-fixture';

const ID = 'lobokkdliegogheaenhmbeogjimongej';
const NOW = 1_700_000_000_000;
const popup: RawSender = { id: ID, url: `chrome-extension://${ID}/src/popup/index.html` };
const picker = (origin: string, frameId = 0): RawSender => ({ id: ID, url: `${origin}/setup`, origin, tab: { id: 7 }, frameId });
const GITHUB_URI = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const RECT = { x: 10, y: 20, width: 200, height: 200 };

class FakePort implements ScanPort {
  text = GITHUB_URI;
  started: number[] = [];
  reads: unknown[] = [];
  stored = new Map<number, PendingScan>();
  start = (tabId: number) => Promise.resolve(void this.started.push(tabId));
  tabUnderPopup = () => Promise.resolve(7);
  read = (tabId: number, rect: unknown, dpr: number) => {
    this.reads.push({ tabId, rect, dpr });
    return Promise.resolve(this.text);
  };
  // A structured-clone round trip, as storage.session does.
  savePending = (tabId: number, p: PendingScan) => Promise.resolve(void this.stored.set(tabId, structuredClone(p)));
  loadPending = (tabId: number) => Promise.resolve(this.stored.get(tabId) ?? null);
  clearPending = (tabId: number) => Promise.resolve(void this.stored.delete(tabId));
}

async function setup() {
  const f = await newFixture();
  const port = new FakePort();
  const services = testServices(f, () => NOW, { scan: port });
  const handlers = {
    'scan.start': scanStart(services),
    'scan.pick': scanPick(services),
    'scan.confirm': scanConfirm(services),
    'scan.cancel': scanCancel(services),
  } as Partial<Handlers> as Handlers;
  const send = (method: string, arg: unknown, sender: RawSender) => route({ twostep: 1, method, arg }, sender, ID, handlers);
  return { f, port, send };
}

describe('scan handlers', () => {
  it('start injects into the tab under the popup; content scripts may not start a scan', async () => {
    const { port, send } = await setup();
    expect(await send('scan.start', null, popup)).toEqual({ ok: true, value: null });
    expect(port.started).toEqual([7]);
    expect(await send('scan.start', null, picker('https://github.com'))).toEqual({ ok: false, error: { code: 'forbidden' } });
  });

  it('pick previews without the secret, bound to the top frame’s site; confirm adds the renamed account there', async () => {
    const { f, port, send } = await setup();
    const reply = await send('scan.pick', { rect: RECT, devicePixelRatio: 2 }, picker('https://www.github.com'));
    expect(reply).toEqual({
      ok: true,
      value: { accounts: [{ kind: 'totp', issuer: 'GitHub', name: 'alice', algorithm: 'SHA1', digits: 6, period: 30 }], site: 'github.com', duplicates: 0 },
    });
    expect(JSON.stringify(reply)).not.toContain('JBSWY3DPEHPK3PXP');
    expect(port.reads).toEqual([{ tabId: 7, rect: RECT, dpr: 2 }]);
    const confirmed = await send('scan.confirm', { issuer: 'GitHub', name: 'alice (work)' }, picker('https://www.github.com'));
    const [account] = (await f.vault.read()).accounts;
    expect(confirmed).toEqual({ ok: true, value: { added: 1, duplicates: 0, ids: [account?.id] } });
    expect(account).toMatchObject({ issuer: 'GitHub', name: 'alice (work)', secret: 'JBSWY3DPEHPK3PXP', sites: ['github.com'] });
    expect(port.stored.size).toBe(0);
  });

  it('counts and skips a secret already stored', async () => {
    const { send } = await setup();
    await send('scan.pick', { rect: null, devicePixelRatio: 1 }, picker('https://github.com'));
    await send('scan.confirm', { issuer: null, name: null }, picker('https://github.com'));
    const again = (await send('scan.pick', { rect: null, devicePixelRatio: 1 }, picker('https://github.com'))) as { value: { duplicates: number } };
    expect(again.value.duplicates).toBe(1);
    expect(await send('scan.confirm', { issuer: null, name: null }, picker('https://github.com'))).toEqual({ ok: true, value: { added: 0, duplicates: 1, ids: [] } });
  });

  it('refuses frames other than the top one, another origin’s confirm, and a confirm with nothing pending', async () => {
    const { port, send } = await setup();
    expect(await send('scan.pick', { rect: RECT, devicePixelRatio: 1 }, picker('https://github.com', 3))).toEqual({ ok: false, error: { code: 'forbidden' } });
    await send('scan.pick', { rect: RECT, devicePixelRatio: 1 }, picker('https://github.com'));
    expect(await send('scan.confirm', { issuer: null, name: null }, picker('https://evil.example'))).toEqual({ ok: false, error: { code: 'forbidden' } });
    await send('scan.cancel', null, picker('https://github.com'));
    expect(port.stored.size).toBe(0);
    const reply = (await send('scan.confirm', { issuer: null, name: null }, picker('https://github.com'))) as { error: { code: string } };
    expect(reply.error.code).toBe('qr_not_found');
  });

  it.each([
    ['https://example.com', 'qr_not_authenticator'],
    ['phonefactor://activate_account?code=1&url=https://example.test', 'qr_microsoft_push'],
  ])('%s is refused with %s and leaves nothing pending', async (text, code) => {
    const { port, send } = await setup();
    port.text = text;
    const reply = (await send('scan.pick', { rect: RECT, devicePixelRatio: 1 }, picker('https://github.com'))) as { error: { code: string } };
    expect(reply.error.code).toBe(code);
    expect(port.stored.size).toBe(0);
  });

  it('rejects malformed arguments', async () => {
    const { send } = await setup();
    for (const arg of [{ rect: RECT }, { rect: { ...RECT, width: -1 }, devicePixelRatio: 1 }, { rect: null, devicePixelRatio: 0 }, { rect: null, devicePixelRatio: 1, x: 1 }]) {
      expect(await send('scan.pick', arg, picker('https://github.com')), JSON.stringify(arg)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
  });
});
