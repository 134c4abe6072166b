/**
 * Every failure reaches the caller as a typed reply: the onMessage listener never rejects (a rejected
 * listener promise reaches the sender as a raw error message), and the log names a code or class only.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../../src/background/handlers';
import { messageListener, type Handlers, type RawSender } from '../../../src/background/router';
import { inBackground } from '../../../src/background/log';
import { TwostepError } from '../../../src/core/errors';
import { newFixture, testServices } from './vault-fixture';

const ID = 'lobokkdliegogheaenhmbeogjimongej';
const popup: RawSender = { id: ID, url: `chrome-extension://${ID}/src/popup/index.html` };
const SECRET = 'JBSWY3DPEHPK3PXP';

async function handlers(): Promise<Handlers> {
  return createHandlers(testServices(await newFixture(), () => 59_000));
}

const fine = { enforce: () => Promise.resolve(), touch: () => Promise.resolve() };
const envelope = (method: string) => ({ twostep: 1, method, arg: null });

/** Everything console.error was called with, as one string. */
function spyLog() {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  return () => JSON.stringify(spy.mock.calls.map((call) => call.map((a: unknown) => (a instanceof Error ? `Error(${a.message})` : a))));
}

afterEach(() => vi.restoreAllMocks());

describe('message listener', () => {
  it('an idle check that throws a plain Error replies internal, runs no handler, and logs no message', async () => {
    const logged = spyLog();
    const h = await handlers();
    const run = vi.spyOn(h['accounts.list'], 'run');
    const listen = messageListener(ID, h, { ...fine, enforce: () => Promise.reject(new Error(`storage broke near ${SECRET}`)) });
    await expect(listen(envelope('accounts.list'), popup)).resolves.toEqual({ ok: false, error: { code: 'internal' } });
    expect(run).not.toHaveBeenCalled();
    expect(logged()).toContain('Error');
    expect(logged()).not.toContain(SECRET);
  });

  it('an idle check that throws a TwostepError replies with its code', async () => {
    const listen = messageListener(ID, await handlers(), { ...fine, enforce: () => Promise.reject(new TwostepError('storage_failed', SECRET)) });
    await expect(listen(envelope('vault.state'), popup)).resolves.toEqual({ ok: false, error: { code: 'storage_failed', detail: SECRET } });
  });

  it('a handler that throws a TypeError replies internal and logs the class name only', async () => {
    const logged = spyLog();
    const h = await handlers();
    vi.spyOn(h['vault.state'], 'run').mockRejectedValue(new TypeError(`cannot read ${SECRET}`));
    await expect(messageListener(ID, h, fine)(envelope('vault.state'), popup)).resolves.toEqual({ ok: false, error: { code: 'internal' } });
    expect(logged()).toContain('TypeError');
    expect(logged()).not.toContain(SECRET);
  });

  it('a failing use record neither rejects nor changes the reply; other messages are left alone', async () => {
    const logged = spyLog();
    const listen = messageListener(ID, await handlers(), { ...fine, touch: () => Promise.reject(new RangeError(SECRET)) });
    await expect(listen(envelope('vault.state'), popup)).resolves.toMatchObject({ ok: true });
    expect(listen({ hello: 1 }, popup)).toBeUndefined();
    await vi.waitFor(() => expect(logged()).toContain('RangeError'));
    expect(logged()).not.toContain(SECRET);
  });
});

describe('inBackground', () => {
  it('catches a rejection and a synchronous throw, logging the class name only', async () => {
    const logged = spyLog();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      inBackground('start', () => Promise.reject(new Error(SECRET)));
      inBackground('menu', () => {
        throw new TypeError(SECRET);
      });
      await vi.waitFor(() => expect(logged()).toContain('TypeError'));
      await new Promise((r) => setTimeout(r, 10));
      expect(unhandled).not.toHaveBeenCalled();
      expect(logged()).not.toContain(SECRET);
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});

describe('worker entry', () => {
  it('starts fire-and-forget work only through inBackground (no unhandled start-up rejection)', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('../../../src/background/index.ts', import.meta.url), 'utf8');
    // `void promise` drops a rejection on the floor; `void (await x)` only discards a value.
    expect(source.split('\n').filter((line) => /\bvoid (?!\(await |=>)/.test(line))).toEqual([]);
  });
});
