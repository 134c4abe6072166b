/**
 * The QR enrolment handlers through the router (issue 4): only a tab's top-frame picker takes part,
 * the preview holds no secret, the site comes from the sender's origin, the pending accounts survive
 * in the port's storage (as in storage.session across a worker stop), and confirm adds them once.
 * Issue 8: a code read where another site's frame is painted, over plain http, or from a transfer
 * code is bound to no site; an issuer that does not fit the page needs the user's tick.
 */
import { describe, expect, it } from 'vitest';
import { scanCancel, scanConfirm, scanPick, scanStart } from '../../../src/background/handlers/scan';
import { route, type Handlers, type RawSender } from '../../../src/background/router';
import type { PendingScan } from '../../../src/background/scan/pending';
import type { QrRead, ScanPort } from '../../../src/background/scan/port';
import type { PageRect } from '../../../src/shared/protocol';
import { newFixture, testServices } from './vault-fixture';

const ID = 'lobokkdliegogheaenhmbeogjimongej';
const NOW = 1_700_000_000_000;
const popup: RawSender = { id: ID, url: `chrome-extension://${ID}/src/popup/index.html` };
const picker = (origin: string, frameId = 0): RawSender => ({ id: ID, url: `${origin}/setup`, origin, tab: { id: 7 }, frameId });
const GITHUB_URI = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const RECT = { x: 10, y: 20, width: 200, height: 200 };
/** Confirm without renaming, ticks or suggestions: what a user pressing "Add" on a single code sends. */
const PLAIN = { issuer: null, name: null, trustMismatch: false, bindSuggested: [false] };
const NO_FRAMES = { inBox: false, inView: false };
const pick = (rect: typeof RECT | null, foreignFrames = NO_FRAMES, devicePixelRatio = 1) => ({ rect, devicePixelRatio, foreignFrames });

class FakePort implements ScanPort {
  text = GITHUB_URI;
  /** Where the fake capture "found" the code when it was given a box. */
  region: QrRead['region'] = 'crop';
  started: number[] = [];
  reads: unknown[] = [];
  stored = new Map<number, PendingScan>();
  start = (tabId: number) => Promise.resolve(void this.started.push(tabId));
  tabUnderPopup = () => Promise.resolve(7);
  read = (tabId: number, rect: PageRect | null, dpr: number) => {
    this.reads.push({ tabId, rect, dpr });
    return Promise.resolve({ text: this.text, region: rect ? this.region : ('tab' as const) });
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
    const reply = await send('scan.pick', pick(RECT, NO_FRAMES, 2), picker('https://www.github.com'));
    expect(reply).toEqual({
      ok: true,
      value: {
        accounts: [{ kind: 'totp', issuer: 'GitHub', name: 'alice', algorithm: 'SHA1', digits: 6, period: 30, suggestedSite: null }],
        site: 'github.com',
        unbound: null,
        mismatch: null,
        duplicates: 0,
        existingId: null,
      },
    });
    expect(JSON.stringify(reply)).not.toContain('JBSWY3DPEHPK3PXP');
    expect(port.reads).toEqual([{ tabId: 7, rect: RECT, dpr: 2 }]);
    const confirmed = await send('scan.confirm', { ...PLAIN, issuer: 'GitHub', name: 'alice (work)' }, picker('https://www.github.com'));
    const [account] = (await f.vault.read()).accounts;
    expect(confirmed).toEqual({ ok: true, value: { added: 1, duplicates: 0, ids: [account?.id] } });
    expect(account).toMatchObject({ issuer: 'GitHub', name: 'alice (work)', secret: 'JBSWY3DPEHPK3PXP', sites: ['github.com'] });
    expect(port.stored.size).toBe(0);
  });

  it('counts and skips a secret already stored, naming it where it fills (and only there)', async () => {
    const { f, send } = await setup();
    await send('scan.pick', pick(null), picker('https://github.com'));
    await send('scan.confirm', PLAIN, picker('https://github.com'));
    const [stored] = (await f.vault.read()).accounts;
    const again = (await send('scan.pick', pick(null), picker('https://github.com'))) as { value: { duplicates: number; existingId: string | null } };
    expect(again.value.duplicates).toBe(1);
    expect(again.value.existingId).toBe(stored?.id);
    const elsewhere = (await send('scan.pick', pick(null), picker('https://example.org'))) as { value: { duplicates: number; existingId: string | null } };
    expect(elsewhere.value).toMatchObject({ duplicates: 1, existingId: null });
    await send('scan.pick', pick(null), picker('https://github.com'));
    expect(await send('scan.confirm', PLAIN, picker('https://github.com'))).toEqual({ ok: true, value: { added: 0, duplicates: 1, ids: [] } });
  });

  it('refuses frames other than the top one, another origin’s confirm, and a confirm with nothing pending', async () => {
    const { port, send } = await setup();
    expect(await send('scan.pick', pick(RECT), picker('https://github.com', 3))).toEqual({ ok: false, error: { code: 'forbidden' } });
    await send('scan.pick', pick(RECT), picker('https://github.com'));
    expect(await send('scan.confirm', PLAIN, picker('https://evil.example'))).toEqual({ ok: false, error: { code: 'forbidden' } });
    await send('scan.cancel', null, picker('https://github.com'));
    expect(port.stored.size).toBe(0);
    const reply = (await send('scan.confirm', PLAIN, picker('https://github.com'))) as { error: { code: string } };
    expect(reply.error.code).toBe('qr_not_found');
  });

  it.each([
    ['https://example.com', 'qr_not_authenticator'],
    ['phonefactor://activate_account?code=1&url=https://example.test', 'qr_microsoft_push'],
  ])('%s is refused with %s and leaves nothing pending', async (text, code) => {
    const { port, send } = await setup();
    port.text = text;
    const reply = (await send('scan.pick', pick(RECT), picker('https://github.com'))) as { error: { code: string } };
    expect(reply.error.code).toBe(code);
    expect(port.stored.size).toBe(0);
  });

  it('rejects malformed arguments', async () => {
    const { send } = await setup();
    const picks = [
      { rect: RECT, foreignFrames: NO_FRAMES },
      { rect: { ...RECT, width: -1 }, devicePixelRatio: 1, foreignFrames: NO_FRAMES },
      { rect: null, devicePixelRatio: 0, foreignFrames: NO_FRAMES },
      { ...pick(null), x: 1 },
      { rect: null, devicePixelRatio: 1 },
      { ...pick(null), foreignFrames: { inBox: 'no', inView: false } },
      { ...pick(null), foreignFrames: { inBox: false } },
      { ...pick(null), foreignFrames: { inBox: false, inView: false, boxes: [] } },
      { ...pick(null), foreignFrames: [] },
    ];
    for (const arg of picks) {
      expect(await send('scan.pick', arg, picker('https://github.com')), JSON.stringify(arg)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
    await send('scan.pick', pick(RECT), picker('https://github.com'));
    const confirms = [
      { issuer: null, name: null },
      { ...PLAIN, trustMismatch: 'yes' },
      { ...PLAIN, bindSuggested: [1] },
      { ...PLAIN, bindSuggested: 'all' },
      { ...PLAIN, bindSuggested: [false, false] },
    ];
    for (const arg of confirms) {
      expect(await send('scan.confirm', arg, picker('https://github.com')), JSON.stringify(arg)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    }
  });

  it('binds to no site a code read where a frame from another site is painted, crop or whole tab', async () => {
    const { f, port, send } = await setup();
    // A phishing page on evil.example frames the real set-up page; the user clicks the code in the frame.
    const framed = (await send('scan.pick', pick(RECT, { inBox: true, inView: true }), picker('https://evil.example'))) as { value: unknown };
    expect(framed.value).toMatchObject({ site: null, unbound: 'frame' });
    await send('scan.confirm', PLAIN, picker('https://evil.example'));
    expect((await f.vault.read()).accounts.map((a) => a.sites)).toEqual([[]]);
    // The whole tab was read (no box, or nothing in the crop): a foreign frame anywhere in the viewport counts.
    const whole = (await send('scan.pick', pick(null, { inBox: false, inView: true }), picker('https://evil.example'))) as { value: unknown };
    expect(whole.value).toMatchObject({ site: null, unbound: 'frame' });
    port.region = 'tab';
    const fallback = (await send('scan.pick', pick(RECT, { inBox: false, inView: true }), picker('https://evil.example'))) as { value: unknown };
    expect(fallback.value).toMatchObject({ site: null, unbound: 'frame' });
    // A frame elsewhere on the page (an ad beside the code) does not matter when the crop held the code.
    port.region = 'crop';
    const beside = (await send('scan.pick', pick(RECT, { inBox: false, inView: true }), picker('https://github.com'))) as { value: unknown };
    expect(beside.value).toMatchObject({ site: 'github.com', unbound: null });
  });

  it.each([
    ['http://github.com', null, 'insecure'],
    ['http://192.168.1.10:8080', null, 'insecure'],
    ['http://localhost:8787', 'localhost', null],
    ['http://127.0.0.5:8787', '127.0.0.5', null],
    ['http://[::1]:8787', '::1', null],
    ['https://github.com', 'github.com', null],
  ])('a code on %s is bound to %s (unbound: %s)', async (origin, site, unbound) => {
    const { f, send } = await setup();
    const reply = (await send('scan.pick', pick(RECT), picker(origin))) as { value: unknown };
    expect(reply.value).toMatchObject({ site, unbound });
    await send('scan.confirm', { ...PLAIN, trustMismatch: true }, picker(origin));
    expect((await f.vault.read()).accounts.map((a) => a.sites)).toEqual([site ? [site] : []]);
  });

  it('warns when the issuer does not fit the page and adds only with the user’s tick', async () => {
    const { f, send } = await setup();
    const reply = (await send('scan.pick', pick(RECT), picker('https://evil-example.com'))) as { value: unknown };
    expect(reply.value).toMatchObject({ site: 'evil-example.com', mismatch: { issuer: 'GitHub', site: 'evil-example.com' } });
    expect(await send('scan.confirm', PLAIN, picker('https://evil-example.com'))).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect((await f.vault.read()).accounts).toEqual([]);
    expect(await send('scan.confirm', { ...PLAIN, trustMismatch: true }, picker('https://evil-example.com'))).toMatchObject({ ok: true });
    expect((await f.vault.read()).accounts.map((a) => a.sites)).toEqual([['evil-example.com']]);
  });

  it('binds a transfer code’s accounts to no site, or to the suggestions the user ticked', async () => {
    const { f, port, send } = await setup();
    // Two accounts: GitHub (a known issuer) and raspberrypi (unknown).
    port.text =
      'otpauth-migration://offline?data=' +
      encodeURIComponent(
        Buffer.from(
          Uint8Array.of(
            ...[0x0a, 0x21, 0x0a, 0x0a, ...Buffer.from('Hello!\xde\xad\xbe\xef', 'latin1'), 0x12, 0x05, ...Buffer.from('alice'), 0x1a, 0x06, ...Buffer.from('GitHub'), 0x20, 0x01, 0x28, 0x01, 0x30, 0x02],
            ...[0x0a, 0x23, 0x0a, 0x0a, ...Buffer.from('0123456789'), 0x12, 0x02, ...Buffer.from('pi'), 0x1a, 0x0b, ...Buffer.from('raspberrypi'), 0x20, 0x01, 0x28, 0x01, 0x30, 0x02],
          ),
        ).toString('base64'),
      );
    const reply = (await send('scan.pick', pick(RECT), picker('https://github.com'))) as { value: { site: unknown; unbound: unknown; accounts: { suggestedSite: unknown }[] } };
    expect(reply.value).toMatchObject({ site: null, unbound: 'transfer' });
    expect(reply.value.accounts.map((a) => a.suggestedSite)).toEqual(['github.com', null]);
    expect(await send('scan.confirm', { ...PLAIN, bindSuggested: [true, true] }, picker('https://github.com'))).toMatchObject({ ok: true });
    const sites = Object.fromEntries((await f.vault.read()).accounts.map((a) => [a.issuer, a.sites]));
    expect(sites).toEqual({ GitHub: ['github.com'], raspberrypi: [] });
  });
});
