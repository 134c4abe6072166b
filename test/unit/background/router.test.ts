import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/background/handlers';
import { classifySender, route, type RawSender } from '../../../src/background/router';
import { input, newFixture, testServices } from './vault-fixture';

const ID = 'lobokkdliegogheaenhmbeogjimongej';
const popup: RawSender = { id: ID, url: `chrome-extension://${ID}/src/popup/index.html` };
const content: RawSender = { id: ID, url: 'https://github.com/login', origin: 'https://github.com', tab: { id: 4 }, frameId: 0 };

async function setup() {
  const f = await newFixture();
  const handlers = createHandlers(testServices(f, () => 59_000));
  return { f, send: (message: unknown, sender: RawSender = popup) => route(message, sender, ID, handlers) };
}

describe('classifySender', () => {
  it.each([
    ['our popup', popup, 'extension'],
    ['a content script in a tab', content, 'content'],
    ['another extension', { ...popup, id: 'x'.repeat(32) }, null],
    ['an extension url of another id', { id: ID, url: `chrome-extension://${'a'.repeat(32)}/x.html` }, null],
    ['a web url without a tab', { id: ID, url: 'https://evil.example/' }, null],
    ['no url', { id: ID }, null],
  ] as const)('%s', (_name, sender, kind) => {
    expect(classifySender(sender, ID)?.kind ?? null).toBe(kind);
  });

  it('takes a content script origin from the browser, not from the page URL path', () => {
    expect(classifySender({ ...content, url: 'https://github.com.evil.example/', origin: 'https://github.com.evil.example' }, ID)?.origin).toBe(
      'https://github.com.evil.example',
    );
  });

  it('passes on the sending document and the tab’s top URL as the browser reports them, or null', () => {
    const framed = { ...content, frameId: 3, documentId: 'D0C', tab: { id: 4, url: 'https://evil.example/' } };
    expect(classifySender(framed, ID)).toMatchObject({ frameId: 3, documentId: 'D0C', tabUrl: 'https://evil.example/' });
    expect(classifySender(content, ID)).toMatchObject({ documentId: null, tabUrl: null });
  });
});

describe('route', () => {
  it('ignores messages that are not ours', async () => {
    const { send } = await setup();
    await expect(send({ method: 'accounts.list', arg: null })).resolves.toBeUndefined();
    await expect(send('hello')).resolves.toBeUndefined();
  });

  it('refuses an unknown method, a foreign sender, and a content script calling a popup method', async () => {
    const { send } = await setup();
    await expect(send({ twostep: 1, method: 'accounts.steal', arg: null })).resolves.toEqual({ ok: false, error: { code: 'unknown_method' } });
    await expect(send({ twostep: 1, method: 'toString', arg: null })).resolves.toEqual({ ok: false, error: { code: 'unknown_method' } });
    await expect(send({ twostep: 1, method: 'accounts.list', arg: null }, { ...popup, id: 'other' })).resolves.toEqual({
      ok: false,
      error: { code: 'forbidden' },
    });
    for (const method of ['accounts.list', 'accounts.reveal', 'accounts.add', 'vault.state']) {
      await expect(send({ twostep: 1, method, arg: null }, content)).resolves.toEqual({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('validates arguments and reports field errors as codes', async () => {
    const { send } = await setup();
    const bad = await send({ twostep: 1, method: 'accounts.add', arg: { input: { ...input(), secret: 'not base32!' } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'secret_not_base32' } });
    await expect(send({ twostep: 1, method: 'accounts.remove', arg: { id: '../../etc' } })).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad_request' },
    });
    await expect(send({ twostep: 1, method: 'accounts.list', arg: { extra: 1 } })).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });

  it('adds from a URI and lists codes but never the secret', async () => {
    const { send } = await setup();
    // RFC 6238 appendix B, SHA-1 at T = 59 s: 94287082 (8 digits).
    const uri = 'otpauth://totp/Example:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example&digits=8';
    const added = await send({ twostep: 1, method: 'accounts.addUri', arg: { uri, site: null } });
    expect(added).toMatchObject({ ok: true });
    const list = await send({ twostep: 1, method: 'accounts.list', arg: null });
    expect(list).toMatchObject({ ok: true, value: [{ issuer: 'Example', name: 'alice', codes: { code: '94287082' } }] });
    expect(JSON.stringify(list)).not.toContain('GEZDGNBV');
  });

  it('advances HOTP once per call and refuses it for TOTP', async () => {
    const { send } = await setup();
    const r = await send({ twostep: 1, method: 'accounts.add', arg: { input: input({ kind: 'hotp', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }) } });
    if (!r?.ok) throw new Error('add failed');
    const id = (r.value as { id: string }).id;
    // RFC 4226 appendix D: counter 0 → 755224, counter 1 → 287082.
    expect(r.value).toMatchObject({ counter: 0, codes: { code: '755224' } });
    await expect(send({ twostep: 1, method: 'accounts.hotpNext', arg: { id } })).resolves.toMatchObject({
      ok: true,
      value: { counter: 1, codes: { code: '287082' } },
    });
    const t = await send({ twostep: 1, method: 'accounts.add', arg: { input: input() } });
    const tid = (t as { value: { id: string } }).value.id;
    await expect(send({ twostep: 1, method: 'accounts.hotpNext', arg: { id: tid } })).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});
