/**
 * The autofill handlers through the router (issue 5): a frame's site comes from the browser's sender
 * record only, codes go only to an account's own site, HOTP advances once per fill, and the unlock
 * path tells the waiting frame.
 */
import { describe, expect, it } from 'vitest';
import type { FillPort, FrameOutcome, FrameRef } from '../../../src/background/fill/port';
import { fillCandidates, fillCode, fillInTab, fillUnlock, tabContext } from '../../../src/background/handlers/fill';
import { vaultUnlock } from '../../../src/background/handlers/vault-lock';
import { route, type Handlers, type RawSender } from '../../../src/background/router';
import { generateCodes } from '../../../src/core/otp';
import { HOTP_FILLS_PER_MINUTE } from '../../../src/background/fill/hotp-limit';
import { input, newFixture, testServices } from './vault-fixture';

const ID = 'lobokkdliegogheaenhmbeogjimongej';
const NOW = 1_700_000_000_000;
const popup: RawSender = { id: ID, url: `chrome-extension://${ID}/src/popup/index.html` };
const frame = (origin: string, frameId = 0, top = `${origin}/login`): RawSender => ({
  id: ID,
  url: `${origin}/login`,
  origin,
  tab: { id: 7, url: top },
  frameId,
  documentId: `doc-${frameId}`,
});
// RFC 4226 appendix D: the secret "12345678901234567890".
const RFC4226 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

class FakePort implements FillPort {
  tab: { id: number; url: string | null } | null = { id: 7, url: 'https://github.com/sessions/two-factor' };
  text = '';
  outcomes: FrameOutcome[] = [];
  unlockCalls: FrameRef[] = [];
  afterUnlockCalls = 0;
  filled: { tabId: number; id: string | null }[] = [];
  session: unknown = undefined;
  hotpUses = {
    load: () => Promise.resolve(structuredClone(this.session)),
    save: (value: unknown) => {
      this.session = structuredClone(value);
      return Promise.resolve();
    },
  };
  activeTab = () => Promise.resolve(this.tab);
  pageText = () => Promise.resolve(this.text);
  fillTab = (tabId: number, id: string | null) => {
    this.filled.push({ tabId, id });
    return Promise.resolve(this.outcomes);
  };
  unlockThenFill = (f: FrameRef) => {
    this.unlockCalls.push(f);
    return Promise.resolve();
  };
  afterUnlock = () => {
    this.afterUnlockCalls++;
    return Promise.resolve();
  };
}

async function setup() {
  const f = await newFixture();
  const port = new FakePort();
  const services = testServices(f, () => NOW, { fill: port });
  const { settings } = services;
  // Only the methods under test (the other handlers' modules need a browser to load).
  const handlers = {
    'tab.context': tabContext(services),
    'fill.inTab': fillInTab(services),
    'fill.candidates': fillCandidates(services),
    'fill.code': fillCode(services),
    'fill.unlock': fillUnlock(services),
    'vault.unlock': vaultUnlock(services),
  } as Partial<Handlers> as Handlers;
  const github = await f.vault.add(input({ issuer: 'GitHub', name: 'alice', sites: ['github.com'] }));
  const hotp = await f.vault.add(input({ kind: 'hotp', issuer: 'Example', name: 'bob', secret: RFC4226, sites: ['www.example.com'] }));
  const send = (method: string, arg: unknown, sender: RawSender) => route({ twostep: 1, method, arg }, sender, ID, handlers);
  return { f, port, github, hotp, send, settings };
}

describe('fill.candidates', () => {
  it('names the accounts of the frame’s own site, and nothing secret', async () => {
    const { send, github } = await setup();
    const reply = await send('fill.candidates', null, frame('https://github.com'));
    expect(reply).toEqual({
      ok: true,
      value: { locked: false, site: 'github.com', accounts: [{ id: github.id, issuer: 'GitHub', name: 'alice' }], autoFill: false },
    });
  });

  it('matches a stored host by its registrable domain (www.example.com is example.com)', async () => {
    const { send, hotp } = await setup();
    const reply = (await send('fill.candidates', null, frame('https://login.example.com'))) as { value: { accounts: { id: string }[] } };
    expect(reply.value.accounts.map((a) => a.id)).toEqual([hotp.id]);
  });

  it('tells a look-alike page exactly what it tells a page that names no issuer: nothing about other accounts', async () => {
    const { send } = await setup();
    // Whatever the page says about itself (title, headings), the answer depends on its origin alone.
    const lookalike = await send('fill.candidates', { pageText: 'Sign in to GitHub' }, frame('https://github.com.evil.io'));
    expect(lookalike).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const asked = await send('fill.candidates', null, frame('https://github.com.evil.io'));
    expect(asked).toEqual({ ok: true, value: { locked: false, site: 'evil.io', accounts: [], autoFill: false } });
  });

  it('gives plain-http pages on a real host nothing, even the account’s own host (loopback http is allowed)', async () => {
    const { send, hotp } = await setup();
    for (const origin of ['http://example.com', 'http://www.example.com:8080']) {
      expect(await send('fill.candidates', null, frame(origin)), origin).toEqual({ ok: true, value: { locked: false, site: null, accounts: [], autoFill: false } });
      expect(await send('fill.code', { id: hotp.id, asked: true }, frame(origin)), origin).toEqual({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('is for content scripts only', async () => {
    const { send } = await setup();
    expect(await send('fill.candidates', null, popup)).toEqual({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('fill.code', () => {
  it('gives the current code to a frame of the account’s site only', async () => {
    const { send, github } = await setup();
    const expected = generateCodes(github, NOW).code;
    expect(await send('fill.code', { id: github.id, asked: true }, frame('https://github.com'))).toEqual({ ok: true, value: { code: expected } });
    for (const origin of ['https://github.com.evil.io', 'https://gist.github.io', 'http://127.0.0.1:8080', 'null']) {
      expect(await send('fill.code', { id: github.id, asked: true }, frame(origin)), origin).toEqual({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('takes the site from the sender’s origin, not from the frame URL or the message', async () => {
    const { send, github } = await setup();
    const sender = { ...frame('https://evil.io'), url: 'https://github.com/login' };
    expect(await send('fill.code', { id: github.id, asked: true }, sender)).toEqual({ ok: false, error: { code: 'forbidden' } });
    // A message cannot even name a site: the argument has no such field.
    expect(await send('fill.code', { id: github.id, asked: true, site: 'github.com' }, frame('https://evil.io'))).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('answers an unknown id like another site’s account', async () => {
    const { send } = await setup();
    expect(await send('fill.code', { id: 'f'.repeat(32), asked: true }, frame('https://github.com'))).toEqual({ ok: false, error: { code: 'forbidden' } });
  });

  it('HOTP: each fill gets the next counter once and stores the advance; a refused fill advances nothing', async () => {
    const { send, hotp, f } = await setup();
    const code = async (origin: string) => send('fill.code', { id: hotp.id, asked: true }, frame(origin));
    expect(await code('https://example.com')).toEqual({ ok: true, value: { code: '755224' } });
    expect(await code('https://evil.io')).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await code('https://www.example.com')).toEqual({ ok: true, value: { code: '287082' } });
    expect((await f.vault.get(hotp.id)).counter).toBe(2);
  });

  it(`HOTP: at most ${HOTP_FILLS_PER_MINUTE} advances per account per minute, counted in session storage (a stopped worker does not reset it)`, async () => {
    const s = await setup();
    let now = NOW;
    const services = testServices(s.f, () => now, { fill: s.port });
    const handlers = { 'fill.code': fillCode(services) } as Partial<Handlers> as Handlers;
    const code = () => route({ twostep: 1, method: 'fill.code', arg: { id: s.hotp.id, asked: true } }, frame('https://example.com'), ID, handlers);
    // Concurrent asks are counted one at a time too.
    const first = await Promise.all(Array.from({ length: HOTP_FILLS_PER_MINUTE }, () => code()));
    expect(first.every((r) => r?.ok)).toBe(true);
    expect(new Set(first.map((r) => JSON.stringify(r))).size).toBe(HOTP_FILLS_PER_MINUTE);
    expect(await code()).toEqual({ ok: false, error: { code: 'hotp_rate_limited' } });
    // A restarted worker builds new handlers; the count is still there.
    const restarted = testServices(s.f, () => now, { fill: s.port });
    const again = await route({ twostep: 1, method: 'fill.code', arg: { id: s.hotp.id, asked: true } }, frame('https://example.com'), ID, { 'fill.code': fillCode(restarted) } as Partial<Handlers> as Handlers);
    expect(again).toEqual({ ok: false, error: { code: 'hotp_rate_limited' } });
    expect((await s.f.vault.get(s.hotp.id)).counter).toBe(HOTP_FILLS_PER_MINUTE);
    // TOTP accounts are not limited by it, and a minute later HOTP fills again.
    expect(await s.send('fill.code', { id: s.github.id, asked: true }, frame('https://github.com'))).toMatchObject({ ok: true });
    now += 60_000;
    expect(await code()).toMatchObject({ ok: true });
    expect((await s.f.vault.get(s.hotp.id)).counter).toBe(HOTP_FILLS_PER_MINUTE + 1);
  });

  it('is for content scripts only', async () => {
    const { send, github } = await setup();
    expect(await send('fill.code', { id: github.id, asked: true }, popup)).toEqual({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('fill without asking', () => {
  it('is refused unless the user turned it on', async () => {
    const { send, github } = await setup();
    expect(await send('fill.code', { id: github.id, asked: false }, frame('https://github.com'))).toEqual({ ok: false, error: { code: 'forbidden' } });
  });

  it('fills the top frame or a frame of the top page’s site, never a frame inside another site’s page', async () => {
    const { send, github, settings } = await setup();
    await settings.set({ autoFill: true });
    const auto = (sender: RawSender) => send('fill.code', { id: github.id, asked: false }, sender);
    expect(await auto(frame('https://github.com'))).toMatchObject({ ok: true });
    expect(await auto(frame('https://github.com', 4, 'https://gist.github.com/x'))).toMatchObject({ ok: true });
    // The account's real site framed by an attacker's page: the frame's own origin is right, the top page is not.
    expect(await auto(frame('https://github.com', 4, 'https://evil.io/'))).toEqual({ ok: false, error: { code: 'forbidden' } });
    // No top URL known (no host access to the tab): not filled without asking.
    expect(await auto({ ...frame('https://github.com', 4), tab: { id: 7 } })).toEqual({ ok: false, error: { code: 'forbidden' } });
    // The candidates say the same, so the content script does not even try.
    expect(await send('fill.candidates', null, frame('https://github.com', 4, 'https://evil.io/'))).toMatchObject({ ok: true, value: { autoFill: false } });
    expect(await send('fill.candidates', null, frame('https://github.com'))).toMatchObject({ ok: true, value: { autoFill: true } });
  });

  it('never fills or advances an HOTP account', async () => {
    const { send, hotp, settings, f } = await setup();
    await settings.set({ autoFill: true });
    expect(await send('fill.candidates', null, frame('https://example.com'))).toMatchObject({ ok: true, value: { autoFill: false } });
    for (let i = 0; i < 15; i++) {
      expect(await send('fill.code', { id: hotp.id, asked: false }, frame('https://example.com'))).toEqual({ ok: false, error: { code: 'forbidden' } });
    }
    expect((await f.vault.get(hotp.id)).counter).toBe(0);
  });

  it('needs exactly one account for the site', async () => {
    const { send, github, settings, f } = await setup();
    await settings.set({ autoFill: true });
    await f.vault.add(input({ issuer: 'GitHub', name: 'work', secret: 'MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK', sites: ['github.com'] }));
    expect(await send('fill.candidates', null, frame('https://github.com'))).toMatchObject({ ok: true, value: { autoFill: false } });
    expect(await send('fill.code', { id: github.id, asked: false }, frame('https://github.com'))).toEqual({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('locked vault', () => {
  it('candidates say locked, codes are refused, fill.unlock remembers the sending frame, and unlocking tells it', async () => {
    const { send, port, github, f } = await setup();
    await f.vault.setPin('246810', 'pin', null);
    await f.vault.lock();
    expect(await send('fill.candidates', null, frame('https://github.com'))).toMatchObject({ ok: true, value: { locked: true, accounts: [] } });
    expect(await send('fill.code', { id: github.id, asked: true }, frame('https://github.com'))).toEqual({ ok: false, error: { code: 'vault_locked' } });
    expect(await send('fill.unlock', null, frame('https://github.com', 3))).toEqual({ ok: true, value: null });
    expect(port.unlockCalls).toEqual([{ tabId: 7, frameId: 3, documentId: 'doc-3' }]);
    expect(await send('vault.unlock', { secret: '246810' }, popup)).toMatchObject({ ok: true, value: { locked: false } });
    expect(port.afterUnlockCalls).toBe(1);
    // Open now: nothing to unlock, so no window.
    expect(await send('fill.unlock', null, frame('https://github.com', 3))).toEqual({ ok: true, value: null });
    expect(port.unlockCalls).toHaveLength(1);
  });
});

describe('popup side', () => {
  it('tab.context lists the accounts of the active tab’s site', async () => {
    const { send, github } = await setup();
    expect(await send('tab.context', null, popup)).toEqual({ ok: true, value: { site: 'github.com', pageUrl: 'https://github.com/sessions/two-factor', matching: [github.id], lookalike: null } });
  });

  it('tab.context offers nothing to fill on a plain-http page of the account’s host', async () => {
    const { send, port } = await setup();
    port.tab = { id: 7, url: 'http://github.com/login' };
    expect(await send('tab.context', null, popup)).toMatchObject({ ok: true, value: { matching: [] } });
  });

  it('tab.context warns about a look-alike tab from its title and headings', async () => {
    const { send, port } = await setup();
    port.tab = { id: 7, url: 'https://githu8.com/login' };
    port.text = 'Sign in to GitHub';
    expect(await send('tab.context', null, popup)).toEqual({
      ok: true,
      value: { site: 'githu8.com', pageUrl: null, matching: [], lookalike: { issuer: 'GitHub', site: 'github.com' } },
    });
  });

  it('fill.inTab reports a fill, a refusal, or no field', async () => {
    const { send, port, github } = await setup();
    port.outcomes = [{ filled: false, reason: 'no_field' }, { filled: true, host: 'github.com' }];
    expect(await send('fill.inTab', { id: github.id }, popup)).toEqual({ ok: true, value: { filled: true, host: 'github.com' } });
    expect(port.filled).toEqual([{ tabId: 7, id: github.id }]);
    port.outcomes = [{ filled: false, reason: 'site' }];
    expect(await send('fill.inTab', { id: github.id }, popup)).toEqual({ ok: false, error: { code: 'forbidden', detail: 'site' } });
    port.outcomes = [{ filled: false, reason: 'no_field' }];
    expect(await send('fill.inTab', { id: github.id }, popup)).toEqual({ ok: true, value: { filled: false, host: null } });
    expect(await send('fill.inTab', { id: github.id }, frame('https://github.com'))).toEqual({ ok: false, error: { code: 'forbidden' } });
  });
});
