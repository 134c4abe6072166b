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
import { input, newFixture, testServices } from './vault-fixture';

const ID = 'lobokkdliegogheaenhmbeogjimongej';
const NOW = 1_700_000_000_000;
const popup: RawSender = { id: ID, url: `chrome-extension://${ID}/src/popup/index.html` };
const frame = (origin: string, frameId = 0): RawSender => ({ id: ID, url: `${origin}/login`, origin, tab: { id: 7 }, frameId });
// RFC 4226 appendix D: the secret "12345678901234567890".
const RFC4226 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

class FakePort implements FillPort {
  tab: { id: number; url: string | null } | null = { id: 7, url: 'https://github.com/sessions/two-factor' };
  text = '';
  outcomes: FrameOutcome[] = [];
  unlockCalls: FrameRef[] = [];
  afterUnlockCalls = 0;
  filled: { tabId: number; id: string | null }[] = [];
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
    const reply = await send('fill.candidates', { pageText: 'Sign in to GitHub' }, frame('https://github.com'));
    expect(reply).toEqual({
      ok: true,
      value: { locked: false, site: 'github.com', accounts: [{ id: github.id, issuer: 'GitHub', name: 'alice' }], lookalike: null, autoFill: false },
    });
  });

  it('matches a stored host by its registrable domain (www.example.com is example.com)', async () => {
    const { send, hotp } = await setup();
    const reply = (await send('fill.candidates', { pageText: '' }, frame('https://login.example.com'))) as { value: { accounts: { id: string }[] } };
    expect(reply.value.accounts.map((a) => a.id)).toEqual([hotp.id]);
  });

  it('flags a page naming GitHub on another domain as a look-alike, with no accounts', async () => {
    const { send } = await setup();
    const reply = (await send('fill.candidates', { pageText: 'Sign in to GitHub' }, frame('https://github.com.evil.io'))) as { value: unknown };
    expect(reply.value).toMatchObject({ site: 'evil.io', accounts: [], lookalike: { issuer: 'GitHub', site: 'github.com' } });
  });

  it('is for content scripts only', async () => {
    const { send } = await setup();
    expect(await send('fill.candidates', { pageText: '' }, popup)).toEqual({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('fill.code', () => {
  it('gives the current code to a frame of the account’s site only', async () => {
    const { send, github } = await setup();
    const expected = generateCodes(github, NOW).code;
    expect(await send('fill.code', { id: github.id }, frame('https://github.com'))).toEqual({ ok: true, value: { code: expected } });
    for (const origin of ['https://github.com.evil.io', 'https://gist.github.io', 'http://127.0.0.1:8080', 'null']) {
      expect(await send('fill.code', { id: github.id }, frame(origin)), origin).toEqual({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('takes the site from the sender’s origin, not from the frame URL or the message', async () => {
    const { send, github } = await setup();
    const sender = { ...frame('https://evil.io'), url: 'https://github.com/login' };
    expect(await send('fill.code', { id: github.id }, sender)).toEqual({ ok: false, error: { code: 'forbidden' } });
    // A message cannot even name a site: the argument has no such field.
    expect(await send('fill.code', { id: github.id, site: 'github.com' }, frame('https://evil.io'))).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('answers an unknown id like another site’s account', async () => {
    const { send } = await setup();
    expect(await send('fill.code', { id: 'f'.repeat(32) }, frame('https://github.com'))).toEqual({ ok: false, error: { code: 'forbidden' } });
  });

  it('HOTP: each fill gets the next counter once and stores the advance; a refused fill advances nothing', async () => {
    const { send, hotp, f } = await setup();
    const code = async (origin: string) => send('fill.code', { id: hotp.id }, frame(origin));
    expect(await code('https://example.com')).toEqual({ ok: true, value: { code: '755224' } });
    expect(await code('https://evil.io')).toEqual({ ok: false, error: { code: 'forbidden' } });
    expect(await code('https://www.example.com')).toEqual({ ok: true, value: { code: '287082' } });
    expect((await f.vault.get(hotp.id)).counter).toBe(2);
    // Two at once still get two different codes (the vault serialises the read-modify-write).
    const [a, b] = await Promise.all([code('https://example.com'), code('https://example.com')]);
    expect(new Set([JSON.stringify(a), JSON.stringify(b)]).size).toBe(2);
    expect((await f.vault.get(hotp.id)).counter).toBe(4);
  });

  it('is for content scripts only', async () => {
    const { send, github } = await setup();
    expect(await send('fill.code', { id: github.id }, popup)).toEqual({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('locked vault', () => {
  it('candidates say locked, codes are refused, fill.unlock remembers the sending frame, and unlocking tells it', async () => {
    const { send, port, github, f } = await setup();
    await f.vault.setPin('246810', 'pin', null);
    await f.vault.lock();
    expect(await send('fill.candidates', { pageText: '' }, frame('https://github.com'))).toMatchObject({ ok: true, value: { locked: true, accounts: [] } });
    expect(await send('fill.code', { id: github.id }, frame('https://github.com'))).toEqual({ ok: false, error: { code: 'vault_locked' } });
    expect(await send('fill.unlock', null, frame('https://github.com', 3))).toEqual({ ok: true, value: null });
    expect(port.unlockCalls).toEqual([{ tabId: 7, frameId: 3 }]);
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
    expect(await send('tab.context', null, popup)).toEqual({ ok: true, value: { site: 'github.com', matching: [github.id], lookalike: null } });
  });

  it('tab.context warns about a look-alike tab from its title and headings', async () => {
    const { send, port } = await setup();
    port.tab = { id: 7, url: 'https://githu8.com/login' };
    port.text = 'Sign in to GitHub';
    expect(await send('tab.context', null, popup)).toEqual({
      ok: true,
      value: { site: 'githu8.com', matching: [], lookalike: { issuer: 'GitHub', site: 'github.com' } },
    });
  });

  it('fill.inTab reports a fill, a refusal, or no field', async () => {
    const { send, port, github } = await setup();
    port.outcomes = [{ filled: false, reason: 'no_field' }, { filled: true }];
    expect(await send('fill.inTab', { id: github.id }, popup)).toEqual({ ok: true, value: { filled: true } });
    expect(port.filled).toEqual([{ tabId: 7, id: github.id }]);
    port.outcomes = [{ filled: false, reason: 'site' }];
    expect(await send('fill.inTab', { id: github.id }, popup)).toEqual({ ok: false, error: { code: 'forbidden', detail: 'site' } });
    port.outcomes = [{ filled: false, reason: 'no_field' }];
    expect(await send('fill.inTab', { id: github.id }, popup)).toEqual({ ok: true, value: { filled: false } });
    expect(await send('fill.inTab', { id: github.id }, frame('https://github.com'))).toEqual({ ok: false, error: { code: 'forbidden' } });
  });
});
